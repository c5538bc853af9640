// The objective vocabulary judged on hand-made observations: each predicate is met exactly when its words say,
// and the outcome follows (a losing condition beats goals; goals win only when all are met; time up loses).

import { describe, expect, it } from "vitest";
import { type Observation, ObjectiveTracker } from "../../../shared/levels/objectives";
import { type Predicate, predicateText } from "../../../shared/levels/predicates";
import type { HistoryEntry } from "../../../shared/sim/history";

type Obs = {
  timeline: Observation["timeline"][number][];
  history: HistoryEntry[];
  leader: string | null;
  metrics: Record<string, number>;
  invariants: { name: string; ok: boolean }[];
};

function world(): Obs & { at(now: number): Observation } {
  const w: Obs & { at(now: number): Observation } = {
    timeline: [],
    history: [],
    leader: null,
    metrics: {},
    invariants: [{ name: "election-safety", ok: true }],
    at: (now) => ({ now, timeline: w.timeline, history: w.history, leader: w.leader, metrics: { ...w.metrics }, invariants: w.invariants }),
  };
  return w;
}

function tracker(objectives: Predicate[], lose: Predicate[] = [], timeLimitMs = 60_000) {
  return new ObjectiveTracker({ objectives, lose, timeLimitMs });
}

const ok = (f: string, time: number): HistoryEntry => ({ process: 0, type: "ok", f, time });

describe("leader-elected", () => {
  it("with newNode, ignores the leader that was in charge before `after` and is met by another node", () => {
    const w = world();
    const t = tracker([{ type: "leader-elected", id: "new-leader", after: 5000, newNode: true }]);
    w.timeline.push({ t: 1200, kind: "leader", node: "n1" }, { t: 5000, kind: "crash", node: "n1" });
    t.evaluate(w.at(5000));
    expect(t.statuses()[0].met).toBe(false);
    w.timeline.push({ t: 7000, kind: "leader", node: "n1" });
    t.evaluate(w.at(7000));
    expect(t.statuses()[0].met).toBe(false);
    w.timeline.push({ t: 7400, kind: "leader", node: "n4" });
    t.evaluate(w.at(7450));
    expect(t.statuses()[0]).toMatchObject({ met: true, atMs: 7400 });
    expect(t.outcome).toBe("won");
  });

  it("with within, is missed (and the round lost) once the window closes", () => {
    const w = world();
    const t = tracker([{ type: "leader-elected", id: "fast", after: 5000, within: 2000 }]);
    t.evaluate(w.at(7000));
    expect(t.outcome).toBe("unfinished");
    t.evaluate(w.at(7050));
    expect(t.outcome).toBe("lost");
    expect(t.outcomeText).toContain("was not achieved");
  });
});

describe("writes-committed", () => {
  it("counts only ok writes (write, cas) completed at or after `after`, and is met at the count-th one", () => {
    const w = world();
    const t = tracker([{ type: "writes-committed", id: "w", count: 3, after: 1000 }]);
    w.history.push(ok("write", 500), ok("read", 1100), { process: 0, type: "fail", f: "write", time: 1200 }, ok("write", 1300), ok("cas", 1400));
    t.evaluate(w.at(1450));
    expect(t.statuses()[0].met).toBe(false);
    w.history.push({ process: 0, type: "invoke", f: "write", time: 1500 }, ok("write", 1600));
    t.evaluate(w.at(1650));
    expect(t.statuses()[0]).toMatchObject({ met: true, atMs: 1600 });
  });
});

describe("no-leader-for", () => {
  it("fires after `ms` without a leader in a row; a leader in between restarts the count", () => {
    const w = world();
    const t = tracker([{ type: "survive", id: "hold" }], [{ type: "no-leader-for", id: "dark", ms: 1000, after: 100 }]);
    w.leader = null;
    t.evaluate(w.at(0)); // before `after`: does not count
    t.evaluate(w.at(200));
    t.evaluate(w.at(900));
    w.leader = "n2";
    t.evaluate(w.at(1000));
    w.leader = null;
    t.evaluate(w.at(1100));
    t.evaluate(w.at(2050));
    expect(t.outcome).toBe("unfinished");
    t.evaluate(w.at(2100));
    expect(t.outcome).toBe("lost");
    expect(t.statuses()[1]).toMatchObject({ kind: "lose", met: true, atMs: 2100 });
  });
});

