// Every message between a game client and the room, as zod schemas (the server validates with them; the
// client takes the types). See docs/protocol.md. A payload that fails validation is answered with a
// `result` that says what was wrong; it never disconnects the player and never touches the simulation.

import { z } from "zod";
import type { RoundReplay } from "../debrief/replay";
import { PlayerAction, RoleName } from "./actions";
import type { CONTROL_OPS } from "./roles";

const nodeId = z.string().regex(/^[a-z][a-z0-9-]{0,15}$/, "a node id such as n1");
const playerName = z
  .string()
  .trim()
  .min(1, "a name of at least 1 character")
  .max(32, "a name of at most 32 characters");

/** Client -> server message types. */
export const CLIENT_MESSAGE_TYPES = ["role", "action", "control"] as const;
export type ClientMessageType = (typeof CLIENT_MESSAGE_TYPES)[number];

/** `role`: take a role. The host may set another player's role by naming their sessionId in `player`. */
export const RoleMessage = z.object({
  role: RoleName,
  node: nodeId.optional(),
  player: z.string().min(1).max(64).optional(),
});
export type RoleMessage = z.infer<typeof RoleMessage>;

/** `action`: a player action, checked against the role table then handed to the round. */
export const ActionMessage = z.object({ action: PlayerAction });
export type ActionMessage = z.infer<typeof ActionMessage>;

/** Simulated milliseconds per real millisecond: slow enough to watch a message cross, fast enough to finish. */
export const MIN_SPEED = 0.01;
export const MAX_SPEED = 100;

/** `control`: host controls over time and the round. */
export const ControlMessage = z.discriminatedUnion("op", [
  z.object({ op: z.literal("start") }),
  z.object({ op: z.literal("pause") }),
  z.object({ op: z.literal("resume") }),
  z.object({ op: z.literal("step") }),
  z.object({ op: z.literal("restart") }),
  z.object({
    op: z.literal("speed"),
    speed: z
      .number()
      .min(MIN_SPEED, `a speed of at least ${MIN_SPEED}`)
      .max(MAX_SPEED, `a speed of at most ${MAX_SPEED}`),
  }),
]);
export type ControlMessage = z.infer<typeof ControlMessage>;
// Keeps the op list in roles.ts and the union here from drifting apart.
const _opsMatch: ControlMessage["op"] extends (typeof CONTROL_OPS)[number] ? true : never = true;
void _opsMatch;

/** Options for `client.create("game", ...)`. */
export const CreateOptions = z.object({
  level: z.string().min(1, "a level id such as etcd/leader-election").max(128),
  name: playerName,
  seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
});
export type CreateOptions = z.infer<typeof CreateOptions>;

/** Options for `client.join("game", ...)`. The code is read with normalizeJoinCode (join-code.ts). */
export const JoinOptions = z.object({
  code: z.string().max(64, "a join code (5 characters)"),
  name: playerName,
  /** The token the "seat" request gave this player earlier: after a server restart it proves the seat is theirs. */
  rejoinToken: z.string().min(16).max(128).optional(),
});
export type JoinOptions = z.infer<typeof JoinOptions>;

/**
 * The reply to the "seat" request (`room.request("seat")`, or a `result` for a plain send): the player's name in
 * the room and their rejoin token, to keep (localStorage) and present as `rejoinToken` when joining again.
 */
export interface SeatReply extends ResultMessage {
  type: "seat";
  name: string;
  rejoinToken: string;
}

/**
 * The reply to the "replay" request (`room.request("replay")`), for any player once the round is over: what
 * replays the round in the browser for its debrief (shared/debrief).
 */
export interface ReplayReply extends ResultMessage {
  type: "replay";
  replay: RoundReplay;
}

/** Server -> client: the answer to every client message (also the reply to `room.request`). */
export interface ResultMessage {
  /** The message type answered: "role", "action", "control", or whatever unknown type was sent. */
  type: string;
  ok: boolean;
  /** Plain words: why it was refused. */
  error?: string;
  /** The action type or control op answered, when the payload was readable enough to tell. */
  action?: string;
}

/** Server -> client: a client-role player's own read or write completed. */
export interface ClientResultMessage {
  f: string;
  key: string;
  value?: unknown;
  ok: boolean;
  error?: string;
  /** Simulated milliseconds from request to completion. */
  latencyMs: number;
  /** The node that took the request (the coordinator the player picked, or the one chosen for them). */
  via?: string;
  /** How the answer was reached, in plain words ("n2 answered, n4's digest matched"). */
  note?: string;
  /** True when a read returned a value older than a write acknowledged before the read began. */
  stale?: boolean;
  /** For a stale read: the value a correct read would have returned (or a later one), and when it was acked. */
  newer?: unknown;
  newerAckedAt?: number;
}

/** Server -> client message types. */
export const SERVER_MESSAGE_TYPES = { result: "result", clientResult: "client-result" } as const;

const SCHEMAS = { role: RoleMessage, action: ActionMessage, control: ControlMessage } as const;
export type ClientMessage = { type: "role"; payload: RoleMessage } | { type: "action"; payload: ActionMessage } | { type: "control"; payload: ControlMessage };

/**
 * Validates one client message. The error names the path and what was expected, e.g.
 * `action.node: expected a node id such as n1`, so a player (or a developer) can fix it.
 */
export function parseClientMessage(
  type: ClientMessageType,
  payload: unknown,
): { ok: true; message: ClientMessage } | { ok: false; error: string } {
  const parsed = SCHEMAS[type].safeParse(payload, { reportInput: true });
  if (parsed.success) return { ok: true, message: { type, payload: parsed.data } as ClientMessage };
  return { ok: false, error: `Bad "${type}" message: ${describeIssues(parsed.error)}` };
}

/** Plain-words summary of a zod error: at most three issues, each with its path. */
export function describeIssues(error: z.ZodError): string {
  const parts = error.issues.slice(0, 3).map((issue) => {
    const path = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
    return `${path}${issueText(issue)}`;
  });
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : "";
  return parts.join("; ") + more;
}

function issueText(issue: z.core.$ZodIssue): string {
  // zod's own messages mention the received value's type; custom messages above are already phrased as
  // "a key of at most 64 characters", which reads well after "expected".
  const msg = issue.message;
  if (issue.code === "invalid_union" && "discriminator" in issue) {
    const value = isRecord(issue.input) ? issue.input[String(issue.discriminator)] : issue.input;
    const got = typeof value === "string" ? `"${value.slice(0, 40)}"` : value === undefined ? "(missing)" : typeof value;
    // The list of types grows with every system: name a dozen and say where the rest are, so the answer stays short.
    const options = (issue as { options?: unknown[] }).options;
    if (Array.isArray(options) && options.length > 12) {
      return `unknown ${String(issue.discriminator)} ${got}; expected one of ${options.slice(0, 12).map(String).join(", ")} or ${options.length - 12} more (docs/protocol.md lists them all)`;
    }
    return `unknown ${String(issue.discriminator)} ${got}; ${msg.replace(/^Invalid discriminator value\.\s*/, "").replace(/^E/, "e")}`;
  }
  if (/received undefined$/.test(msg)) return `missing (${msg.replace(/^Invalid input: /, "").replace(/, received undefined$/, "")})`;
  return /^(a|an) /.test(msg) ? `expected ${msg}` : msg;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null;
}
