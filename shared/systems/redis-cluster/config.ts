// Redis Cluster's settings as a level sets them (cluster.config), with redis.conf's defaults (FACTS §1.3) and
// plain-words errors. Times are milliseconds. The layout (which nodes are masters, which replicate whom) is what
// `redis-cli --cluster create` would have built before the level starts.

import { ActionError } from "../../sim/types";

export interface RedisClusterConfig {
  /** Nodes that start as masters sharing the 16384 slots evenly. Default: every node not named in `replicas`. */
  masters: readonly string[] | undefined;
  /** replica -> its master, for the nodes that start as replicas. */
  replicas: Readonly<Record<string, string>>;
  /** cluster-node-timeout: 15000 ms. */
  nodeTimeoutMs: number;
  /** cluster-require-full-coverage: yes. With a slot uncovered, every node answers CLUSTERDOWN. */
  requireFullCoverage: boolean;
  /** cluster-allow-reads-when-down: no. */
  allowReadsWhenDown: boolean;
  /** cluster-replica-no-failover: no. */
  replicaNoFailover: boolean;
  /** cluster-replica-validity-factor: 10. */
  replicaValidityFactor: number;
  /** repl-ping-replica-period: 10 s (here in ms: 10000). */
  replPingReplicaPeriodMs: number;
  /** redis-cli --cluster reshard --cluster-pipeline: keys per MIGRATE, 10. */
  migratePipeline: number;
  /** The cluster-aware client library's socket timeout for one hop (Jedis: 2000 ms). */
  clientHopTimeoutMs: number;
  /** The client library's redirections before it gives up (Jedis maxAttempts: 5). */
  maxRedirections: number;
}

export const REDIS_CLUSTER_DEFAULTS: Readonly<RedisClusterConfig> = Object.freeze({
  masters: undefined,
  replicas: {},
  nodeTimeoutMs: 15_000,
  requireFullCoverage: true,
  allowReadsWhenDown: false,
  replicaNoFailover: false,
  replicaValidityFactor: 10,
  replPingReplicaPeriodMs: 10_000,
  migratePipeline: 10,
  clientHopTimeoutMs: 2000,
  maxRedirections: 5,
} satisfies RedisClusterConfig);

const NODE = /^[a-z][a-z0-9-]{0,15}$/;

function whole(key: string, v: unknown, min: number, max: number): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < min || v > max) {
    throw new Error(`redis-cluster ${key} must be a whole number from ${min} to ${max}, got ${JSON.stringify(v)}`);
  }
  return v;
}

function bool(key: string, v: unknown): boolean {
  if (typeof v !== "boolean") throw new Error(`redis-cluster ${key} must be true or false, got ${JSON.stringify(v)}`);
  return v;
}

function nodeList(key: string, v: unknown): string[] {
  if (!Array.isArray(v) || !v.every((n) => typeof n === "string" && NODE.test(n))) {
    throw new Error(`redis-cluster ${key} must be a list of node ids such as ["n1", "n2", "n3"]`);
  }
  return v as string[];
}

function replicaMap(v: unknown): Record<string, string> {
  if (v === null || typeof v !== "object" || Array.isArray(v)) throw new Error('redis-cluster replicas must map each replica to its master, such as { "n4": "n1" }');
  for (const [r, m] of Object.entries(v)) {
    if (!NODE.test(r) || typeof m !== "string" || !NODE.test(m)) throw new Error(`redis-cluster replicas: "${r}" must name its master's node id, got ${JSON.stringify(m)}`);
  }
  return v as Record<string, string>;
}

