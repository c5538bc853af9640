// How a protocol message looks in flight. Systems name their own message kinds ("MsgVote", "mutation", ...); each
// system gets a few families, sorted by name so a new kind gets a sensible look without a client change. Each
// family has a colour AND a shape; replies are drawn hollow with a dashed trail.

import { OKABE_ITO } from "./palette";

export type Shape = "diamond" | "triangle" | "square" | "circle" | "star" | "hexagon" | "envelope";

export interface KindFamily {
  id: string;
  label: string;
  color: number;
  shape: Shape;
}

const OTHER: KindFamily = { id: "other", label: "Other", color: OKABE_ITO.grey, shape: "hexagon" };

/** Raft's families (etcd), also the look of any system without a table of its own. */
export const FAMILIES: readonly KindFamily[] = [
  { id: "pre-vote", label: "Pre-vote", color: OKABE_ITO.reddishPurple, shape: "triangle" },
  { id: "vote", label: "Vote", color: OKABE_ITO.orange, shape: "diamond" },
  { id: "append", label: "Append entries", color: OKABE_ITO.bluishGreen, shape: "square" },
  { id: "heartbeat", label: "Heartbeat", color: OKABE_ITO.skyBlue, shape: "circle" },
  { id: "transfer", label: "Leadership transfer", color: OKABE_ITO.yellow, shape: "star" },
  OTHER,
];

const RAFT_RULES: [RegExp, string][] = [
  [/pre-?vote/i, "pre-vote"],
  [/vote/i, "vote"],
  [/heartbeat|\bhb\b/i, "heartbeat"],
  [/timeout-?now|transfer/i, "transfer"],
  [/app(end)?|entries|snap|replicat|prop/i, "append"],
];

/** Cassandra: the coordinator's writes and reads, read repair, hinted handoff, gossip, repair and streaming. */
export const CASSANDRA_FAMILIES: readonly KindFamily[] = [
  { id: "write", label: "Write (mutation)", color: OKABE_ITO.bluishGreen, shape: "square" },
  { id: "read", label: "Data read", color: OKABE_ITO.skyBlue, shape: "circle" },
  { id: "digest", label: "Digest read", color: OKABE_ITO.skyBlue, shape: "diamond" },
  { id: "read-repair", label: "Read repair", color: OKABE_ITO.orange, shape: "triangle" },
  { id: "hint", label: "Hint replay", color: OKABE_ITO.yellow, shape: "envelope" },
  { id: "repair", label: "Repair / streaming", color: OKABE_ITO.reddishPurple, shape: "star" },
  { id: "gossip", label: "Gossip", color: OKABE_ITO.grey, shape: "hexagon" },
];

const CASSANDRA_RULES: [RegExp, string][] = [
  [/read-repair/i, "read-repair"],
  [/^hint/i, "hint"],
  [/^gossip/i, "gossip"],
  [/^digest/i, "digest"],
  [/^read/i, "read"],
  [/^mutation/i, "write"],
  [/repair|stream/i, "repair"],
];

/** MinIO: a put's shard writes and commit (rename), a get's metadata and shard reads, listings, disk health, settings. */
export const MINIO_FAMILIES: readonly KindFamily[] = [
  { id: "shard-write", label: "Shard write", color: OKABE_ITO.bluishGreen, shape: "square" },
  { id: "commit", label: "Commit (rename into place)", color: OKABE_ITO.yellow, shape: "star" },
  { id: "meta-read", label: "Metadata read (xl.meta)", color: OKABE_ITO.skyBlue, shape: "diamond" },
  { id: "shard-read", label: "Shard read", color: OKABE_ITO.skyBlue, shape: "circle" },
  { id: "reply", label: "Drive's answer", color: OKABE_ITO.grey, shape: "square" },
  { id: "list", label: "Listing", color: OKABE_ITO.reddishPurple, shape: "triangle" },
  { id: "health", label: "Disk health ping", color: OKABE_ITO.grey, shape: "hexagon" },
  { id: "config", label: "Storage class change", color: OKABE_ITO.blue, shape: "envelope" },
  { id: "abort", label: "Abort upload", color: OKABE_ITO.vermillion, shape: "triangle" },
];

