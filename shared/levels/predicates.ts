// The fixed vocabulary of objectives and losing conditions. A level picks from this list and fills in numbers;
// it never carries code, because levels come from untrusted authors. Every predicate is judged against what the
// simulation records (timeline, history, invariants, the system's summary), so any system can use it.
//
//   leader-elected      a leader is elected at or after `after` (a different node with `newNode`), by `after + within`
//   writes-committed    `count` writes complete ok at or after `after`, by `after + within`
//   survive            the time limit is reached without losing (goals only)
//   no-leader-for       no leader for `ms` in a row, at or after `after`
//   invariant-violated  a safety invariant (or the one named) fails
//   ops-failed-ratio    more than `above` of the client ops completed at or after `after` fail or time out
//   slow-ops            more than `above` of the client ops completed at or after `after` were not served ok within
//                       `ms` (they failed, timed out, or took longer): a latency objective, as an SLO states it
//   stale-reads         more than `above` (default 0) reads completed at or after `after` returned a stale value
//                       (shared/checkers/stale-reads.ts)
//   metric              one of the system's metrics (SystemDefinition.metrics, e.g. Cassandra's divergentKeys) is
//                       within [atLeast, atMost] at or after `after`, for `holdMs` in a row, by `after + within`
//
// Any predicate with `after` may also name `afterGoal`: it is judged only once that goal is met, and `after` and
// `within` count from that moment, so goals can follow one another ("crash the leader", then "bring it back").

import { z } from "zod";

const ms = z.number().int().min(0).max(24 * 3600 * 1000);
const id = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, "an id such as new-leader (lower case, digits, dashes)");
/** Optional wording that replaces the generated text (e.g. to tell the story of the level). */
const text = z.string().min(1).max(200).optional();
/**
 * Judged only once the goal with this id is met, and `after` then counts from that moment: "restart the member"
 * after "crash the leader" means the restart, not a quiet start that happened to have every member up.
 */
const afterGoal = id.optional().describe("Start judging only when the goal with this id (listed earlier in objectives) is met; `after` counts from then.");

export const LeaderElected = z.strictObject({
  type: z.literal("leader-elected"),
  id,
  text,
  after: ms.optional(),
  afterGoal,
  within: ms.optional(),
  newNode: z.boolean().optional(),
});

export const WritesCommitted = z.strictObject({
  type: z.literal("writes-committed"),
  id,
  text,
  count: z.number().int().min(1).max(10_000_000),
  after: ms.optional(),
  afterGoal,
  within: ms.optional(),
});

export const Survive = z.strictObject({ type: z.literal("survive"), id, text });

export const NoLeaderFor = z.strictObject({
  type: z.literal("no-leader-for"),
  id,
  text,
  ms: ms.min(1),
  after: ms.optional(),
  afterGoal,
});

export const InvariantViolated = z.strictObject({
  type: z.literal("invariant-violated"),
  id,
  text,
  name: z.string().min(1).max(64).optional(),
});

export const OpsFailedRatio = z.strictObject({
  type: z.literal("ops-failed-ratio"),
  id,
  text,
  above: z.number().min(0).max(1),
  minOps: z.number().int().min(1).max(1_000_000).optional(),
  after: ms.optional(),
  afterGoal,
});

export const SlowOps = z.strictObject({
  type: z.literal("slow-ops"),
  id,
  text,
  ms: ms.min(1),
  above: z.number().min(0).max(1),
  minOps: z.number().int().min(1).max(1_000_000).optional(),
  after: ms.optional(),
  afterGoal,
});

export const StaleReads = z.strictObject({
  type: z.literal("stale-reads"),
  id,
  text,
  above: z.number().int().min(0).max(1_000_000).optional(),
  after: ms.optional(),
  afterGoal,
});

