// "Briefing, hints and debrief": what players read before, during and after the round.

import { h } from "../dom";
import { listAt } from "./draft";
import { boundField, type EditorContext } from "./form";

export function wordsSection(ctx: EditorContext): HTMLElement {
  const hints = listAt(ctx.draft, ["hints"]);
  const add = h("button", { type: "button" }, "Add a hint");
  add.addEventListener("click", () => {
    hints.push("");
    ctx.changed();
    ctx.rebuild();
    document.getElementById(`ed-hints-${hints.length - 1}`)?.focus();
  });
  return h(
    "fieldset",
    { class: "ed-section", id: "ed-words" },
    h("legend", {}, "Briefing, hints and debrief"),
    boundField(ctx, ["briefing"], "Briefing", { kind: "textarea", rows: 5, maxlength: 4000 }, { hint: "The situation and the goal, in plain words, without the answer." }),
    h("h3", { class: "subhead" }, "Hints: lead to the lever without naming it"),
    h(
      "ol",
      { class: "ed-list" },
      ...hints.map((_, i) => {
        const remove = h("button", { type: "button", class: "link-button", "aria-label": `Remove hint ${i + 1}` }, "Remove");
        remove.addEventListener("click", () => {
          hints.splice(i, 1);
          ctx.changed();
          ctx.rebuild();
        });
        return h("li", {}, boundField(ctx, ["hints", i], `Hint ${i + 1}`, { kind: "textarea", rows: 2, maxlength: 500 }), remove);
      }),
    ),
    add,
    boundField(ctx, ["debrief"], "Debrief", { kind: "textarea", rows: 5, maxlength: 8000 }, { hint: "Shown when the round ends: what happened and why, with the real system's words." }),
  );
}
