// The class, above a member's game: the class code, who they are in it (group, role, team, score), the teacher's
// message (announced by screen readers), the spotlight, the open question to vote on, and for the teacher the way
// back to the console. It sits above the game's own top bar, and shows only while that bar does (styles.css), that
// is while a game is open.

import type { ClassStateView } from "../../net/class-state";
import type { ClassLink } from "../../net/class-link";
import type { Session } from "../../session";
import { h, setText } from "../dom";
import { createRoleChoice } from "./role-choice";
import { groupName, seatWords, spokenCode, spotlightWords } from "./class-words";
import { createPollCard } from "./poll-card";

export function mountClassBar(app: HTMLElement, session: Session, link: ClassLink): () => void {
  const code = h("strong", {});
  const codeChip = h("span", { class: "code-chip" }, "Class", code);
  const who = h("span", { class: "class-me" });
  const connection = h("span", { class: "class-connection", role: "status" });
  const back = h("button", { type: "button", class: "primary", hidden: true }, "Back to the class console");
  back.addEventListener("click", () => void session.leave(true));
  const choice = createRoleChoice(session, link);
  const message = h("span", { class: "broadcast-text" });
  // The live region is always in the page (an element that appears with its text is not reliably announced).
  const broadcast = h("p", { class: "broadcast", "aria-live": "polite" }, h("strong", {}, "Teacher: "), message);
  const spotlight = h("p", { class: "spotlight-note" });
  const poll = createPollCard(link);
  const el = h(
    "section",
    { class: "class-bar", "aria-label": "Class" },
    h("div", { class: "class-strip" }, codeChip, who, connection, h("span", { class: "spacer" }), choice.el, back),
    broadcast,
    spotlight,
    poll.el,
  );
  app.prepend(el);

  const update = (state: ClassStateView) => {
    setText(code, state.code);
    codeChip.setAttribute("aria-label", `Class code ${spokenCode(state.code)}`);
    const me = link.me();
    if (me?.host) {
      const watching = findGroup(state, session.state?.code ?? "");
      setText(who, watching ? `Teacher · watching ${groupName(watching)}` : "Teacher");
    } else if (me) {
      setText(who, [me.name, me.group ? groupName(me.group) : "", seatWords(me), me.team ? `Team ${me.team}` : "", `Score ${me.score}`].filter(Boolean).join(" · "));
    }
    back.hidden = !me?.host;
    choice.update(state);
    setText(message, state.broadcast.text);
    broadcast.classList.toggle("empty", !state.broadcast.text);
    const spot = spotlightWords(state.roster.get(state.spotlight), me?.studentId ?? "");
    setText(spotlight, spot);
    spotlight.hidden = spot === "";
    poll.update(state);
  };

  const offState = link.onState(update);
  const offConnection = link.onConnection((connected) => setText(connection, connected ? "" : "Reconnecting to the class…"));
  // Another game opened: say which once its first state names it, rather than at the next class patch.
  const offAttach = session.onAttach(() => {
    const off = session.onState(() => {
      off();
      if (link.state) update(link.state);
    });
  });
  if (link.state) update(link.state);
  return () => {
    offState();
    offConnection();
    offAttach();
    el.remove();
  };
}

function findGroup(state: ClassStateView, gameCode: string): string {
  let id = "";
  state.groups.forEach((g) => {
    if (gameCode && g.gameCode === gameCode) id = g.id;
  });
  return id;
}
