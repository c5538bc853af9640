// The Store: the embedded database and its typed operations, one group per concept. Open one per process with
// openStore(); everything is synchronous (node:sqlite), so a write is on disk when the call returns.

import { fileURLToPath } from "node:url";
import { authoredLevelsTable } from "./authored-levels";
import { classesTable } from "./classes";
import { inputsTable } from "./inputs";
import { roomsTable } from "./rooms";
import { roundsTable } from "./rounds";
import { seatsTable } from "./seats";
import { openDatabase } from "./sqlite";

/** data/split-brain.db in this repository, whatever the working directory (data/ is gitignored). */
export const DEFAULT_DATABASE = fileURLToPath(new URL("../../data/split-brain.db", import.meta.url));

export interface Store {
  /** The file it was opened from, or ":memory:". */
  readonly file: string;
  readonly rooms: ReturnType<typeof roomsTable>;
  readonly seats: ReturnType<typeof seatsTable>;
  readonly rounds: ReturnType<typeof roundsTable>;
  readonly inputs: ReturnType<typeof inputsTable>;
  readonly classes: ReturnType<typeof classesTable>;
  /** Levels saved by authors through POST /api/levels. */
  readonly levels: ReturnType<typeof authoredLevelsTable>;
  /** False once closed. A server closes its store before its rooms, so a stopping server writes nothing more. */
  readonly isOpen: boolean;
  /** Runs `fn` as one transaction: all of its writes land, or none. */
  transaction<T>(fn: () => T): T;
  close(): void;
}

/**
 * Opens the database at `file` (created if missing, schema migrated); ":memory:" for one that is not kept.
 * `owner` names this server process when several share the file (their public addresses): each brings back only
 * the rooms it ran.
 */
export function openStore(file: string, owner = "local"): Store {
  const db = openDatabase(file);
  return {
    file,
    rooms: roomsTable(db, owner),
    seats: seatsTable(db),
    rounds: roundsTable(db),
    inputs: inputsTable(db),
    classes: classesTable(db, owner),
    levels: authoredLevelsTable(db),
    get isOpen() {
      return db.isOpen;
    },
    transaction<T>(fn: () => T): T {
      db.exec("BEGIN IMMEDIATE");
      try {
        const result = fn();
        db.exec("COMMIT");
        return result;
      } catch (error) {
        db.exec("ROLLBACK");
        throw error;
      }
    },
    close: () => {
      if (db.isOpen) db.close();
    },
  };
}
