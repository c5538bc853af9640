// The actions a player (or a bot in the same role) can take. One vocabulary for every system: faults are shared,
// system-specific operations are named here and interpreted by the system's applyAction.
// Validated with zod on the server before anything reaches the simulation; level files use the same shapes in
// their `script`, `solution` and `naive` lists.

import { z } from "zod";

const nodeId = z.string().regex(/^[a-z][a-z0-9-]{0,15}$/, "a node id such as n1");
const key = z.string().min(1, "a non-empty key").max(64, "a key of at most 64 characters");
const value = z.string().max(256, "a value of at most 256 characters");

/** Cassandra's consistency levels (ConsistencyLevel.java); ANY is for writes only, which the system checks. */
export const CONSISTENCY_LEVELS = ["ANY", "ONE", "TWO", "THREE", "QUORUM", "ALL", "LOCAL_ONE", "LOCAL_QUORUM", "EACH_QUORUM"] as const;
export const ConsistencyLevel = z.enum(CONSISTENCY_LEVELS);
export type ConsistencyLevel = z.infer<typeof ConsistencyLevel>;

const driveNumber = z.number().int().min(1, "a drive number from 1").max(32, "a drive number of at most 32");
const dcName = z.string().regex(/^[a-z][a-z0-9-]{0,15}$/, "a datacenter name such as dc1");
const replicationFactor = z.number().int().min(1, "a replication factor of at least 1").max(9, "a replication factor of at most 9");

