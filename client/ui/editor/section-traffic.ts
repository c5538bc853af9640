// "Network and traffic": the links between nodes (latency, loss) and the bot clients' workload.

import { h } from "../dom";
import { getAt } from "./draft";
import { boundField, type EditorContext } from "./form";

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
  return boundField(ctx, ["workload", "keys"], "Keys (a count or names)", { kind: "countOrList" });
}