const MINIO_RULES: [RegExp, string][] = [
  [/^shard-write/i, "shard-write"],
  [/^commit/i, "commit"],
  [/^meta-read/i, "meta-read"],
  [/^shard-read/i, "shard-read"],
  [/^reply/i, "reply"],
  [/^list/i, "list"],
  [/^(ping|pong)/i, "health"],
  [/^config/i, "config"],
  [/^abort/i, "abort"],
];

/** Kafka: followers' fetches (replication), consumers' fetches, broker heartbeats, metadata, ISR changes, the KRaft quorum. */
export const KAFKA_FAMILIES: readonly KindFamily[] = [
  { id: "fetch", label: "Replica fetch (records)", color: OKABE_ITO.bluishGreen, shape: "square" },
  { id: "consumer", label: "Consumer fetch", color: OKABE_ITO.skyBlue, shape: "circle" },
  { id: "heartbeat", label: "Broker heartbeat", color: OKABE_ITO.grey, shape: "hexagon" },
  { id: "metadata", label: "Metadata fetch", color: OKABE_ITO.blue, shape: "envelope" },
  { id: "isr", label: "ISR change (AlterPartition)", color: OKABE_ITO.vermillion, shape: "triangle" },
  { id: "raft", label: "Controller quorum (Raft)", color: OKABE_ITO.reddishPurple, shape: "diamond" },
  { id: "vote", label: "Controller election", color: OKABE_ITO.orange, shape: "star" },
];

const KAFKA_RULES: [RegExp, string][] = [
  [/^ConsumerFetch/, "consumer"],
  [/^Fetch/, "fetch"],
  [/^BrokerHeartbeat/, "heartbeat"],
  [/^MetadataFetch/, "metadata"],
  [/^AlterPartition/, "isr"],
  [/^Msg(Pre)?Vote|^MsgTimeoutNow/, "vote"],
  [/^Msg/, "raft"],
];

/**
 * Redis Cluster: client commands a client library carries to the node that serves the slot (and the answers, MOVED
 * and ASK included), the replication link, the cluster bus's gossip, failure reports, failover elections, and a
 * reshard's SETSLOT / MIGRATE steps.
 */
export const REDIS_FAMILIES: readonly KindFamily[] = [
  { id: "command", label: "Client command (and its answer)", color: OKABE_ITO.skyBlue, shape: "circle" },
  { id: "replication", label: "Replication stream", color: OKABE_ITO.bluishGreen, shape: "square" },
  { id: "migration", label: "Slot migration (SETSLOT, MIGRATE)", color: OKABE_ITO.reddishPurple, shape: "star" },
  { id: "election", label: "Failover election", color: OKABE_ITO.orange, shape: "diamond" },
  { id: "failure", label: "FAIL report / slot update", color: OKABE_ITO.vermillion, shape: "triangle" },
  { id: "gossip", label: "Cluster bus gossip (PING / PONG)", color: OKABE_ITO.grey, shape: "hexagon" },
];

const REDIS_RULES: [RegExp, string][] = [
  [/^(cmd|reply)$/, "command"],
  [/^(psync|fullresync|continue|repl|repl-ping|replconf-ack)$/, "replication"],
  [/^(setslot|migrate)/, "migration"],
  [/^(failover-auth|mfstart)/, "election"],
  [/^(fail|update)$/, "failure"],
  [/^(ping|pong|meet)$/, "gossip"],
];

/**
 * Consul: memberlist's direct probes (ping, ack, nack), indirect probes (ping-req), gossip of state changes and
 * push-pull state syncs; the servers' Raft; agents' RPCs to the servers (KV, DNS, catalog syncs).
 */