describe("invariant-violated and ops-failed-ratio", () => {
  it("an invariant failure loses at once, even when the goals are met at the same moment", () => {
    const w = world();
    const t = tracker([{ type: "writes-committed", id: "w", count: 1 }], [{ type: "invariant-violated", id: "safety" }]);
    w.history.push(ok("write", 10));
    w.invariants[0].ok = false;
    t.evaluate(w.at(50));
    expect(t.outcome).toBe("lost");
    expect(t.outcomeText).toBe("Lost: a safety invariant is broken.");
  });

  it("a named invariant only watches that invariant", () => {
    const w = world();
    w.invariants.push({ name: "log-matching", ok: true });
    const t = tracker([{ type: "survive", id: "hold" }], [{ type: "invariant-violated", id: "lm", name: "log-matching" }]);
    w.invariants[0].ok = false;
    t.evaluate(w.at(50));
    expect(t.outcome).toBe("unfinished");
    w.invariants[1].ok = false;
    t.evaluate(w.at(100));
    expect(t.outcome).toBe("lost");
  });

  it("the failure ratio needs minOps completions and counts fail and info as failed", () => {
    const w = world();
    const t = tracker([{ type: "survive", id: "hold" }], [{ type: "ops-failed-ratio", id: "bad", above: 0.5, minOps: 4 }]);
    w.history.push({ process: 0, type: "fail", f: "write", time: 1 }, { process: 0, type: "info", f: "read", time: 2 }, { process: 0, type: "fail", f: "read", time: 3 });
    t.evaluate(w.at(50));
    expect(t.outcome).toBe("unfinished");
    w.history.push(ok("read", 60));
    t.evaluate(w.at(100));
    expect(t.statuses()[1]).toMatchObject({ met: true, atMs: 60 });
    expect(t.outcome).toBe("lost");
  });
});

describe("the time limit", () => {
  it("meets survive goals when nothing was lost, and wins if every goal is met", () => {
    const w = world();
    const t = tracker([{ type: "survive", id: "hold" }, { type: "writes-committed", id: "w", count: 1 }], [], 10_000);
    w.history.push(ok("write", 10));
    t.evaluate(w.at(9950));
    expect(t.outcome).toBe("unfinished");
    t.reachTimeLimit(10_000);
    expect(t.outcome).toBe("won");
    expect(t.statuses()[0]).toMatchObject({ met: true, atMs: 10_000 });
  });

  it("loses when a goal is still open, naming it", () => {
    const t = tracker([{ type: "survive", id: "hold" }, { type: "writes-committed", id: "w", count: 5 }], [], 10_000);
    t.reachTimeLimit(10_000);
    expect(t.outcome).toBe("lost");
    expect(t.outcomeText).toBe("Time is up: commit 5 writes was not achieved.");
  });

  it("once decided, the outcome does not change", () => {
    const w = world();
    const t = tracker([{ type: "writes-committed", id: "w", count: 1 }], [{ type: "invariant-violated", id: "s" }]);
    w.history.push(ok("write", 10));
    t.evaluate(w.at(50));
    expect(t.outcome).toBe("won");
    w.invariants[0].ok = false;
    t.evaluate(w.at(100));
    expect(t.outcome).toBe("won");
    expect(t.decidedAtMs).toBe(50);
  });
});

