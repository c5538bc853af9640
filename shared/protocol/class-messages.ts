// The class session's wire vocabulary: how a teacher creates a class and students join it, the teacher's powers,
// students' votes and role choices, and the close codes a class uses. The class room (server/rooms/class) validates
// every message with these schemas and answers each with a `result` (the same ResultMessage as the game room's), so
// a refused request says why and never disconnects anyone. docs/protocol.md, "Class sessions", describes the flow.

import { z } from "zod";
import { MAX_SPEED, MIN_SPEED } from "./messages";

/** A student's or teacher's display name: at most this many characters (letters count once, whatever the script). */
export const CLASS_NAME_MAX = 24;

/**
 * Why a display name is refused, or undefined when it is fine. Names are checked after trimming: 1 to 24
 * characters, made of letters of any script (with their accents and marks), digits, spaces and ' - . _ — enough
 * for real names everywhere, and nothing that could pass for markup or a control character on the teacher's screen.
 */
export function nameProblem(name: string): string | undefined {
  const chars = [...name];
  if (chars.length === 0) return "Type a name (1 to 24 characters).";
  if (chars.length > CLASS_NAME_MAX) return `A name has at most ${CLASS_NAME_MAX} characters; this one has ${chars.length}.`;
  const bad = chars.find((c) => !/^[\p{L}\p{M}\p{Nd} '\-._]$/u.test(c));
  if (bad !== undefined) {
    const shown = /^[\p{C}\p{Z}]$/u.test(bad) ? `U+${bad.codePointAt(0)?.toString(16).toUpperCase().padStart(4, "0")}` : `"${bad}"`;
    return `A name may use letters, digits, spaces and ' - . _ only; ${shown} is not allowed.`;
  }
  return undefined;
}

const displayName = z
  .string()
  .max(200, "a name of at most 24 characters")
  .trim()
  .superRefine((name, ctx) => {
    const problem = nameProblem(name);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const CLASS_MODES = ["groups", "whole"] as const;
/** groups: the class splits into groups that each play their own cluster; whole: one cluster for everyone. */
export const ClassMode = z.enum(CLASS_MODES);
export type ClassMode = z.infer<typeof ClassMode>;

/** Students per group: 4 to 6 suits most levels (an operator, a chaos agent, nodes, a client); 2 to 10 is allowed. */
export const MIN_GROUP_SIZE = 2;
export const MAX_GROUP_SIZE = 10;
export const DEFAULT_GROUP_SIZE = 5;
const groupSize = z
  .number()
  .int("a whole number of students")
  .min(MIN_GROUP_SIZE, `groups of at least ${MIN_GROUP_SIZE}`)
  .max(MAX_GROUP_SIZE, `groups of at most ${MAX_GROUP_SIZE}`);

/** Options for `client.create("class", ...)`: the teacher's own request. */
export const ClassCreateOptions = z.object({
  level: z.string().min(1, "a level id such as etcd/leader-election").max(128),
  name: displayName,
  mode: ClassMode.default("groups"),
  groupSize: groupSize.default(DEFAULT_GROUP_SIZE),
  seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
});
export type ClassCreateOptions = z.infer<typeof ClassCreateOptions>;

/**
 * Options for `client.join("class", ...)`: the code and a name the first time, or the code and the rejoin token the
 * server gave at the first join (kept by the page, so a reload comes back as the same student).
 */
export const ClassJoinOptions = z
  .object({
    code: z.string().max(64, "a join code (5 characters)"),
    name: displayName.optional(),
    rejoin: z.string().min(1).max(64, "a rejoin token of at most 64 characters").optional(),
  })
  .refine((o) => o.name !== undefined || o.rejoin !== undefined, { message: "a name to join with", path: ["name"] });
export type ClassJoinOptions = z.infer<typeof ClassJoinOptions>;

/** Where a class's short link points: the game page with the class code, which the page reads to join it. */
export function classJoinPath(code: string): string {
  return `/?class=${encodeURIComponent(code)}`;
}

const studentId = z.string().regex(/^s[0-9]{1,6}$/, "a student id such as s3");
const groupId = z.string().regex(/^g[0-9]{1,4}$/, "a group id such as g2");
const nodeId = z.string().regex(/^[a-z][a-z0-9-]{0,15}$/, "a node id such as n1");
/** The roles a teacher hands out or a student picks; the host role is the teacher's alone. */
export const ClassRole = z.enum(["operator", "chaos", "client", "node", "spectator"]);
export type ClassRole = z.infer<typeof ClassRole>;
export const TEAM_NAME_MAX = 24;
const teamName = z
  .string()
  .trim()
  .min(1, "a team name of at least 1 character")
  .max(TEAM_NAME_MAX, `a team name of at most ${TEAM_NAME_MAX} characters`)
  .regex(/^[\p{L}\p{M}\p{Nd} '\-._]+$/u, "a team name of letters, digits, spaces and ' - . _");
/** Pause, step, speed, start and restart go to every group, or to the one named. */
const target = { group: groupId.optional() };
export const POLL_CHOICES_MAX = 6;

/** `class-control`: the teacher's powers, one `op` each. */
export const ClassControl = z.discriminatedUnion("op", [
  // A student's seat: any of role (with node for the node role), team and group.
  z.object({ op: z.literal("assign"), student: studentId, role: ClassRole.optional(), node: nodeId.optional(), team: teamName.optional(), group: groupId.optional() }),
  z.object({ op: z.literal("form-groups"), size: groupSize }),
  z.object({ op: z.literal("mode"), mode: ClassMode }),
  z.object({ op: z.literal("allow-choice"), allowed: z.boolean() }),
  z.object({ op: z.literal("lock") }),
  z.object({ op: z.literal("unlock") }),
  z.object({ op: z.literal("remove"), student: studentId }),
  z.object({ op: z.literal("broadcast"), text: z.string().trim().max(280, "a message of at most 280 characters") }),
  z.object({ op: z.literal("spotlight"), student: z.union([studentId, z.literal("")]) }),
  z.object({ op: z.literal("start"), ...target }),
  z.object({ op: z.literal("pause"), ...target }),
  z.object({ op: z.literal("resume"), ...target }),
  z.object({ op: z.literal("step"), ...target }),
  z.object({ op: z.literal("restart"), ...target }),
  z.object({
    op: z.literal("speed"),
    speed: z.number().min(MIN_SPEED, `a speed of at least ${MIN_SPEED}`).max(MAX_SPEED, `a speed of at most ${MAX_SPEED}`),
    ...target,
  }),
  z.object({ op: z.literal("level"), level: z.string().min(1, "a level id such as etcd/leader-election").max(128) }),
  z.object({
    op: z.literal("poll-open"),
    question: z.string().trim().min(1, "a question").max(200, "a question of at most 200 characters"),
    choices: z
      .array(z.string().trim().min(1, "a choice of at least 1 character").max(80, "a choice of at most 80 characters"))
      .min(2, "at least 2 choices")
      .max(POLL_CHOICES_MAX, `at most ${POLL_CHOICES_MAX} choices`),
  }),
  z.object({ op: z.literal("poll-close") }),
  z.object({ op: z.literal("poll-reveal") }),
  // The teacher takes a seat in a group's game (in one large cluster, group may be left out), and gives it up.
  z.object({ op: z.literal("play"), group: groupId.optional(), role: ClassRole.optional(), node: nodeId.optional() }),
  z.object({ op: z.literal("stop-playing") }),
]);
export type ClassControl = z.infer<typeof ClassControl>;
export type ClassControlOp = ClassControl["op"];

/** What each power is, for "Only the teacher can ..." (so a student learns what the button would have done). */
export const CLASS_CONTROL_WORDS: Readonly<Record<ClassControlOp, string>> = {
  assign: "assign roles, teams and groups",
  "form-groups": "form groups",
  mode: "change between groups and one cluster",
  "allow-choice": "let students choose their roles",
  lock: "lock the class",
  unlock: "unlock the class",
  remove: "remove a student",
  broadcast: "send a message to the class",
  spotlight: "spotlight a student",
  start: "start the rounds",
  pause: "pause the rounds",
  resume: "resume the rounds",
  step: "step the rounds",
  restart: "restart the rounds",
  speed: "change the speed",
  level: "change the level",
  "poll-open": "ask a question",
  "poll-close": "close the question",
  "poll-reveal": "reveal the answers",
  play: "take a seat as the teacher",
  "stop-playing": "give up the teacher's seat",
};

/** `vote`: a student's answer to the open question (`poll` is its id, `choice` the index of the choice). */
export const ClassVote = z.object({ poll: z.string().min(1).max(16), choice: z.number().int().min(0).max(POLL_CHOICES_MAX - 1) });
export type ClassVote = z.infer<typeof ClassVote>;

/** `choose-role`: a student picks their own role in their group, when the teacher lets students choose. */
export const ClassChooseRole = z.object({ role: ClassRole, node: nodeId.optional() });
export type ClassChooseRole = z.infer<typeof ClassChooseRole>;

export const CLASS_MESSAGE_TYPES = ["class-control", "vote", "choose-role"] as const;
export type ClassMessageType = (typeof CLASS_MESSAGE_TYPES)[number];

/**
 * Close codes a class uses (WebSocket application range) besides Colyseus' own; the `reason` that comes with them
 * says the same in words. The game room of a group closes with Colyseus' CONSENTED code and a reason when a student
 * is moved to another group or removed, or when the teacher changes the level or the mode.
 */
export const CLASS_CLOSE = {
  /** The teacher removed this student from the class. */
  removed: 4411,
  /** The same student joined again (another tab, or a reload): this older connection gives way. */
  replaced: 4412,
} as const;
