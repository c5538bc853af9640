import { schema, t, type SchemaType } from "@colyseus/schema";

/**
 * What only its owner sees (StateView): how to get back in and into the group's game, and their own vote.
 * Key = studentId.
 */
export const MySeat = schema(
  {
    studentId: t.string().default(""),
    /** Present it as `rejoin` when joining the class again (after a reload) to come back as the same student. */
    rejoinToken: t.string().default(""),
    /** The game room to join: its code, and the ticket that seats this student there ("" until placed). */
    gameCode: t.string().default(""),
    /** The teacher's ticket admits them to every group's game as its host. */
    ticket: t.string().default(""),
    /** The id of the question voted on, and the choice's index (-1: no vote). */
    votedPoll: t.string().default(""),
    vote: t.int8().default(-1),
  },
  "MySeat",
);
export type MySeat = SchemaType<typeof MySeat>;
