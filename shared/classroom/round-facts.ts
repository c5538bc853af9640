// What one group's round has done so far, in the numbers a class is scored on (shared/classroom/scores.ts): pure
// counting over what the simulation recorded, so a headless run and a room score the same round alike.

import type { Round } from "../levels/round";

export interface RoundFacts {
  /** Goals met, out of the level's goals. */
  goalsMet: number;
  goals: number;
  /** Losing conditions that fired. */
  lossesMet: number;
  /** Client operations (reads and writes, the bots' and the players') that completed ok / failed or timed out. */
  opsOk: number;
  opsFailed: number;
  /** Writes the system acknowledged and then lost, by its own count (see LOST_WRITE_METRICS). */
  writesLost: number;
  /** Safety invariants broken at least once. */
  invariantsBroken: number;
}

/**
 * The summary entries in which a system counts acknowledged data it has since lost: Redis Cluster's writes lost to
 * asynchronous replication, Kafka's acknowledged messages no longer in their partition, MinIO's objects with too few
 * intact shards left. The other systems do not lose acknowledged writes in their levels' configurations (a stale
 * read is not a lost write), so for them the count is 0.
 */
export const LOST_WRITE_METRICS = ["writesLost", "ackedLost", "objectsLost"] as const;

/**
 * Completed client operations counted so far, per round. The history only grows, so each call reads only the
 * entries added since the last one: a class room asks every group every second, and a long round's history is long.
 */
const tallies = new WeakMap<Round, { read: number; ok: number; failed: number }>();

function opsTally(round: Round): { ok: number; failed: number } {
  const tally = tallies.get(round) ?? { read: 0, ok: 0, failed: 0 };
  const history = round.sim.history;
  for (; tally.read < history.length; tally.read++) {
    const type = history[tally.read].type;
    if (type === "ok") tally.ok++;
    else if (type === "fail" || type === "info") tally.failed++;
  }
  tallies.set(round, tally);
  return tally;
}

export function roundFacts(round: Round): RoundFacts {
  const objectives = round.objectives();
  const { ok: opsOk, failed: opsFailed } = opsTally(round);
  const summary = round.sim.summarize();
  let writesLost = 0;
  for (const metric of LOST_WRITE_METRICS) {
    const value = summary[metric];
    if (typeof value === "number" && value > 0) writesLost += value;
  }
  return {
    goalsMet: objectives.filter((o) => o.kind === "goal" && o.met).length,
    goals: objectives.filter((o) => o.kind === "goal").length,
    lossesMet: objectives.filter((o) => o.kind === "lose" && o.met).length,
    opsOk,
    opsFailed,
    writesLost,
    invariantsBroken: round.sim.invariantReport().filter((i) => !i.ok || i.violations > 0).length,
  };
}
