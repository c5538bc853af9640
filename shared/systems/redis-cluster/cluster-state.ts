// clusterUpdateState: is this node's view of the cluster "ok" (serve commands) or "fail" (answer CLUSTERDOWN)?
//   - with cluster-require-full-coverage yes, any slot that nobody serves, or whose master is FAIL, makes it fail;
//   - a node that sees fewer than a majority of the masters serving slots (the others PFAIL or FAIL) is in the
//     minority and fails too: that is what stops a partitioned master from accepting writes forever;
//   - a master coming back from the minority waits a rejoin delay (node timeout, from 500 to 5000 ms) before it
//     serves again, and a restarted master waits CLUSTER_WRITABLE_DELAY (2 s) so it can hear of a newer config.

import type { NodeContext } from "../../sim/types";
import { quorum } from "./election";
import type { RedisNode } from "./node";

export const WRITABLE_DELAY_MS = 2000;
export const MIN_REJOIN_DELAY_MS = 500;
export const MAX_REJOIN_DELAY_MS = 5000;

/** Whether the slot table leaves a slot unserved (nobody, or a master flagged FAIL). */
function uncovered(n: RedisNode): boolean {
  const { owners, unowned } = n.ownerSet();
  if (unowned) return true;
  for (const o of owners) if (o !== n.id && n.peers.get(o)?.fail) return true;
  return false;
}

export function updateClusterState(n: RedisNode, ctx: NodeContext): void {
  const now = ctx.monotonicTime;
  if (n.role === "master" && !n.clusterOk && n.restarted && now - n.startedAt < WRITABLE_DELAY_MS) return;
  let ok = !(n.settings.requireFullCoverage && uncovered(n));
  const masters = n.mastersWithSlots();
  let reachable = 0;
  for (const m of masters) {
    const p = n.peers.get(m);
    if (m === n.id || (p && !p.pfail && !p.fail)) reachable++;
  }
  if (reachable < quorum(masters.length)) {
    ok = false;
    n.amongMinoritySince = now;
  }
  if (ok === n.clusterOk) {
    n.stateEvaluated = true;
    return;
  }
  if (ok && n.role === "master") {
    const rejoin = Math.min(MAX_REJOIN_DELAY_MS, Math.max(MIN_REJOIN_DELAY_MS, n.settings.nodeTimeoutMs));
    if (now - n.amongMinoritySince < rejoin) return;
  }
  n.clusterOk = ok;
  // The first evaluation after a start sets the state quietly: a cluster that is simply up is no news.
  if (!n.stateEvaluated) {
    n.stateEvaluated = true;
    return;
  }
  ctx.emit({ kind: "cluster-state", node: n.id, state: ok ? "ok" : "fail", text: `${n.id}: cluster state changed to ${ok ? "ok" : "fail (it answers CLUSTERDOWN)"}` });
}
