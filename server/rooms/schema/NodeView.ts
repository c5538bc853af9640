import { schema, t, type SchemaType } from "@colyseus/schema";

/** One node as every screen draws it. */
export const NodeView = schema(
  {
    id: t.string().default(""),
    up: t.boolean().default(true),
    /** Short role label from the system: "leader", "follower", "candidate", ... */
    role: t.string().default(""),
    term: t.uint32().default(0),
    commitIndex: t.uint32().default(0),
    logLength: t.uint32().default(0),
    /** Terms of the last ≤ 12 log entries, comma separated (for drawing the log strip). */
    log: t.string().default(""),
    /** Name of the person playing this node; "" while a bot plays it. */
    player: t.string().default(""),
  },
  "NodeView",
);
export type NodeView = SchemaType<typeof NodeView>;
