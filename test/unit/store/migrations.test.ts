// The schema is migrated once, remembered, and never downgraded; a failed migration leaves the database as it was.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MIGRATIONS, migrate, schemaVersion } from "../../../server/store/migrations";
import { openDatabase } from "../../../server/store/sqlite";
import { openStore } from "../../../server/store/store";

function tempFile(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), "split-brain-db-")), "nested", "test.db");
}

describe("migrations", () => {
  it("creates the schema in a new file (and its folder), at the latest version, in WAL mode", () => {
    const file = tempFile();
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect((db.prepare("PRAGMA journal_mode").get() as { journal_mode: string }).journal_mode).toBe("wal");
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(["rooms", "seats", "rounds", "round_inputs", "class_sessions", "class_roster", "polls", "poll_votes", "scores"]));
    db.close();
  });

  it("keeps the data when the database is opened again (no migration runs twice)", () => {
    const file = tempFile();
    const first = openStore(file);
    first.rooms.create({ code: "K7M2Q", level: "etcd/leader-election", seed: 7 });
    first.close();
    const again = openStore(file);
    expect(again.rooms.byCode("K7M2Q")).toMatchObject({ level: "etcd/leader-election", seed: 7, endedAt: null });
    again.close();
  });

  it("runs only the migrations a database has not had", () => {
    const db = openDatabase(":memory:");
    migrate(db, [...MIGRATIONS, "CREATE TABLE extra (x INTEGER)"]);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length + 1);
    db.prepare("INSERT INTO extra (x) VALUES (1)").run();
    migrate(db, [...MIGRATIONS, "CREATE TABLE extra (x INTEGER)"]); // already there: nothing to do
    expect(db.prepare("SELECT COUNT(*) AS n FROM extra").get()).toEqual({ n: 1 });
  });

  it("rolls a failing migration back and stays at the version before it", () => {
    const db = openDatabase(":memory:");
    expect(() => migrate(db, [...MIGRATIONS, "CREATE TABLE half (x INTEGER); THIS IS NOT SQL"])).toThrow();
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
  });

  it("refuses a database written by a newer server instead of damaging it", () => {
    const db = openDatabase(":memory:");
    db.exec(`UPDATE schema_version SET version = ${MIGRATIONS.length + 5}`);
    expect(() => migrate(db)).toThrow(/newer than this server knows/);
  });
});
