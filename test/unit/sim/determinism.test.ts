import { describe, expect, it } from "vitest";
import { replay } from "../../../shared/sim/replay";
import { sha256Hex } from "../../../shared/sim/sha256";
import type { Simulation, SimulationOptions } from "../../../shared/sim/simulation";
import { echoSim, echoSystem } from "./echo-system";

const options = (seed: number, keepTrace = false): SimulationOptions => ({
  system: echoSystem(),
  nodes: ["n1", "n2", "n3", "n4", "n5"],
  config: { tickMs: 50, tickJitterMs: 20, slowMs: 30 },
  network: { latencyMs: 3, jitterMs: 4, loss: 0.01, duplicate: 0.01 },
  seed,
  keepTrace,
});

/** A busy run: bots, every kind of fault, a system action, a player's request. */
function scenario(seed: number, keepTrace = false): Simulation {
  const { sim } = echoSim(options(seed, keepTrace));
  sim.startWorkload({ clients: 4, rate: 30, keys: ["a", "b", "c"], mix: { read: 2, write: 2, slow: 1 }, timeoutMs: 200 });
  sim.runUntil(1000);
  sim.apply({ type: "crash", node: "n2" });
  sim.runUntil(1500);
  sim.apply({ type: "partition", groups: [["n1", "n3"]] });
  sim.apply({ type: "latency", from: "n4", to: "n5", ms: 40, jitterMs: 10 });
  sim.runUntil(2500);
  sim.apply({ type: "cut", from: "n4", to: "n1", oneWay: true });
  sim.apply({ type: "loss", from: "n5", to: "n4", rate: 0.5 });
  sim.apply({ type: "skew", node: "n3", ms: 250 });
  sim.clientRequest(100, "n3", { f: "write", key: "a", value: "player" });
  sim.runUntil(3500);
  sim.apply({ type: "heal" });
  sim.apply({ type: "restart", node: "n2" });
  sim.apply({ type: "action", action: { type: "send", node: "n2", to: "n5", n: 3 } });
  sim.runUntil(5000);
  return sim;
}

describe("determinism", () => {
  it("same seed and same inputs give the same trace hash, history and timeline", () => {
    const a = scenario(7);
    const b = scenario(7);
    expect(a.eventCount).toBeGreaterThan(1000);
    expect(b.traceHash()).toBe(a.traceHash());
    expect(b.eventCount).toBe(a.eventCount);
    expect(JSON.stringify(b.history)).toBe(JSON.stringify(a.history));
    expect(JSON.stringify(b.timeline)).toBe(JSON.stringify(a.timeline));
  });

  it("a different seed gives a different run", () => {
    expect(scenario(8).traceHash()).not.toBe(scenario(7).traceHash());
  });

  it("different inputs give a different run", () => {
    const a = scenario(7);
    const { sim } = echoSim(options(7));
    sim.startWorkload({ clients: 4, rate: 30, keys: ["a", "b", "c"], mix: { read: 2, write: 2, slow: 1 }, timeoutMs: 200 });
    sim.runUntil(5000);
    expect(sim.traceHash()).not.toBe(a.traceHash());
  });

  it("the hash is the SHA-256 of the trace lines, and keeping the lines does not change it", () => {
    const kept = scenario(7, true);
    const lines = kept.traceLines as readonly string[];
    expect(lines.length).toBeGreaterThan(kept.eventCount);
    expect(sha256Hex(lines.map((l) => `${l}\n`).join(""))).toBe(kept.traceHash());
    expect(scenario(7).traceHash()).toBe(kept.traceHash());
    expect(scenario(7).traceLines).toBeUndefined();
    for (const line of lines.slice(0, 200)) expect(Array.isArray(JSON.parse(line))).toBe(true);
  });

  it("the input log replays the run exactly", () => {
    const original = scenario(7);
    const copy = replay(options(7), original.inputs, original.now);
    expect(copy.traceHash()).toBe(original.traceHash());
    expect(copy.eventCount).toBe(original.eventCount);
    expect(copy.history).toEqual(original.history);
  });

  it("replays an input applied between two events of the same millisecond (host stepping)", () => {
    const run = (): Simulation => {
      const { sim } = echoSim({ ...options(3), network: { latencyMs: 5, jitterMs: 0 }, config: {} });
      sim.apply({ type: "action", action: { type: "send", node: "n1", to: "n2", n: 4 } });
      // Four pings arrive at 5 ms; crash n2 after the second.
      sim.step();
      sim.step();
      sim.apply({ type: "crash", node: "n2" });
      sim.runUntil(400);
      return sim;
    };
    const original = run();
    expect(original.inputs.at(-1)).toMatchObject({ t: 5, atEvent: 2 });
    const stepped = { ...options(3), network: { latencyMs: 5, jitterMs: 0 }, config: {} };
    expect(replay(stepped, original.inputs, 400).traceHash()).toBe(original.traceHash());
    // Replaying by time alone would crash n2 after all four pings: a different run. atEvent is what pins it.
    const { sim: byTime } = echoSim(stepped);
    for (const r of original.inputs) {
      byTime.runUntil(r.t);
      byTime.apply(r.input);
    }
    byTime.runUntil(400);
    expect(byTime.traceHash()).not.toBe(original.traceHash());
  });

  it("a node's random stream does not depend on which other nodes exist", () => {
    const firstTicks = (nodes: string[]) => {
      const { sim, node } = echoSim({ nodes, echo: { tickMs: 100, tickJitterMs: 1000 } });
      sim.runUntil(1100);
      return ["n1", "n2", "n3"].map((id) => node(id).timerFires[0]?.at);
    };
    const three = firstTicks(["n1", "n2", "n3"]);
    expect(new Set(three).size).toBe(3);
    expect(firstTicks(["n1", "n2", "n3", "n4"])).toEqual(three);
    expect(firstTicks(["n0", "n3", "n2", "n1"])).toEqual(three);
  });

  it("a replay that diverges says where", () => {
    const original = scenario(7);
    expect(() => replay(options(8), original.inputs, original.now)).toThrow(/replay diverged before input/);
  });
});
