// "About the level": what the level picker shows (title, concept, difficulty), its id, and how it runs in a room
// (speed, time limit).

import { MAX_SPEED, MIN_SPEED } from "../../../shared/protocol/messages";
import { h } from "../dom";
import { slugId } from "./draft";
import { boundField, type EditorContext, idFor } from "./form";

export function aboutSection(ctx: EditorContext): HTMLElement {
  const system = typeof ctx.draft.system === "string" ? ctx.draft.system : "?";
  return h(
    "fieldset",
    { class: "ed-section", id: "ed-about" },
    h("legend", {}, "About the level"),
    h("p", { class: "hint" }, `System: ${system}. To write for another system, start a new level from one of its levels (above).`),
    h(
      "div",
      { class: "ed-grid" },
      boundField(ctx, ["title"], "Title", { kind: "text", maxlength: 80 }, { after: idFollowingTitle(ctx, system) }),
      boundField(ctx, ["concept"], "Concept it teaches", { kind: "text", maxlength: 80 }),
      boundField(ctx, ["difficulty"], "Difficulty", { kind: "select", options: [1, 2, 3, 4, 5].map((d) => ({ value: String(d), label: `${d}${d === 1 ? " (first steps)" : d === 5 ? " (hardest)" : ""}` })) }, { after: () => numberAt(ctx, "difficulty") }),
      boundField(ctx, ["id"], "Level id", { kind: "text", maxlength: 64 }, { hint: `${system}/ and a slug; the server gives a saved level an id of its own.` }),
      boundField(ctx, ["timeLimitMs"], "Time limit (seconds)", { kind: "seconds" }),
      boundField(ctx, ["speed"], "Speed in a room", { kind: "number", min: MIN_SPEED, max: MAX_SPEED, step: 0.05 }, { hint: "Simulated ms per real ms: 0.25 plays four times slower than real time." }),
    ),
  );
}

/** A select stores text; the difficulty is a number in the file. */
function numberAt(ctx: EditorContext, key: string): void {
  const value = ctx.draft[key];
  if (typeof value === "string" && value !== "") ctx.draft[key] = Number(value);
}

/**
 * The id is made of the title until the author writes one of their own: retitling renames it too (a new level's id
 * starts as its title's slug, draft.ts).
 */
function idFollowingTitle(ctx: EditorContext, system: string): () => void {
  let previous = String(ctx.draft.title ?? "");
  return () => {
    const title = String(ctx.draft.title ?? "");
    if (ctx.draft.id === slugId(system, previous)) {
      ctx.draft.id = slugId(system, title);
      const input = document.getElementById(idFor(["id"])) as HTMLInputElement | null;
      if (input) input.value = String(ctx.draft.id);
    }
    previous = title;
  };
}
