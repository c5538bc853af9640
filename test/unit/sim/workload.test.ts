import { describe, expect, it } from "vitest";
import type { HistoryEntry } from "../../../shared/sim/history";
import type { CompletionNotice } from "../../../shared/sim/simulation";
import { ActionError, type WorkloadSpec } from "../../../shared/sim/types";
import { echoSim } from "./echo-system";

const spec = (over: Partial<WorkloadSpec> = {}): WorkloadSpec => ({ clients: 4, rate: 20, keys: ["a", "b"], mix: { read: 1, write: 1 }, timeoutMs: 500, ...over });

/** Checks Jepsen's rules on a whole history and returns the processes seen. */
function checkJepsenRules(history: readonly HistoryEntry[]): Set<number> {
  const open = new Map<number, HistoryEntry>();
  const retired = new Set<number>();
  for (const e of history) {
    expect(retired.has(e.process), `process ${e.process} acts after an info`).toBe(false);
    if (e.type === "invoke") {
      expect(open.has(e.process), `process ${e.process} invokes twice`).toBe(false);
      open.set(e.process, e);
    } else {
      const inv = open.get(e.process);
      expect(inv, `process ${e.process} completes without an invoke`).toBeDefined();
      expect([e.f, e.key]).toEqual([inv?.f, inv?.key]);
      expect(e.time).toBeGreaterThanOrEqual(inv?.time as number);
      open.delete(e.process);
      if (e.type === "info") retired.add(e.process);
    }
  }
  return new Set(history.map((e) => e.process));
}

function completions(sim: ReturnType<typeof echoSim>["sim"]): CompletionNotice[] {
  const seen: CompletionNotice[] = [];
  sim.onCompletion((n) => seen.push(n));
  return seen;
}

