// The teacher may also play: in a group's card, a seat picker (the level's roles and the group's nodes) and "Play
// this seat", then "Stop playing" to give it back to the bots. The class room checks the seat by the game's rules and
// answers beside the control; the teacher stays the group's host either way.

import type { ClassStateView, StudentView } from "../../net/class-state";
import type { ClassLink } from "../../net/class-link";
import { h, setText, syncOptions, uid } from "../dom";
import { classAct } from "./class-act";
import { seatChoices, seatOfChoice, teacherSeatWords } from "./class-words";

export interface HostSeat {
  el: HTMLElement;
  update(state: ClassStateView): void;
}

/** `group` is the group's id; `who` names it in words ("Group 2") for screen readers. */
export function createHostSeat(link: ClassLink, group: string, who: string): HostSeat {
  const status = h("p", { class: "status", role: "status" });
  const playing = h("p", { class: "hint" });
  const pickId = uid("host-seat");
  const pick = h("select", { id: pickId });
  const play = h("button", { type: "button", "aria-label": `Play this seat yourself (${who})` }, "Play this seat");
  const stop = h("button", { type: "button", "aria-label": `Stop playing (${who})`, hidden: true }, "Stop playing");
  play.addEventListener("click", () => {
    const seat = seatOfChoice(pick.value);
    void classAct(status, () => link.control({ op: "play", group, ...seat }), `You play ${pick.selectedOptions[0]?.text ?? "that seat"} in ${who}; you still host it.`);
  });
  stop.addEventListener("click", () => void classAct(status, () => link.control({ op: "stop-playing" }), "You only host again; a bot plays your seat."));
  const el = h(
    "div",
    { class: "host-seat" },
    h("div", { class: "row" }, h("label", { for: pickId }, `Play in ${who} as`), pick, play, stop),
    playing,
    status,
  );

  return {
    el,
    update(state) {
      syncOptions(pick, seatChoices(state.roles, state.nodes));
      let teacher: StudentView | undefined;
      state.roster.forEach((s) => {
        if (s.host) teacher = s;
      });
      const words = teacherSeatWords(teacher, group);
      setText(playing, words);
      playing.hidden = words === "";
      stop.hidden = words === "";
    },
  };
}
