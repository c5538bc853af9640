// How the class is arranged: groups of N (re-formed as evenly as possible), students choosing their own roles, groups
// or one cluster for everyone, and the level (every group gets a fresh cluster of it).

import type { ClassStateView } from "../../net/class-state";
import type { ClassLink } from "../../net/class-link";
import type { Session } from "../../session";
import { MAX_GROUP_SIZE, MIN_GROUP_SIZE } from "../../../shared/protocol/class-messages";
import { h, uid } from "../dom";
import { appendLevelOptions } from "../menu/start-screen";
import { classAct } from "./class-act";

export function createClassSettings(session: Session, link: ClassLink): { el: HTMLElement; update(state: ClassStateView): void } {
  const status = h("p", { class: "status", role: "status" });

  const sizeId = uid("group-size");
  const size = h("input", { id: sizeId, type: "number", min: MIN_GROUP_SIZE, max: MAX_GROUP_SIZE, step: 1, value: 5, inputmode: "numeric" });
  const form = h("button", { type: "button" }, "Form groups");
  form.addEventListener("click", () => {
    const n = Number(size.value);
    void classAct(status, () => link.control({ op: "form-groups", size: n }), `Formed groups of up to ${n}.`);
  });
  const groupsRow = h("div", { class: "row end" }, h("div", { class: "field" }, h("label", { for: sizeId }, "Students per group"), size), form);

  const choiceId = uid("allow-choice");
  const choice = h("input", { id: choiceId, type: "checkbox" });
  choice.addEventListener("change", () => {
    const allowed = choice.checked;
    void classAct(status, () => link.control({ op: "allow-choice", allowed }), allowed ? "Students may now choose their own roles." : "You assign the roles again.");
  });

  const modeId = uid("mode");
  const mode = h("select", { id: modeId }, h("option", { value: "groups" }, "Groups, each on its own cluster"), h("option", { value: "whole" }, "One cluster for the whole class"));
  const switchMode = h("button", { type: "button" }, "Switch");
  switchMode.addEventListener("click", () => void classAct(status, () => link.control({ op: "mode", mode: mode.value }), mode.value === "whole" ? "Everyone now plays one cluster." : "The class now plays in groups."));

  const levelId = uid("class-level");
  const level = h("select", { id: levelId });
  appendLevelOptions(level, session.levels);
  const changeLevel = h("button", { type: "button" }, "Change level");
  changeLevel.addEventListener("click", () => {
    const title = level.selectedOptions[0]?.textContent ?? level.value;
    void classAct(status, () => link.control({ op: "level", level: level.value }), `Every group now plays ${title}.`);
  });

  const el = h(
    "section",
    { class: "console-panel settings-panel", "aria-labelledby": "settings-title" },
    h("h2", { id: "settings-title" }, "Arrange the class"),
    groupsRow,
    h("div", { class: "row tick" }, choice, h("label", { for: choiceId }, "Let students choose their own roles")),
    h("div", { class: "row end" }, h("div", { class: "field grow" }, h("label", { for: modeId }, "Format"), mode), switchMode),
    h("div", { class: "row end" }, h("div", { class: "field grow" }, h("label", { for: levelId }, "Level for every group"), level), changeLevel),
    status,
  );
  let shownLevel = "";
  let shownMode = "";
  let shownSize = 0;

  return {
    el,
    update(state) {
      if (document.activeElement !== choice) choice.checked = state.allowChoice;
      // Follow the class's own values, unless the teacher is choosing new ones right now.
      if (state.mode !== shownMode) {
        shownMode = state.mode;
        mode.value = state.mode;
      }
      if (state.levelId !== shownLevel) {
        shownLevel = state.levelId;
        level.value = state.levelId;
      }
      if (state.groupSize !== shownSize) {
        shownSize = state.groupSize;
        size.value = String(state.groupSize);
      }
      groupsRow.hidden = state.mode !== "groups";
    },
  };
}