describe("workload bots", () => {
  it("issue operations at about the configured rate, one at a time per process", () => {
    const { sim } = echoSim();
    sim.startWorkload(spec({ clients: 2, rate: 10, timeoutMs: 1000 }));
    sim.runUntil(100_000);
    const invokes = sim.history.filter((e) => e.type === "invoke");
    // 2 clients × 10/s × 100 s = 2000, less a little time waiting for answers; Poisson spread is about ±45.
    expect(invokes.length).toBeGreaterThan(1800);
    expect(invokes.length).toBeLessThan(2150);
    expect(checkJepsenRules(sim.history)).toEqual(new Set([0, 1]));
    expect(sim.history.filter((e) => e.type === "ok")).toHaveLength(sim.history.filter((e) => e.type !== "invoke").length);
  });

  it("writes carry the value written and reads the value read; each round trip is two client hops", () => {
    const { sim } = echoSim({ clientLatencyMs: 3 });
    const seen = completions(sim);
    sim.startWorkload(spec({ clients: 1, keys: ["a"] }));
    sim.runUntil(5000);
    const writes = sim.history.filter((e) => e.f === "write");
    expect(writes.length).toBeGreaterThan(10);
    expect(new Set(writes.filter((e) => e.type === "invoke").map((e) => e.value)).size).toBe(writes.length / 2);
    for (const n of seen) expect(n.latencyMs).toBe(6);
    expect(seen.every((n) => n.bot)).toBe(true);
  });

  it("a request to a down node fails at once with connection refused, and the bot moves to another node", () => {
    const { sim } = echoSim();
    const seen = completions(sim);
    sim.apply({ type: "crash", node: "n2" });
    sim.startWorkload(spec({ clients: 6 }));
    sim.runUntil(10_000);
    const refused = seen.filter((n) => n.completion.type === "fail");
    expect(refused.length).toBeGreaterThan(0);
    for (const n of refused) {
      expect(n).toMatchObject({ target: "n2", completion: { type: "fail", error: "connection refused" }, latencyMs: 0 });
      const next = seen.find((m) => m.requestId > n.requestId && m.process === n.process);
      if (next) expect(next.target).not.toBe("n2");
    }
    // Every bot that got refused left n2 for good: n2 saw no request after each bot's refusal.
    expect(seen.filter((n) => n.target === "n2")).toEqual(refused);
    checkJepsenRules(sim.history);
  });

  it("a fail with a redirect sends the next operation to the named node", () => {
    const { sim } = echoSim({ echo: { leader: "n3" } });
    const seen = completions(sim);
    sim.startWorkload(spec({ clients: 5, mix: { write: 1 } }));
    sim.runUntil(10_000);
    const redirected = seen.filter((n) => n.completion.type === "fail");
    expect(redirected.length).toBeGreaterThan(0);
    expect(redirected.length).toBeLessThanOrEqual(5);
    for (const n of redirected) {
      expect(n.completion).toEqual({ type: "fail", error: "not leader", redirect: "n3" });
      expect(seen.find((m) => m.requestId > n.requestId && m.process === n.process)?.target).toBe("n3");
    }
    expect(seen.slice(-20).every((n) => n.target === "n3" && n.completion.type === "ok")).toBe(true);
  });

  it("an unanswered operation completes as info at its timeout, and the bot continues as process id + clients", () => {
    const { sim } = echoSim();
    const seen = completions(sim);
    sim.startWorkload(spec({ clients: 3, mix: { ignore: 1 }, timeoutMs: 400 }));
    sim.runUntil(5000);
    const infos = sim.history.filter((e) => e.type === "info");
    expect(infos.length).toBeGreaterThan(15);
    for (const n of seen) expect(n).toMatchObject({ completion: { type: "info", error: "timeout" }, latencyMs: 400 });
    const processes = checkJepsenRules(sim.history);
    // Bot k runs as k, k+3, k+6, ...: every id is used for exactly one operation.
    for (const p of processes) expect(sim.history.filter((e) => e.process === p && e.type === "invoke")).toHaveLength(1);
    expect([...processes].sort((a, b) => a - b).slice(0, 9)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("ignores an answer that comes after the timeout, and says so in the trace", () => {
    const { sim } = echoSim({ keepTrace: true, echo: { slowMs: 700 } });
    sim.startWorkload(spec({ clients: 1, mix: { slow: 1 }, timeoutMs: 500 }));
    sim.runUntil(3000);
    const late = sim.traceLines?.filter((l) => l.includes('"late"')) ?? [];
    expect(late.length).toBeGreaterThan(0);
    expect(sim.history.filter((e) => e.type === "ok")).toEqual([]);
    checkJepsenRules(sim.history);
  });

  it("routes client requests around node-to-node faults: the client hop is not cut by a partition", () => {
    const { sim } = echoSim();
    sim.apply({ type: "partition", groups: [["n1"], ["n2"], ["n3"]] });
    sim.startWorkload(spec());
    sim.runUntil(3000);
    expect(sim.history.filter((e) => e.type === "ok").length).toBeGreaterThan(50);
    expect(sim.history.some((e) => e.type === "info" || e.type === "fail")).toBe(false);
  });

  it("stops issuing when stopped, while operations in flight still complete", () => {
    const { sim } = echoSim();
    sim.startWorkload(spec({ rate: 200 }));
    sim.runUntil(1000);
    sim.stopWorkload();
    const count = sim.history.length;
    sim.runUntil(3000);
    const after = sim.history.slice(count);
    expect(after.every((e) => e.type !== "invoke")).toBe(true);
    expect(sim.history.filter((e) => e.type === "invoke")).toHaveLength(sim.history.filter((e) => e.type !== "invoke").length);
    expect(() => sim.stopWorkload()).toThrow(/no workload is running/);
  });

  it("rejects a bad spec in plain words", () => {
    const { sim } = echoSim();
    expect(() => sim.startWorkload(spec({ clients: 0 }))).toThrow(/clients must be a whole number from 1/);
    expect(() => sim.startWorkload(spec({ rate: 0 }))).toThrow(/rate must be/);
    expect(() => sim.startWorkload(spec({ keys: [] }))).toThrow(/keys must be a non-empty list/);
    expect(() => sim.startWorkload(spec({ mix: { read: 0 } }))).toThrow(/at least one operation/);
    expect(() => sim.startWorkload(spec({ timeoutMs: 0 }))).toThrow(/timeoutMs/);
    expect(sim.inputs).toEqual([]);
  });
});

describe("a player's own client requests", () => {
  it("go into the same history and are reported to completion listeners", () => {
    const { sim } = echoSim();
    const seen = completions(sim);
    const id = sim.clientRequest(7, "n1", { f: "write", key: "x", value: "hi" });
    sim.runUntil(10);
    const read = sim.clientRequest(7, "n1", { f: "read", key: "x" });
    sim.runUntil(20);
    expect(sim.history.map((e) => [e.process, e.type, e.f, e.value])).toEqual([
      [7, "invoke", "write", "hi"],
      [7, "ok", "write", "hi"],
      [7, "invoke", "read", undefined],
      [7, "ok", "read", "hi"],
    ]);
    expect(seen.map((n) => [n.requestId, n.process, n.bot, n.latencyMs])).toEqual([
      [id, 7, false, 2],
      [read, 7, false, 2],
    ]);
    expect(sim.inputs.map((r) => r.input.type)).toEqual(["client", "client"]);
  });

  it("follow the same rules: one at a time, never after an info, never on a bot's process", () => {
    const { sim } = echoSim();
    sim.startWorkload(spec({ clients: 2 }));
    sim.clientRequest(10, "n1", { f: "ignore" }, 100);
    expect(() => sim.clientRequest(10, "n2", { f: "read", key: "a" })).toThrow(/still waiting for its last operation/);
    sim.runUntil(200);
    expect(sim.history.find((e) => e.process === 10 && e.type === "info")).toMatchObject({ time: 100, error: "timeout" });
    expect(() => sim.clientRequest(10, "n1", { f: "read", key: "a" })).toThrow(/timed out earlier/);
    expect(() => sim.clientRequest(0, "n1", { f: "read", key: "a" })).toThrow(/belongs to a workload bot/);
    expect(() => sim.clientRequest(11, "n9", { f: "read", key: "a" })).toThrow(/unknown node "n9"/);
    expect(() => sim.clientRequest(-1, "n1", { f: "read", key: "a" })).toThrow(ActionError);
    expect(() => sim.clientRequest(11, "n1", {} as never)).toThrow(/needs "f"/);
    expect(sim.freshProcess()).toBe(2);
  });

  it("a request to a down node fails at once with connection refused", () => {
    const { sim } = echoSim();
    sim.apply({ type: "crash", node: "n2" });
    sim.clientRequest(1, "n2", { f: "read", key: "a" });
    expect(sim.history).toEqual([
      { process: 1, type: "invoke", f: "read", key: "a", time: 0 },
      { process: 1, type: "fail", f: "read", key: "a", time: 0, error: "connection refused" },
    ]);
  });

  it("can be submitted by a system action through the ActionHost", () => {
    const { sim } = echoSim();
    sim.apply({ type: "action", action: { type: "put", process: 5, target: "n3", key: "k", value: 1 } });
    sim.runUntil(10);
    expect(sim.history.map((e) => [e.process, e.type])).toEqual([
      [5, "invoke"],
      [5, "ok"],
    ]);
  });
});
