// memberlist's behaviour inside a running cluster: refutation by incarnation, no false accusation on a clean
// network, Lifeguard cutting false suspicions raised by a member with a bad network, and determinism.

import { describe, expect, it } from "vitest";
import { Simulation } from "../../../shared/sim";
import { consul } from "../../../shared/systems/consul";
import { Cluster } from "./harness";

describe("refutation", () => {
  it("a member cut off long enough to be suspected, then reconnected, refutes with a higher incarnation and is never declared failed", () => {
    const c = new Cluster({ nodes: 5, seed: 3 });
    c.runTo(5000);
    expect(c.node("n5").ml.incarnation).toBe(1);
    c.sim.apply({ type: "partition", groups: [["n5"]] });
    const suspected = c.runUntilTrue(() => ["n1", "n2", "n3", "n4"].some((n) => c.stateOf(n, "n5") === "suspect"), 10_000);
    expect(suspected).not.toBeNull();
    c.sim.apply({ type: "heal" });
    c.run(15_000);
    expect(c.node("n5").ml.incarnation).toBeGreaterThan(1);
    for (const n of ["n1", "n2", "n3", "n4"]) expect(c.stateOf(n, "n5")).toBe("alive");
    expect(c.sim.timeline.some((e) => e.kind === "refute" && e.node === "n5")).toBe(true);
    expect(c.sim.timeline.some((e) => e.kind === "member-failed")).toBe(false);
    expect(c.summary().falseSuspicions).toBeGreaterThanOrEqual(1);
    expect(c.summary().falseDeaths).toBe(0);
  });

  it("a restarted agent learns it was declared failed and rejoins with a higher incarnation", () => {
    const c = new Cluster({ nodes: 5, seed: 4 });
    c.runTo(3000);
    c.sim.apply({ type: "crash", node: "n4" });
    c.runTo(20_000);
    expect(c.stateOf("n1", "n4")).toBe("dead");
    c.sim.apply({ type: "restart", node: "n4" });
    c.run(5000);
    for (const n of ["n1", "n2", "n3", "n5"]) expect(c.stateOf(n, "n4")).toBe("alive");
    expect(c.node("n4").ml.incarnation).toBeGreaterThan(1);
    expect(c.summary().membersDisagreeing).toBe(0);
  });
});

describe("accuracy", () => {
  it("on a clean network nobody is ever suspected in two minutes (8 agents)", () => {
    const c = new Cluster({ nodes: 8, seed: 11 });
    c.runTo(120_000);
    expect(c.summary().falseSuspicions).toBe(0);
    expect(c.summary().falseDeaths).toBe(0);
    expect(c.summary().maxAwareness).toBe(0);
  });

  it("a crash is found and every agent agrees afterwards", () => {
    const c = new Cluster({ nodes: 6, seed: 12 });
    c.runTo(10_000);
    c.sim.apply({ type: "crash", node: "n6" });
    c.runTo(40_000);
    expect(c.summary().detectionMs).not.toBeNull();
    expect(c.summary().membersDisagreeing).toBe(0);
  });
});

/** False suspicions and deaths in 2 minutes when n8's links lose half their packets both ways. */
function sickNode(lifeguard: boolean, seed: number): { suspicions: number; deaths: number } {
  const c = new Cluster({ nodes: 8, seed, config: { lifeguard } });
  for (let i = 1; i <= 7; i++) {
    c.sim.apply({ type: "loss", from: "n8", to: `n${i}`, rate: 0.5 });
    c.sim.apply({ type: "loss", from: `n${i}`, to: "n8", rate: 0.5 });
  }
  c.runTo(120_000);
  return { suspicions: c.summary().falseSuspicions as number, deaths: c.summary().falseDeaths as number };
}

describe("Lifeguard", () => {
  it("with a member on a bad network, Lifeguard means fewer false suspicions and far fewer false deaths", () => {
    const on = { suspicions: 0, deaths: 0 };
    const off = { suspicions: 0, deaths: 0 };
    for (const seed of [1, 2, 3]) {
      const a = sickNode(true, seed);
      const b = sickNode(false, seed);
      on.suspicions += a.suspicions;
      on.deaths += a.deaths;
      off.suspicions += b.suspicions;
      off.deaths += b.deaths;
    }
    expect(off.suspicions).toBeGreaterThan(0);
    expect(on.suspicions).toBeLessThan(off.suspicions);
    expect(on.deaths * 2).toBeLessThan(off.deaths);
  });

  it("the sick member's own health score rises", () => {
    const c = new Cluster({ nodes: 8, seed: 5 });
    for (let i = 1; i <= 7; i++) c.sim.apply({ type: "loss", from: `n${i}`, to: "n8", rate: 0.6 });
    c.runTo(30_000);
    expect(c.node("n8").ml.awareness.score).toBeGreaterThan(0);
    expect(c.node("n1").ml.awareness.score).toBe(0);
  });
});

describe("determinism", () => {
  function run(seed: number): string {
    const sim = new Simulation({ system: consul, nodes: ["n1", "n2", "n3", "n4", "n5"], config: { raftMultiplier: 1 }, network: { latencyMs: 2, jitterMs: 2, loss: 0.05 }, seed });
    sim.startWorkload({ clients: 2, rate: 5, keys: ["k1", "k2", "web.service.consul"], mix: { read: 2, write: 2, dns: 1 }, timeoutMs: 5000 });
    sim.runUntil(8000);
    sim.apply({ type: "crash", node: "n4" });
    sim.runUntil(20_000);
    return sim.traceHash();
  }

  it("the same seed gives the same trace, and another seed a different one", () => {
    expect(run(7)).toBe(run(7));
    expect(run(7)).not.toBe(run(8));
  });
});
