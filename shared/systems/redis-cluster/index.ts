// The Redis Cluster system plug-in: 16384 hash slots placed by CRC16 with hash tags, masters with asynchronously
// replicated replicas, the cluster bus (PING/PONG gossip, PFAIL -> FAIL), replica elections with configEpochs,
// manual failover, slot migration with MOVED/ASK redirections, and a cluster-aware client library.
// Faithful to ../shared/fidelity/FACTS.md §1.

import type { SystemDefinition } from "../../sim/types";
import { applyRedisClusterAction } from "./actions";
import { parseRedisClusterConfig } from "./config";
import { redisClusterInvariants } from "./invariants";
import { type RedisDurable, RedisNode } from "./node";
import { nextRedisClusterOp } from "./ops";
import { REDIS_CLUSTER_METRICS, summarizeRedisCluster } from "./summary";

export const redisCluster: SystemDefinition = {
  name: "redis-cluster",
  createNode(id, config, durable, initialMembers) {
    return new RedisNode(id, parseRedisClusterConfig(config), durable as RedisDurable | undefined, initialMembers);
  },
  applyAction: applyRedisClusterAction,
  invariants: redisClusterInvariants,
  nextOp: nextRedisClusterOp,
  summarize: summarizeRedisCluster,
  // A client stays connected to one node, whose client library carries each request on (client-library.ts).
  clientRouting: "sticky",
  metrics: REDIS_CLUSTER_METRICS,
};

export { REDIS_CLUSTER_ACTIONS } from "./actions";
export { redisNodes, slotOwners } from "./cluster-view";
export { parseRedisClusterConfig, REDIS_CLUSTER_DEFAULTS, type RedisClusterConfig } from "./config";
export { crc16 } from "./crc16";
export { keyHashSlotBytes, keySlot, SLOTS } from "./keyslot";
export { type RedisCommand, type RedisDurable, RedisNode } from "./node";
export { nextRedisClusterOp, REDIS_CLUSTER_OPS } from "./ops";
export { REDIS_CLUSTER_METRICS, summarizeRedisCluster, writesLost } from "./summary";
