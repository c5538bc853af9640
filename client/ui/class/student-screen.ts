// A student's class screen between games: who they are in the class, the teacher's message and question, and the
// way (back) into their group's game. Most of the time it shows only for a moment, while the game opens.

import type { ClassStateView } from "../../net/class-state";
import type { ClassLink } from "../../net/class-link";
import { h, setText } from "../dom";
import { setModal } from "../hosts";
import { groupName, seatWords, spokenCode, spotlightWords } from "./class-words";
import { rejoinMyGame } from "./enter-class";
import { createPollCard } from "./poll-card";

export function mountStudentScreen(host: HTMLElement, link: ClassLink): () => void {
  const code = h("span", { class: "big-code" });
  const level = h("p", { class: "tagline" });
  const who = h("p", { class: "class-me" });
  const waiting = h("p", { class: "hint", role: "status" });
  const enter = h("button", { type: "button", class: "primary" }, "Back into my group's game");
  enter.addEventListener("click", () => rejoinMyGame());
  const leave = h("button", { type: "button" }, "Leave the class");
  leave.addEventListener("click", () => void link.leave());
  const message = h("p", { class: "broadcast", "aria-live": "polite" });
  const spotlight = h("p", { class: "spotlight-note" });
  const poll = createPollCard(link);
  const card = h(
    "div",
    { class: "card", role: "region", "aria-labelledby": "class-title" },
    h("h1", { id: "class-title", tabindex: -1 }, "Your class"),
    h("div", { class: "share" }, h("span", { class: "hint" }, "Class code"), code),
    level,
    who,
    message,
    spotlight,
    poll.el,
    waiting,
    h("div", { class: "row" }, enter, leave),
  );

  const update = (state: ClassStateView) => {
    setText(code, state.code);
    code.setAttribute("aria-label", `Class code ${spokenCode(state.code)}`);
    setText(level, state.levelTitle);
    const me = link.me();
    if (me) setText(who, `${me.name} · ${me.group ? groupName(me.group) : "no group yet"} · ${seatWords(me)}${me.team ? ` · Team ${me.team}` : ""} · Score ${me.score}`);
    const mine = link.mine();
    const placed = Boolean(mine?.gameCode && mine.ticket);
    setText(waiting, placed ? "" : "Your teacher is placing you in a group…");
    enter.hidden = !placed;
    setText(message, state.broadcast.text ? `Teacher: ${state.broadcast.text}` : "");
    const spot = spotlightWords(state.roster.get(state.spotlight), me?.studentId ?? "");
    setText(spotlight, spot);
    spotlight.hidden = spot === "";
    poll.update(state);
  };

  host.replaceChildren(card);
  host.classList.add("class-page");
  host.hidden = false;
  setModal(true);
  const off = link.onState(update);
  if (link.state) update(link.state);
  card.querySelector<HTMLElement>("#class-title")?.focus();
  return () => {
    off();
    host.replaceChildren();
    host.classList.remove("class-page");
    host.hidden = true;
    setModal(false);
  };
}
