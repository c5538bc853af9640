// Class sessions (the ClassRoom, server/rooms/class/): a teacher's session with its roster of students in teams
// and groups, the polls it ran (a prediction is a poll whose answer is revealed later), their votes, and the
// points it gave. Plain insert and list operations; the class room owns the rules (who may vote, when a poll
// closes, how many points a right prediction earns).

import type { DatabaseSync } from "node:sqlite";
import { nowIso } from "./time";

export interface ClassSession {
  id: number;
  code: string;
  title: string;
  /** The level it plays ("" for sessions recorded before levels were). */
  level: string;
  createdAt: string;
  endedAt: string | null;
  /** What brings the class back after a restart (class-record.ts reads it); null before the class first wrote it. */
  snapshot: string | null;
}

export interface RosterEntry {
  name: string;
  team: string;
  group: string;
  joinedAt: string;
}

export interface Poll {
  id: number;
  question: string;
  choices: string[];
  /** The right choice's index once revealed; null for an opinion poll or before the reveal. */
  answer: number | null;
  createdAt: string;
  closedAt: string | null;
  /** Votes per choice, in choice order. */
  tally: number[];
  votes: { voter: string; choice: number }[];
}

export interface ScoreTotal {
  name: string;
  points: number;
}

interface SessionRow {
  id: number;
  code: string;
  title: string;
  level: string;
  created_at: string;
  ended_at: string | null;
  snapshot: string | null;
}

interface PollRow {
  id: number;
  question: string;
  choices: string;
  answer: number | null;
  created_at: string;
  closed_at: string | null;
}

const session = (r: SessionRow): ClassSession => ({
  id: r.id,
  code: r.code,
  title: r.title,
  level: r.level,
  createdAt: r.created_at,
  endedAt: r.ended_at,
  snapshot: r.snapshot,
});

