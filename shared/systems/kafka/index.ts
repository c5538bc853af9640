// The Kafka system plug-in: topics and partitions placed by the murmur2 partitioner, leaders and fetching
// followers with LEO, high watermark, ISR and leader epochs, acks 0/1/all with min.insync.replicas, clean and
// unclean leader election; a KRaft controller quorum on the shared Raft core that registers, fences and elects;
// and a consumer group with eager (Range) and cooperative (CooperativeSticky) rebalances. Faithful to
// ../shared/fidelity/FACTS.md §2; what is simplified is said in each file's header.

import type { SystemDefinition } from "../../sim/types";
import { applyKafkaAction } from "./actions";
import { parseKafkaConfig } from "./config";
import { kafkaInvariants } from "./invariants";
import { type KafkaDurable, KafkaNode } from "./node";
import { kafkaPlayerOp, nextKafkaOp } from "./ops";
import { KAFKA_METRICS, summarizeKafka } from "./summary";

export const kafka: SystemDefinition = {
  name: "kafka",
  createNode(id, config, durable, initialMembers) {
    return new KafkaNode(id, parseKafkaConfig(config), durable as KafkaDurable | undefined, initialMembers);
  },
  applyAction: applyKafkaAction,
  invariants: kafkaInvariants,
  nextOp: nextKafkaOp,
  summarize: summarizeKafka,
  playerOp: kafkaPlayerOp,
  metrics: KAFKA_METRICS,
};

export { KAFKA_ACTIONS } from "./actions";
export { cooperativeAssign, rangeAssign, stickyTarget } from "./group/assignors";
export { activeController, clusterImage, kafkaNodes } from "./cluster-view";
export { KAFKA_DEFAULTS, type KafkaConfig, parseKafkaConfig } from "./config";
export { type KafkaCommand, type KafkaDurable, KafkaNode } from "./node";
export { murmur2, partitionForKey, toPositive } from "./murmur2";
export { KAFKA_OPS, kafkaPlayerOp, nextKafkaOp } from "./ops";
export { ackedLost, KAFKA_METRICS, summarizeKafka } from "./summary";
