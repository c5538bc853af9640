// The teacher's export of a class session, for a spreadsheet: one row per student (name, team, group, the points of
// every ended round summed, and their answer to each question asked), then one row with each question's tally.
// Per-round detail stays in each group's game export (exports.ts).

import type { ClassSession } from "./classes";
import { csvCell } from "./exports";
import type { Store } from "./store";

export function classResultsCsv(store: Store, session: ClassSession): string {
  const roster = store.classes.roster(session.id);
  const points = new Map(store.classes.scores(session.id).map((s) => [s.name, s.points]));
  const polls = store.classes.polls(session.id);
  const header = ["class", "student", "team", "group", "points", ...polls.map((p, i) => `Q${i + 1}: ${p.question}`)];
  const rows = roster.map((r) => [
    session.code,
    r.name,
    r.team,
    r.group,
    points.get(r.name) ?? 0,
    ...polls.map((p) => {
      const vote = p.votes.find((v) => v.voter === r.name);
      return vote === undefined ? "" : p.choices[vote.choice] ?? "";
    }),
  ]);
  const tally = [session.code, "(all votes)", "", "", "", ...polls.map((p) => p.choices.map((c, i) => `${c}: ${p.tally[i]}`).join("; "))];
  return [header, ...rows, ...(polls.length > 0 ? [tally] : [])].map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
