// A game room's roster: who holds which seat. A row per name; a player who leaves keeps their row (left_at set),
// so the roster of a past round stays readable. A restarted server reserves the seats still held.

import type { DatabaseSync } from "node:sqlite";
import { nowIso } from "./time";

export interface StoredSeat {
  name: string;
  role: string;
  /** The node a node player is; "" otherwise. */
  node: string;
  host: boolean;
  /** sha256 of the seat's rejoin token (rejoin.ts); "" when it has none. */
  tokenHash: string;
}

interface SeatRow {
  name: string;
  role: string;
  node: string;
  host: number;
  token_hash: string | null;
}

export function seatsTable(db: DatabaseSync) {
  const upsert = db.prepare(`
    INSERT INTO seats (room_id, name, role, node, host, hosted, token_hash, joined_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (room_id, name) DO UPDATE SET
      role = excluded.role, node = excluded.node, host = excluded.host, hosted = MAX(hosted, excluded.hosted),
      token_hash = COALESCE(excluded.token_hash, token_hash), left_at = NULL`);
  const leave = db.prepare("UPDATE seats SET left_at = ?, host = 0 WHERE room_id = ? AND name = ? AND left_at IS NULL");
  const held = db.prepare("SELECT name, role, node, host, token_hash FROM seats WHERE room_id = ? AND left_at IS NULL ORDER BY joined_at, name");
  const hosted = db.prepare("SELECT 1 FROM seats WHERE room_id = ? AND hosted = 1 AND token_hash = ?");
  return {
    /** Records a seat as it is now. A null tokenHash keeps the one stored. */
    save(roomId: number, seat: Omit<StoredSeat, "tokenHash"> & { tokenHash: string | null }): void {
      const host = seat.host ? 1 : 0;
      upsert.run(roomId, seat.name, seat.role, seat.node, host, host, seat.tokenHash, nowIso());
    },
    /** The player left for good: the seat is free. */
    leave(roomId: number, name: string): void {
      leave.run(nowIso(), roomId, name);
    },
    /** The seats still held, in joining order. */
    held(roomId: number): StoredSeat[] {
      return (held.all(roomId) as unknown as SeatRow[]).map((r) => ({
        name: r.name,
        role: r.role,
        node: r.node,
        host: r.host !== 0,
        tokenHash: r.token_hash ?? "",
      }));
    },
    /** Whether the seat with this token hash ever hosted this room: who may export its results. */
    hostedBy(roomId: number, tokenHash: string): boolean {
      return hosted.get(roomId, tokenHash) !== undefined;
    },
  };
}

export type SeatsTable = ReturnType<typeof seatsTable>;
