import { describe, expect, it } from "vitest";
import { ActionError } from "../../../shared/sim/types";
import { Simulation } from "../../../shared/sim/simulation";
import { echoSim, echoSystem, limitedEchoSystem } from "./echo-system";

const send = (from: string, to: string, n = 1) => ({ type: "action" as const, action: { type: "send", node: from, to, n } });

describe("crash and restart", () => {
  it("a crashed node loses its timers: one set before the crash never fires, even after a restart", () => {
    const { sim, node } = echoSim();
    sim.apply({ type: "action", action: { type: "arm", node: "n1", name: "alarm", ms: 500 } });
    sim.runUntil(100);
    sim.apply({ type: "crash", node: "n1" });
    sim.runUntil(200);
    sim.apply({ type: "restart", node: "n1" });
    sim.runUntil(2000);
    expect(node("n1").timerFires).toEqual([]);
    // The same timer on a node that stays up does fire.
    sim.apply({ type: "action", action: { type: "arm", node: "n2", name: "alarm", ms: 500 } });
    sim.runUntil(3000);
    expect(node("n2").timerFires).toEqual([{ name: "alarm", at: 2500 }]);
  });

  it("messages that arrive while a node is down are dropped and traced as such", () => {
    const { sim, node } = echoSim({ keepTrace: true, network: { latencyMs: 10, jitterMs: 0 } });
    sim.apply({ type: "crash", node: "n1" });
    sim.apply(send("n2", "n1", 3));
    sim.runUntil(50);
    sim.apply({ type: "restart", node: "n1" });
    sim.runUntil(100);
    expect(node("n1").received).toEqual([]);
    expect(node("n1").count).toBe(0);
    expect(sim.traceLines?.filter((l) => l.startsWith('[10,"drop"') && l.endsWith('"node down"]'))).toHaveLength(3);
  });

  it("a message sent before a crash and arriving after the restart is delivered", () => {
    const { sim, node } = echoSim({ network: { latencyMs: 100, jitterMs: 0 } });
    sim.apply(send("n2", "n1"));
    sim.runUntil(10);
    sim.apply({ type: "crash", node: "n1" });
    sim.runUntil(20);
    sim.apply({ type: "restart", node: "n1" });
    sim.runUntil(200);
    expect(node("n1").received.map((r) => [r.from, r.at])).toEqual([["n2", 100]]);
  });

  it("restart restores durable state and rebuilds volatile state from scratch", () => {
    const { sim, node } = echoSim({ network: { latencyMs: 5, jitterMs: 0 } });
    sim.apply(send("n2", "n1", 4));
    sim.runUntil(50);
    const before = node("n1");
    expect(before.count).toBe(4);
    expect(before.received).toHaveLength(4);
    sim.apply({ type: "crash", node: "n1" });
    expect(sim.isUp("n1")).toBe(false);
    // The dead machine cannot change what was saved.
    before.count = 999;
    sim.apply({ type: "restart", node: "n1" });
    const after = node("n1");
    expect(after).not.toBe(before);
    expect(sim.isUp("n1")).toBe(true);
    expect(after.count).toBe(4);
    expect(after.received).toEqual([]);
    expect(sim.inspect("n1")).toEqual({ role: "echo", stats: { count: 4, received: 0 } });
  });

  it("a node that exits goes down like a crash when its handler returns, says why on the timeline, and restarts", () => {
    const { sim, node } = echoSim({ keepTrace: true });
    sim.runUntil(100);
    const dying = node("n1");
    sim.apply({ type: "action", action: { type: "exit", node: "n1", why: "clock offset too large" } });
    expect(sim.isUp("n1")).toBe(false);
    expect(sim.timeline.at(-1)).toMatchObject({ t: 100, kind: "crash", node: "n1", text: "n1 exited: clock offset too large" });
    expect(sim.traceLines?.some((l) => l.startsWith('[100,"exit","n1"'))).toBe(true);
    sim.runUntil(500);
    expect(dying.timerFires).toEqual([]);
    sim.apply({ type: "restart", node: "n1" });
    expect(sim.isUp("n1")).toBe(true);
    expect(node("n1").count).toBe(1);
  });

  it("a context used outside its handler is refused", () => {
    const { sim, node } = echoSim();
    const ctx = node("n1").leakedCtx;
    expect(() => ctx?.send("n2", { kind: "ping" })).toThrow(/outside its own handler/);
    expect(sim.inFlight()).toEqual([]);
  });
});

