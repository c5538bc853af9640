// Resolves the node references of a level action ("@leader", "@down", ...) to node ids at the moment the action
// is due. Picks among several candidates come from the round's own seeded stream, so a replay picks the same.

import type { PlayerAction } from "../protocol/actions";
import type { Rng } from "../sim/rng";
import { isNodeRef, type LevelAction, NODE_FIELDS, NODE_REF_WORDS, type NodeRefName } from "./level-action";

/** What a reference is resolved against: the cluster as it is right now. */
export interface ClusterNow {
  /** The current members, up or down (never a node the cluster removed: see membership.ts). */
  readonly nodes: readonly string[];
  /** Ids the cluster removed: not members any more, and not to be used again for a new member. */
  readonly removed: readonly string[];
  isUp(node: string): boolean;
  /** The current leader, or null. */
  readonly leader: string | null;
}

export type Resolved<T> = { ok: true; value: T } | { ok: false; reason: string };

function candidates(ref: NodeRefName, cluster: ClusterNow): string[] {
  const up = cluster.nodes.filter((n) => cluster.isUp(n));
  switch (ref) {
    case "@leader":
      return cluster.leader !== null && cluster.isUp(cluster.leader) ? [cluster.leader] : [];
    case "@follower":
      return up.filter((n) => n !== cluster.leader);
    case "@up":
      return up;
    case "@down":
      return cluster.nodes.filter((n) => !cluster.isUp(n));
  }
}

/** A node id stays as it is; a reference becomes one of the nodes it describes, or a reason why there is none. */
export function resolveNode(value: string, cluster: ClusterNow, rng: Rng, exclude: readonly string[] = []): Resolved<string> {
  if (!isNodeRef(value)) return { ok: true, value };
  const found = candidates(value, cluster).filter((n) => !exclude.includes(n));
  if (found.length === 0) return { ok: false, reason: `there is no ${NODE_REF_WORDS[value].replace(/^(the|a) /, "")} right now` };
  return { ok: true, value: found.length === 1 ? found[0] : rng.pick(found) };
}

/** The action with every node reference replaced by a node id; two references never pick the same node. */
export function resolveAction(action: LevelAction, cluster: ClusterNow, rng: Rng): Resolved<PlayerAction> {
  const out: Record<string, unknown> = { ...action };
  const chosen: string[] = [];
  for (const field of NODE_FIELDS) {
    const value = out[field];
    if (typeof value !== "string") continue;
    const resolved = resolveNode(value, cluster, rng, chosen);
    if (!resolved.ok) return resolved;
    out[field] = resolved.value;
    chosen.push(resolved.value);
  }
  return { ok: true, value: out as PlayerAction };
}
