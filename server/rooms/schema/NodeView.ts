import { schema, t, type SchemaType } from "@colyseus/schema";
import { ReplicaView } from "./ReplicaView";

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
    /**
     * Redis Cluster: the hash slots this master serves, as inclusive ranges ("0-5460,10923"); the slots it is moving
     * out ("5461>n4,...": MIGRATING to n4) and in ("5461<n1": IMPORTING from n1). "" for replicas and other systems.
     */
    slots: t.string().default(""),
    migrating: t.string().default(""),
    importing: t.string().default(""),
    /** Redis Cluster replicas: the master this node replicates ("" for a master), and how far behind it is (bytes). */
    replicaOf: t.string().default(""),
    replLag: t.uint32().default(0),
    /** Kafka: the partition replicas this broker holds, by "topic-partition". */
    partitions: t.map(ReplicaView),
    /**
     * Kafka: the consumer groups this broker coordinates, as JSON (a list of { group, generation, state, protocol,
     * members: [{ member, partitions }], committed }); "" when it coordinates none. Changes at a rebalance or commit.
     */
    groups: t.string().default(""),
    /**
     * Consul: the member list as this agent sees it, one entry per member, key = member id, value
     * "state:incarnation" with "@deadAt" (the simulated ms at which a suspicion expires) on suspects:
     * { n1: "alive:3", n2: "suspect:1@41250" }; empty for other systems. One entry per member, not one string for
     * the list: in a 30-agent class cluster a crash changes one entry in each of 29 lists, and a whole list per
     * change was most of the room's bytes (9.8 of 11.9 KB per student per second, server/tools/bench-class-bytes.ts).
     */
    members: t.map("string"),
    /**
     * CockroachDB: the ranges this store holds a replica of, as JSON (a list of { range, span, replicas, leaseholder,
     * leader, intents, records: [{ id, status }] }); "" for other systems. Changes at splits, lease and leader moves,
     * and as intents are laid down and resolved.
     */
    ranges: t.string().default(""),
    /** Small public counters drawn beside the node, e.g. { hints: 12 }: hints it holds for other nodes. */
    badges: t.map("number"),
    /** The system's numbers for this node (Cassandra: sstables, memtable, ...), in the system's order. */
    stats: t.map("number"),
  },
  "NodeView",
);
export type NodeView = SchemaType<typeof NodeView>;
