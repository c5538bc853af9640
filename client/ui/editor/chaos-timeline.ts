// The chaos plan on a time axis: each step (`roles.chaos.plan[i]`: at, action) is a marker at its time over the
// level's time limit, with its own row of fields below. A marker is a button: drag it, or focus it and press the
// arrow keys (half a second; with Shift five), Home and End, or Delete; its time is also a field of its row. The
// actions offered are the ones the level lets the chaos role take (roles.chaos.actions).

import { isNodeRef, NODE_REF_WORDS, NODE_REFS } from "../../../shared/levels/level-action";
import { clusterNodes } from "../../../shared/levels/schema";
import { h, setText } from "../dom";
import { getAt, listAt, setAt } from "./draft";
import { boundField, type EditorContext, idFor, type Kind } from "./form";
import { actionFields, defaultAction, type SchemaField } from "./schema-fields";

const PLAN = ["roles", "chaos", "plan"] as const;
const STEP_MS = 500;
const BIG_STEP_MS = 5000;

/** The glyph of each kind of fault, so the axis does not speak by colour alone. */
function glyph(type: string): string {
  if (type.startsWith("restart") || type === "heal" || type === "replace-drive") return "▲";
  if (["cut", "partition", "latency", "loss", "skew"].includes(type)) return "◆";
  return "✕";
}

export function chaosTimeline(ctx: EditorContext): HTMLElement {
  const chaos = getAt(ctx.draft, ["roles", "chaos"]);
  const section = h("fieldset", { class: "ed-section", id: "ed-chaos" }, h("legend", {}, "Chaos plan"));
  if (!chaos) {
    section.append(h("p", { class: "hint" }, "This level has no chaos agent. Let players be the chaos agent (under Roles) to plan chaos events."));
    return section;
  }
  const limit = Math.max(1000, Number(ctx.draft.timeLimitMs) || 60_000);
  const steps = listAt(ctx.draft, PLAN) as { at?: unknown; action?: Record<string, unknown> }[];
  const allowed = (getAt(ctx.draft, ["roles", "chaos", "actions"]) as string[] | undefined) ?? [];
  const nodes = nodeIds(ctx);
  const x = (at: number) => `${(Math.min(Math.max(at, 0), limit) / limit) * 100}%`;

  const axis = h("div", { class: "ed-axis", role: "group", "aria-label": `Chaos timeline from 0 to ${secondsText(limit)}`, "aria-describedby": "ed-axis-help" });
  for (const t of tickTimes(limit)) axis.append(h("span", { class: "ed-tick", style: `left:${x(t)}`, "aria-hidden": "true" }, `${t / 1000} s`));
  const live = h("p", { class: "sr-only", "aria-live": "polite" });
  const markers = steps.map((step, i) => marker(ctx, i, step, limit, x, live));
  axis.style.setProperty("--lanes", String(spreadLanes(markers, steps, limit)));
  axis.append(...markers);

  const add = h("button", { type: "button", class: "primary" }, "Add a chaos step");
  add.disabled = allowed.length === 0;
  add.addEventListener("click", () => {
    const last = Math.max(0, ...steps.map((s) => Number(s.at) || 0));
    steps.push({ at: Math.min(limit, steps.length === 0 ? Math.round(limit / 4 / 1000) * 1000 : last + BIG_STEP_MS), action: defaultAction(allowed[0], nodes) });
    ctx.changed();
    ctx.rebuild();
    document.getElementById(markerId(steps.length - 1))?.focus();
  });

  section.append(
    h("p", { class: "hint", id: "ed-axis-help" }, "When no person plays the chaos agent, its bot plays these steps within the budget. Select a marker and move it with the arrow keys (Shift: 5 s), Home and End; Delete removes it. Or drag it."),
    axis,
    live,
    h("div", { class: "row" }, add, allowed.length === 0 ? h("span", { class: "hint" }, "Allow the chaos agent some actions first (under Roles).") : null),
    h("ol", { class: "ed-list ed-plan-steps" }, ...steps.map((step, i) => h("li", {}, stepRow(ctx, i, step, allowed, nodes, limit)))),
  );
  return section;
}

function markerId(i: number): string {
  return `ed-marker-${i}`;
}

function marker(ctx: EditorContext, i: number, step: { at?: unknown; action?: Record<string, unknown> }, limit: number, x: (at: number) => string, live: HTMLElement): HTMLButtonElement {
  const type = String(step.action?.type ?? "?");
  const target = step.action?.node ?? step.action?.from ?? "";
  const short = `${type}${target ? ` ${String(target)}` : ""}`;
  const button = h("button", { type: "button", class: "ed-marker", id: markerId(i), "data-type": type }, h("span", { class: "ed-glyph", "aria-hidden": "true" }, glyph(type)), ` ${short}`);
  const label = () => `Step ${i + 1}: ${short} at ${secondsText(Number(step.at) || 0)}`;
  const place = () => {
    button.style.left = x(Number(step.at) || 0);
    button.setAttribute("aria-label", label());
  };
  place();
  const moveTo = (at: number) => {
    const clamped = Math.min(limit, Math.max(0, Math.round(at / 100) * 100));
    setAt(ctx.draft, [...PLAN, i, "at"], clamped);
    place();
    const input = document.getElementById(idFor([...PLAN, i, "at"])) as HTMLInputElement | null;
    if (input) input.value = String(clamped / 1000);
    setText(live, label());
    ctx.changed();
  };
  button.addEventListener("keydown", (e) => {
    const at = Number(step.at) || 0;
    const by = e.shiftKey ? BIG_STEP_MS : STEP_MS;
    const moves: Record<string, number> = { ArrowLeft: at - by, ArrowDown: at - by, ArrowRight: at + by, ArrowUp: at + by, Home: 0, End: limit, PageDown: at - BIG_STEP_MS, PageUp: at + BIG_STEP_MS };
    if (e.key in moves) {
      e.preventDefault();
      moveTo(moves[e.key]);
    } else if (e.key === "Delete" || e.key === "Backspace") {
      e.preventDefault();
      removeStep(ctx, i);
    }
  });
  button.addEventListener("click", () => document.getElementById(idFor([...PLAN, i, "at"]))?.scrollIntoView({ block: "nearest" }));
  button.addEventListener("pointerdown", (e) => {
    const axis = button.parentElement;
    if (!axis) return;
    button.setPointerCapture(e.pointerId);
    const follow = (m: PointerEvent) => {
      const box = axis.getBoundingClientRect();
      moveTo(((m.clientX - box.left) / box.width) * limit);
    };
    const stop = () => {
      button.removeEventListener("pointermove", follow);
      button.removeEventListener("pointerup", stop);
      button.removeEventListener("pointercancel", stop);
    };
    button.addEventListener("pointermove", follow);
    button.addEventListener("pointerup", stop);
    button.addEventListener("pointercancel", stop);
  });
  return button;
}

