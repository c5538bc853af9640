// The objective vocabulary judged on hand-made observations: each predicate is met exactly when its words say,
// and the outcome follows (a losing condition beats goals; goals win only when all are met; time up loses).

import { describe, expect, it } from "vitest";
import { type Observation, ObjectiveTracker } from "../../../shared/levels/objectives";
import { type Predicate, predicateText } from "../../../shared/levels/predicates";

type Obs = { timeline: Observation["timeline"][number][]; history: Observation["history"][number][]; leader: string | null; invariants: { name: string; ok: boolean }[] };

function world(): Obs & { at(now: number): Observation } {
  const w: Obs & { at(now: number): Observation } = {
    timeline: [],
    history: [],
    leader: null,
    invariants: [{ name: "election-safety", ok: true }],
    at: (now) => ({ now, timeline: w.timeline, history: w.history, leader: w.leader, invariants: w.invariants }),
  };
  return w;
}

function tracker(objectives: Predicate[], lose: Predicate[] = [], timeLimitMs = 60_000) {
  return new ObjectiveTracker({ objectives, lose, timeLimitMs });
}

const ok = (f: string, time: number) => ({ type: "ok", f, time });

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
    w.history.push(ok("write", 500), ok("read", 1100), { type: "fail", f: "write", time: 1200 }, ok("write", 1300), ok("cas", 1400));
    t.evaluate(w.at(1450));
    expect(t.statuses()[0].met).toBe(false);
    w.history.push({ type: "invoke", f: "write", time: 1500 }, ok("write", 1600));
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
    w.history.push({ type: "fail", f: "write", time: 1 }, { type: "info", f: "read", time: 2 }, { type: "fail", f: "read", time: 3 });
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
