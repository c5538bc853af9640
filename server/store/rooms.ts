// Game rooms: one row per room ever created, kept after it ends so its results can be exported later.

import type { DatabaseSync } from "node:sqlite";
import { nowIso } from "./time";

export type StoredPhase = "lobby" | "running" | "won" | "lost";

export interface StoredRoom {
  id: number;
  code: string;
  level: string;
  seed: number;
  createdAt: string;
  endedAt: string | null;
  phase: StoredPhase;
  paused: boolean;
  /** The host's speed setting; null until it was recorded. */
  speed: number | null;
  /** The current round's number, from 1. */
  round: number;
  /** The class session this room is a group of, or null. */
  classCode: string | null;
}

/** Where the current round is, written as it changes. */
export interface RoomProgress {
  phase: StoredPhase;
  paused: boolean;
  speed: number;
}

interface RoomRow {
  id: number;
  code: string;
  level: string;
  seed: number;
  created_at: string;
  ended_at: string | null;
  phase: StoredPhase;
  paused: number;
  speed: number | null;
  round: number;
  class_code: string | null;
}

function fromRow(r: RoomRow): StoredRoom {
  return {
    id: r.id,
    code: r.code,
    level: r.level,
    seed: r.seed,
    createdAt: r.created_at,
    endedAt: r.ended_at,
    phase: r.phase,
    paused: r.paused !== 0,
    speed: r.speed,
    round: r.round,
    classCode: r.class_code,
  };
}

/** `owner` names this server process: several processes may share one database, and each restores its own rooms. */
export function roomsTable(db: DatabaseSync, owner: string) {
  const insert = db.prepare("INSERT INTO rooms (code, level, seed, created_at, owner, class_code) VALUES (?, ?, ?, ?, ?, ?)");
  const byCode = db.prepare("SELECT * FROM rooms WHERE code = ?");
  const open = db.prepare("SELECT * FROM rooms WHERE ended_at IS NULL AND owner = ? ORDER BY id");
  const progress = db.prepare("UPDATE rooms SET phase = ?, paused = ?, speed = ? WHERE id = ?");
  const round = db.prepare("UPDATE rooms SET round = ?, phase = 'lobby', paused = 0 WHERE id = ?");
  const end = db.prepare("UPDATE rooms SET ended_at = ? WHERE id = ? AND ended_at IS NULL");
  return {
    /** Records a new room; returns its id. Throws if the code was ever used (codes are unique for all time). */
    create(room: { code: string; level: string; seed: number; classCode?: string }): number {
      return Number(insert.run(room.code, room.level, room.seed, nowIso(), owner, room.classCode ?? null).lastInsertRowid);
    },
    byCode(code: string): StoredRoom | undefined {
      const row = byCode.get(code) as RoomRow | undefined;
      return row && fromRow(row);
    },
    /** This process's rooms that were not ended: the ones it brings back when it restarts. */
    open(): StoredRoom[] {
      return (open.all(owner) as unknown as RoomRow[]).map(fromRow);
    },
    setProgress(id: number, p: RoomProgress): void {
      progress.run(p.phase, p.paused ? 1 : 0, p.speed, id);
    },
    /** The room moved on to round `n` (in the lobby). */
    setRound(id: number, n: number): void {
      round.run(n, id);
    },
    end(id: number): void {
      end.run(nowIso(), id);
    },
  };
}

export type RoomsTable = ReturnType<typeof roomsTable>;
