// Opens the embedded database: Node's built-in SQLite (node:sqlite), so a class needs no database service.
// The module is loaded on first use rather than imported, for two reasons: Node prints an ExperimentalWarning
// when it loads, which we silence for that one warning only (others still print), and a process that never opens
// a database never loads it.

import { mkdirSync } from "node:fs";
import path from "node:path";
import type { DatabaseSync } from "node:sqlite";
import { migrate } from "./migrations";

type Sqlite = typeof import("node:sqlite");

let sqlite: Sqlite | undefined;

function loadSqlite(): Sqlite {
  if (sqlite) return sqlite;
  const emitWarning = process.emitWarning;
  process.emitWarning = function (this: unknown, warning: string | Error, ...rest: unknown[]) {
    const text = typeof warning === "string" ? warning : warning.message;
    if (text.startsWith("SQLite is an experimental feature")) return;
    return (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  } as typeof process.emitWarning;
  try {
    sqlite = process.getBuiltinModule("node:sqlite") as Sqlite;
  } finally {
    process.emitWarning = emitWarning;
  }
  return sqlite;
}

/**
 * Opens (creating if needed) the database at `file` and brings its schema up to date. ":memory:" gives a database
 * that lives as long as the process. A file database runs in WAL mode: a crash never leaves it half-written, and
 * each write is one short fsync'd append, cheap enough to make on every accepted input.
 */
export function openDatabase(file: string): DatabaseSync {
  const { DatabaseSync } = loadSqlite();
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new DatabaseSync(file);
  try {
    db.exec("PRAGMA foreign_keys = ON");
    db.exec("PRAGMA busy_timeout = 5000");
    if (file !== ":memory:") {
      db.exec("PRAGMA journal_mode = WAL");
      // FULL: a write acknowledged to a player is on disk before the answer leaves, even if the machine loses power.
      db.exec("PRAGMA synchronous = FULL");
    }
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
