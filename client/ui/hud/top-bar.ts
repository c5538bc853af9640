// The strip above everything: the level, the join code to share, the phase, the round clock and who you are.

import type { GameStateView } from "../../net/state";
import type { Session } from "../../session";
import { h, setText } from "../dom";
import { clock, roleLabel } from "../format";
import type { Panel } from "../panel";

export function phaseWord(state: GameStateView): { key: string; text: string } {
  if (state.phase === "won") return { key: "won", text: "Won" };
  if (state.phase === "lost") return { key: "lost", text: "Lost" };
  if (state.phase === "lobby") return { key: "lobby", text: "Waiting to start" };
  if (state.paused) return { key: "paused", text: "Paused" };
  return { key: "running", text: "Running" };
}

export function createTopBar(session: Session, actions: { changeRole: () => void; leave: () => void }): Panel {
  const level = h("span", { class: "level" });
  const code = h("strong", {});
  const codeChip = h("span", { class: "code-chip" }, "Code", code);
  const phase = h("span", { class: "phase-chip", role: "status" });
  const timer = h("span", { class: "timer", "aria-label": "" });
  const me = h("span", { class: "me" });
  const changeRole = h("button", { type: "button" }, "Change role");
  const leave = h("button", { type: "button" }, "Leave");
  changeRole.addEventListener("click", actions.changeRole);
  leave.addEventListener("click", actions.leave);

  const el = h(
    "div",
    { class: "topbar-inner", style: "display:contents" },
    h("span", { class: "brand" }, "Split ", h("span", {}, "Brain")),
    level,
    codeChip,
    h("span", { class: "spacer" }),
    phase,
    timer,
    me,
    changeRole,
    leave,
  );

  return {
    el,
    update(state) {
      setText(level, state.levelTitle || state.levelId);
      setText(code, state.code);
      codeChip.setAttribute("aria-label", `Join code ${state.code.split("").join(" ")}`);
      const p = phaseWord(state);
      phase.dataset.phase = p.key;
      setText(phase, p.text);
      const limit = state.timeLimitMs > 0 ? ` / ${clock(state.timeLimitMs)}` : "";
      setText(timer, `${clock(state.simTime)}${limit}`);
      timer.setAttribute("aria-label", `Round time ${clock(state.simTime)}${state.timeLimitMs > 0 ? ` of ${clock(state.timeLimitMs)}` : ""}`);
      const self = session.me();
      me.replaceChildren();
      if (self) {
        const role = self.role === "node" && self.node ? `Node ${self.node}` : roleLabel(self.role);
        me.append(h("strong", {}, self.name), ` · ${role}${self.host ? " · host" : ""}`);
      }
    },
  };
}
