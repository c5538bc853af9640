import { schema, t, type SchemaType } from "@colyseus/schema";
import { GroupView } from "./GroupView";
import { MySeat } from "./MySeat";
import { PollView } from "./PollView";
import { StudentView } from "./StudentView";
import { TeamScore } from "./TeamScore";

/** The teacher's message on every screen; `at` is the server's clock (ms since 1970) so a new one stands out. */
export const BroadcastView = schema({ text: t.string().default(""), at: t.float64().default(0) }, "BroadcastView");
export type BroadcastView = SchemaType<typeof BroadcastView>;

/** The class room's state (docs/protocol.md, "Class sessions"). */
export const ClassState = schema(
  {
    code: t.string().default(""),
    levelId: t.string().default(""),
    levelTitle: t.string().default(""),
    /** The level's seats, comma separated, so the console offers exactly them: its roles besides host and spectator, and its nodes. */
    roles: t.string().default(""),
    nodes: t.string().default(""),
    /** "groups" | "whole" */
    mode: t.string().default("groups"),
    /** Students per group in groups mode. */
    groupSize: t.uint8().default(5),
    /** A locked class lets its own students back in but nobody new. */
    locked: t.boolean().default(false),
    /** Students may pick their own role in their group. */
    allowChoice: t.boolean().default(false),
    broadcast: t.ref(BroadcastView),
    /** The studentId whose view the class is shown ("" for nobody). */
    spotlight: t.string().default(""),
    roster: t.map(StudentView),
    groups: t.array(GroupView),
    poll: t.ref(PollView),
    /** Key = team name. */
    teams: t.map(TeamScore),
    /** Private: each client's view holds only their own entry. */
    mine: t.map(MySeat).view(),
  },
  "ClassState",
);
export type ClassState = SchemaType<typeof ClassState>;