describe("clock skew", () => {
  it("shows in the node's localTime and nowhere else", () => {
    const { sim, node } = echoSim();
    sim.runUntil(1000);
    sim.apply({ type: "skew", node: "n2", ms: 500 });
    sim.apply({ type: "action", action: { type: "clock", node: "n2" } });
    sim.apply({ type: "action", action: { type: "clock", node: "n1" } });
    expect(sim.skew("n2")).toBe(500);
    expect(node("n2").clockReadings).toEqual([1500]);
    expect(node("n1").clockReadings).toEqual([1000]);
    // Timers still run on simulated time: a skewed clock is offset, not slower.
    sim.apply({ type: "action", action: { type: "arm", node: "n2", name: "t", ms: 100 } });
    sim.runUntil(1200);
    expect(node("n2").timerFires).toEqual([{ name: "t", at: 1600 }]);
  });
});

describe("system actions and membership", () => {
  it("a command reaches the node at once; a command for a down node is refused", () => {
    const { sim } = echoSim();
    sim.apply(send("n1", "n2"));
    expect(sim.inFlight()).toHaveLength(1);
    sim.apply({ type: "crash", node: "n1" });
    expect(() => sim.apply(send("n1", "n2"))).toThrow(new ActionError("node n1 is down"));
  });

  it("an added node starts empty and is everyone's peer; a removed node's messages are dropped", () => {
    const { sim, node } = echoSim({ keepTrace: true, network: { latencyMs: 10, jitterMs: 0 } });
    sim.apply({ type: "action", action: { type: "add", node: "n4" } });
    expect(sim.nodes).toEqual(["n1", "n2", "n3", "n4"]);
    expect(node("n1").leakedCtx?.peers).toEqual(["n1", "n2", "n3", "n4"]);
    expect(node("n4").count).toBe(0);
    expect(() => sim.apply({ type: "action", action: { type: "add", node: "n4" } })).toThrow(/node n4 already exists/);
    expect(() => sim.apply({ type: "action", action: { type: "add", node: "bad id!" } })).toThrow(/not a valid node id/);

    sim.apply(send("n1", "n4"));
    sim.apply({ type: "action", action: { type: "remove", node: "n4" } });
    sim.runUntil(20);
    expect(sim.nodes).toEqual(["n1", "n2", "n3"]);
    expect(sim.isUp("n4")).toBe(false);
    expect(sim.traceLines?.some((l) => l === '[10,"drop",1,"no such node"]')).toBe(true);
    expect(() => sim.apply(send("n1", "n4"))).not.toThrow();
    expect(sim.inFlight()).toEqual([]);
    expect(sim.timeline.map((e) => e.text)).toEqual(["n4 added to the cluster", "n4 removed from the cluster"]);
  });

  it("notable events from nodes and actions land on the timeline with their time", () => {
    const { sim } = echoSim();
    sim.runUntil(30);
    sim.apply({ type: "action", action: { type: "shout", node: "n2", text: "hello" } });
    sim.apply({ type: "action", action: { type: "announce", text: "operator was here" } });
    expect(sim.timeline).toEqual([
      { t: 30, kind: "echo", node: "n2", text: "hello" },
      { t: 30, kind: "announce", text: "operator was here" },
    ]);
  });
});

