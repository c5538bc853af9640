import { schema, t, type SchemaType } from "@colyseus/schema";

/** One person in the class roster, the teacher included (`host`). Key = studentId, stable across reconnections. */
export const StudentView = schema(
  {
    /** "s1", "s2", ... in order of arrival; what class-control ops name. */
    studentId: t.string().default(""),
    /** The class-room session now bound to this student ("" while they are away after a reload). */
    sessionId: t.string().default(""),
    name: t.string().default(""),
    /** A label for scores: "operators" or "chaos" by default (following the role), or what the teacher set. */
    team: t.string().default(""),
    /** The group whose cluster they play ("g1", ...); "" for the teacher, who watches every group. */
    group: t.string().default(""),
    /** operator | chaos | client | node | spectator (the teacher: host). */
    role: t.string().default("spectator"),
    /** The node a node player is; "" for other roles. */
    node: t.string().default(""),
    connected: t.boolean().default(true),
    host: t.boolean().default(false),
    /** Their score (scores.ts): their side's score of their group plus a capped bonus for their actions. */
    score: t.int32().default(0),
    /** Actions the game room accepted from them this round. */
    actions: t.uint32().default(0),
  },
  "StudentView",
);
export type StudentView = SchemaType<typeof StudentView>;
