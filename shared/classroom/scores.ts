// Scores from what the system did, not from who clicked fastest. Pure arithmetic over a group's RoundFacts
// (round-facts.ts), so a teacher can explain every point (docs/classroom.md repeats this table).
//
// A group's cluster scores 0-100:
//   objectives    40 × (goals met / goals), less 20 for every losing condition that fired (never below 0)
//   availability  30 × (client operations that succeeded / client operations that completed)
//   durability    15, less 5 for every acknowledged write the system lost (never below 0)
//   safety        15, less 10 for every safety invariant broken (never below 0)
// A round with no client operations yet counts as fully available, and a level without goals gives the full 40
// unless it was lost: nothing has gone wrong yet.
//
// A player scores from their side of their group's cluster: the chaos agent wins what the cluster loses
// (100 - the group's score), everyone else (operator, nodes, clients, spectators) the group's score. On top comes
// 2 points per accepted action, at most 20, so taking part counts but flooding the cluster with actions does not win.
// A team's score is the mean of its members' scores, so teams of different sizes compare fairly.

import type { RoundFacts } from "./round-facts";

export const OBJECTIVE_POINTS = 40;
export const LOSS_PENALTY = 20;
export const AVAILABILITY_POINTS = 30;
export const DURABILITY_POINTS = 15;
export const LOST_WRITE_PENALTY = 5;
export const SAFETY_POINTS = 15;
export const INVARIANT_PENALTY = 10;
export const POINTS_PER_ACTION = 2;
export const MAX_ACTION_POINTS = 20;

export function groupScore(f: RoundFacts): number {
  const goals = f.goals === 0 ? OBJECTIVE_POINTS : (OBJECTIVE_POINTS * f.goalsMet) / f.goals;
  const objectives = Math.max(0, goals - LOSS_PENALTY * f.lossesMet);
  const completed = f.opsOk + f.opsFailed;
  const availability = completed === 0 ? AVAILABILITY_POINTS : (AVAILABILITY_POINTS * f.opsOk) / completed;
  const durability = Math.max(0, DURABILITY_POINTS - LOST_WRITE_PENALTY * f.writesLost);
  const safety = Math.max(0, SAFETY_POINTS - INVARIANT_PENALTY * f.invariantsBroken);
  return Math.round(objectives + availability + durability + safety);
}

/** The chaos agent attacks the cluster; every other role defends it. */
export function attacks(role: string): boolean {
  return role === "chaos";
}

export function playerScore(groupPoints: number, role: string, actions: number): number {
  const side = attacks(role) ? 100 - groupPoints : groupPoints;
  return side + Math.min(MAX_ACTION_POINTS, POINTS_PER_ACTION * actions);
}

/** Mean score per team (rounded), with its number of members; players without a team are left out. */
export function teamScores(players: readonly { team: string; score: number }[]): Map<string, { score: number; members: number }> {
  const sums = new Map<string, { total: number; members: number }>();
  for (const p of players) {
    if (p.team === "") continue;
    const s = sums.get(p.team) ?? { total: 0, members: 0 };
    s.total += p.score;
    s.members++;
    sums.set(p.team, s);
  }
  return new Map([...sums].map(([team, s]) => [team, { score: Math.round(s.total / s.members), members: s.members }]));
}
