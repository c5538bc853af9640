// The Cassandra system plug-in: a token ring with vnodes (Murmur3Partitioner), SimpleStrategy and
// NetworkTopologyStrategy placement, tunable consistency with a coordinator per request, hinted handoff, blocking
// read repair, anti-entropy repair, gossip with phi-accrual failure detection, and the commit log → memtable →
// SSTable write path with size-tiered compaction. Faithful to ../shared/fidelity/FACTS.md §3.

import type { SystemDefinition } from "../../sim/types";
import { applyCassandraAction } from "./actions";
import { parseCassandraConfig } from "./config";
import { cassandraInvariants } from "./invariants";
import { type CassandraDurable, CassandraNode } from "./node";
import { nextCassandraOp } from "./ops";
import { CASSANDRA_METRICS, placeKeys, summarizeCassandra } from "./summary";

export const cassandra: SystemDefinition = {
  name: "cassandra",
  createNode(id, config, durable, initialMembers) {
    return new CassandraNode(id, parseCassandraConfig(config), durable as CassandraDurable | undefined, initialMembers);
  },
  applyAction: applyCassandraAction,
  invariants: cassandraInvariants,
  nextOp: nextCassandraOp,
  summarize: summarizeCassandra,
  clientRouting: "spread",
  metrics: CASSANDRA_METRICS,
  keyPlacement: placeKeys,
};

export { CASSANDRA_ACTIONS } from "./actions";
export { cassandraNodes, clusterRing, clusterSettings } from "./cluster-view";
export { CASSANDRA_DEFAULTS, type CassandraConfig, parseCassandraConfig } from "./config";
export { type CassandraCommand, type CassandraDurable, CassandraNode } from "./node";
export { CASSANDRA_OPS, nextCassandraOp } from "./ops";
export { CASSANDRA_METRICS, placeKeys, summarizeCassandra } from "./summary";
