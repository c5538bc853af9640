// Which stretch of the round the sequence diagram shows first, and when a moment is picked: the election after a
// fault if there was one (the pre-votes, votes and first appends all fit in a few tens of ms), else the moment
// itself and what followed it.

import type { Debrief } from "./debrief";

/** Before a leader is announced its election ran for about this long (pre-vote and vote round trips). */
const ELECTION_LEAD_MS = 40;
const ELECTION_TAIL_MS = 20;
const AFTER_MS = 300;

export function windowAround(d: Debrief, t: number): { from: number; to: number } {
  const marks = d.series.marks;
  const nextFault = marks.find((m) => m.t > t && (m.kind === "fault" || m.kind === "network"))?.t ?? d.endMs;
  const election = marks.find((m) => m.kind === "leader" && m.t >= t && m.t <= nextFault);
  if (election) return clamp(d, election.t - ELECTION_LEAD_MS, election.t + ELECTION_TAIL_MS);
  return clamp(d, t - AFTER_MS / 6, t + AFTER_MS);
}

/** The first window to show: around the first fault, else the first election, else the start. */
export function firstWindow(d: Debrief): { from: number; to: number } {
  const first = d.series.marks.find((m) => m.kind === "fault" || m.kind === "network") ?? d.series.marks.find((m) => m.kind === "leader");
  return windowAround(d, first ? first.t : 0);
}

function clamp(d: Debrief, from: number, to: number): { from: number; to: number } {
  return { from: Math.max(0, Math.round(from)), to: Math.min(d.endMs, Math.round(to)) };
}
