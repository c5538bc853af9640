// Judges a level's objectives and losing conditions (the predicate vocabulary in predicates.ts) as a round runs.
// It reads only what the simulation records, incrementally: each evaluation looks at the timeline and history
// entries added since the last one, plus a sample of "is there a leader now" and the invariant report.
// The round calls it on a fixed grid of simulated times, so a room and a headless run judge identically.

import { StaleReadTracker } from "../checkers/stale-reads";
import type { HistoryEntry } from "../sim/history";
import { DEFAULT_MIN_OPS, type Predicate, predicateText, WRITE_FUNCTIONS } from "./predicates";

export type ObjectiveKind = "goal" | "lose";
export type Outcome = "won" | "lost" | "unfinished";

/** One line of the objective list as players see it. */
export interface ObjectiveStatus {
  id: string;
  text: string;
  kind: ObjectiveKind;
  /** Goal achieved, or losing condition fired. */
  met: boolean;
  /** Sim time at which it was met, null until then. */
  atMs: number | null;
}

/** What an evaluation reads. The arrays only grow; the evaluator remembers how far it has read. */
export interface Observation {
  now: number;
  timeline: readonly { t: number; kind: string; node?: string }[];
  history: readonly HistoryEntry[];
  /** The system's metrics now (the numeric entries of its summary). */
  metrics: Readonly<Record<string, number>>;
  /** The node the system considers leader right now, or null. */
  leader: string | null;
  invariants: readonly { name: string; ok: boolean }[];
}

interface Judge {
  /** Returns the time it became met, or null. Called with only the new entries. */
  observe(obs: Observation, timelineFrom: number, historyFrom: number): number | null;
  /** True when the predicate can no longer be met (a goal whose window has closed). */
  missed(now: number): boolean;
}

function leaderJudge(p: Extract<Predicate, { type: "leader-elected" }>): Judge {
  const after = p.after ?? 0;
  let previous: string | undefined;
  return {
    observe(obs, from) {
      for (let i = from; i < obs.timeline.length; i++) {
        const e = obs.timeline[i];
        if (e.kind !== "leader") continue;
        if (e.t < after) previous = e.node;
        else if (!p.newNode || e.node !== previous) return e.t;
      }
      return null;
    },
    missed: (now) => p.within !== undefined && now > after + p.within,
  };
}

function writesJudge(p: Extract<Predicate, { type: "writes-committed" }>): Judge {
  const after = p.after ?? 0;
  let count = 0;
  return {
    observe(obs, _t, from) {
      for (let i = from; i < obs.history.length; i++) {
        const h = obs.history[i];
        if (h.type === "ok" && h.time >= after && WRITE_FUNCTIONS.includes(h.f) && ++count >= p.count) return h.time;
      }
      return null;
    },
    missed: (now) => p.within !== undefined && now > after + p.within,
  };
}

function noLeaderJudge(p: Extract<Predicate, { type: "no-leader-for" }>): Judge {
  const after = p.after ?? 0;
  let since: number | null = null;
  return {
    observe(obs) {
      if (obs.now < after || obs.leader !== null) {
        since = null;
        return null;
      }
      since ??= obs.now;
      return obs.now - since >= p.ms ? obs.now : null;
    },
    missed: () => false,
  };
}

function invariantJudge(p: Extract<Predicate, { type: "invariant-violated" }>): Judge {
  return {
    observe: (obs) => (obs.invariants.some((inv) => !inv.ok && (!p.name || inv.name === p.name)) ? obs.now : null),
    missed: () => false,
  };
}

function failedRatioJudge(p: Extract<Predicate, { type: "ops-failed-ratio" }>): Judge {
  const after = p.after ?? 0;
  const minOps = p.minOps ?? DEFAULT_MIN_OPS;
  let total = 0;
  let failed = 0;
  return {
    observe(obs, _t, from) {
      for (let i = from; i < obs.history.length; i++) {
        const h = obs.history[i];
        if (h.type === "invoke" || h.time < after) continue;
        total++;
        if (h.type !== "ok") failed++;
        if (total >= minOps && failed / total > p.above) return h.time;
      }
      return null;
    },
    missed: () => false,
  };
}

function slowJudge(p: Extract<Predicate, { type: "slow-ops" }>): Judge {
  const after = p.after ?? 0;
  const minOps = p.minOps ?? DEFAULT_MIN_OPS;
  const invoked = new Map<number, number>();
  let total = 0;
  let slow = 0;
  return {
    observe(obs, _t, from) {
      for (let i = from; i < obs.history.length; i++) {
        const h = obs.history[i];
        if (h.type === "invoke") {
          invoked.set(h.process, h.time);
          continue;
        }
        const start = invoked.get(h.process);
        invoked.delete(h.process);
        if (start === undefined || h.time < after) continue;
        total++;
        if (h.type !== "ok" || h.time - start > p.ms) slow++;
        if (total >= minOps && slow / total > p.above) return h.time;
      }
      return null;
    },
    missed: () => false,
  };
}

function staleJudge(p: Extract<Predicate, { type: "stale-reads" }>): Judge {
  const after = p.after ?? 0;
  const above = p.above ?? 0;
  const tracker = new StaleReadTracker();
  let count = 0;
  return {
    observe(obs, _t, from) {
      for (let i = from; i < obs.history.length; i++) {
        const stale = tracker.observe(obs.history[i]);
        if (stale && stale.time >= after && ++count > above) return stale.time;
      }
      return null;
    },
    missed: () => false,
  };
}

