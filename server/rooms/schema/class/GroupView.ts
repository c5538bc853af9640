import { schema, t, type SchemaType } from "@colyseus/schema";

/** One group's cluster: its game room's join code and what its round has done so far (refreshed every second). */
export const GroupView = schema(
  {
    /** "g1", "g2", ... */
    id: t.string().default(""),
    /** The join code of the group's game room (students join it with their ticket, the teacher with theirs). */
    gameCode: t.string().default(""),
    /** The round: "lobby" | "running" | "won" | "lost". */
    phase: t.string().default("lobby"),
    paused: t.boolean().default(false),
    speed: t.float64().default(1),
    simTime: t.uint32().default(0),
    /** Why the round was won or lost, in plain words ("" while it runs). */
    outcomeText: t.string().default(""),
    /** Goals met out of the level's goals. */
    goalsMet: t.uint16().default(0),
    goals: t.uint16().default(0),
    /** Losing conditions that fired. */
    lossesMet: t.uint16().default(0),
    /** Client operations that completed ok, and those that failed or timed out. */
    opsOk: t.uint32().default(0),
    opsFailed: t.uint32().default(0),
    /** Writes the cluster acknowledged and then lost (the system's own count; 0 where a system cannot lose them). */
    writesLost: t.uint32().default(0),
    /** Safety invariants broken at least once. */
    invariantsBroken: t.uint16().default(0),
    /** The cluster's score, 0-100 (scores.ts): high when it did its job. */
    score: t.uint8().default(0),
  },
  "GroupView",
);
export type GroupView = SchemaType<typeof GroupView>;
