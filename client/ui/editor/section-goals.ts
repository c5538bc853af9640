// "Winning and losing": the objectives (all must be met) and losing conditions (any one loses), each picked from the
// predicate vocabulary (shared/levels/predicates.ts) with the fields its type has. A metric names one of the
// system's metrics, an invariant one of its invariants; `afterGoal` one of the goals listed before.

import { type Predicate, predicateText } from "../../../shared/levels/predicates";
import { findSystem } from "../../../shared/systems/registry";
import { h } from "../dom";
import { getAt, listAt, setAt } from "./draft";
import { boundField, type EditorContext, type Kind } from "./form";
import { PREDICATE_TYPES, predicateFields, type SchemaField } from "./schema-fields";

const TYPE_WORDS: Record<string, string> = {
  "leader-elected": "a leader is elected",
  "writes-committed": "writes are committed",
  survive: "hold out to the time limit",
  "no-leader-for": "no leader for a while",
  "invariant-violated": "a safety invariant breaks",
  "ops-failed-ratio": "too many requests fail",
  "slow-ops": "too many requests are slow",
  "stale-reads": "a client reads a stale value",
  metric: "a metric of the system",
};

/** Fields that are times in ms: typed in seconds. */
const TIME_FIELDS = new Set(["after", "within", "ms", "holdMs"]);

type List = "objectives" | "lose";

export function goalsSection(ctx: EditorContext): HTMLElement {
  return h(
    "fieldset",
    { class: "ed-section", id: "ed-goals" },
    h("legend", {}, "Winning and losing"),
    predicateList(ctx, "objectives"),
    predicateList(ctx, "lose"),
  );
}

function predicateList(ctx: EditorContext, list: List): HTMLElement {
  const items = listAt(ctx.draft, [list]) as Record<string, unknown>[];
  const noun = list === "objectives" ? "Goal" : "Losing condition";
  const add = h("button", { type: "button" }, list === "objectives" ? "Add a goal" : "Add a losing condition");
  add.addEventListener("click", () => {
    const used = new Set(items.map((p) => p.id));
    let n = items.length + 1;
    while (used.has(`${list === "objectives" ? "goal" : "lose"}-${n}`)) n++;
    const type = list === "objectives" ? "survive" : "ops-failed-ratio";
    items.push(withRequired({ type, id: `${list === "objectives" ? "goal" : "lose"}-${n}` }));
    ctx.changed();
    ctx.rebuild();
    document.getElementById(`ed-${list}-${items.length - 1}-type`)?.focus();
  });
  const slot = h("p", { class: "field-error", id: `ed-${list}-error` });
  const heading = h("h3", { class: "subhead", id: `ed-${list}`, tabindex: -1, "aria-describedby": slot.id }, list === "objectives" ? "Goals: all must be met to win" : "Losing conditions: any one loses");
  ctx.register([list], heading, slot);
  return h("div", { class: "ed-predicates" }, heading, slot, h("ol", { class: "ed-list" }, ...items.map((p, i) => h("li", {}, predicateBlock(ctx, list, i, p, noun)))), add);
}

