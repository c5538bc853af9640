// "Proof": the solution (inputs that must win) and the naive play (the newcomer's inputs, which must lose), plus
// the level's own script. Each is a list of timed inputs, shown in words and edited as JSON; the solution is
// easiest recorded by test-playing the level ("Use my play as the solution").

import { seconds } from "../../../shared/debrief/words";
import { h } from "../dom";
import { getAt } from "./draft";
import { boundField, type EditorContext } from "./form";

export function playsSection(ctx: EditorContext): HTMLElement {
  return h(
    "fieldset",
    { class: "ed-section", id: "ed-plays" },
    h("legend", {}, "Proof: the solution and the naive play"),
    h("p", { class: "hint" }, "The solution must win and the naive play must lose: that proves the level can be won, and not by doing nothing. Record the solution by test-playing the level."),
    stepList(ctx, "solution", "Solution (must win)"),
    stepList(ctx, "naive", "Naive play (must lose; empty means doing nothing)"),
    h("details", { class: "ed-script" }, h("summary", {}, "The level's own script (timed events outside any budget)"), stepList(ctx, "script", "Script")),
  );
}

function stepList(ctx: EditorContext, key: "solution" | "naive" | "script", label: string): HTMLElement {
  const steps = getAt(ctx.draft, [key]);
  const list = Array.isArray(steps) ? (steps as Record<string, unknown>[]) : [];
  const words = list.map((s) => {
    const action = (s.action ?? {}) as Record<string, unknown>;
    const who = typeof s.role === "string" ? s.role : typeof s.as === "string" ? s.as : "level";
    const rest = Object.entries(action)
      .filter(([k]) => k !== "type")
      .map(([k, v]) => `${k} ${typeof v === "string" ? v : JSON.stringify(v)}`)
      .join(", ");
    return h("li", {}, `${seconds(Number(s.at) || 0)} · ${who}${s.node ? ` (${String(s.node)})` : ""}: ${String(action.type ?? "?")}${rest ? ` ${rest}` : ""}`);
  });
  return h(
    "div",
    { class: "ed-steps", "data-list": key },
    h("ol", { class: "ed-step-words", "aria-label": `${label} in words` }, ...words),
    boundField(ctx, [key], `${label}, as JSON`, { kind: "json", rows: Math.min(8, Math.max(2, list.length + 1)) }),
  );
}
