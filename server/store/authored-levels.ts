// Levels written by authors (teachers, players) and saved through POST /api/levels (server/http/levels-api.ts).
// A row is written once and never changed: its id is the server's, so nobody overwrites another's level. The level
// is kept as the JSON the loader accepted, and validated again when read, so a level saved under an older schema
// that no longer holds is left out (with the reason printed) rather than half-run.

import type { DatabaseSync } from "node:sqlite";
import { parseLevelText } from "../../shared/levels/load";
import type { Level } from "../../shared/levels/schema";
import type { LevelSummary } from "../../shared/protocol/level-summary";
import { LruMap } from "../lru-map";
import { nowIso } from "./time";

/** Parsed levels kept: the ones rooms and share links are using now; any other is parsed again from its row. */
const PARSED_KEPT = 200;

interface SummaryRow {
  id: string;
  system: string;
  title: string;
  concept: string;
  difficulty: number;
}

export function authoredLevelsTable(db: DatabaseSync) {
  const insert = db.prepare(
    "INSERT INTO authored_levels (id, system, title, concept, difficulty, level, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
  );
  const one = db.prepare("SELECT level FROM authored_levels WHERE id = ?");
  // rowid breaks ties between levels saved in the same millisecond: the later insert is the newer level.
  const newest = db.prepare("SELECT id, system, title, concept, difficulty FROM authored_levels ORDER BY created_at DESC, rowid DESC LIMIT ?");
  const count = db.prepare("SELECT COUNT(*) AS n FROM authored_levels");
  // Rows never change, so a level parsed once stays right; up to 10,000 rows may be saved, so only the recently used
  // are kept parsed.
  const parsed = new LruMap<string, Level>(PARSED_KEPT);
  return {
    /** Saves a validated level under its id; false (and nothing written) when that id is taken. */
    add(level: Level): boolean {
      const { id, system, title, concept, difficulty } = level;
      return insert.run(id, system, title, concept, difficulty, JSON.stringify(level), nowIso()).changes === 1;
    },
    /** The level's JSON exactly as saved. */
    json(id: string): string | undefined {
      if (!db.isOpen) return undefined;
      return (one.get(id) as { level: string } | undefined)?.level;
    },
    /** The level, validated again; undefined when there is none (or it no longer validates, which is printed). */
    get(id: string): Level | undefined {
      const known = parsed.get(id);
      if (known) return known;
      const text = this.json(id);
      if (text === undefined) return undefined;
      try {
        const level = parseLevelText(text, `authored level ${id}`);
        parsed.set(id, level);
        return level;
      } catch (error) {
        console.warn(`${error instanceof Error ? error.message : String(error)}\n(left out of the level list)`);
        return undefined;
      }
    },
    /** The newest `limit` levels, newest first, as the level picker lists them. */
    newest(limit: number): LevelSummary[] {
      if (!db.isOpen) return [];
      const rows = newest.all(limit) as unknown as SummaryRow[];
      return rows.filter((r) => this.get(r.id) !== undefined).map((r) => ({ ...r, authored: true }));
    },
    count(): number {
      return db.isOpen ? (count.get() as { n: number }).n : 0;
    },
  };
}

export type AuthoredLevelsTable = ReturnType<typeof authoredLevelsTable>;