function metricJudge(p: Extract<Predicate, { type: "metric" }>): Judge {
  const after = p.after ?? 0;
  let since: number | null = null;
  return {
    observe(obs) {
      const v = obs.metrics[p.name];
      const holds = obs.now >= after && v !== undefined && (p.atMost === undefined || v <= p.atMost) && (p.atLeast === undefined || v >= p.atLeast);
      if (!holds) {
        since = null;
        return null;
      }
      since ??= obs.now;
      return obs.now - since >= (p.holdMs ?? 0) ? obs.now : null;
    },
    missed: (now) => p.within !== undefined && now > after + p.within,
  };
}

/** `survive` is met by the round reaching its time limit, never by an observation. */
const surviveJudge: Judge = { observe: () => null, missed: () => false };

function judgeFor(p: Predicate): Judge {
  switch (p.type) {
    case "leader-elected":
      return leaderJudge(p);
    case "writes-committed":
      return writesJudge(p);
    case "no-leader-for":
      return noLeaderJudge(p);
    case "invariant-violated":
      return invariantJudge(p);
    case "ops-failed-ratio":
      return failedRatioJudge(p);
    case "slow-ops":
      return slowJudge(p);
    case "stale-reads":
      return staleJudge(p);
    case "metric":
      return metricJudge(p);
    case "survive":
      return surviveJudge;
  }
}

interface Tracked {
  predicate: Predicate;
  status: ObjectiveStatus;
  /** Undefined while the predicate waits for its `afterGoal`. */
  judge: Judge | undefined;
}

/** The goal a predicate waits for, if any. */
function awaitedGoal(p: Predicate): string | undefined {
  return "afterGoal" in p ? p.afterGoal : undefined;
}

/** Tracks every objective and losing condition of a level and decides the outcome. */
export class ObjectiveTracker {
  private readonly tracked: Tracked[];
  private timelineRead = 0;
  private historyRead = 0;
  outcome: Outcome = "unfinished";
  outcomeText = "";
  decidedAtMs: number | null = null;

  constructor(level: { objectives: readonly Predicate[]; lose: readonly Predicate[]; timeLimitMs: number }) {
    const track = (kind: ObjectiveKind) => (predicate: Predicate) => ({
      predicate,
      judge: awaitedGoal(predicate) === undefined ? judgeFor(predicate) : undefined,
      status: { id: predicate.id, text: predicateText(predicate, level.timeLimitMs), kind, met: false, atMs: null },
    });
    this.tracked = [...level.objectives.map(track("goal")), ...level.lose.map(track("lose"))];
  }

  /** The objective list, goals first, in the level's order (copies). */
  statuses(): ObjectiveStatus[] {
    return this.tracked.map((t) => ({ ...t.status }));
  }

  /** Reads what happened since the last evaluation; decides the outcome if a goal set or a losing condition is complete. */
  evaluate(obs: Observation): void {
    if (this.outcome !== "unfinished") return;
    for (const t of this.tracked) {
      if (t.status.met) continue;
      t.judge ??= this.startWhenAwaitedMet(t.predicate);
      if (!t.judge) continue;
      const at = t.judge.observe(obs, this.timelineRead, this.historyRead);
      if (at !== null) {
        t.status.met = true;
        t.status.atMs = at;
      }
    }
    this.timelineRead = obs.timeline.length;
    this.historyRead = obs.history.length;
    this.decide(obs.now, false);
  }

  /**
   * The judge of a predicate whose awaited goal has just been met, with its times counted from that moment. The
   * loader requires the goal to come earlier in the list, so it is met earlier in the same evaluation at the latest,
   * and the new judge still reads that evaluation's entries.
   */
  private startWhenAwaitedMet(p: Predicate): Judge | undefined {
    const goal = this.tracked.find((o) => o.status.kind === "goal" && o.status.id === awaitedGoal(p));
    if (!goal?.status.met || goal.status.atMs === null || p.type === "survive" || p.type === "invariant-violated") return undefined;
    return judgeFor({ ...p, after: goal.status.atMs + (p.after ?? 0) });
  }

  /** The time limit is reached: `survive` goals are met if nothing was lost, then the outcome is settled. */
  reachTimeLimit(now: number): void {
    if (this.outcome !== "unfinished") return;
    if (!this.firedLose()) {
      for (const t of this.tracked) {
        if (t.predicate.type === "survive" && t.status.kind === "goal") {
          t.status.met = true;
          t.status.atMs = now;
        }
      }
    }
    this.decide(now, true);
  }

  private firedLose(): Tracked | undefined {
    return this.tracked.find((t) => t.status.kind === "lose" && t.status.met);
  }

  private decide(now: number, timeUp: boolean): void {
    const goals = this.tracked.filter((t) => t.status.kind === "goal");
    const fired = this.firedLose();
    const missed = goals.find((t) => !t.status.met && (timeUp || (t.judge?.missed(now) ?? false)));
    if (fired) this.settle("lost", now, `Lost: ${lowerFirst(fired.status.text)}.`);
    else if (missed) this.settle("lost", now, `${timeUp ? "Time is up" : "Too late"}: ${lowerFirst(missed.status.text)} was not achieved.`);
    else if (goals.every((t) => t.status.met)) this.settle("won", now, `Won: ${goals.map((t) => lowerFirst(t.status.text)).join("; ")}.`);
  }

  private settle(outcome: Outcome, now: number, text: string): void {
    this.outcome = outcome;
    this.outcomeText = text;
    this.decidedAtMs = now;
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
