// The etcd system plug-in: Raft (with PreVote, CheckQuorum, leadership transfer and single-voter membership
// changes) under etcd's MVCC key-value store, served linearizably (writes through the log, reads by ReadIndex).

import type { SystemDefinition } from "../../sim/types";
import { applyEtcdAction } from "./actions";
import { parseEtcdConfig } from "./config";
import { raftSafetyInvariants } from "./invariants";
import { type EtcdDurable, EtcdNode } from "./node";
import { nextEtcdOp } from "./ops";
import { ETCD_METRICS, summarizeEtcd } from "./summary";

export const etcd: SystemDefinition = {
  name: "etcd",
  createNode(id, config, durable, initialMembers) {
    return new EtcdNode(id, parseEtcdConfig(config), durable as EtcdDurable | undefined, initialMembers);
  },
  applyAction: applyEtcdAction,
  invariants: raftSafetyInvariants,
  nextOp: nextEtcdOp,
  summarize: summarizeEtcd,
  metrics: ETCD_METRICS,
};

export { ETCD_ACTIONS } from "./actions";
export { currentLeader, etcdNodes } from "./cluster-view";
export { ETCD_DEFAULTS, type EtcdConfig, electionTicks, parseEtcdConfig } from "./config";
export { raftSafetyInvariants } from "./invariants";
export {
  ERR_CLIENT_DROPPED,
  ERR_CLIENT_LEADER_CHANGED,
  ERR_CLIENT_NO_LEADER,
  ERR_CLIENT_REMOVED,
  type EtcdCommand,
  type EtcdDurable,
  EtcdNode,
} from "./node";
export { ETCD_OPS, nextEtcdOp } from "./ops";
export { ETCD_METRICS, summarizeEtcd } from "./summary";