describe("invariants", () => {
  it("are checked after every event: violations are counted and the first is kept and put on the timeline", () => {
    const { sim } = echoSim({ system: limitedEchoSystem(2), network: { latencyMs: 5, jitterMs: 0 } });
    sim.apply(send("n2", "n1", 2));
    sim.runUntil(10);
    expect(sim.invariantReport()).toEqual([
      { name: "count-monotonic", ok: true, violations: 0 },
      { name: "count-limit", ok: true, violations: 0 },
    ]);
    sim.apply(send("n3", "n1", 1));
    sim.runUntil(20);
    // The third ping (delivered at 15) breaks the limit; each later event (pongs at 20) sees it again.
    const report = sim.invariantReport()[1];
    expect(report).toMatchObject({ name: "count-limit", ok: false, first: "n1 counted 3 pings, above the limit of 2", firstAt: 15 });
    expect(report.violations).toBe(2);
    expect(sim.timeline.filter((e) => e.kind === "violation")).toEqual([
      { t: 15, kind: "violation", invariant: "count-limit", text: "invariant count-limit violated: n1 counted 3 pings, above the limit of 2" },
    ]);
  });

  it("see crashed nodes' durable state survive restarts (the monotonic count never drops)", () => {
    const { sim } = echoSim({ echo: { tickMs: 20, tickJitterMs: 10 } });
    for (let t = 500; t <= 5000; t += 500) {
      sim.runUntil(t);
      const victim = ["n1", "n2", "n3"][(t / 500) % 3];
      sim.apply(sim.isUp(victim) ? { type: "crash", node: victim } : { type: "restart", node: victim });
    }
    expect(sim.invariantReport()[0]).toEqual({ name: "count-monotonic", ok: true, violations: 0 });
  });
});

describe("driving", () => {
  it("step() processes one event at a time and says when nothing is left", () => {
    const { sim } = echoSim({ network: { latencyMs: 10, jitterMs: 0 } });
    sim.apply(send("n1", "n2"));
    expect(sim.nextEventTime()).toBe(10);
    expect(sim.step()).toBe(true);
    expect([sim.now, sim.eventCount]).toEqual([10, 1]);
    expect(sim.step()).toBe(true);
    expect([sim.now, sim.eventCount]).toEqual([20, 2]);
    expect(sim.step()).toBe(false);
    expect(sim.nextEventTime()).toBeNull();
  });

  it("nextEventTime skips timers that were cancelled or replaced", () => {
    const { sim } = echoSim();
    sim.apply({ type: "action", action: { type: "arm", node: "n1", name: "x", ms: 100 } });
    sim.apply({ type: "action", action: { type: "arm", node: "n1", name: "x", ms: 300 } });
    expect(sim.nextEventTime()).toBe(300);
  });

  it("runUntil refuses to go back in time", () => {
    const { sim } = echoSim();
    sim.runUntil(100);
    expect(() => sim.runUntil(50)).toThrow(/back in time/);
    expect(sim.now).toBe(100);
  });

  it("refuses to be driven from inside its own listeners", () => {
    const { sim } = echoSim();
    sim.onCompletion(() => sim.runUntil(sim.now + 1));
    expect(() => sim.clientRequest(0, "n1", { f: "read", key: "k" })).not.toThrow();
    expect(() => sim.runUntil(100)).toThrow(/already running/);
  });
});

describe("options", () => {
  it("refuses a cluster that cannot exist, saying why", () => {
    const make = (nodes: string[], seed = 1) => () => new Simulation({ system: echoSystem(), nodes, seed });
    expect(make([])).toThrow(/at least one node/);
    expect(make(["n1", "n1"])).toThrow(/unique/);
    expect(make(["n1", "has space"])).toThrow(/"has space" is not a valid node id/);
    expect(make(["n1"], 0.5)).toThrow(/seed must be a whole number/);
    expect(() => new Simulation({ system: echoSystem(), nodes: ["n1"], seed: 1, network: { loss: 3 } })).toThrow(/loss must be between 0 and 1/);
    expect(() => new Simulation({ system: echoSystem(), nodes: ["n1"], seed: 1, clientLatencyMs: -1 })).toThrow(/clientLatencyMs/);
  });
});
