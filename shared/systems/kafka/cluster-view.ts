// Reading a Kafka cluster from outside its brokers (actions, invariants, the summary). Read-only by convention.

import type { NodeId, SystemNode } from "../../sim/types";
import type { MetadataImage } from "./metadata";
import { KafkaNode } from "./node";

export interface NodeSource {
  readonly nodes: readonly NodeId[];
  isUp(id: NodeId): boolean;
  node(id: NodeId): SystemNode | undefined;
}

export function kafkaNodes(source: NodeSource): KafkaNode[] {
  const out: KafkaNode[] = [];
  for (const id of source.nodes) {
    const n = source.node(id);
    if (n instanceof KafkaNode) out.push(n);
  }
  return out;
}

/** The running active controller (the Raft leader of the highest term, should two believe they lead). */
export function activeController(source: NodeSource): KafkaNode | undefined {
  let best: KafkaNode | undefined;
  for (const n of kafkaNodes(source)) {
    if (!source.isUp(n.id) || !n.controller?.active()) continue;
    if (!best || n.controller.raft.term > (best.controller?.raft.term ?? 0)) best = n;
  }
  return best;
}

/** The newest metadata any running broker has applied: the cluster's state as the controller committed it. */
export function clusterImage(source: NodeSource): MetadataImage | undefined {
  let best: KafkaNode | undefined;
  for (const n of kafkaNodes(source)) {
    if (!source.isUp(n.id)) continue;
    if (!best || n.image.offset > best.image.offset) best = n;
  }
  return best?.image;
}
