// The host's exports of a room: its rounds' results as CSV (one row per round, for a spreadsheet) and a round's
// replay as JSON (journal.ts: what replays it).

import { type ReplayFile, ROOM_CHAOS } from "./journal";
import type { StoredRoom } from "./rooms";
import type { StoredRound } from "./rounds";
import type { Store } from "./store";

const COLUMNS = [
  "room",
  "round",
  "level",
  "seed",
  "started_at",
  "ended_at",
  "sim_time_s",
  "outcome",
  "outcome_text",
  "goals_met",
  "objectives",
  "invariants_ok",
  "violations",
  "client_ok",
  "client_fail",
  "client_unknown",
  "leader",
  "term",
  "summary",
  "trace_hash",
] as const;

export function resultsCsv(store: Store, room: StoredRoom): string {
  const rows = store.rounds.list(room.id).map((round) => csvRow(room, round));
  return [COLUMNS.join(","), ...rows.map((r) => COLUMNS.map((c) => csvCell(r[c])).join(","))].join("\r\n") + "\r\n";
}

function csvRow(room: StoredRoom, round: StoredRound): Record<(typeof COLUMNS)[number], string | number> {
  const r = round.result;
  const goals = r?.objectives.filter((o) => o.kind === "goal") ?? [];
  const summary = r ? Object.entries(r.summary).filter(([k, v]) => v !== null && k !== "leader" && k !== "term") : [];
  return {
    room: room.code,
    round: round.n,
    level: room.level,
    seed: room.seed,
    started_at: round.startedAt,
    ended_at: round.endedAt ?? "",
    sim_time_s: round.simTime / 1000,
    outcome: round.outcome,
    outcome_text: round.outcomeText,
    goals_met: r ? `${goals.filter((o) => o.met).length}/${goals.length}` : "",
    objectives: r?.objectives.map((o) => `${o.id}: ${o.met ? `met at ${o.atMs} ms` : "not met"}`).join("; ") ?? "",
    invariants_ok: r ? (r.invariants.every((i) => i.ok) ? "yes" : "no") : "",
    violations: r ? r.invariants.reduce((n, i) => n + i.violations, 0) : "",
    client_ok: r?.clientOps.ok ?? "",
    client_fail: r?.clientOps.fail ?? "",
    client_unknown: r?.clientOps.info ?? "",
    leader: r?.summary.leader ?? "",
    term: r?.summary.term ?? "",
    summary: summary.map(([k, v]) => `${k}=${v}`).join("; "),
    trace_hash: r?.traceHash ?? "",
  };
}

/**
 * RFC 4180 quoting; and a text cell that a spreadsheet would run as a formula (=, +, -, @ first: level texts come
 * from level authors, names from players) is prefixed with an apostrophe, so it shows as text.
 */
/** One CSV cell: quoted when it must be, and never read as a formula by a spreadsheet. */
export function csvCell(value: string | number): string {
  if (typeof value === "number") return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The replay of round `n`, or undefined when the room has no such round. */
export function replayFile(store: Store, room: StoredRoom, n: number): ReplayFile | undefined {
  const round = store.rounds.get(room.id, n);
  if (!round) return undefined;
  const inputs = store.inputs.list(room.id, n).map((i) => i.entry);
  const lastInput = inputs.at(-1)?.t ?? 0;
  return {
    format: "split-brain-replay",
    version: 1,
    room: room.code,
    round: n,
    level: room.level,
    seed: room.seed,
    ...(round.nodes !== null ? { nodes: round.nodes } : {}),
    chaos: ROOM_CHAOS,
    simTimeMs: Math.max(round.simTime, lastInput),
    outcome: round.outcome,
    traceHash: round.result?.traceHash ?? "",
    inputs,
  };
}
