// Reading the whole cluster from outside (actions, summary, invariants): the Redis nodes, and which master really
// serves each slot — the claim with the greatest configEpoch, which is what every node converges to.

import type { NodeId, SystemNode } from "../../sim/types";
import { SLOTS } from "./keyslot";
import { RedisNode } from "./node";

export interface ClusterReader {
  readonly nodes: readonly NodeId[];
  isUp(node: NodeId): boolean;
  node(id: NodeId): SystemNode | undefined;
}

export function redisNodes(view: ClusterReader): RedisNode[] {
  const out: RedisNode[] = [];
  for (const id of view.nodes) {
    const n = view.node(id);
    if (n instanceof RedisNode) out.push(n);
  }
  return out;
}

export function redisNode(view: ClusterReader, id: NodeId): RedisNode | undefined {
  const n = view.node(id);
  return n instanceof RedisNode ? n : undefined;
}

/** The last answer of slotOwners per cluster, with the claims it was computed from. */
const lastOwners = new WeakMap<object, { signature: string; owners: (NodeId | null)[]; counts: Map<NodeId | null, number> }>();

/**
 * For every slot, the master whose own claim on it has the greatest configEpoch (running or not), or null; and how
 * many slots each owner has. Metrics ask after every event, and the claims change only when a node's slot table or
 * epoch does, so the answer is kept until then (16384 slots are too many to walk each time).
 */
export function slotOwnership(view: ClusterReader): { owners: readonly (NodeId | null)[]; counts: ReadonlyMap<NodeId | null, number> } {
  const nodes = redisNodes(view);
  const signature = nodes.map((n) => `${n.id}:${n.role}:${n.configEpoch}:${n.slotVersion}`).join(";");
  const key = nodes[0] ?? view;
  const known = lastOwners.get(key);
  if (known && known.signature === signature) return known;
  const owners = slotOwners(view);
  const counts = new Map<NodeId | null, number>();
  for (const o of owners) counts.set(o, (counts.get(o) ?? 0) + 1);
  const fresh = { signature, owners, counts };
  lastOwners.set(key, fresh);
  return fresh;
}

/** For every slot, the master whose own claim on it has the greatest configEpoch (running or not), or null. */
export function slotOwners(view: ClusterReader): (NodeId | null)[] {
  const owner: (NodeId | null)[] = new Array(SLOTS).fill(null);
  const epoch = new Array<number>(SLOTS).fill(-1);
  for (const n of redisNodes(view)) {
    if (n.role !== "master") continue;
    for (const [a, b] of n.slotsOf(n.id)) {
      for (let s = a; s <= b; s++) {
        if (n.configEpoch > epoch[s]) {
          epoch[s] = n.configEpoch;
          owner[s] = n.id;
        }
      }
    }
  }
  return owner;
}
