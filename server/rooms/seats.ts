// Who may take which role in a room. Pure rules over the list of people present, so the room only asks
// "may this happen?" and applies the answer. One host; one operator and one chaos agent (two people issuing
// faults or reconfigurations at once would fight each other, and the chaos budget is one budget); one person
// per node; any number of clients and spectators (many clients is exactly the load a cluster should take).

import type { RoleName } from "../../shared/protocol/actions";
import type { RolesSpec } from "../../shared/levels/schema";

export interface Seat {
  sessionId: string;
  name: string;
  role: RoleName;
  /** The node a node player is; "" otherwise. */
  node: string;
  host: boolean;
}

export interface SeatRequest {
  role: RoleName;
  node?: string;
}

export type SeatDecision = { ok: true; seat: Seat } | { ok: false; error: string };

const SEAT_WORDS: Record<RoleName, string> = {
  host: "the host",
  operator: "the operator",
  chaos: "the chaos agent",
  client: "a client",
  node: "a node",
  spectator: "a spectator",
};

/**
 * The seat `who` would have after asking for `request`, or why not.
 * `levelRoles` lists the roles this level offers; `nodes` are the cluster's current members.
 */
export function takeSeat(
  seats: readonly Seat[],
  who: Seat,
  request: SeatRequest,
  levelRoles: RolesSpec,
  nodes: readonly string[],
): SeatDecision {
  const others = seats.filter((s) => s.sessionId !== who.sessionId);
  const { role } = request;
  if (role !== "node" && request.node !== undefined) {
    return { ok: false, error: `Only the node role takes a node; leave "node" out for ${SEAT_WORDS[role]}.` };
  }
  switch (role) {
    case "spectator":
      return { ok: true, seat: { ...who, role, node: "" } };
    case "host": {
      const host = others.find((s) => s.host);
      if (host) return { ok: false, error: `${host.name} is the host; a game has one host.` };
      return { ok: true, seat: { ...who, role, node: "", host: true } };
    }
    case "client":
    case "operator":
    case "chaos": {
      if (!levelRoles[role]) return { ok: false, error: `This level has no ${role} role.` };
      const holder = role === "client" ? undefined : others.find((s) => s.role === role);
      if (holder) return { ok: false, error: `${holder.name} is already ${SEAT_WORDS[role]}.` };
      return { ok: true, seat: { ...who, role, node: "" } };
    }
    case "node": {
      if (!levelRoles.node) return { ok: false, error: "This level has no node players." };
      const node = request.node;
      if (!node) return { ok: false, error: `Say which node to play: one of ${nodes.join(", ")}.` };
      if (!nodes.includes(node)) return { ok: false, error: `There is no node "${node}"; the nodes are ${nodes.join(", ")}.` };
      const holder = others.find((s) => s.role === "node" && s.node === node);
      if (holder) return { ok: false, error: `${holder.name} is already playing ${node}.` };
      return { ok: true, seat: { ...who, role, node } };
    }
  }
}

/** The humans a round must not replace with bots: every seat that plays a role with a bot counterpart. */
export function humanRoles(seats: readonly Seat[]): { role: RoleName; node?: string }[] {
  return seats
    .filter((s) => s.role === "operator" || s.role === "chaos" || s.role === "client" || s.role === "node")
    .map((s) => (s.role === "node" ? { role: s.role, node: s.node } : { role: s.role }));
}

/** A name not yet used in the room: "Ada", then "Ada 2", "Ada 3", ... */
export function uniqueName(seats: readonly Seat[], wanted: string): string {
  const taken = new Set(seats.map((s) => s.name));
  if (!taken.has(wanted)) return wanted;
  for (let i = 2; ; i++) {
    const name = `${wanted} ${i}`;
    if (!taken.has(name)) return name;
  }
}
