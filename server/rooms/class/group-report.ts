// What one group's round has done so far, in the numbers a class is scored on (scores.ts). The game room sends it
// to its class room when asked (GameRoom.classReport, through matchMaker.remoteRoomCall, so it is plain JSON).

import type { Round } from "../../../shared/levels/round";

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

export interface GroupReport extends RoundFacts {
  phase: string;
  paused: boolean;
  speed: number;
  simTime: number;
  outcomeText: string;
  /** Accepted actions per studentId. */
  actions: Record<string, number>;
}

/**
 * The summary entries in which a system counts acknowledged data it has since lost: Redis Cluster's writes lost to
 * asynchronous replication, Kafka's acknowledged messages no longer in their partition, MinIO's objects with too few
 * intact shards left. The other systems do not lose acknowledged writes in their levels' configurations (a stale
 * read is not a lost write), so for them the count is 0.
 */
export const LOST_WRITE_METRICS = ["writesLost", "ackedLost", "objectsLost"] as const;

export function roundFacts(round: Round): RoundFacts {
  const objectives = round.objectives();
  let opsOk = 0;
  let opsFailed = 0;
  for (const entry of round.sim.history) {
    if (entry.type === "ok") opsOk++;
    else if (entry.type === "fail" || entry.type === "info") opsFailed++;
  }
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
