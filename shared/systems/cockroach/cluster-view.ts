// Reading the cluster as a whole (for actions, the summary and invariants): the nodes, and for each range the
// replica that has applied the most of its log (the most complete picture of the range's state).

import type { InvariantView, NodeId } from "../../sim/types";
import { CockroachNode } from "./node";
import type { Replica } from "./replica";

export function cockroachNodes(view: { nodes: readonly NodeId[]; node(id: NodeId): unknown }): CockroachNode[] {
  const out: CockroachNode[] = [];
  for (const id of view.nodes) {
    const n = view.node(id);
    if (n instanceof CockroachNode) out.push(n);
  }
  return out;
}

/** Per range id, the initialized replica with the highest applied index. */
export function freshestReplicas(view: InvariantView | { nodes: readonly NodeId[]; node(id: NodeId): unknown }): Map<number, Replica> {
  const best = new Map<number, Replica>();
  for (const n of cockroachNodes(view)) {
    for (const r of n.replicas.values()) {
      if (r.destroyed || r.desc.end === "") continue;
      const cur = best.get(r.rangeId);
      if (!cur || r.raft.log.applied > cur.raft.log.applied) best.set(r.rangeId, r);
    }
  }
  // A frozen range whose merge has already applied lives on inside its left neighbour: count it once.
  for (const [id, r] of [...best]) {
    if (r.frozen && [...best.values()].some((o) => o !== r && o.desc.start <= r.desc.start && o.desc.end > r.desc.start)) best.delete(id);
  }
  return best;
}
