// The rounds of a game room: one row per round, holding how far it ran and, once it ended, its result.

import type { DatabaseSync } from "node:sqlite";
import type { RoundResult } from "./results";
import { nowIso } from "./time";

export interface StoredRound {
  n: number;
  startedAt: string;
  endedAt: string | null;
  /** How far the round is known to have run, in simulated ms. */
  simTime: number;
  outcome: "won" | "lost" | "unfinished";
  outcomeText: string;
  /** Recorded when the round ended (or was restarted unfinished); null before. */
  result: RoundResult | null;
  /** The node count a class grew the level's cluster to for this round (class-cluster.ts); null: the level's own. */
  nodes: number | null;
}

interface RoundRow {
  n: number;
  started_at: string;
  ended_at: string | null;
  sim_time: number;
  outcome: StoredRound["outcome"];
  outcome_text: string;
  result: string | null;
  nodes: number | null;
}

function fromRow(r: RoundRow): StoredRound {
  return {
    n: r.n,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    simTime: r.sim_time,
    outcome: r.outcome,
    outcomeText: r.outcome_text,
    result: r.result === null ? null : (JSON.parse(r.result) as RoundResult),
    nodes: r.nodes,
  };
}

export function roundsTable(db: DatabaseSync) {
  const insert = db.prepare("INSERT INTO rounds (room_id, n, started_at, nodes) VALUES (?, ?, ?, ?)");
  const grown = db.prepare("UPDATE rounds SET nodes = ? WHERE room_id = ? AND n = ?");
  const progress = db.prepare("UPDATE rounds SET sim_time = MAX(sim_time, ?) WHERE room_id = ? AND n = ?");
  const finish = db.prepare(
    "UPDATE rounds SET ended_at = ?, sim_time = MAX(sim_time, ?), outcome = ?, outcome_text = ?, result = ? WHERE room_id = ? AND n = ?",
  );
  const one = db.prepare("SELECT * FROM rounds WHERE room_id = ? AND n = ?");
  const all = db.prepare("SELECT * FROM rounds WHERE room_id = ? ORDER BY n");
  return {
    /** `nodes`: the grown node count it is played with, or null for the level's own. */
    start(roomId: number, n: number, nodes: number | null = null): void {
      insert.run(roomId, n, nowIso(), nodes);
    },
    /** The round, still in its lobby, is now played with `nodes` nodes (a class grew its cluster). */
    setNodes(roomId: number, n: number, nodes: number | null): void {
      grown.run(nodes, roomId, n);
    },
    /** The round has run at least to `simTime`. */
    reached(roomId: number, n: number, simTime: number): void {
      progress.run(simTime, roomId, n);
    },
    finish(roomId: number, n: number, result: RoundResult): void {
      finish.run(nowIso(), result.simTimeMs, result.outcome, result.outcomeText, JSON.stringify(result), roomId, n);
    },
    get(roomId: number, n: number): StoredRound | undefined {
      const row = one.get(roomId, n) as RoundRow | undefined;
      return row && fromRow(row);
    },
    list(roomId: number): StoredRound[] {
      return (all.all(roomId) as unknown as RoundRow[]).map(fromRow);
    },
  };
}

export type RoundsTable = ReturnType<typeof roundsTable>;
