// The cluster at a glance, for the screen and for level objectives: the settings in force, who leads the first
// partition (`leader`, which "@leader" in a level names) and the controller quorum, and the metrics below.
// ackedLost is computed honestly from the logs: every record a producer was told is written (acks 1 or all) is
// looked up at its offset in the log of its partition's current leader (or, while the partition is offline, in
// every replica's log); one that is not there is lost for good (a follower that had it truncates it away).

import type { InvariantView, NodeId } from "../../sim/types";
import { activeController, clusterImage, kafkaNodes } from "./cluster-view";
import { OFFSETS_TOPIC, tpName } from "./metadata";
import type { KafkaNode } from "./node";
import { describeAcks } from "./settings";

export const KAFKA_METRICS: Readonly<Record<string, string>> = {
  ackedLost: "messages a producer was told are written (acks 1 or all) that are no longer in their partition leader's log",
  offlinePartitions: "partitions with no leader (no live in-sync replica to elect)",
  underReplicatedPartitions: "partitions whose in-sync replica set is smaller than their replica set",
  underMinIsrPartitions: "partitions whose in-sync replica set is smaller than min.insync.replicas (acks=all sends fail)",
  reassigningPartitions: "partitions whose reassignment has not finished",
  fencedBrokers: "registered brokers the controller has fenced (missed heartbeats, or restarted and still catching up)",
  rebalancePauseMs: "partition-milliseconds the consumer group did not consume during rebalances after it first formed",
  pausedPartitionsPeak: "the most partitions the consumer group stopped consuming at the same moment during a rebalance (after it first formed)",
  consumerLag: "messages below the high watermark that the consumer group has not committed, over all partitions",
  groupGeneration: "the consumer group's generation (one more per completed rebalance round)",
};

function userPartitions(n: KafkaNode): string[] {
  return Array.from({ length: n.cfg.partitions }, (_, p) => tpName(n.cfg.topic, p));
}

export function summarizeKafka(view: InvariantView): Record<string, string | number | null> {
  const nodes = kafkaNodes(view);
  const image = clusterImage(view);
  if (nodes.length === 0 || !image) return { leader: null, controller: null };
  const tps = userPartitions(nodes[0]);
  const parts = tps.map((tp) => image.partitions[tp]).filter((p) => p !== undefined);
  const s = image.settings;
  const coordinator = nodes.find((n) => view.isUp(n.id) && n.group !== undefined);
  const group = coordinator?.group;
  return {
    leader: image.partitions[tps[0]]?.leader ?? null,
    controller: activeController(view)?.id ?? null,
    acks: describeAcks(s.acks),
    minInsyncReplicas: s.minInsyncReplicas,
    uncleanLeaderElection: String(s.uncleanLeaderElection),
    replicaLagTimeMaxMs: s.replicaLagTimeMaxMs,
    groupProtocol: s.groupProtocol,
    groupState: group?.state ?? "Empty",
    coordinator: coordinator?.id ?? null,
    ackedLost: ackedLost(view, nodes),
    offlinePartitions: parts.filter((p) => p.leader === null).length,
    underReplicatedPartitions: parts.filter((p) => p.isr.length < p.replicas.length - p.adding.length).length,
    underMinIsrPartitions: parts.filter((p) => p.isr.length < s.minInsyncReplicas).length,
    reassigningPartitions: Object.values(image.partitions).filter((p) => p.adding.length > 0 || p.removing.length > 0).length,
    fencedBrokers: Object.values(image.brokers).filter((b) => b.fenced).length,
    rebalancePauseMs: group ? group.pauseAt(view.now) : 0,
    pausedPartitionsPeak: group?.peakPaused ?? 0,
    consumerLag: group ? consumerLag(view, nodes, tps, group.committed, image.partitions) : 0,
    groupGeneration: group?.generation ?? 0,
  };
}

function replicaLog(nodes: readonly KafkaNode[], broker: NodeId | null, tp: string) {
  return nodes.find((n) => n.id === broker)?.replicas.get(tp)?.log;
}

/** Acknowledged records missing from the log that now decides the partition's content. */
export function ackedLost(view: InvariantView, nodes: readonly KafkaNode[] = kafkaNodes(view)): number {
  const image = clusterImage(view);
  if (!image) return 0;
  const seen = new Set<string>();
  let lost = 0;
  for (const n of nodes) {
    for (const a of n.acked) {
      if (a.tp.startsWith(OFFSETS_TOPIC)) continue;
      const id = `${a.tp}@${a.offset}#${a.epoch}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const p = image.partitions[a.tp];
      const logs = p?.leader ? [replicaLog(nodes, p.leader, a.tp)] : (p?.replicas ?? []).map((b) => replicaLog(nodes, b, a.tp));
      const kept = logs.some((log) => {
        const rec = log?.[a.offset];
        return rec !== undefined && rec.epoch === a.epoch && rec.message === a.message;
      });
      if (!kept) lost++;
    }
  }
  return lost;
}

function consumerLag(view: InvariantView, nodes: readonly KafkaNode[], tps: readonly string[], committed: Readonly<Record<string, number>>, parts: Record<string, { leader: NodeId | null }>): number {
  let lag = 0;
  for (const tp of tps) {
    const leader = parts[tp]?.leader;
    const r = nodes.find((n) => n.id === leader && view.isUp(n.id))?.replicas.get(tp);
    if (r) lag += Math.max(0, r.hw - (committed[tp] ?? 0));
  }
  return lag;
}
