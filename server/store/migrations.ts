// The database schema, as an append-only list of migrations. The database records the version it is at
// (schema_version); opening it runs the migrations it has not had yet, each in its own transaction. Never edit a
// migration that has shipped: add the next one, so last week's database opens with this week's server.

import type { DatabaseSync } from "node:sqlite";

export const MIGRATIONS: readonly string[] = [
  // 1: game rooms, their seats, rounds and the inputs that replay them; class sessions.
  `
  CREATE TABLE rooms (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE,          -- join codes are never reused, so an export URL names one room
    level      TEXT NOT NULL,
    seed       INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    ended_at   TEXT,                          -- NULL while the room is open (a restarted server brings it back)
    phase      TEXT NOT NULL DEFAULT 'lobby', -- lobby | running | won | lost, of the current round
    paused     INTEGER NOT NULL DEFAULT 0,
    speed      REAL,
    round      INTEGER NOT NULL DEFAULT 1,    -- the current round's number
    owner      TEXT NOT NULL DEFAULT 'local', -- the server process that runs it (its public address when scaled out)
    class_code TEXT                           -- set for a class session's group: it comes back with its class only
  );
  CREATE TABLE seats (
    room_id    INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    role       TEXT NOT NULL,
    node       TEXT NOT NULL DEFAULT '',
    host       INTEGER NOT NULL DEFAULT 0,
    hosted     INTEGER NOT NULL DEFAULT 0,    -- was host at some point: may export the room's results
    token_hash TEXT,                          -- sha256 of the seat's rejoin token
    joined_at  TEXT NOT NULL,
    left_at    TEXT,                          -- NULL while the seat is held
    PRIMARY KEY (room_id, name)
  );
  CREATE TABLE rounds (
    room_id      INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
    n            INTEGER NOT NULL,
    started_at   TEXT NOT NULL,
    ended_at     TEXT,
    sim_time     INTEGER NOT NULL DEFAULT 0,  -- how far the round is known to have run
    outcome      TEXT NOT NULL DEFAULT 'unfinished',
    outcome_text TEXT NOT NULL DEFAULT '',
    result       TEXT,                        -- JSON: objectives, invariants, summary, trace hash (store/results.ts)
    PRIMARY KEY (room_id, n)
  );
  CREATE TABLE round_inputs (
    room_id  INTEGER NOT NULL,
    round    INTEGER NOT NULL,
    seq      INTEGER NOT NULL,
    sim_time INTEGER NOT NULL,
    input    TEXT NOT NULL,                   -- JSON: a journal entry (store/journal.ts)
    PRIMARY KEY (room_id, round, seq),
    FOREIGN KEY (room_id, round) REFERENCES rounds(room_id, n) ON DELETE CASCADE
  );

  CREATE TABLE class_sessions (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL,
    title      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    ended_at   TEXT
  );
  CREATE INDEX class_sessions_code ON class_sessions(code);
  CREATE TABLE class_roster (
    session_id INTEGER NOT NULL REFERENCES class_sessions(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    team       TEXT NOT NULL DEFAULT '',
    group_name TEXT NOT NULL DEFAULT '',
    joined_at  TEXT NOT NULL,
    PRIMARY KEY (session_id, name)
  );
  CREATE TABLE polls (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES class_sessions(id) ON DELETE CASCADE,
    question   TEXT NOT NULL,
    choices    TEXT NOT NULL,                 -- JSON array of strings
    answer     INTEGER,                       -- index of the right choice, once revealed (a prediction's result)
    created_at TEXT NOT NULL,
    closed_at  TEXT
  );
  CREATE TABLE poll_votes (
    poll_id  INTEGER NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
    voter    TEXT NOT NULL,
    choice   INTEGER NOT NULL,
    voted_at TEXT NOT NULL,
    PRIMARY KEY (poll_id, voter)
  );
  CREATE TABLE scores (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES class_sessions(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    points     INTEGER NOT NULL,
    reason     TEXT NOT NULL DEFAULT '',
    at         TEXT NOT NULL
  );
  CREATE INDEX scores_session ON scores(session_id, name);
  `,
  // 2: levels written by authors and saved through POST /api/levels (authored-levels.ts).
  `
  CREATE TABLE authored_levels (
    id         TEXT PRIMARY KEY,              -- <system>/my-<slug>-<6 random characters>, assigned by the server
    system     TEXT NOT NULL,
    title      TEXT NOT NULL,
    concept    TEXT NOT NULL,
    difficulty INTEGER NOT NULL,
    level      TEXT NOT NULL,                 -- JSON: the level as validated (shared/levels/load.ts), defaults filled in
    created_at TEXT NOT NULL
  );
  CREATE INDEX authored_levels_newest ON authored_levels(created_at DESC);
  `,
  // 3: the node count a round was played with, when a class grew the level's cluster (shared/levels/class-cluster.ts):
  // the level id alone rebuilds the un-grown cluster. NULL: the level's own count.
  `
  ALTER TABLE rounds ADD COLUMN nodes INTEGER;
  `,
  // 4: what a restarted server needs to bring a class back (server/rooms/class/class-record.ts): the process that ran
  // it, its level, and a snapshot of its seating, groups and open question (JSON, rewritten as they change). Rejoin
  // tokens are in it only as hashes; the teacher's is also a column, which unlocks the class's results export.
  `
  ALTER TABLE class_sessions ADD COLUMN owner TEXT NOT NULL DEFAULT 'local';
  ALTER TABLE class_sessions ADD COLUMN level TEXT NOT NULL DEFAULT '';
  ALTER TABLE class_sessions ADD COLUMN snapshot TEXT;
  ALTER TABLE class_sessions ADD COLUMN host_token_hash TEXT;  -- SHA-256 of the teacher's rejoin token: the exports' key
  `,
];

/** The schema version of this database (0 for a new one). */
export function schemaVersion(db: DatabaseSync): number {
  db.exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
  const row = db.prepare("SELECT version FROM schema_version").get() as { version: number } | undefined;
  return row?.version ?? 0;
}

/** Runs the migrations this database has not had. A database newer than this server is refused, not damaged. */
export function migrate(db: DatabaseSync, migrations: readonly string[] = MIGRATIONS): void {
  const from = schemaVersion(db);
  if (from > migrations.length) {
    throw new Error(`the database is at schema version ${from}, newer than this server knows (${migrations.length}): update the server`);
  }
  for (let v = from; v < migrations.length; v++) {
    db.exec("BEGIN IMMEDIATE");
    try {
      db.exec(migrations[v]);
      db.exec("DELETE FROM schema_version");
      db.prepare("INSERT INTO schema_version (version) VALUES (?)").run(v + 1);
      db.exec("COMMIT");
    } catch (error) {
      db.exec("ROLLBACK");
      throw error;
    }
  }
}