export const PlayerAction = z.discriminatedUnion("type", [
  // chaos (and level scripts)
  z.object({ type: z.literal("crash"), node: nodeId }),
  z.object({ type: z.literal("restart"), node: nodeId }),
  z.object({ type: z.literal("cut"), from: nodeId, to: nodeId, oneWay: z.boolean().optional() }),
  z.object({ type: z.literal("heal"), from: nodeId.optional(), to: nodeId.optional() }),
  z.object({ type: z.literal("latency"), from: nodeId, to: nodeId, ms: z.number().int().min(0).max(60_000) }),
  z.object({ type: z.literal("loss"), from: nodeId, to: nodeId, rate: z.number().min(0).max(1) }),
  z.object({ type: z.literal("skew"), node: nodeId, ms: z.number().int().min(-600_000).max(600_000) }),
  z.object({ type: z.literal("partition"), groups: z.array(z.array(nodeId).min(1).max(64)).min(1).max(16) }),
  // chaos on drives (MinIO): a drive dies, or one bit of a shard on it flips
  z.object({ type: z.literal("fail-drive"), node: nodeId, drive: driveNumber }),
  z.object({ type: z.literal("bitrot"), node: nodeId, drive: driveNumber, key: key.optional() }),
  // node player (acts on its own node)
  z.object({ type: z.literal("timeout") }),
  z.object({ type: z.literal("crash-self") }),
  z.object({ type: z.literal("restart-self") }),
  // operator
  z.object({ type: z.literal("transfer-leader"), to: nodeId }),
  // add-member: a new etcd member, Cassandra node, Kafka broker or Redis master; `replicaOf` makes a Redis replica
  z.object({ type: z.literal("add-member"), node: nodeId, replicaOf: nodeId.optional() }),
  z.object({ type: z.literal("remove-member"), node: nodeId }),
  // operator (systems with tunable consistency and replication: Cassandra)
  z.object({ type: z.literal("set-consistency"), read: ConsistencyLevel.optional(), write: ConsistencyLevel.optional() }),
  z.object({
    type: z.literal("set-replication"),
    strategy: z.enum(["SimpleStrategy", "NetworkTopologyStrategy"]),
    rf: replicationFactor.optional(),
    dcs: z.record(dcName, replicationFactor).optional(),
  }),
  z.object({ type: z.literal("repair"), node: nodeId.optional() }),
  // operator (MinIO): the STANDARD storage class parity, drive replacement, and healing (mc admin heal)
  z.object({ type: z.literal("set-parity"), parity: z.number().int().min(0, "a parity of at least 0").max(8, "a parity of at most 8") }),
  z.object({ type: z.literal("replace-drive"), node: nodeId, drive: driveNumber }),
  z.object({ type: z.literal("heal-objects"), deep: z.boolean().optional() }),
  z.object({ type: z.literal("add-pool"), nodes: z.array(nodeId).min(1, "at least one server").max(8, "at most 8 servers in a pool") }),
  // operator: a setting the system validates and applies now (Kafka's acks, min.insync.replicas,
  // unclean.leader.election.enable; Redis's cluster-require-full-coverage); the system says which exist
  z.object({
    type: z.literal("set-config"),
    setting: z.string().regex(/^[a-z][a-zA-Z0-9._-]{0,63}$/, "a setting name such as min.insync.replicas"),
    value: z.union([z.string().max(64, "a value of at most 64 characters"), z.number().finite(), z.boolean()]),
  }),
  // operator (Redis Cluster): move `count` hash slots from one master to another (redis-cli --cluster reshard),
  // and CLUSTER FAILOVER on a replica (force: without the master's agreement; takeover: without a vote)
  z.object({ type: z.literal("reshard"), from: nodeId, to: nodeId, count: z.number().int().min(1, "at least 1 slot").max(16384, "at most 16384 slots") }),
  z.object({ type: z.literal("failover"), node: nodeId, mode: z.enum(["default", "force", "takeover"]).optional() }),
  // operator (Kafka): move a partition's replicas (kafka-reassign-partitions), and change a consumer group's size
  z.object({
    type: z.literal("reassign"),
    topic: z.string().regex(/^[a-zA-Z0-9._-]{1,64}$/, "a topic name such as orders").optional(),
    partition: z.number().int().min(0, "a partition number from 0").max(255, "a partition number of at most 255"),
    replicas: z.array(nodeId).min(1, "at least one replica").max(9, "at most 9 replicas"),
  }),
  z.object({ type: z.literal("scale-consumers"), count: z.number().int().min(0, "at least 0 consumers").max(32, "at most 32 consumers"), group: z.string().regex(/^[a-zA-Z0-9._-]{1,64}$/, "a group name such as billing").optional() }),
  // operator (Consul): register or deregister a service instance on an agent; set the client's ACL rule for a KV prefix
  z.object({
    type: z.literal("register-service"),
    service: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, "a service name such as web"),
    node: nodeId,
    port: z.number().int().min(1).max(65_535).optional(),
  }),
  z.object({ type: z.literal("deregister-service"), service: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, "a service name such as web"), node: nodeId }),
  z.object({
    type: z.literal("set-acl"),
    prefix: z.string().max(64, "a key prefix of at most 64 characters"),
    policy: z.enum(["read", "write", "deny"]),
  }),
  // operator (CockroachDB): move a range's lease to a store
  z.object({ type: z.literal("transfer-lease"), range: z.number().int().min(1, "a range id from 1").max(10_000), to: nodeId }),
  // client: a DNS query (Consul: web.service.consul) and a bank transfer between accounts (CockroachDB)
  z.object({ type: z.literal("dns"), name: z.string().regex(/^[a-z0-9][a-z0-9.-]{0,127}$/, "a DNS name such as web.service.consul"), via: nodeId.optional() }),
  z.object({
    type: z.literal("transfer"),
    fromAccount: z.number().int().min(0).max(9999),
    toAccount: z.number().int().min(0).max(9999),
    amount: z.number().int().min(1, "an amount of at least 1").max(1_000_000),
    via: nodeId.optional(),
  }),
  // operator and client; `via` names the node that takes the request (a coordinator), when the player picks one
  z.object({ type: z.literal("put"), key, value, via: nodeId.optional() }),
  z.object({ type: z.literal("get"), key, via: nodeId.optional() }),
]);

export type PlayerAction = z.infer<typeof PlayerAction>;
export type PlayerActionType = PlayerAction["type"];

/** The actions that are a client's request to the cluster: each is answered, and the answer goes to its sender. */
export const CLIENT_REQUEST_ACTIONS: ReadonlySet<string> = new Set<PlayerActionType>(["put", "get", "dns", "transfer"]);

/** Roles a person (or a bot) can hold. */
export const RoleName = z.enum(["host", "operator", "chaos", "client", "node", "spectator"]);
export type RoleName = z.infer<typeof RoleName>;
