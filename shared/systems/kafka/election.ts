// The active controller's partition rules, as pure functions of the metadata image (KRaft's
// ReplicationControlManager / PartitionChangeBuilder): who leads a partition, how its ISR changes when a broker is
// fenced or comes back, and the steps of a reassignment. Each returns the partitions' next states; the controller
// writes them to the metadata log. A leader change bumps the leader epoch; every change bumps the partition epoch.

import type { NodeId } from "../../sim/types";
import { isActive, type MetadataImage, type PartitionInfo } from "./metadata";

export type PartitionChanges = [tp: string, next: PartitionInfo][];

function changed(p: PartitionInfo, next: Partial<PartitionInfo>): PartitionInfo {
  const out: PartitionInfo = { ...p, ...next, partitionEpoch: p.partitionEpoch + 1 };
  if (out.leader !== p.leader) out.leaderEpoch = p.leaderEpoch + 1;
  return out;
}

/**
 * Who may lead: the first ISR member, in replica order, that is registered and not fenced. With unclean leader
 * election enabled and no such member, the first live replica outside the ISR, which then becomes the whole ISR
 * (it may lack messages the old ISR acknowledged: they are lost). Undefined: the partition stays offline.
 */
export function electLeader(p: PartitionInfo, image: MetadataImage, exclude?: NodeId): { leader: NodeId; isr: NodeId[]; unclean: boolean } | undefined {
  const live = (b: NodeId) => b !== exclude && isActive(image, b);
  const clean = p.replicas.find((b) => p.isr.includes(b) && live(b));
  if (clean !== undefined) return { leader: clean, isr: p.isr.filter((b) => b !== exclude), unclean: false };
  if (!image.settings.uncleanLeaderElection) return undefined;
  const unclean = p.replicas.find(live);
  return unclean === undefined ? undefined : { leader: unclean, isr: [unclean], unclean: true };
}

/**
 * A broker is fenced (missed heartbeats, or registered again after a restart): it leaves every ISR, except that
 * the ISR never becomes empty (its last member stays, so a clean election can wait for it), and every partition
 * it led gets a new leader, or none.
 */
export function fenceChanges(image: MetadataImage, broker: NodeId): PartitionChanges {
  const out: PartitionChanges = [];
  for (const [tp, p] of Object.entries(image.partitions)) {
    if (!p.isr.includes(broker) && p.leader !== broker) continue;
    const isr = p.isr.length > 1 ? p.isr.filter((b) => b !== broker) : p.isr;
    if (p.leader !== broker) {
      if (isr !== p.isr) out.push([tp, changed(p, { isr })]);
      continue;
    }
    const e = electLeader({ ...p, isr }, image, broker);
    out.push([tp, changed(p, e ? { leader: e.leader, isr: e.isr } : { leader: null, isr })]);
  }
  return out;
}

/** Partitions without a leader that an election can now give one (after an unfence or a config change). */
export function offlineElections(image: MetadataImage): PartitionChanges {
  const out: PartitionChanges = [];
  for (const [tp, p] of Object.entries(image.partitions)) {
    if (p.leader !== null) continue;
    const e = electLeader(p, image);
    if (e) out.push([tp, changed(p, { leader: e.leader, isr: e.isr })]);
  }
  return out;
}

/** Why an AlterPartition from `from` cannot be applied, or undefined (KIP-497, KIP-841 checks). */
export function alterPartitionProblem(p: PartitionInfo, image: MetadataImage, from: NodeId, leaderEpoch: number, partitionEpoch: number, isr: readonly NodeId[]): string | undefined {
  if (p.leader !== from) return "NOT_LEADER_OR_FOLLOWER";
  if (leaderEpoch !== p.leaderEpoch) return "FENCED_LEADER_EPOCH";
  if (partitionEpoch !== p.partitionEpoch) return "INVALID_UPDATE_VERSION";
  if (!isr.includes(from)) return "INVALID_REQUEST";
  for (const b of isr) {
    if (!p.replicas.includes(b)) return "INVALID_REQUEST";
    if (!p.isr.includes(b) && !isActive(image, b)) return "INELIGIBLE_REPLICA";
  }
  return undefined;
}

export function isrChange(p: PartitionInfo, isr: readonly NodeId[]): PartitionInfo {
  return changed(p, { isr: [...isr] });
}

/**
 * The first step of kafka-reassign-partitions (KIP-455): the replica set becomes target ∪ current (target first),
 * the new replicas start fetching, and the old ones stay until the new ones are in sync.
 */
export function startReassignment(p: PartitionInfo, target: readonly NodeId[]): PartitionInfo {
  const replicas = [...target, ...p.replicas.filter((b) => !target.includes(b))];
  return changed(p, { replicas, adding: target.filter((b) => !p.replicas.includes(b)), removing: p.replicas.filter((b) => !target.includes(b)) });
}

/** The last step, once every added replica is in the ISR: drop the old replicas; a leader being removed hands over. */
export function finishReassignment(p: PartitionInfo, image: MetadataImage): PartitionInfo | undefined {
  if (p.adding.length === 0 && p.removing.length === 0) return undefined;
  if (!p.adding.every((b) => p.isr.includes(b))) return undefined;
  const replicas = p.replicas.filter((b) => !p.removing.includes(b));
  const isr = p.isr.filter((b) => replicas.includes(b));
  let leader = p.leader;
  if (leader === null || !replicas.includes(leader)) leader = replicas.find((b) => isr.includes(b) && isActive(image, b)) ?? null;
  return changed(p, { replicas, isr, leader, adding: [], removing: [] });
}
