// What a class room writes as it goes, bound to one class session: the session itself, its snapshot (what brings
// the class back after a restart, class-snapshot.ts), its roster with teams and groups, its questions with every vote
// and tally, and the points each student had when a group's round ended. Every call is a synchronous SQLite write,
// made before the class answers whoever caused it. Once the store is closed (the server is stopping) nothing more is
// written: a stop, like a kill, is not the end of the class, and the next start brings it back as last written.

import type { ClassSession } from "../../store/classes";
import type { Store } from "../../store/store";
import { type ClassSnapshot, readSnapshot } from "./class-snapshot";

export interface RosterLine {
  name: string;
  team: string;
  group: string;
}

export class ClassRecord {
  /** The snapshot as last written, to skip rewriting one that has not changed. */
  private lastSnapshot = "";
  /** Each name's roster line as last written. */
  private readonly lastRoster = new Map<string, string>();

  private constructor(
    private readonly store: Store,
    readonly sessionId: number,
  ) {}

  /** `hostTokenHash`: the hash of the teacher's rejoin token, which unlocks the class's exports (store/class-exports.ts). */
  static create(store: Store, s: { code: string; level: string; title: string; hostTokenHash: string }): ClassRecord {
    return new ClassRecord(store, store.classes.create(s));
  }

  /** The classes this process was running when it stopped (store/recover.ts brings them back). */
  static open(store: Store): ClassSession[] {
    return store.classes.open();
  }

  /** A class that was open when the server stopped, with its snapshot; or why it cannot come back. */
  static load(store: Store, code: string): { record: ClassRecord; session: ClassSession; snapshot: ClassSnapshot } | string {
    const session = store.classes.byCode(code);
    if (!session || session.endedAt !== null) return `no open class ${code} is stored`;
    const snapshot = readSnapshot(session.snapshot);
    if (typeof snapshot === "string") return snapshot;
    const record = new ClassRecord(store, session.id);
    record.lastSnapshot = session.snapshot ?? "";
    for (const line of store.classes.roster(session.id)) record.lastRoster.set(line.name, rosterKey(line));
    return { record, session, snapshot };
  }

  private get writable(): boolean {
    return this.store.isOpen;
  }

  /** Writes the snapshot and the roster lines that changed since the last call. */
  save(level: string, snapshot: ClassSnapshot, roster: readonly RosterLine[]): void {
    if (!this.writable) return;
    const text = JSON.stringify(snapshot);
    const changed = roster.filter((line) => this.lastRoster.get(line.name) !== rosterKey(line));
    if (text === this.lastSnapshot && changed.length === 0) return;
    this.store.transaction(() => {
      if (text !== this.lastSnapshot) this.store.classes.saveSnapshot(this.sessionId, level, text);
      for (const line of changed) this.store.classes.addToRoster(this.sessionId, line);
    });
    this.lastSnapshot = text;
    for (const line of changed) this.lastRoster.set(line.name, rosterKey(line));
  }

  /** A question asked; returns its row id (votes and the result are recorded against it). */
  pollOpened(question: string, choices: readonly string[]): number {
    return this.writable ? this.store.classes.createPoll(this.sessionId, { question, choices }) : 0;
  }

  voted(storedPoll: number, voter: string, choice: number): void {
    if (this.writable && storedPoll > 0) this.store.classes.vote(storedPoll, voter, choice);
  }

  pollClosed(storedPoll: number): void {
    if (this.writable && storedPoll > 0) this.store.classes.closePoll(storedPoll);
  }

  /** Points each student had when their group's round ended, with the reason (the scores table sums them). */
  scored(lines: readonly { name: string; points: number; reason: string }[]): void {
    if (!this.writable || lines.length === 0) return;
    this.store.transaction(() => {
      for (const line of lines) this.store.classes.addScore(this.sessionId, line);
    });
  }

  /** The class ended (the teacher ended it, or everyone left): a restart does not bring it back. */
  end(): void {
    if (this.writable) this.store.classes.end(this.sessionId);
  }
}

function rosterKey(line: RosterLine): string {
  return `${line.team}\u0000${line.group}`;
}
