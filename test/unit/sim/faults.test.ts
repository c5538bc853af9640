import { describe, expect, it } from "vitest";
import type { SimInput } from "../../../shared/sim/faults";
import { ActionError } from "../../../shared/sim/types";
import { echoSim } from "./echo-system";

function rejects(input: unknown, message: RegExp) {
  const { sim } = echoSim({ echo: { tickMs: 50 } });
  sim.runUntil(200);
  sim.apply({ type: "crash", node: "n3" });
  const before = { hash: sim.traceHash(), inputs: sim.inputs.length, timeline: sim.timeline.length, net: sim.networkState() };
  let error: unknown;
  try {
    sim.apply(input as SimInput);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ActionError);
  expect((error as Error).message).toMatch(message);
  // A rejected input harms nothing.
  expect({ hash: sim.traceHash(), inputs: sim.inputs.length, timeline: sim.timeline.length, net: sim.networkState() }).toEqual(before);
}

describe("fault validation", () => {
  it("names an unknown node and lists the real ones", () => rejects({ type: "crash", node: "n9" }, /unknown node "n9"; the nodes are n1, n2, n3/));
  it("refuses to crash a node that is down", () => rejects({ type: "crash", node: "n3" }, /^node n3 is already down$/));
  it("refuses to restart a node that is up", () => rejects({ type: "restart", node: "n1" }, /^node n1 is already up$/));
  it("needs two different ends for a link", () => rejects({ type: "cut", from: "n1", to: "n1" }, /two different nodes/));
  it("says which field is missing", () => rejects({ type: "cut", from: "n1" }, /cut needs "to"/));
  it("checks latency values", () => rejects({ type: "latency", from: "n1", to: "n2", ms: -5 }, /latency must be a whole number of milliseconds from 0/));
  it("checks loss rates", () => rejects({ type: "loss", from: "n1", to: "n2", rate: 1.5 }, /loss rate must be a number from 0 to 1, got 1.5/));
  it("checks skew values", () => rejects({ type: "skew", node: "n1", ms: 0.5 }, /clock skew must be a whole number/));
  it("refuses a node on two sides", () => rejects({ type: "partition", groups: [["n1", "n2"], ["n2"]] }, /n2 is named twice/));
  it("refuses a partition that cuts nothing", () => rejects({ type: "partition", groups: [["n1", "n2", "n3"]] }, /cuts nothing/));
  it("refuses an unknown input type", () => rejects({ type: "meteor" }, /unknown input type "meteor"/));
  it("refuses an input without a type", () => rejects({ node: "n1" }, /must be an object with a "type"/));
  it("passes a system's own refusal through unchanged", () => rejects({ type: "action", action: { type: "dance" } }, /echo has no action "dance"/));
});

describe("applied faults", () => {
  it("are logged with their time and told in plain words on the timeline", () => {
    const { sim } = echoSim();
    sim.runUntil(100);
    sim.apply({ type: "crash", node: "n3" });
    sim.runUntil(150);
    sim.apply({ type: "cut", from: "n1", to: "n2", oneWay: true });
    sim.apply({ type: "cut", from: "n1", to: "n3" });
    sim.apply({ type: "latency", from: "n2", to: "n3", ms: 40, jitterMs: 4 });
    sim.apply({ type: "loss", from: "n2", to: "n1", rate: 0.25 });
    sim.apply({ type: "duplicate", rate: 0.05 });
    sim.apply({ type: "skew", node: "n2", ms: -300 });
    sim.apply({ type: "heal", from: "n1" });
    sim.apply({ type: "heal" });
    sim.runUntil(200);
    sim.apply({ type: "restart", node: "n3" });

    expect(sim.timeline.map((e) => [e.t, e.kind, e.text])).toEqual([
      [100, "crash", "n3 crashed"],
      [150, "cut", "link n1→n2 cut"],
      [150, "cut", "link n1↔n3 cut"],
      [150, "latency", "latency n2↔n3 set to 40 ms (+0..4 ms jitter)"],
      [150, "loss", "loss on n2↔n1 set to 25%"],
      [150, "duplicate", "message duplication set to 5%"],
      [150, "skew", "n2's clock skewed by -300 ms"],
      [150, "heal", "links of n1 healed"],
      [150, "heal", "network healed"],
      [200, "restart", "n3 restarted"],
    ]);
    expect(sim.timeline[0]).toEqual({ t: 100, kind: "crash", text: "n3 crashed", node: "n3" });
    expect(sim.inputs.map((r) => [r.t, r.input.type])).toEqual([
      [100, "crash"],
      [150, "cut"],
      [150, "cut"],
      [150, "latency"],
      [150, "loss"],
      [150, "duplicate"],
      [150, "skew"],
      [150, "heal"],
      [150, "heal"],
      [200, "restart"],
    ]);
  });

  it("heal of one node's links leaves the other links as they were", () => {
    const { sim } = echoSim();
    sim.apply({ type: "cut", from: "n1", to: "n2" });
    sim.apply({ type: "cut", from: "n2", to: "n3" });
    sim.apply({ type: "heal", to: "n1" });
    expect(sim.networkState().cuts).toEqual([
      { from: "n2", to: "n3" },
      { from: "n3", to: "n2" },
    ]);
  });

  it("keeps the input as it was applied, even if the caller reuses the object", () => {
    const { sim } = echoSim();
    const input = { type: "crash" as const, node: "n1" };
    sim.apply(input);
    input.node = "n2";
    expect(sim.inputs[0].input).toEqual({ type: "crash", node: "n1" });
  });
});
