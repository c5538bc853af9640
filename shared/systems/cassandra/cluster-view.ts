// Reading the whole cluster from outside (actions, summary, invariants, the picture): the Cassandra nodes, and the
// settings and ring that the best-informed running node holds.

import type { NodeId, SystemNode } from "../../sim/types";
import { CassandraNode } from "./node";
import type { RingView } from "./ring-view";
import type { ClusterSettings } from "./settings";

export interface ClusterReader {
  readonly nodes: readonly NodeId[];
  isUp(node: NodeId): boolean;
  node(id: NodeId): SystemNode | undefined;
}

export function cassandraNodes(view: ClusterReader): CassandraNode[] {
  const out: CassandraNode[] = [];
  for (const id of view.nodes) {
    const n = view.node(id);
    if (n instanceof CassandraNode) out.push(n);
  }
  return out;
}

/** The running node with the newest settings (ties: the first in node order), or any node when all are down. */
export function bestInformed(view: ClusterReader): CassandraNode | undefined {
  let best: CassandraNode | undefined;
  for (const n of cassandraNodes(view)) {
    if (!view.isUp(n.id) || n.status === "LEFT") continue;
    if (!best || n.settings.version > best.settings.version) best = n;
  }
  return best ?? cassandraNodes(view)[0];
}

export function clusterSettings(view: ClusterReader): ClusterSettings | undefined {
  return bestInformed(view)?.settings;
}

export function clusterRing(view: ClusterReader): RingView | undefined {
  return bestInformed(view)?.ring();
}
