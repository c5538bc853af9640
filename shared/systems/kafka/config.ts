// Kafka's settings as a level may set them (cluster.config), with Kafka's own defaults (FACTS §2.3–2.6) and
// validation. Level files use camelCase names (a `--set cluster.minInsyncReplicas=2` path has no dots inside a
// name); the operator's set-config uses Kafka's own dotted names (settings.ts maps one to the other).

import { type DynamicSettings, parseAcks, parseProtocol } from "./settings";

export interface KafkaConfig extends DynamicSettings {
  /** The one user topic the clients produce to and the consumer group reads. */
  topic: string;
  /** num.partitions: Kafka's default is 1. */
  partitions: number;
  /** default.replication.factor: Kafka's default is 1 (capped at the number of brokers). */
  replicationFactor: number;
  /** KRaft combined mode: the first this many brokers also run the controller quorum (controller.quorum.voters). */
  controllers: number;
  /** broker.session.timeout.ms: a broker without a heartbeat for this long is fenced. Default 9000. */
  brokerSessionTimeoutMs: number;
  /** broker.heartbeat.interval.ms. Default 2000. */
  brokerHeartbeatIntervalMs: number;
  /** controller.quorum.election.timeout.ms. Default 1000. */
  controllerElectionTimeoutMs: number;
  /** replica.fetch.wait.max.ms: how long a leader holds a follower's empty fetch. Default 500. */
  replicaFetchWaitMaxMs: number;
  /** The consumer group the simulated consumers join, and how many run at the start. */
  group: string;
  consumers: number;
  /** heartbeat.interval.ms (consumer): members learn of a rebalance at their next heartbeat. Default 3000. */
  consumerHeartbeatIntervalMs: number;
  /** group.initial.rebalance.delay.ms: an empty group waits this long for more members. Default 3000. */
  groupInitialRebalanceDelayMs: number;
  /** auto.commit.interval.ms. Default 5000. */
  autoCommitIntervalMs: number;
  /** offsets.topic.replication.factor: default 3 (capped at the number of brokers). */
  offsetsTopicReplicationFactor: number;
}

export const KAFKA_DEFAULTS: Readonly<KafkaConfig> = Object.freeze({
  topic: "events",
  partitions: 1,
  replicationFactor: 1,
  controllers: 3,
  brokerSessionTimeoutMs: 9000,
  brokerHeartbeatIntervalMs: 2000,
  controllerElectionTimeoutMs: 1000,
  replicaFetchWaitMaxMs: 500,
  group: "app",
  consumers: 0,
  consumerHeartbeatIntervalMs: 3000,
  groupInitialRebalanceDelayMs: 3000,
  autoCommitIntervalMs: 5000,
  offsetsTopicReplicationFactor: 3,
  acks: "all",
  minInsyncReplicas: 1,
  uncleanLeaderElection: false,
  replicaLagTimeMaxMs: 30000,
  groupProtocol: "eager",
});

const NAME = /^[a-zA-Z0-9._-]{1,64}$/;

const INTEGER_LIMITS: Readonly<Record<string, readonly [number, number]>> = {
  partitions: [1, 64],
  replicationFactor: [1, 9],
  controllers: [1, 9],
  brokerSessionTimeoutMs: [100, 600_000],
  brokerHeartbeatIntervalMs: [10, 60_000],
  controllerElectionTimeoutMs: [100, 60_000],
  replicaFetchWaitMaxMs: [1, 60_000],
  consumers: [0, 32],
  consumerHeartbeatIntervalMs: [10, 60_000],
  groupInitialRebalanceDelayMs: [0, 600_000],
  autoCommitIntervalMs: [10, 600_000],
  offsetsTopicReplicationFactor: [1, 9],
  minInsyncReplicas: [1, 9],
  replicaLagTimeMaxMs: [100, 600_000],
};

/** Reads and checks a level's Kafka config; unknown settings are errors, so a misspelt one is never ignored. */
export function parseKafkaConfig(raw: Readonly<Record<string, unknown>>): KafkaConfig {
  const known = Object.keys(KAFKA_DEFAULTS);
  for (const key of Object.keys(raw)) {
    if (!known.includes(key)) throw new Error(`Kafka has no setting "${key}"; the settings are ${known.join(", ")}`);
  }
  const cfg: KafkaConfig = { ...KAFKA_DEFAULTS };
  for (const [key, [lo, hi]] of Object.entries(INTEGER_LIMITS)) {
    const v = raw[key];
    if (v === undefined) continue;
    if (typeof v !== "number" || !Number.isSafeInteger(v) || v < lo || v > hi) {
      throw new Error(`Kafka setting ${key} must be a whole number from ${lo} to ${hi}, got ${JSON.stringify(v)}`);
    }
    (cfg as unknown as Record<string, number>)[key] = v;
  }
  for (const key of ["topic", "group"] as const) {
    const v = raw[key];
    if (v === undefined) continue;
    if (typeof v !== "string" || !NAME.test(v) || v.startsWith("__")) throw new Error(`Kafka setting ${key} must be a name such as orders, got ${JSON.stringify(v)}`);
    cfg[key] = v;
  }
  if (raw.uncleanLeaderElection !== undefined) {
    if (typeof raw.uncleanLeaderElection !== "boolean") throw new Error("Kafka setting uncleanLeaderElection must be true or false");
    cfg.uncleanLeaderElection = raw.uncleanLeaderElection;
  }
  try {
    if (raw.acks !== undefined) cfg.acks = parseAcks(raw.acks);
    if (raw.groupProtocol !== undefined) cfg.groupProtocol = parseProtocol(raw.groupProtocol);
  } catch (error) {
    throw new Error(`Kafka setting ${raw.acks !== undefined && (error as Error).message.includes("acks") ? "acks" : "groupProtocol"}: ${(error as Error).message}`);
  }
  if (cfg.brokerHeartbeatIntervalMs >= cfg.brokerSessionTimeoutMs) {
    throw new Error(`brokerHeartbeatIntervalMs (${cfg.brokerHeartbeatIntervalMs}) must be below brokerSessionTimeoutMs (${cfg.brokerSessionTimeoutMs})`);
  }
  return cfg;
}