describe("objective texts", () => {
  it("are plain words generated from the numbers, unless the level words them itself", () => {
    expect(predicateText({ type: "leader-elected", id: "a", after: 5000, within: 3000, newNode: true }, 60_000)).toBe(
      "Get a new leader elected after 5 s, within 3 s",
    );
    expect(predicateText({ type: "writes-committed", id: "b", count: 1 }, 60_000)).toBe("Commit 1 write");
    expect(predicateText({ type: "survive", id: "c" }, 120_000)).toBe("Hold out until the time limit (2 min)");
    expect(predicateText({ type: "no-leader-for", id: "d", ms: 1500 }, 60_000)).toBe("No leader for 1.5 s in a row");
    expect(predicateText({ type: "ops-failed-ratio", id: "e", above: 0.25 }, 60_000)).toBe("More than 25% of client requests fail");
    expect(predicateText({ type: "survive", id: "f", text: "Keep the lights on" }, 60_000)).toBe("Keep the lights on");
  });
});

describe("stale-reads", () => {
  const h = (process: number, type: HistoryEntry["type"], f: string, key: string, value: unknown, time: number): HistoryEntry => ({ process, type, f, key, value, time });

  it("fires on a read that returns a value overwritten before it began, not on one concurrent with the newer write", () => {
    const w = world();
    const t = tracker([{ type: "survive", id: "s" }], [{ type: "stale-reads", id: "stale" }]);
    w.history.push(h(0, "invoke", "write", "k", "a", 0), h(0, "ok", "write", "k", "a", 10));
    w.history.push(h(1, "invoke", "write", "k", "b", 20), h(2, "invoke", "read", "k", undefined, 25), h(2, "ok", "read", "k", "a", 30));
    t.evaluate(w.at(40));
    expect(t.outcome).toBe("unfinished"); // b was not acknowledged before the read began
    w.history.push(h(1, "ok", "write", "k", "b", 50), h(3, "invoke", "read", "k", undefined, 60), h(3, "ok", "read", "k", "a", 70));
    t.evaluate(w.at(80));
    expect(t.outcome).toBe("lost");
    expect(t.statuses()[1]).toMatchObject({ met: true, atMs: 70 });
  });

  it("counts a read of nothing after an acknowledged write as stale, and honours `above` and `after`", () => {
    const w = world();
    const t = tracker([{ type: "survive", id: "s" }], [{ type: "stale-reads", id: "stale", above: 1, after: 100 }]);
    w.history.push(h(0, "invoke", "write", "k", "a", 0), h(0, "ok", "write", "k", "a", 10));
    w.history.push(h(1, "invoke", "read", "k", undefined, 20), h(1, "ok", "read", "k", null, 30));
    w.history.push(h(2, "invoke", "read", "k", undefined, 120), h(2, "ok", "read", "k", null, 130));
    t.evaluate(w.at(140));
    expect(t.outcome).toBe("unfinished"); // one stale read after 100 ms is not more than 1
    w.history.push(h(3, "invoke", "read", "k", undefined, 150), h(3, "ok", "read", "k", null, 160));
    t.evaluate(w.at(170));
    expect(t.outcome).toBe("lost");
    expect(predicateText({ type: "stale-reads", id: "x" }, 60_000)).toBe("A client reads a stale value");
  });
});

describe("metric", () => {
  it("is met once the metric has stayed in range for holdMs, and a goal with `within` is missed after its window", () => {
    const w = world();
    const t = tracker([{ type: "metric", id: "m", name: "divergentKeys", atMost: 0, holdMs: 100, after: 1000, within: 2000 }]);
    w.metrics.divergentKeys = 0;
    t.evaluate(w.at(500));
    expect(t.statuses()[0].met).toBe(false); // before `after`
    t.evaluate(w.at(1000));
    w.metrics.divergentKeys = 2;
    t.evaluate(w.at(1050));
    w.metrics.divergentKeys = 0;
    t.evaluate(w.at(1100));
    t.evaluate(w.at(1150));
    expect(t.statuses()[0].met).toBe(false); // in range for 50 ms only
    t.evaluate(w.at(1200));
    expect(t.statuses()[0]).toMatchObject({ met: true, atMs: 1200 });
    expect(t.outcome).toBe("won");

    const late = tracker([{ type: "metric", id: "m", name: "divergentKeys", atMost: 0, within: 500 }]);
    w.metrics.divergentKeys = 3;
    late.evaluate(w.at(600));
    expect(late.outcome).toBe("lost");
    expect(predicateText({ type: "metric", id: "m", name: "hintsPending", atMost: 0, holdMs: 2000 }, 60_000)).toBe("hintsPending at most 0 for 2 s");
  });
});

