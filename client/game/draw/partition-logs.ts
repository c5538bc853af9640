// Kafka's partitions read out of the room's state, for the partition-log picture, the node table and the legend:
// for each partition of the user topic, its replicas (one per broker that holds one) with their log end offset and
// high watermark, who leads it, which replicas are in sync, whether it is offline, and which consumer of the group
// owns it or whether it is paused by a rebalance. Pure: no Phaser, so tests and the DOM overlay can use it.

import { type GameStateView, type GroupView, type NodeView, naturalCompare, parseGroups, sortedValues, splitList } from "../../net/state";

export interface ReplicaRow {
  broker: string;
  /** The broker is running. */
  up: boolean;
  /** This replica leads the partition (on a running broker). */
  leader: boolean;
  leo: number;
  hw: number;
  /** In the leader's in-sync replica set (false for every replica while the partition has no leader). */
  inIsr: boolean;
}

export interface PartitionRow {
  /** "events-0". */
  tp: string;
  topic: string;
  partition: number;
  /** The broker leading it, null while it is offline. */
  leader: string | null;
  /** The leader's in-sync replicas, in the leader's order. */
  isr: string[];
  /** One per broker holding a replica, in broker order. */
  replicas: ReplicaRow[];
  offline: boolean;
  /** The consumer that owns it, "" for none. */
  owner: string;
  /** The group has members and none of them consumes this partition (a rebalance took it away). */
  paused: boolean;
}

/** "events-12" → { topic: "events", partition: 12 }; the topic may itself contain dashes. */
export function splitTp(tp: string): { topic: string; partition: number } {
  const at = tp.lastIndexOf("-");
  if (at < 0) return { topic: tp, partition: 0 };
  const partition = Number(tp.slice(at + 1));
  return { topic: tp.slice(0, at), partition: Number.isFinite(partition) ? partition : 0 };
}

/** Kafka's internal topics (__consumer_offsets) are not drawn as partitions of the cluster's data. */
export function isInternalTopic(topic: string): boolean {
  return topic.startsWith("__");
}

/** The consumer group as its coordinator reports it (the summary names the coordinator; else any running broker with one). */
export function consumerGroup(state: GameStateView): GroupView | null {
  const named = state.summary.get("coordinator") ?? "";
  const nodes = sortedValues(state.nodes, (n) => n.id);
  const order = [...nodes.filter((n) => n.id === named), ...nodes.filter((n) => n.id !== named && n.up), ...nodes.filter((n) => n.id !== named && !n.up)];
  for (const n of order) {
    const groups = parseGroups(n.groups);
    if (groups.length > 0) return groups[0];
  }
  return null;
}

/** Every partition of the user topics, in topic and partition order. */
export function partitionRows(state: GameStateView, group: GroupView | null = consumerGroup(state)): PartitionRow[] {
  const nodes = sortedValues(state.nodes, (n) => n.id);
  const holders = new Map<string, NodeView[]>();
  for (const n of nodes) {
    n.partitions.forEach((_r, tp) => {
      if (isInternalTopic(splitTp(tp).topic)) return;
      holders.set(tp, [...(holders.get(tp) ?? []), n]);
    });
  }
  const owners = new Map<string, string>();
  for (const m of group?.members ?? []) for (const tp of m.partitions) owners.set(tp, m.member);
  const hasMembers = (group?.members.length ?? 0) > 0;
  const rows: PartitionRow[] = [];
  for (const [tp, brokers] of holders) {
    const leaderNode = brokers.find((n) => n.up && n.partitions.get(tp)?.leader);
    const isr = leaderNode ? splitList(leaderNode.partitions.get(tp)?.isr ?? "") : [];
    const replicas = brokers.map((n) => {
      const r = n.partitions.get(tp);
      return { broker: n.id, up: n.up, leader: n === leaderNode, leo: r?.leo ?? 0, hw: r?.hw ?? 0, inIsr: isr.includes(n.id) };
    });
    const { topic, partition } = splitTp(tp);
    const owner = owners.get(tp) ?? "";
    rows.push({ tp, topic, partition, leader: leaderNode?.id ?? null, isr, replicas, offline: !leaderNode, owner, paused: hasMembers && owner === "" });
  }
  return rows.sort((a, b) => naturalCompare(a.topic, b.topic) || a.partition - b.partition);
}

/** The offsets a strip of `cells` cells shows for a partition: the newest, ending at its highest log end offset. */
export function logWindow(replicas: readonly ReplicaRow[], cells: number): { start: number; end: number } {
  const end = Math.max(0, ...replicas.map((r) => r.leo));
  return { start: Math.max(0, end - cells), end };
}

/** The kind of a log cell: below the HW it is committed, from the HW to the LEO written but not committed. */
export function cellKind(offset: number, replica: Pick<ReplicaRow, "hw" | "leo">): "committed" | "uncommitted" | "missing" {
  if (offset < Math.min(replica.hw, replica.leo)) return "committed";
  if (offset < replica.leo) return "uncommitted";
  return "missing";
}

/** A replica in words: "n2 leader, LEO 14, HW 12" / "n3 follower, out of ISR, LEO 9, HW 9". */
export function replicaWords(row: PartitionRow, r: ReplicaRow): string {
  const role = r.leader ? "leader" : "follower";
  const sync = row.offline || r.leader ? "" : r.inIsr ? ", in sync" : ", out of ISR";
  return `${r.broker} ${role}${r.up ? "" : " (down)"}${sync}, LEO ${r.leo}, HW ${r.hw}`;
}

/** The partition in words, for the node table's summary. */
export function partitionRowWords(row: PartitionRow): string {
  if (row.offline) return `${row.tp} OFFLINE (no leader)`;
  return `${row.tp} led by ${row.leader}, ISR ${row.isr.join(" ")}`;
}
