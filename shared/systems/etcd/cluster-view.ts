// Reading an etcd cluster from outside its nodes (actions, invariants, the summary). Read-only by convention.

import type { NodeId, SystemNode } from "../../sim/types";
import { EtcdNode } from "./node";

export interface NodeSource {
  readonly nodes: readonly NodeId[];
  isUp(id: NodeId): boolean;
  node(id: NodeId): SystemNode | undefined;
}

/** The etcd members the source can show, up or down, in the kernel's order. */
export function etcdNodes(source: NodeSource): EtcdNode[] {
  const out: EtcdNode[] = [];
  for (const id of source.nodes) {
    const n = source.node(id);
    if (n instanceof EtcdNode) out.push(n);
  }
  return out;
}

/** The current leader: an up, serving member that believes it leads, the one of the highest term if several do. */
export function currentLeader(source: NodeSource): EtcdNode | undefined {
  let best: EtcdNode | undefined;
  for (const n of etcdNodes(source)) {
    if (!source.isUp(n.id) || n.removed || n.raft.state !== "leader") continue;
    if (!best || n.raft.term > best.raft.term) best = n;
  }
  return best;
}
