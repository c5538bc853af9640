// The inputs of each round, appended as the room accepts them: with the level and the seed they replay the round
// exactly (journal.ts). An input is written before the player is told "ok", so nothing acknowledged is lost.

import type { DatabaseSync } from "node:sqlite";
import type { JournalEntry } from "../../shared/levels/journal";

export interface StoredInput {
  seq: number;
  simTime: number;
  entry: JournalEntry;
}

export function inputsTable(db: DatabaseSync) {
  const insert = db.prepare("INSERT INTO round_inputs (room_id, round, seq, sim_time, input) VALUES (?, ?, ?, ?, ?)");
  const all = db.prepare("SELECT seq, sim_time, input FROM round_inputs WHERE room_id = ? AND round = ? ORDER BY seq");
  return {
    /** Appends entry number `seq` (from 0, one after another) of a round. */
    append(roomId: number, round: number, seq: number, entry: JournalEntry): void {
      insert.run(roomId, round, seq, entry.t, JSON.stringify(entry));
    },
    list(roomId: number, round: number): StoredInput[] {
      return (all.all(roomId, round) as { seq: number; sim_time: number; input: string }[]).map((r) => ({
        seq: r.seq,
        simTime: r.sim_time,
        entry: JSON.parse(r.input) as JournalEntry,
      }));
    },
  };
}

export type InputsTable = ReturnType<typeof inputsTable>;
