// Time for the whole class or for one group: start, pause, resume, step (one event while paused), restart and speed,
// sent as the class's own time ops (which fan out to the groups' games). Used once for "all groups" and once in
// every group's card, with the group in each button's name so a screen reader says which group it acts on.

import type { ClassGroupView } from "../../net/class-state";
import type { ClassLink } from "../../net/class-link";
import { h, syncOptions, uid } from "../dom";
import { speedWords } from "../controls/host-panel";
import { classAct } from "./class-act";

const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 50];

export interface TimeControls {
  el: HTMLElement;
  status: HTMLElement;
  update(groups: ClassGroupView[]): void;
}

/** `group` "" acts on every group; `who` names the target in words ("all groups", "Group 2"). */
export function createTimeControls(link: ClassLink, group: string, who: string): TimeControls {
  const status = h("p", { class: "status", role: "status" });
  const target = group ? { group } : {};
  const send = (op: string, okText: string, extra: Record<string, unknown> = {}) => classAct(status, () => link.control({ op, ...target, ...extra }), okText);
  const button = (label: string, run: () => unknown, className = "") => {
    const b = h("button", { type: "button", class: className, "aria-label": `${label} (${who})` }, label);
    b.addEventListener("click", () => void run());
    return b;
  };
  const start = button("Start", () => send("start", `Started (${who}).`), "primary");
  const pause = button("Pause", () => send("pause", `Paused (${who}).`));
  const resume = button("Resume", () => send("resume", `Resumed (${who}).`), "good");
  const step = button("Step", () => send("step", `Stepped one event (${who}).`));
  const restart = button("Restart", () => send("restart", `Restarted (${who}): waiting to start.`));
  const speedId = uid("speed");
  const speed = h("select", { id: speedId, "aria-label": `Speed (${who})` });
  syncOptions(speed, SPEEDS.map((s) => ({ value: String(s), label: `${s}×` })));
  speed.addEventListener("change", () => void send("speed", `Speed ${speedWords(Number(speed.value))} (${who}).`, { speed: Number(speed.value) }));
  const el = h("div", { class: "time-controls row" }, start, pause, resume, step, restart, h("span", { class: "speed-pick" }, h("label", { for: speedId }, "Speed"), speed));

  return {
    el,
    status,
    update(groups) {
      const any = (test: (g: ClassGroupView) => boolean) => groups.some(test);
      const running = (g: ClassGroupView) => g.phase === "running";
      start.disabled = !any((g) => g.phase === "lobby");
      pause.disabled = !any((g) => running(g) && !g.paused);
      resume.disabled = !any((g) => running(g) && g.paused);
      step.disabled = resume.disabled;
      restart.disabled = !any((g) => g.phase !== "lobby" || g.simTime > 0);
      // The select shows the speed the groups share; a mixed class shows the first group's until one is picked.
      const current = groups[0]?.speed;
      if (current !== undefined && document.activeElement !== speed) {
        const value = String(Math.round(current * 1000) / 1000);
        if (![...speed.options].some((o) => o.value === value)) speed.append(h("option", { value }, `${value}×`));
        speed.value = value;
      }
    },
  };
}
