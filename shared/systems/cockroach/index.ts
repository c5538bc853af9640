// The CockroachDB system plug-in: a sorted keyspace of bank accounts in ranges that split and merge, one Raft group
// per range on the shared core, expiration-based leases colocated with Raft leadership, hybrid logical clocks with a
// 500 ms max offset (a node too far off stops itself), MVCC with write intents, transaction records and parallel
// commits, uncertainty restarts and read refreshes, and an allocator that places replicas by survival goal and
// evens out range counts. Faithful to ../shared/fidelity/FACTS.md §6; what is simplified is said in each file.

import type { SystemDefinition } from "../../sim/types";
import { applyCockroachAction } from "./actions";
import { parseCockroachConfig } from "./config";
import { cockroachInvariants } from "./invariants";
import { type CockroachDurable, CockroachNode } from "./node";
import { cockroachPlayerOp, nextCockroachOp } from "./ops";
import { COCKROACH_METRICS, summarizeCockroach } from "./summary";

export const cockroach: SystemDefinition = {
  name: "cockroach",
  createNode(id, config, durable, initialMembers) {
    return new CockroachNode(id, parseCockroachConfig(config), durable as CockroachDurable | undefined, initialMembers);
  },
  applyAction: applyCockroachAction,
  invariants: cockroachInvariants,
  nextOp: nextCockroachOp,
  summarize: summarizeCockroach,
  playerOp: cockroachPlayerOp,
  metrics: COCKROACH_METRICS,
};

export { COCKROACH_ACTIONS } from "./actions";
export { bestTarget, goalOf, initialPlacement, planRange, type StoreInfo } from "./allocator";
export { cockroachNodes, freshestReplicas } from "./cluster-view";
export { COCKROACH_DEFAULTS, type CockroachConfig, parseCockroachConfig } from "./config";
export { Hlc } from "./hlc";
export { type CockroachDurable, CockroachNode } from "./node";
export { committedBalances } from "./oracle";
export { COCKROACH_OPS, cockroachPlayerOp, nextCockroachOp } from "./ops";
export { COCKROACH_METRICS, summarizeCockroach } from "./summary";