/** `owner` names this server process, as for rooms (rooms.ts): each brings back only the classes it ran. */
export function classesTable(db: DatabaseSync, owner = "local") {
  const q = {
    create: db.prepare("INSERT INTO class_sessions (code, title, level, owner, host_token_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)"),
    hostedBy: db.prepare("SELECT 1 FROM class_sessions WHERE id = ? AND host_token_hash = ?"),
    snapshot: db.prepare("UPDATE class_sessions SET snapshot = ?, level = ? WHERE id = ?"),
    open: db.prepare("SELECT * FROM class_sessions WHERE ended_at IS NULL AND owner = ? ORDER BY id"),
    end: db.prepare("UPDATE class_sessions SET ended_at = ? WHERE id = ? AND ended_at IS NULL"),
    get: db.prepare("SELECT * FROM class_sessions WHERE id = ?"),
    byCode: db.prepare("SELECT * FROM class_sessions WHERE code = ? ORDER BY id DESC LIMIT 1"),
    join: db.prepare(`INSERT INTO class_roster (session_id, name, team, group_name, joined_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (session_id, name) DO UPDATE SET team = excluded.team, group_name = excluded.group_name`),
    roster: db.prepare("SELECT name, team, group_name, joined_at FROM class_roster WHERE session_id = ? ORDER BY joined_at, name"),
    poll: db.prepare("INSERT INTO polls (session_id, question, choices, created_at) VALUES (?, ?, ?, ?)"),
    pollChoices: db.prepare("SELECT choices, closed_at FROM polls WHERE id = ?"),
    close: db.prepare("UPDATE polls SET closed_at = COALESCE(closed_at, ?), answer = COALESCE(?, answer) WHERE id = ?"),
    vote: db.prepare(`INSERT INTO poll_votes (poll_id, voter, choice, voted_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (poll_id, voter) DO UPDATE SET choice = excluded.choice, voted_at = excluded.voted_at`),
    polls: db.prepare("SELECT id, question, choices, answer, created_at, closed_at FROM polls WHERE session_id = ? ORDER BY id"),
    votes: db.prepare("SELECT voter, choice FROM poll_votes WHERE poll_id = ? ORDER BY voted_at, voter"),
    score: db.prepare("INSERT INTO scores (session_id, name, points, reason, at) VALUES (?, ?, ?, ?, ?)"),
    totals: db.prepare("SELECT name, SUM(points) AS points FROM scores WHERE session_id = ? GROUP BY name ORDER BY points DESC, name"),
  };
  return {
    /** Starts a class session; returns its id. */
    create(s: { code: string; title?: string; level?: string; hostTokenHash?: string }): number {
      return Number(q.create.run(s.code, s.title ?? "", s.level ?? "", owner, s.hostTokenHash ?? null, nowIso()).lastInsertRowid);
    },
    /** Whether `tokenHash` is the hash of this session's teacher's rejoin token. */
    hostedBy(id: number, tokenHash: string): boolean {
      return q.hostedBy.get(id, tokenHash) !== undefined;
    },
    /** Rewrites what brings the class back after a restart (and the level it plays now). */
    saveSnapshot(id: number, level: string, snapshot: string): void {
      q.snapshot.run(snapshot, level, id);
    },
    /** This process's classes that were not ended: the ones it brings back when it restarts. */
    open(): ClassSession[] {
      return (q.open.all(owner) as unknown as SessionRow[]).map(session);
    },
    end(id: number): void {
      q.end.run(nowIso(), id);
    },
    get(id: number): ClassSession | undefined {
      const row = q.get.get(id) as SessionRow | undefined;
      return row && session(row);
    },
    /** The latest session with this code. */
    byCode(code: string): ClassSession | undefined {
      const row = q.byCode.get(code) as SessionRow | undefined;
      return row && session(row);
    },
    /** Adds a student to the roster, or moves them to another team or group. */
    addToRoster(sessionId: number, e: { name: string; team?: string; group?: string }): void {
      q.join.run(sessionId, e.name, e.team ?? "", e.group ?? "", nowIso());
    },
    roster(sessionId: number): RosterEntry[] {
      return (q.roster.all(sessionId) as { name: string; team: string; group_name: string; joined_at: string }[]).map((r) => ({
        name: r.name,
        team: r.team,
        group: r.group_name,
        joinedAt: r.joined_at,
      }));
    },
    /** Opens a poll (or a prediction); returns its id. */
    createPoll(sessionId: number, p: { question: string; choices: readonly string[] }): number {
      if (p.choices.length < 2) throw new RangeError("a poll needs at least two choices");
      return Number(q.poll.run(sessionId, p.question, JSON.stringify(p.choices), nowIso()).lastInsertRowid);
    },
    /** Closes a poll to votes; `answer` reveals a prediction's right choice. */
    closePoll(pollId: number, answer?: number): void {
      if (answer !== undefined) checkChoice(pollChoices(pollId), answer);
      q.close.run(nowIso(), answer ?? null, pollId);
    },
    /** Records (or changes) a vote while the poll is open. */
    vote(pollId: number, voter: string, choice: number): void {
      const poll = pollChoices(pollId);
      if (poll.closed) throw new RangeError(`poll ${pollId} is closed`);
      checkChoice(poll, choice);
      q.vote.run(pollId, voter, choice, nowIso());
    },
    polls(sessionId: number): Poll[] {
      return (q.polls.all(sessionId) as unknown as PollRow[]).map((r) => {
        const choices = JSON.parse(r.choices) as string[];
        const votes = q.votes.all(r.id) as { voter: string; choice: number }[];
        const tally = choices.map((_, i) => votes.filter((v) => v.choice === i).length);
        return { id: r.id, question: r.question, choices, answer: r.answer, createdAt: r.created_at, closedAt: r.closed_at, tally, votes };
      });
    },
    addScore(sessionId: number, s: { name: string; points: number; reason?: string }): void {
      if (!Number.isInteger(s.points)) throw new RangeError(`points are whole numbers, got ${s.points}`);
      q.score.run(sessionId, s.name, s.points, s.reason ?? "", nowIso());
    },
    /** Each student's total, highest first. */
    scores(sessionId: number): ScoreTotal[] {
      return (q.totals.all(sessionId) as { name: string; points: number }[]).map((r) => ({ name: r.name, points: Number(r.points) }));
    },
  };

  function pollChoices(pollId: number): { count: number; closed: boolean } {
    const row = q.pollChoices.get(pollId) as { choices: string; closed_at: string | null } | undefined;
    if (!row) throw new RangeError(`there is no poll ${pollId}`);
    return { count: (JSON.parse(row.choices) as string[]).length, closed: row.closed_at !== null };
  }
}

function checkChoice(poll: { count: number }, choice: number): void {
  if (!Number.isInteger(choice) || choice < 0 || choice >= poll.count) {
    throw new RangeError(`a choice is a number from 0 to ${poll.count - 1}, got ${choice}`);
  }
}

export type ClassesTable = ReturnType<typeof classesTable>;