export function parseRedisClusterConfig(raw: Readonly<Record<string, unknown>>): RedisClusterConfig {
  const known = new Set(Object.keys(REDIS_CLUSTER_DEFAULTS));
  for (const k of Object.keys(raw)) {
    if (!known.has(k)) throw new Error(`redis-cluster has no setting "${k}"; its settings are ${[...known].join(", ")}`);
  }
  const d = REDIS_CLUSTER_DEFAULTS;
  const cfg: RedisClusterConfig = {
    masters: raw.masters === undefined ? undefined : nodeList("masters", raw.masters),
    replicas: raw.replicas === undefined ? d.replicas : replicaMap(raw.replicas),
    nodeTimeoutMs: raw.nodeTimeoutMs === undefined ? d.nodeTimeoutMs : whole("nodeTimeoutMs", raw.nodeTimeoutMs, 100, 600_000),
    requireFullCoverage: raw.requireFullCoverage === undefined ? d.requireFullCoverage : bool("requireFullCoverage", raw.requireFullCoverage),
    allowReadsWhenDown: raw.allowReadsWhenDown === undefined ? d.allowReadsWhenDown : bool("allowReadsWhenDown", raw.allowReadsWhenDown),
    replicaNoFailover: raw.replicaNoFailover === undefined ? d.replicaNoFailover : bool("replicaNoFailover", raw.replicaNoFailover),
    replicaValidityFactor: raw.replicaValidityFactor === undefined ? d.replicaValidityFactor : whole("replicaValidityFactor", raw.replicaValidityFactor, 0, 1000),
    replPingReplicaPeriodMs:
      raw.replPingReplicaPeriodMs === undefined ? d.replPingReplicaPeriodMs : whole("replPingReplicaPeriodMs", raw.replPingReplicaPeriodMs, 1000, 3_600_000),
    migratePipeline: raw.migratePipeline === undefined ? d.migratePipeline : whole("migratePipeline", raw.migratePipeline, 1, 1000),
    clientHopTimeoutMs: raw.clientHopTimeoutMs === undefined ? d.clientHopTimeoutMs : whole("clientHopTimeoutMs", raw.clientHopTimeoutMs, 10, 600_000),
    maxRedirections: raw.maxRedirections === undefined ? d.maxRedirections : whole("maxRedirections", raw.maxRedirections, 1, 100),
  };
  for (const [r, m] of Object.entries(cfg.replicas)) {
    if (r === m) throw new Error(`redis-cluster replicas: ${r} cannot replicate itself`);
    if (cfg.replicas[m] !== undefined) throw new Error(`redis-cluster replicas: ${r} replicates ${m}, which is itself a replica`);
    if (cfg.masters?.includes(r)) throw new Error(`redis-cluster: ${r} is listed both as a master and as a replica`);
  }
  return cfg;
}

/** The settings CONFIG SET may change at run time (set-config), with their redis.conf names. */
export interface RuntimeSettings {
  nodeTimeoutMs: number;
  requireFullCoverage: boolean;
  allowReadsWhenDown: boolean;
  replicaNoFailover: boolean;
}

export const RUNTIME_SETTINGS = ["cluster-node-timeout", "cluster-require-full-coverage", "cluster-allow-reads-when-down", "cluster-replica-no-failover"] as const;

/** Parses `CONFIG SET <setting> <value>`; throws ActionError naming the settings that exist. */
export function parseSetting(setting: string, value: unknown): Partial<RuntimeSettings> {
  const yesNo = (): boolean => {
    if (value === true || value === "yes") return true;
    if (value === false || value === "no") return false;
    throw new ActionError(`${setting} takes yes or no, got ${JSON.stringify(value)}`);
  };
  switch (setting) {
    case "cluster-node-timeout": {
      const ms = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
      if (typeof ms !== "number" || !Number.isSafeInteger(ms) || ms < 100 || ms > 600_000) {
        throw new ActionError(`cluster-node-timeout takes milliseconds from 100 to 600000, got ${JSON.stringify(value)}`);
      }
      return { nodeTimeoutMs: ms };
    }
    case "cluster-require-full-coverage":
      return { requireFullCoverage: yesNo() };
    case "cluster-allow-reads-when-down":
      return { allowReadsWhenDown: yesNo() };
    case "cluster-replica-no-failover":
      return { replicaNoFailover: yesNo() };
    default:
      throw new ActionError(`Redis Cluster has no setting "${setting}" to change; the settings are ${RUNTIME_SETTINGS.join(", ")}`);
  }
}

/** The settings in force, in redis.conf's words, for the summary. */
export function describeSettings(s: RuntimeSettings): string {
  return `cluster-node-timeout ${s.nodeTimeoutMs}, cluster-require-full-coverage ${s.requireFullCoverage ? "yes" : "no"}, cluster-allow-reads-when-down ${s.allowReadsWhenDown ? "yes" : "no"}`;
}
