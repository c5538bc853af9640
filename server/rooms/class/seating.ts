// Where students sit: which group, which role, which team. Pure rules over the roster, so the class room only
// applies the answers. The one-seat-per-role rules are the game room's own (seats.ts: one operator, one chaos agent,
// one person per node), checked here with the same takeSeat before a seat is ever sent to a game room.

import type { RolesSpec } from "../../../shared/levels/schema";
import type { ClassMode, ClassRole } from "../../../shared/protocol/class-messages";
import { type Seat, takeSeat } from "../seats";

/** A student's place as the seating rules see it. */
export interface Placement {
  studentId: string;
  name: string;
  group: string;
  role: ClassRole;
  node: string;
}

export interface SeatWanted {
  role: ClassRole;
  node?: string;
}

export type SeatAnswer = { ok: true; role: ClassRole; node: string } | { ok: false; error: string };

/**
 * The seats a group hands out, best first. In groups an operator and a chaos agent come first (the two roles
 * that make a round a contest), then the nodes, then clients. In one large cluster the nodes come first, since there
 * every student is meant to be a node; a class bigger than the cluster fills operator, chaos and then clients.
 */
export function seatOrder(mode: ClassMode, roles: RolesSpec, nodes: readonly string[]): SeatWanted[] {
  const people: SeatWanted[] = [];
  if (roles.operator) people.push({ role: "operator" });
  if (roles.chaos) people.push({ role: "chaos" });
  const nodeSeats: SeatWanted[] = roles.node ? nodes.map((node) => ({ role: "node", node })) : [];
  const order = mode === "whole" ? [...nodeSeats, ...people] : [...people, ...nodeSeats];
  order.push({ role: roles.client ? "client" : "spectator" });
  return order;
}

/** Whether `who` may take `wanted` among `others` (the rest of their group), by the game room's own rules. */
export function checkSeat(others: readonly Placement[], who: Placement, wanted: SeatWanted, roles: RolesSpec, nodes: readonly string[]): SeatAnswer {
  const asSeat = (p: Placement): Seat => ({ sessionId: p.studentId, name: p.name, role: p.role, node: p.node, host: false });
  const decision = takeSeat(others.map(asSeat), asSeat(who), { role: wanted.role, ...(wanted.node !== undefined ? { node: wanted.node } : {}) }, roles, nodes);
  if (!decision.ok) return decision;
  return { ok: true, role: decision.seat.role as ClassRole, node: decision.seat.node };
}

/** The first seat in the group's order that is free for `who`. */
export function autoSeat(mode: ClassMode, others: readonly Placement[], who: Placement, roles: RolesSpec, nodes: readonly string[]): { role: ClassRole; node: string } {
  for (const wanted of seatOrder(mode, roles, nodes)) {
    const answer = checkSeat(others, who, wanted, roles, nodes);
    if (answer.ok) return answer;
  }
  return { role: "spectator", node: "" };
}

/** Whether a seat is still valid after the level changed (the role exists, the node is still in the cluster). */
export function seatStillValid(p: Placement, roles: RolesSpec, nodes: readonly string[]): boolean {
  if (p.role === "spectator") return true;
  if (!roles[p.role]) return false;
  return p.role !== "node" || nodes.includes(p.node);
}

/** The default team follows the role: the chaos agents against everyone keeping the system up. */
export function defaultTeam(role: string): string {
  return role === "chaos" ? "chaos" : "operators";
}

/** The group a newcomer joins: the one with the fewest students that still has room, or undefined for a new one. */
export function groupWithRoom(counts: ReadonlyMap<string, number>, size: number): string | undefined {
  let best: string | undefined;
  for (const [group, n] of counts) {
    if (n >= size) continue;
    if (best === undefined || n < (counts.get(best) ?? 0)) best = group;
  }
  return best;
}

/**
 * Splits students (in the order given) into as few groups of at most `size` as possible, with sizes as even as
 * they can be: 13 students in groups of 5 make 5, 4, 4.
 */
export function splitIntoGroups<T>(students: readonly T[], size: number): T[][] {
  if (students.length === 0) return [];
  const count = Math.ceil(students.length / size);
  const groups: T[][] = [];
  let at = 0;
  for (let g = 0; g < count; g++) {
    const n = Math.floor(students.length / count) + (g < students.length % count ? 1 : 0);
    groups.push(students.slice(at, at + n));
    at += n;
  }
  return groups;
}
