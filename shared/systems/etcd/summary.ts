// The cluster at a glance, for the screen, for a round's routing (who leads, in which term) and for level
// objectives (the metrics below).

import type { InvariantView } from "../../sim/types";
import { currentLeader, etcdNodes } from "./cluster-view";

export const ETCD_METRICS: Readonly<Record<string, string>> = {
  nodesDown: "members of the cluster that are down (crashed, or stopped after their own removal)",
};

export function summarizeEtcd(view: InvariantView): Record<string, string | number | null> {
  const nodesDown = view.nodes.filter((id) => !view.isUp(id)).length;
  const leader = currentLeader(view);
  if (leader) return { leader: leader.id, term: leader.raft.term, nodesDown };
  let term = 0;
  for (const n of etcdNodes(view)) if (view.isUp(n.id)) term = Math.max(term, n.raft.term);
  return { leader: null, term, nodesDown };
}