function predicateBlock(ctx: EditorContext, list: List, index: number, p: Record<string, unknown>, noun: string): HTMLElement {
  const path = [list, index];
  const type = String(p.type ?? "");
  const types = list === "lose" ? PREDICATE_TYPES.filter((t) => t !== "survive") : PREDICATE_TYPES;
  const typeField = boundField(
    ctx,
    [...path, "type"],
    "When",
    { kind: "select", options: types.map((t) => ({ value: t, label: `${t}: ${TYPE_WORDS[t] ?? t}` })) },
    {
      after: () => {
        // Another type has other fields: keep id and wording, start its own fields afresh.
        const now = getAt(ctx.draft, path) as Record<string, unknown>;
        setAt(ctx.draft, path, withRequired({ type: now.type, id: now.id, ...(now.text ? { text: now.text } : {}) }));
        ctx.rebuild();
      },
    },
  );
  let generated = "";
  try {
    generated = predicateText({ ...p, text: undefined } as Predicate, Number(ctx.draft.timeLimitMs) || 0);
  } catch {
    // A half-written predicate has no wording yet.
  }
  const remove = h("button", { type: "button", class: "link-button", "aria-label": `Remove ${noun.toLowerCase()} ${index + 1} (${String(p.id ?? "")})` }, "Remove");
  remove.addEventListener("click", () => {
    listAt(ctx.draft, [list]).splice(index, 1);
    ctx.changed();
    ctx.rebuild();
    document.getElementById(`ed-${list}`)?.focus();
  });
  const earlierGoals = (listAt(ctx.draft, ["objectives"]) as Record<string, unknown>[]).slice(0, list === "objectives" ? index : undefined).map((g) => String(g.id ?? ""));
  return h(
    "fieldset",
    { class: "ed-predicate" },
    h("legend", {}, `${noun} ${index + 1}`),
    h(
      "div",
      { class: "ed-grid" },
      typeField,
      boundField(ctx, [...path, "id"], "Id", { kind: "text", maxlength: 40 }),
      ...predicateFields(type).map((f) => predicateField(ctx, path, f, earlierGoals)),
    ),
    boundField(ctx, [...path, "text"], "Wording shown to players (optional)", { kind: "text", maxlength: 200, placeholder: generated }, { optional: true, hint: generated ? `Left empty, players read: "${generated}"` : undefined }),
    remove,
  );
}

function predicateField(ctx: EditorContext, path: (string | number)[], f: SchemaField, earlierGoals: string[]): HTMLElement {
  const at = [...path, f.name];
  const system = findSystem(String(ctx.draft.system ?? ""));
  const optional = { optional: f.optional };
  const suffix = f.optional ? " (optional)" : "";
  if (f.name === "afterGoal") {
    return boundField(ctx, at, "Only after goal", { kind: "select", options: [{ value: "", label: "(from the start)" }, ...earlierGoals.map((g) => ({ value: g, label: g }))] }, optional);
  }
  if (f.name === "name" && system) {
    const getType = String(getAt(ctx.draft, [...path, "type"]));
    const names = getType === "metric" ? Object.entries(system.metrics ?? {}).map(([n, what]) => ({ value: n, label: `${n}: ${what}`.slice(0, 90) })) : system.invariants().map((inv) => ({ value: inv.name, label: inv.name }));
    return boundField(ctx, at, getType === "metric" ? "Metric" : `Invariant${suffix}`, { kind: "select", options: getType === "metric" ? names : [{ value: "", label: "(any)" }, ...names] }, optional);
  }
  const kind: Kind =
    TIME_FIELDS.has(f.name) && f.kind === "number"
      ? { kind: "seconds" }
      : f.kind === "number"
        ? { kind: "number", integer: f.integer, min: f.min, max: f.max, step: f.integer ? 1 : 0.01 }
        : f.kind === "boolean"
          ? { kind: "check" }
          : { kind: "text" };
  const words: Record<string, string> = { after: "After (s)", within: "Within (s)", ms: "For (s)", holdMs: "Held for (s)", count: "How many", above: "Above", minOps: "Fewest ops judged", newNode: "A different node than before", atMost: "At most", atLeast: "At least" };
  return boundField(ctx, at, `${words[f.name] ?? f.name}${f.kind === "boolean" ? "" : suffix}`, kind, optional);
}

/** A predicate with a valid value in each required field, so a new one starts out valid. */
function withRequired(p: Record<string, unknown>): Record<string, unknown> {
  const out = { ...p };
  for (const f of predicateFields(String(p.type))) {
    if (f.optional || out[f.name] !== undefined) continue;
    out[f.name] = f.kind === "number" ? (f.name === "above" ? 0.5 : f.name === "ms" ? 5000 : 1) : f.kind === "boolean" ? false : "";
  }
  if (p.type === "metric" && out.atMost === undefined && out.atLeast === undefined) out.atMost = 0;
  return out;
}
