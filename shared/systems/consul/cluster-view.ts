// Reading the cluster from outside a node (actions, summary, invariants): the Consul agents, the leader, and the
// server whose catalog speaks for the cluster.

import type { NodeId } from "../../sim/types";
import type { CatalogState } from "./catalog";
import { ConsulNode } from "./node";

export interface ClusterReader {
  readonly nodes: readonly NodeId[];
  node(id: NodeId): unknown;
  isUp(id: NodeId): boolean;
}

export function consulNodes(view: ClusterReader): ConsulNode[] {
  const out: ConsulNode[] = [];
  for (const id of view.nodes) {
    const n = view.node(id);
    if (n instanceof ConsulNode) out.push(n);
  }
  return out;
}

/** The running server that leads with the highest term, if any. */
export function leaderNode(view: ClusterReader): ConsulNode | undefined {
  let best: ConsulNode | undefined;
  for (const n of consulNodes(view)) {
    if (!n.server?.isLeader() || !view.isUp(n.id)) continue;
    if (!best || n.server.raft.term > (best.server?.raft.term ?? 0)) best = n;
  }
  return best;
}

/** The catalog DNS and the screen go by: the leader's, else the running server that has applied the most. */
export function authoritativeCatalog(view: ClusterReader): CatalogState | undefined {
  const lead = leaderNode(view);
  if (lead?.server) return lead.server.catalog;
  let best: ConsulNode | undefined;
  for (const n of consulNodes(view)) {
    if (!n.server || !view.isUp(n.id)) continue;
    if (!best || n.server.raft.log.applied > (best.server?.raft.log.applied ?? 0)) best = n;
  }
  return best?.server?.catalog;
}
