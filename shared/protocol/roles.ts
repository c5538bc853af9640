// The role permission table: which role may send which player action, and how a node player's actions on
// "itself" become actions on its own node. The server checks this before anything reaches the simulation;
// bots go through the same table so a bot can never do what a person in its seat could not.

import type { PlayerAction, PlayerActionType, RoleName } from "./actions";

/** Each action type and the roles allowed to send it. Host and spectator send no actions. */
export const ACTION_ROLES: Readonly<Record<PlayerActionType, readonly RoleName[]>> = {
  crash: ["chaos"],
  restart: ["chaos"],
  cut: ["chaos"],
  heal: ["chaos"],
  latency: ["chaos"],
  loss: ["chaos"],
  skew: ["chaos"],
  partition: ["chaos"],
  "fail-drive": ["chaos"],
  bitrot: ["chaos"],
  timeout: ["node"],
  "crash-self": ["node"],
  "restart-self": ["node"],
  "transfer-leader": ["operator"],
  "add-member": ["operator"],
  "remove-member": ["operator"],
  "set-consistency": ["operator"],
  "set-replication": ["operator"],
  repair: ["operator"],
  "set-parity": ["operator"],
  "replace-drive": ["operator"],
  "heal-objects": ["operator"],
  "add-pool": ["operator"],
  "set-config": ["operator"],
  reshard: ["operator"],
  failover: ["operator"],
  reassign: ["operator"],
  "scale-consumers": ["operator"],
  "register-service": ["operator"],
  "deregister-service": ["operator"],
  "set-acl": ["operator"],
  "transfer-lease": ["operator"],
  dns: ["client"],
  transfer: ["client"],
  put: ["operator", "client"],
  get: ["client"],
};

/** Host controls: only the room's host may send them. */
export const CONTROL_OPS = ["start", "pause", "resume", "step", "speed", "restart"] as const;
export type ControlOp = (typeof CONTROL_OPS)[number];

/** Roles that at most one person holds at a time (per node for `node`); the others may be shared. */
export const SINGLE_SEAT_ROLES: readonly RoleName[] = ["host", "operator", "chaos", "node"];

/** Who is acting: their role and, for a node player, the node they are. */
export interface Actor {
  role: RoleName;
  node?: string;
}

/** What a node player's action does, spelled out on the node it concerns. */
export type NodeEffect = { type: "timeout" | "crash" | "restart"; node: string };

export type Authorization =
  | { ok: true; action: PlayerAction; effect?: NodeEffect }
  | { ok: false; error: string };

const ROLE_WORDS: Record<RoleName, string> = {
  host: "the host",
  operator: "the operator",
  chaos: "the chaos agent",
  client: "a client",
  node: "a node player",
  spectator: "a spectator",
};

function listRoles(roles: readonly RoleName[]): string {
  return roles.map((r) => ROLE_WORDS[r]).join(" or ");
}

/** The roles that may send `type` (empty for an unknown type). */
export function rolesFor(type: string): readonly RoleName[] {
  return Object.hasOwn(ACTION_ROLES, type) ? ACTION_ROLES[type as PlayerActionType] : [];
}

export function mayAct(role: RoleName, type: string): boolean {
  return rolesFor(type).includes(role);
}

/**
 * Decides whether `actor` may take `action` and, for a node player, which node it touches.
 * The refusal says who may do it instead, so the player learns the game's rules from the error.
 */
export function authorize(actor: Actor, action: PlayerAction): Authorization {
  const allowed = rolesFor(action.type);
  if (!allowed.includes(actor.role)) {
    const who = allowed.length > 0 ? listRoles(allowed) : "nobody";
    return {
      ok: false,
      error: `As ${ROLE_WORDS[actor.role]} you cannot "${action.type}": only ${who} can.`,
    };
  }
  if (actor.role !== "node") return { ok: true, action };
  if (!actor.node) return { ok: false, error: "You are not bound to a node yet: pick a node first." };
  return { ok: true, action, effect: nodeEffect(action, actor.node) };
}

function nodeEffect(action: PlayerAction, node: string): NodeEffect | undefined {
  switch (action.type) {
    case "timeout":
      return { type: "timeout", node };
    case "crash-self":
      return { type: "crash", node };
    case "restart-self":
      return { type: "restart", node };
    default:
      return undefined;
  }
}
