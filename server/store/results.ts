// What is kept of a round once it is over: its outcome and the figures a teacher compares between rounds and
// groups (results.csv). Taken from the Round itself, so a headless replay yields the very same record.

import type { Round } from "../../shared/levels/round";

export interface RoundResult {
  level: string;
  seed: number;
  outcome: "won" | "lost" | "unfinished";
  outcomeText: string;
  simTimeMs: number;
  /** Kernel events processed. */
  events: number;
  objectives: { id: string; kind: string; met: boolean; atMs: number | null }[];
  invariants: { name: string; ok: boolean; violations: number }[];
  /** The system's summary at the end (leader, term, and the system's own figures). */
  summary: Record<string, string | number | null>;
  /** How the clients' operations completed, bots' and players' (Jepsen's ok, fail, info). */
  clientOps: { ok: number; fail: number; info: number };
  /** SHA-256 of the full event trace: a replay that matches it reproduced the round byte for byte. */
  traceHash: string;
}

export function roundResult(round: Round): RoundResult {
  const sim = round.sim;
  const clientOps = { ok: 0, fail: 0, info: 0 };
  for (const h of sim.history) if (h.type !== "invoke") clientOps[h.type]++;
  return {
    level: round.level.id,
    seed: round.seed,
    outcome: round.outcome,
    outcomeText: round.outcomeText,
    simTimeMs: sim.now,
    events: sim.eventCount,
    objectives: round.objectives().map(({ id, kind, met, atMs }) => ({ id, kind, met, atMs })),
    invariants: sim.invariantReport().map(({ name, ok, violations }) => ({ name, ok, violations })),
    summary: sim.summarize(),
    clientOps,
    traceHash: sim.traceHash(),
  };
}
