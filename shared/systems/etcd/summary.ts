// The cluster at a glance, for the screen and for a round's routing: who leads, in which term.

import type { InvariantView } from "../../sim/types";
import { currentLeader, etcdNodes } from "./cluster-view";

export function summarizeEtcd(view: InvariantView): Record<string, string | number | null> {
  const leader = currentLeader(view);
  if (leader) return { leader: leader.id, term: leader.raft.term };
  let term = 0;
  for (const n of etcdNodes(view)) if (view.isUp(n.id)) term = Math.max(term, n.raft.term);
  return { leader: null, term };
}
