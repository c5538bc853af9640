// "Network and traffic": the links between nodes (latency, loss) and the bot clients' workload.

import { h } from "../dom";
import { getAt, setAt } from "./draft";
import { boundField, type EditorContext, idFor } from "./form";

export function trafficSection(ctx: EditorContext): HTMLElement {
  const mix = (getAt(ctx.draft, ["workload", "mix"]) ?? {}) as Record<string, unknown>;
  return h(
    "fieldset",
    { class: "ed-section", id: "ed-traffic" },
    h("legend", {}, "Network and traffic"),
    h(
      "div",
      { class: "ed-grid" },
      boundField(ctx, ["network", "latencyMs"], "Latency between nodes (ms)", { kind: "number", integer: true, min: 0 }),
      boundField(ctx, ["network", "jitterMs"], "Jitter (ms)", { kind: "number", integer: true, min: 0 }, { optional: true }),
      boundField(ctx, ["network", "loss"], "Message loss (0 to 1)", { kind: "number", min: 0, max: 1, step: 0.01 }, { optional: true }),
      boundField(ctx, ["network", "clientLatencyMs"], "Client latency (ms)", { kind: "number", integer: true, min: 0 }, { optional: true }),
    ),
    h("h3", { class: "subhead" }, "Bot clients"),
    h(
      "div",
      { class: "ed-grid" },
      boundField(ctx, ["workload", "clients"], "Clients", { kind: "number", integer: true, min: 0 }),
      boundField(ctx, ["workload", "rate"], "Operations per second, each", { kind: "number", min: 0, step: 0.5 }),
      keysField(ctx),
      boundField(ctx, ["workload", "timeoutMs"], "Request timeout (ms)", { kind: "number", integer: true, min: 1 }),
      ...Object.keys(mix).map((op) => boundField(ctx, ["workload", "mix", op], `Weight of ${op}`, { kind: "number", min: 0, step: 0.1 })),
    ),
  );
}

/** Keys as a count (3 means k1..k3) or a list. */
function keysField(ctx: EditorContext): HTMLElement {
  const path = ["workload", "keys"];
  const id = idFor(path);
  const input = h("input", { type: "text", id, autocomplete: "off", spellcheck: "false", "aria-describedby": `${id}-error` });
  const current = getAt(ctx.draft, path);
  input.value = Array.isArray(current) ? current.join(", ") : current === undefined ? "" : String(current);
  input.addEventListener("input", () => {
    const text = input.value.trim();
    setAt(ctx.draft, path, /^\d+$/.test(text) ? Number(text) : text === "" ? undefined : text.split(/[\s,]+/).filter(Boolean));
    ctx.changed();
  });
  const slot = h("p", { class: "field-error", id: `${id}-error` });
  ctx.register(path, input, slot);
  return h("div", { class: "field" }, h("label", { for: id }, "Keys (a count or names)"), input, slot);
}