/** Markers close in time go on lower lanes so their labels do not cover each other; returns the lanes used. */
function spreadLanes(markers: HTMLElement[], steps: { at?: unknown }[], limit: number): number {
  const order = steps.map((s, i) => ({ i, at: Number(s.at) || 0 })).sort((a, b) => a.at - b.at);
  const lastInLane: number[] = [];
  for (const { i, at } of order) {
    let lane = lastInLane.findIndex((t) => at - t > limit * 0.16);
    if (lane < 0) lane = lastInLane.length;
    lastInLane[lane] = at;
    markers[i].style.setProperty("--lane", String(Math.min(lane, 3)));
  }
  return Math.max(1, Math.min(lastInLane.length, 4));
}

function removeStep(ctx: EditorContext, i: number): void {
  listAt(ctx.draft, PLAN).splice(i, 1);
  ctx.changed();
  ctx.rebuild();
  (document.getElementById(markerId(Math.max(0, i - 1))) ?? document.getElementById("ed-chaos"))?.focus();
}

function stepRow(ctx: EditorContext, i: number, step: { action?: Record<string, unknown> }, allowed: string[], nodes: string[], limit: number): HTMLElement {
  const path = [...PLAN, i];
  const type = String(step.action?.type ?? "");
  const typeField = boundField(ctx, [...path, "action", "type"], "Action", { kind: "select", options: allowed.map((t) => ({ value: t, label: t })) }, {
    after: () => {
      setAt(ctx.draft, [...path, "action"], defaultAction(String(getAt(ctx.draft, [...path, "action", "type"])), nodes));
      ctx.rebuild();
    },
  });
  const remove = h("button", { type: "button", class: "link-button", "aria-label": `Remove step ${i + 1}` }, "Remove");
  remove.addEventListener("click", () => removeStep(ctx, i));
  // The marker follows as the time is typed; the rows are rebuilt (lanes, order) once it is entered.
  const at = boundField(ctx, [...path, "at"], "At (seconds)", { kind: "seconds", max: limit }, {
    after: () => {
      const markerEl = document.getElementById(markerId(i));
      const ms = Number(getAt(ctx.draft, [...path, "at"])) || 0;
      if (markerEl) markerEl.style.left = `${(Math.min(Math.max(ms, 0), limit) / limit) * 100}%`;
    },
    commit: () => ctx.rebuild(),
  });
  return h(
    "fieldset",
    { class: "ed-plan-step" },
    h("legend", {}, `Step ${i + 1}`),
    h("div", { class: "ed-grid" }, at, typeField, ...actionFields(type).map((f) => actionField(ctx, [...path, "action", f.name], f, nodes))),
    remove,
  );
}

export function actionField(ctx: EditorContext, path: (string | number)[], f: SchemaField, nodes: string[]): HTMLElement {
  const suffix = f.optional ? " (optional)" : "";
  const name = `${f.name.charAt(0).toUpperCase()}${f.name.slice(1)}${suffix}`;
  const options = { optional: f.optional };
  if (f.kind === "node") {
    const choices = [
      ...(f.optional ? [{ value: "", label: "(none)" }] : []),
      ...nodes.map((n) => ({ value: n, label: n })),
      ...NODE_REFS.map((r) => ({ value: r, label: `${r}: ${NODE_REF_WORDS[r]}` })),
    ];
    const current = getAt(ctx.draft, path);
    if (typeof current === "string" && !isNodeRef(current) && !nodes.includes(current)) choices.push({ value: current, label: current });
    return boundField(ctx, path, name, { kind: "select", options: choices }, options);
  }
  const kind: Kind =
    f.kind === "number"
      ? { kind: "number", integer: f.integer, min: f.min, max: f.max }
      : f.kind === "boolean"
        ? { kind: "check" }
        : f.kind === "enum"
          ? { kind: "select", options: [...(f.optional ? [{ value: "", label: "(none)" }] : []), ...f.options.map((o) => ({ value: o, label: o }))] }
          : f.kind === "json"
            ? { kind: "json" }
            : { kind: "text" };
  return boundField(ctx, path, f.kind === "json" ? `${name} (JSON)` : name, kind, options);
}

function nodeIds(ctx: EditorContext): string[] {
  try {
    return clusterNodes({ cluster: { nodes: getAt(ctx.draft, ["cluster", "nodes"]) as never, config: {} } });
  } catch {
    return [];
  }
}

function tickTimes(limit: number): number[] {
  const step = [1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000].find((s) => limit / s <= 10) ?? 600_000;
  const out: number[] = [];
  for (let t = 0; t <= limit; t += step) out.push(t);
  return out;
}

function secondsText(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}