describe("slow-ops", () => {
  it("counts ops not served ok within `ms` (slow, failed or timed out) and fires once their share passes `above`", () => {
    const w = world();
    const t = tracker([{ type: "survive", id: "s" }], [{ type: "slow-ops", id: "slow", ms: 50, above: 0.25, minOps: 4 }]);
    const op = (process: number, start: number, took: number, type: HistoryEntry["type"] = "ok") =>
      w.history.push({ process, type: "invoke", f: "read", time: start }, { process, type, f: "read", time: start + took });
    op(1, 0, 10);
    op(2, 0, 50); // exactly the limit: served in time
    op(3, 0, 20);
    op(4, 0, 5, "fail");
    t.evaluate(w.at(100));
    expect(t.outcome).toBe("unfinished"); // 1 of 4
    op(5, 100, 51);
    t.evaluate(w.at(200));
    expect(t.outcome).toBe("lost"); // 2 of 5
    expect(t.statuses()[1].atMs).toBe(151);
    expect(predicateText({ type: "slow-ops", id: "x", ms: 50, above: 0.2, after: 10_000 }, 60_000)).toBe("More than 20% of client requests not served within 50 ms after 10 s");
  });
});

describe("afterGoal", () => {
  it("judges a goal only from the moment the awaited goal is met, so a state that held before does not count", () => {
    const w = world();
    const t = tracker([
      { type: "leader-elected", id: "new-leader", newNode: true, after: 1000 },
      { type: "metric", id: "all-back", name: "nodesDown", atMost: 0, holdMs: 500, afterGoal: "new-leader" },
    ]);
    w.metrics.nodesDown = 0;
    w.timeline.push({ t: 100, kind: "leader", node: "n1" });
    t.evaluate(w.at(900));
    t.evaluate(w.at(1900));
    // Everything was up for far longer than holdMs, but the new leader has not been elected yet.
    expect(t.statuses()[1].met).toBe(false);
    w.metrics.nodesDown = 1;
    w.timeline.push({ t: 2000, kind: "crash", node: "n1" }, { t: 3000, kind: "leader", node: "n2" });
    t.evaluate(w.at(3000));
    expect(t.statuses()[0]).toMatchObject({ met: true, atMs: 3000 });
    t.evaluate(w.at(4000));
    expect(t.statuses()[1].met).toBe(false);
    w.metrics.nodesDown = 0;
    t.evaluate(w.at(4200));
    t.evaluate(w.at(4700));
    expect(t.statuses()[1]).toMatchObject({ met: true, atMs: 4700 });
    expect(t.outcome).toBe("won");
  });

  it("counts `after` and `within` from the awaited goal, and says so when the level does not word it", () => {
    const w = world();
    const t = tracker([
      { type: "leader-elected", id: "first", after: 0 },
      { type: "writes-committed", id: "then-writes", count: 1, after: 1000, within: 1000, afterGoal: "first" },
    ]);
    w.timeline.push({ t: 5000, kind: "leader", node: "n1" });
    t.evaluate(w.at(5000));
    w.history.push(ok("write", 5500)); // before first + after: does not count
    t.evaluate(w.at(5600));
    expect(t.statuses()[1].met).toBe(false);
    t.evaluate(w.at(7100)); // past first + after + within
    expect(t.outcome).toBe("lost");
    expect(predicateText({ type: "writes-committed", id: "w", count: 3, afterGoal: "first" }, 60_000)).toBe('Commit 3 writes, once "first" is done');
  });
});
