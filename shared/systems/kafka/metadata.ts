// The cluster metadata that KRaft keeps in its replicated log (__cluster_metadata): broker registrations and
// fencing, every partition's replicas, leader, leader epoch and ISR, and dynamic configs. The active controller
// appends records; every controller applies them from the Raft log and every broker from the records it fetches,
// always in log order, so all of them build the same image. Records carry the whole new partition state (a
// PartitionRecord / PartitionChangeRecord folded into one) so that applying one never depends on reading another.

import type { NodeId } from "../../sim/types";
import type { DynamicSettings } from "./settings";

export const OFFSETS_TOPIC = "__consumer_offsets";

export interface BrokerInfo {
  /** The broker's incarnation (a new one at every start): a registration with a new one fences the old. */
  incarnation: number;
  fenced: boolean;
  /** Metadata offset of the registration: the broker is unfenced once it has caught up to it. */
  registeredAt: number;
}

export interface PartitionInfo {
  topic: string;
  partition: number;
  /** Replica order: the first live ISR member in this order is elected (the preferred leader comes first). */
  replicas: NodeId[];
  isr: NodeId[];
  leader: NodeId | null;
  leaderEpoch: number;
  partitionEpoch: number;
  /** A reassignment in progress (KIP-455): replicas being added, and the ones to remove once they are in sync. */
  adding: NodeId[];
  removing: NodeId[];
}

export interface MetadataImage {
  /** Offset of the last record applied (the Raft index). */
  offset: number;
  brokers: Record<NodeId, BrokerInfo>;
  partitions: Record<string, PartitionInfo>;
  settings: DynamicSettings;
  /** How many simulated consumers the operator runs per group (a deployment fact, not a Kafka record). */
  consumers: Record<string, number>;
}

export type MetadataRecord =
  | { type: "RegisterBroker"; broker: NodeId; incarnation: number }
  | { type: "FenceBroker"; broker: NodeId }
  | { type: "UnfenceBroker"; broker: NodeId }
  | ({ type: "Partition"; tp: string } & PartitionInfo)
  | { type: "Config"; field: keyof DynamicSettings; value: DynamicSettings[keyof DynamicSettings] }
  | { type: "Consumers"; group: string; count: number };

export function tpName(topic: string, partition: number): string {
  return `${topic}-${partition}`;
}

export function emptyImage(settings: DynamicSettings): MetadataImage {
  return { offset: 0, brokers: {}, partitions: {}, settings: { ...settings }, consumers: {} };
}

export function isMetadataRecord(data: unknown): data is MetadataRecord {
  return data !== null && typeof data === "object" && typeof (data as { type?: unknown }).type === "string";
}

/** Applies one record at `offset`. Plain data in, plain data out: the image is what brokers keep on disk. */
export function applyRecord(image: MetadataImage, offset: number, rec: MetadataRecord): void {
  image.offset = offset;
  switch (rec.type) {
    case "RegisterBroker":
      image.brokers[rec.broker] = { incarnation: rec.incarnation, fenced: true, registeredAt: offset };
      break;
    case "FenceBroker":
    case "UnfenceBroker": {
      const b = image.brokers[rec.broker];
      if (b) b.fenced = rec.type === "FenceBroker";
      break;
    }
    case "Partition": {
      const { type: _type, tp, ...info } = rec;
      image.partitions[tp] = { ...info, replicas: [...info.replicas], isr: [...info.isr], adding: [...info.adding], removing: [...info.removing] };
      break;
    }
    case "Config":
      (image.settings as unknown as Record<string, unknown>)[rec.field] = rec.value;
      break;
    case "Consumers":
      image.consumers[rec.group] = rec.count;
      break;
  }
}

/** A broker the controller may hand leadership or ISR membership to: registered and not fenced. */
export function isActive(image: MetadataImage, broker: NodeId): boolean {
  const b = image.brokers[broker];
  return b !== undefined && !b.fenced;
}

/**
 * Kafka's rack-unaware replica assignment (AdminUtils.assignReplicasToBrokers), with the start index and the
 * replica shift that Kafka draws at random fixed at 0 so a level always starts the same way.
 */
export function assignReplicas(brokers: readonly NodeId[], partitions: number, rf: number): NodeId[][] {
  const n = brokers.length;
  const factor = Math.min(rf, n);
  let shift = 0;
  const out: NodeId[][] = [];
  for (let p = 0; p < partitions; p++) {
    if (p > 0 && p % n === 0) shift++;
    const first = p % n;
    const replicas = [brokers[first]];
    for (let j = 0; j < factor - 1; j++) replicas.push(brokers[(first + 1 + ((shift + j) % (n - 1))) % n]);
    out.push(replicas);
  }
  return out;
}

/** The records a new cluster's metadata log starts with: every broker registered, the topics created. */
export function bootstrapRecords(
  brokers: readonly NodeId[],
  topic: string,
  partitions: number,
  rf: number,
  offsetsRf: number,
): MetadataRecord[] {
  const recs: MetadataRecord[] = brokers.map((broker) => ({ type: "RegisterBroker", broker, incarnation: 1 }));
  for (const broker of brokers) recs.push({ type: "UnfenceBroker", broker });
  const create = (t: string, count: number, factor: number) =>
    assignReplicas(brokers, count, factor).forEach((replicas, partition) =>
      recs.push({
        type: "Partition",
        tp: tpName(t, partition),
        topic: t,
        partition,
        replicas,
        isr: [...replicas],
        leader: replicas[0],
        leaderEpoch: 0,
        partitionEpoch: 0,
        adding: [],
        removing: [],
      }),
    );
  create(topic, partitions, rf);
  // One partition of __consumer_offsets instead of offsets.topic.num.partitions = 50: one group needs one.
  create(OFFSETS_TOPIC, 1, offsetsRf);
  return recs;
}

export function partitionRecord(tp: string, info: PartitionInfo): MetadataRecord {
  return { type: "Partition", tp, ...info, replicas: [...info.replicas], isr: [...info.isr], adding: [...info.adding], removing: [...info.removing] };
}
