import { describe, expect, it } from "vitest";
import { DROPPED_CUT, DROPPED_LOSS, Network } from "../../../shared/sim/network";
import { Rng } from "../../../shared/sim/rng";
import { echoSim } from "./echo-system";

const net = (o: Partial<{ latencyMs: number; jitterMs: number; loss: number; duplicate: number }> = {}) =>
  new Network({ latencyMs: 10, jitterMs: 5, loss: 0, duplicate: 0, ...o }, new Rng(1).fork("network"));

describe("Network (links)", () => {
  it("delays each message by latency plus a jitter in [0, jitter], reaching both ends", () => {
    const n = net();
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(n.transit("a", "b"));
    expect([...seen].sort((x, y) => x - y)).toEqual([10, 11, 12, 13, 14, 15]);
  });

  it("loses messages at roughly the configured rate", () => {
    const n = net({ loss: 0.3 });
    let lost = 0;
    for (let i = 0; i < 10_000; i++) if (n.transit("a", "b") === DROPPED_LOSS) lost++;
    // Expect 3000, standard deviation about 46.
    expect(lost).toBeGreaterThan(2700);
    expect(lost).toBeLessThan(3300);
  });

  it("cuts one direction only, and heal restores the link to its defaults", () => {
    const n = net();
    n.cut("a", "b");
    expect(n.transit("a", "b")).toBe(DROPPED_CUT);
    expect(n.transit("b", "a")).toBeGreaterThanOrEqual(10);
    n.setLatency("a", "b", 500, 0);
    n.heal("a", "b");
    expect(n.isCut("a", "b")).toBe(false);
    const d = n.transit("a", "b");
    expect(d >= 10 && d <= 15).toBe(true);
    expect(n.state()).toMatchObject({ cuts: [], latency: [], loss: [] });
  });

  it("reports only links that differ from the defaults", () => {
    const n = net();
    n.setLatency("a", "b", 200, 3);
    n.setLoss("b", "a", 0.5);
    n.cut("c", "a");
    n.setLoss("c", "b", 0); // the default: no override
    expect(n.state()).toEqual({
      defaults: { latencyMs: 10, jitterMs: 5, loss: 0, duplicate: 0 },
      cuts: [{ from: "c", to: "a" }],
      latency: [{ from: "a", to: "b", ms: 200, jitterMs: 3 }],
      loss: [{ from: "b", to: "a", rate: 0.5 }],
      duplicate: 0,
    });
    n.healNode("a");
    expect(n.state()).toMatchObject({ cuts: [], latency: [], loss: [] });
  });

  it("healAll restores everything, duplication included; clearCuts keeps slow links slow", () => {
    const n = net();
    n.cut("a", "b");
    n.setLatency("b", "a", 99, 0);
    n.clearCuts();
    expect(n.state().cuts).toEqual([]);
    expect(n.transit("b", "a")).toBe(99);
    n.setDuplicate(1);
    expect(n.duplicates()).toBe(true);
    n.healAll();
    expect(n.duplicates()).toBe(false);
    expect(n.state()).toMatchObject({ latency: [], duplicate: 0 });
  });

  it("refuses impossible defaults", () => {
    expect(() => net({ latencyMs: -1 })).toThrow(/latencyMs/);
    expect(() => net({ loss: 2 })).toThrow(/loss/);
  });
});

