import { schema, t, type SchemaType } from "@colyseus/schema";

/** One node as every screen draws it. */
export const NodeView = schema(
  {
    id: t.string().default(""),
    up: t.boolean().default(true),
    /** Short role label from the system: "leader", "follower", "candidate" (etcd); "normal", "joining", "leaving" (Cassandra). */
    role: t.string().default(""),
    term: t.uint32().default(0),
    commitIndex: t.uint32().default(0),
    logLength: t.uint32().default(0),
    /** Terms of the last ≤ 12 log entries, comma separated (for drawing the log strip). */
    log: t.string().default(""),
    /** Name of the person playing this node; "" while a bot plays it. */
    player: t.string().default(""),
    /** Where the node stands, for systems that place data by topology (Cassandra); "" otherwise. */
    dc: t.string().default(""),
    rack: t.string().default(""),
    /**
     * The node's tokens on the system's token ring, as signed 64-bit decimal strings, comma separated ("" for a
     * system without a ring). Sent again only when they change (a bootstrap or a decommission).
     */
    tokens: t.string().default(""),
    /**
     * The node's drives, for systems that store on several (MinIO): one "state:shards" entry per drive in drive
     * order, comma separated ("ok:3,failed:0" = d1 works and holds 3 shards, d2 has failed); "" for other systems.
     */
    drives: t.string().default(""),
    /** The server pool the node belongs to, from 1 (MinIO); 0 for systems without pools. */
    pool: t.uint8().default(0),
    /** Small public counters drawn beside the node, e.g. { hints: 12 }: hints it holds for other nodes. */
    badges: t.map("number"),
    /** The system's numbers for this node (Cassandra: sstables, memtable, ...), in the system's order. */
    stats: t.map("number"),
  },
  "NodeView",
);
export type NodeView = SchemaType<typeof NodeView>;