export const Metric = z
  .strictObject({
    type: z.literal("metric"),
    id,
    text,
    name: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,63}$/, "a metric name such as divergentKeys"),
    atMost: z.number().optional(),
    atLeast: z.number().optional(),
    holdMs: ms.optional(),
    after: ms.optional(),
    afterGoal,
    within: ms.optional(),
  })
  .refine((p) => p.atMost !== undefined || p.atLeast !== undefined, { message: "a metric condition needs atMost, atLeast or both", path: ["atMost"] });

export const Predicate = z.discriminatedUnion("type", [
  LeaderElected,
  WritesCommitted,
  Survive,
  NoLeaderFor,
  InvariantViolated,
  OpsFailedRatio,
  SlowOps,
  StaleReads,
  Metric,
]).meta({ id: "Predicate", description: "An objective or losing condition from the fixed vocabulary." });
export type Predicate = z.infer<typeof Predicate>;
export type PredicateType = Predicate["type"];

/** Ops that change state, per GUIDE §4's history vocabulary; a `writes-committed` goal counts these. */
export const WRITE_FUNCTIONS: readonly string[] = ["write", "cas", "send", "put", "transfer"];

/** Fewest completed ops before a failure ratio means anything (one early timeout is not 100% failure). */
export const DEFAULT_MIN_OPS = 20;

/** "5 s", "1.5 s", "250 ms", "2 min": how a person says a duration. */
export function durationWords(msValue: number): string {
  if (msValue < 1000) return `${msValue} ms`;
  if (msValue >= 60_000 && msValue % 60_000 === 0) return `${msValue / 60_000} min`;
  return `${Number((msValue / 1000).toFixed(2))} s`;
}

function window(after: number | undefined, within: number | undefined): string {
  const from = after ? ` after ${durationWords(after)}` : "";
  const by = within !== undefined ? `, within ${durationWords(within)}` : "";
  return from + by;
}

/** The plain-words line shown in the objective list. `timeLimitMs` words the `survive` goal. */
export function predicateText(p: Predicate, timeLimitMs: number): string {
  if (p.text) return p.text;
  const words = generatedText(p, timeLimitMs);
  return "afterGoal" in p && p.afterGoal ? `${words}, once "${p.afterGoal}" is done` : words;
}

function generatedText(p: Predicate, timeLimitMs: number): string {
  switch (p.type) {
    case "leader-elected":
      return `Get ${p.newNode ? "a new leader" : "a leader"} elected${window(p.after, p.within)}`;
    case "writes-committed":
      return `Commit ${p.count} write${p.count === 1 ? "" : "s"}${window(p.after, p.within)}`;
    case "survive":
      return `Hold out until the time limit (${durationWords(timeLimitMs)})`;
    case "no-leader-for":
      return `No leader for ${durationWords(p.ms)} in a row${p.after ? ` after ${durationWords(p.after)}` : ""}`;
    case "invariant-violated":
      return p.name ? `The safety invariant "${p.name}" is broken` : "A safety invariant is broken";
    case "ops-failed-ratio":
      return `More than ${Math.round(p.above * 100)}% of client requests fail${p.after ? ` after ${durationWords(p.after)}` : ""}`;
    case "slow-ops":
      return `More than ${Math.round(p.above * 100)}% of client requests not served within ${durationWords(p.ms)}${p.after ? ` after ${durationWords(p.after)}` : ""}`;
    case "stale-reads": {
      const above = p.above ?? 0;
      const what = above === 0 ? "A client reads a stale value" : `More than ${above} reads return a stale value`;
      return `${what}${p.after ? ` after ${durationWords(p.after)}` : ""}`;
    }
    case "metric": {
      const range =
        p.atMost !== undefined && p.atLeast !== undefined ? `between ${p.atLeast} and ${p.atMost}` : p.atMost !== undefined ? `at most ${p.atMost}` : `at least ${p.atLeast}`;
      const hold = p.holdMs ? ` for ${durationWords(p.holdMs)}` : "";
      return `${p.name} ${range}${hold}${window(p.after, p.within)}`;
    }
  }
}