describe("Network inside the simulation", () => {
  it("delivers each message at its arrival time, within [latency, latency + jitter] of sending", () => {
    const { sim, node } = echoSim({ network: { latencyMs: 20, jitterMs: 7 } });
    sim.apply({ type: "action", action: { type: "send", node: "n1", to: "n2", n: 200 } });
    const flights = sim.inFlight();
    expect(flights).toHaveLength(200);
    for (const f of flights) {
      expect(f).toMatchObject({ from: "n1", to: "n2", kind: "ping", sentAt: 0 });
      expect(f.arriveAt).toBeGreaterThanOrEqual(20);
      expect(f.arriveAt).toBeLessThanOrEqual(27);
    }
    sim.runUntil(100);
    const arrivals = node("n2").received.filter((r) => r.kind === "ping");
    expect(arrivals).toHaveLength(200);
    const due = new Map(flights.map((f, i) => [i + 1, f.arriveAt]));
    for (const r of arrivals) expect(r.at).toBe(due.get(r.seq));
    // Jitter reorders: the order of arrival is not the order of sending.
    expect(arrivals.map((r) => r.seq)).not.toEqual([...arrivals.map((r) => r.seq)].sort((a, b) => a - b));
  });

  it("a symmetric cut drops both directions, a one-way cut only one, and heal restores delivery", () => {
    const { sim, node } = echoSim({ keepTrace: true });
    const ping = (from: string, to: string) => sim.apply({ type: "action", action: { type: "send", node: from, to } });
    const pings = (id: string, from: string) => node(id).received.filter((r) => r.kind === "ping" && r.from === from).length;

    sim.apply({ type: "cut", from: "n1", to: "n2" });
    ping("n1", "n2");
    ping("n2", "n1");
    sim.runUntil(50);
    expect(pings("n2", "n1")).toBe(0);
    expect(pings("n1", "n2")).toBe(0);
    expect(sim.traceLines?.filter((l) => l.includes('"drop"') && l.includes('"cut"'))).toHaveLength(2);

    sim.apply({ type: "heal" });
    sim.apply({ type: "cut", from: "n1", to: "n2", oneWay: true });
    expect(sim.networkState().cuts).toEqual([{ from: "n1", to: "n2" }]);
    ping("n1", "n2");
    ping("n2", "n1");
    sim.runUntil(100);
    expect(pings("n2", "n1")).toBe(0);
    expect(pings("n1", "n2")).toBe(1);

    sim.apply({ type: "heal", from: "n1", to: "n2" });
    ping("n1", "n2");
    sim.runUntil(150);
    expect(pings("n2", "n1")).toBe(1);
  });

  it("drops a message that is on the wire when its link is cut", () => {
    const { sim, node } = echoSim({ network: { latencyMs: 50, jitterMs: 0 } });
    sim.apply({ type: "action", action: { type: "send", node: "n1", to: "n2" } });
    sim.runUntil(10);
    sim.apply({ type: "cut", from: "n1", to: "n2", oneWay: true });
    sim.runUntil(100);
    expect(node("n2").received).toEqual([]);
    expect(sim.inFlight()).toEqual([]);
  });

  it("partition cuts every link between sides; unnamed nodes form a side together", () => {
    const { sim } = echoSim({ nodes: ["n1", "n2", "n3", "n4"] });
    sim.apply({ type: "partition", groups: [["n1"]] });
    const cuts = sim.networkState().cuts.map((c) => `${c.from}>${c.to}`).sort();
    expect(cuts).toEqual(["n1>n2", "n1>n3", "n1>n4", "n2>n1", "n3>n1", "n4>n1"]);
    expect(sim.timeline.at(-1)).toMatchObject({ kind: "partition", groups: [["n1"], ["n2", "n3", "n4"]], text: "network partitioned: n1 | n2 n3 n4" });
    // A new partition replaces the old one.
    sim.apply({ type: "partition", groups: [["n1", "n2"], ["n3", "n4"]] });
    expect(sim.networkState().cuts).toHaveLength(8);
    expect(sim.networkState().cuts.some((c) => c.from === "n1" && c.to === "n2")).toBe(false);
  });

  it("latency, loss and duplication faults change what the wire does", () => {
    const { sim } = echoSim({ network: { latencyMs: 2, jitterMs: 0 } });
    sim.apply({ type: "latency", from: "n1", to: "n2", ms: 300 });
    sim.apply({ type: "action", action: { type: "send", node: "n2", to: "n1" } });
    expect(sim.inFlight().map((f) => f.arriveAt)).toEqual([300]);

    sim.apply({ type: "loss", from: "n1", to: "n3", rate: 1, oneWay: true });
    sim.apply({ type: "action", action: { type: "send", node: "n1", to: "n3", n: 5 } });
    sim.apply({ type: "action", action: { type: "send", node: "n3", to: "n1", n: 1 } });
    expect(sim.inFlight().filter((f) => f.to === "n3")).toEqual([]);
    expect(sim.inFlight().filter((f) => f.from === "n3")).toHaveLength(1);

    sim.apply({ type: "duplicate", rate: 1 });
    sim.apply({ type: "action", action: { type: "send", node: "n2", to: "n3", n: 3 } });
    expect(sim.inFlight().filter((f) => f.from === "n2" && f.to === "n3")).toHaveLength(6);
    expect(sim.networkState().duplicate).toBe(1);
  });
});