export const CONSUL_FAMILIES: readonly KindFamily[] = [
  { id: "probe", label: "Probe (ping, ack)", color: OKABE_ITO.skyBlue, shape: "circle" },
  { id: "indirect", label: "Indirect probe (ping-req)", color: OKABE_ITO.orange, shape: "diamond" },
  { id: "gossip", label: "Gossip", color: OKABE_ITO.reddishPurple, shape: "triangle" },
  { id: "push-pull", label: "Push-pull sync", color: OKABE_ITO.blue, shape: "envelope" },
  { id: "raft", label: "Raft (servers)", color: OKABE_ITO.bluishGreen, shape: "square" },
  { id: "rpc", label: "RPC to a server", color: OKABE_ITO.grey, shape: "hexagon" },
];

const CONSUL_RULES: [RegExp, string][] = [
  [/^ping-req$/, "indirect"],
  [/^(ping|ack|nack)$/, "probe"],
  [/^gossip$/, "gossip"],
  [/^push-pull/, "push-pull"],
  [/^Msg/, "raft"],
  [/^rpc/, "rpc"],
];

/**
 * CockroachDB: a gateway's KV batches to a range's leaseholder (and their answers), each range's Raft traffic
 * (appends carrying writes and lease changes, heartbeats, elections), and the RPC heartbeats between nodes that
 * measure clock offsets and carry gossip.
 */
export const COCKROACH_FAMILIES: readonly KindFamily[] = [
  { id: "kv", label: "KV batch to a leaseholder (and its answer)", color: OKABE_ITO.skyBlue, shape: "circle" },
  { id: "append", label: "Raft append (a range's log)", color: OKABE_ITO.bluishGreen, shape: "square" },
  { id: "heartbeat", label: "Raft heartbeat", color: OKABE_ITO.reddishPurple, shape: "triangle" },
  { id: "election", label: "Raft election (a range's leader)", color: OKABE_ITO.orange, shape: "diamond" },
  { id: "clock", label: "RPC heartbeat (clock offset, gossip)", color: OKABE_ITO.grey, shape: "hexagon" },
];

const COCKROACH_RULES: [RegExp, string][] = [
  [/^Batch/, "kv"],
  [/^Msg(Pre)?Vote|^MsgTimeoutNow|^MsgTransferLeader/, "election"],
  [/^MsgHeartbeat/, "heartbeat"],
  [/^Msg/, "append"],
  [/^(Ping|Pong)$/, "clock"],
];

const TABLES: Readonly<Record<string, { families: readonly KindFamily[]; rules: readonly [RegExp, string][] }>> = {
  cassandra: { families: CASSANDRA_FAMILIES, rules: CASSANDRA_RULES },
  cockroach: { families: COCKROACH_FAMILIES, rules: COCKROACH_RULES },
  consul: { families: CONSUL_FAMILIES, rules: CONSUL_RULES },
  kafka: { families: KAFKA_FAMILIES, rules: KAFKA_RULES },
  minio: { families: MINIO_FAMILIES, rules: MINIO_RULES },
  "redis-cluster": { families: REDIS_FAMILIES, rules: REDIS_RULES },
};

/** The families a system's messages fall into, in legend order. */
export function familiesFor(system: string): readonly KindFamily[] {
  return TABLES[system]?.families ?? FAMILIES;
}

export interface KindStyle {
  family: KindFamily;
  /** A reply (vote granted, append acknowledged, a replica's answer): drawn hollow, with a dashed trail. */
  reply: boolean;
}

const cache = new Map<string, KindStyle>();

export function styleForKind(kind: string, system = ""): KindStyle {
  const cacheKey = `${system}\u0000${kind}`;
  const known = cache.get(cacheKey);
  if (known) return known;
  const table = TABLES[system];
  const families = table?.families ?? FAMILIES;
  const rules = table?.rules ?? RAFT_RULES;
  const familyId = rules.find(([pattern]) => pattern.test(kind))?.[1] ?? "other";
  const family = families.find((f) => f.id === familyId) ?? OTHER;
  const style = { family, reply: /resp|reply|ack|pong/i.test(kind) };
  cache.set(cacheKey, style);
  return style;
}
