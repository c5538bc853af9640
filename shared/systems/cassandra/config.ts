// Cassandra's settings as a level may set them (cluster.config), with cassandra.yaml's defaults (FACTS §3) and
// plain-words errors. Times are milliseconds. Settings that Cassandra keeps in its schema (replication) or that a
// driver sets per session (consistency levels) start here and then change at run time through operator actions;
// the live values travel between nodes as ClusterSettings (settings.ts).

import { CONSISTENCY_LEVELS, type ConsistencyLevel } from "../../protocol/actions";
import type { Replication } from "./ring/placement";

export interface Placement {
  dc: string;
  rack: string;
}

export interface CassandraConfig {
  /** num_tokens: vnodes per node. Cassandra 4.0+ default 16. */
  numTokens: number;
  /** The keyspace's replication (CREATE KEYSPACE ... WITH replication = ...). */
  replication: Replication;
  /** The consistency level clients read at (cqlsh's CONSISTENCY; cqlsh defaults to ONE). */
  readConsistency: ConsistencyLevel;
  writeConsistency: ConsistencyLevel;
  /** Datacenter and rack per node (GossipingPropertyFileSnitch); unnamed nodes are in datacenter1/rack1 (SimpleSnitch). */
  topology: Readonly<Record<string, Placement>>;
  /** read_request_timeout: 5000 ms. */
  readTimeoutMs: number;
  /** write_request_timeout: 10000 ms (cassandra.yaml, trunk). */
  writeTimeoutMs: number;
  /** hinted_handoff_enabled: true. */
  hintedHandoff: boolean;
  /** max_hint_window: 3 h. No new hints for a node once it has been down this long. */
  maxHintWindowMs: number;
  /** How often stored hints are offered to nodes that are up again (HintsDispatchTrigger runs every 10 s). */
  hintsDispatchMs: number;
  /**
   * The table's speculative_retry: a read still missing answers after this long asks one more replica. Cassandra's
   * default is 99PERCENTILE (of the replicas' observed read latency); a fixed delay stands in for it here.
   */
  speculativeRetryMs: number;
  /** The table's read_repair option: BLOCKING (default) or NONE. */
  readRepair: "BLOCKING" | "NONE";
  /** phi_convict_threshold: 8. */
  phiConvictThreshold: number;
  /** Gossip rounds run every second (Gossiper.intervalInMillis). */
  gossipIntervalMs: number;
  /**
   * Mutations a memtable takes before it is flushed to an SSTable. Stands in for memtable_cleanup_threshold ×
   * memtable space, which are sizes in MiB that a game's few hundred writes would never reach.
   */
  memtableFlushCells: number;
}

export const DEFAULT_DC = "datacenter1";
export const DEFAULT_RACK = "rack1";

export const CASSANDRA_DEFAULTS: Readonly<CassandraConfig> = Object.freeze({
  numTokens: 16,
  replication: { class: "SimpleStrategy", rf: 3 },
  readConsistency: "ONE",
  writeConsistency: "ONE",
  topology: {},
  readTimeoutMs: 5000,
  writeTimeoutMs: 10_000,
  hintedHandoff: true,
  maxHintWindowMs: 3 * 3600 * 1000,
  hintsDispatchMs: 10_000,
  speculativeRetryMs: 100,
  readRepair: "BLOCKING",
  phiConvictThreshold: 8,
  gossipIntervalMs: 1000,
  memtableFlushCells: 64,
} satisfies CassandraConfig);

const NAME = /^[a-z][a-z0-9-]{0,15}$/;

function fail(message: string): never {
  throw new Error(message);
}

function wholeMs(key: string, v: unknown, min: number, max: number): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < min || v > max) {
    fail(`cassandra setting ${key} must be a whole number from ${min} to ${max}, got ${JSON.stringify(v)}`);
  }
  return v;
}

function consistency(key: string, v: unknown): ConsistencyLevel {
  if (typeof v !== "string" || !(CONSISTENCY_LEVELS as readonly string[]).includes(v)) {
    fail(`cassandra setting ${key} must be one of ${CONSISTENCY_LEVELS.join(", ")}, got ${JSON.stringify(v)}`);
  }
  return v as ConsistencyLevel;
}

/** Reads a replication map as CQL writes it: { class, replication_factor } or { class, <dc>: rf, ... }. */
export function parseReplication(v: unknown, where = "replication"): Replication {
  if (v === null || typeof v !== "object" || Array.isArray(v)) {
    fail(`${where} must be an object such as {"class": "SimpleStrategy", "rf": 3}, got ${JSON.stringify(v)}`);
  }
  const r = v as Record<string, unknown>;
  const rf = (name: string, n: unknown): number => {
    if (typeof n !== "number" || !Number.isInteger(n) || n < 1 || n > 9) fail(`${where}.${name} must be a replication factor from 1 to 9, got ${JSON.stringify(n)}`);
    return n;
  };
  if (r.class === "SimpleStrategy") {
    for (const k of Object.keys(r)) if (k !== "class" && k !== "rf") fail(`${where}: SimpleStrategy takes only "rf", not "${k}"`);
    return { class: "SimpleStrategy", rf: rf("rf", r.rf) };
  }
  if (r.class === "NetworkTopologyStrategy") {
    const dcs: Record<string, number> = {};
    const given = r.dcs;
    if (given === null || typeof given !== "object" || Array.isArray(given) || Object.keys(given).length === 0) {
      fail(`${where}: NetworkTopologyStrategy needs "dcs", a replication factor per datacenter such as {"dc1": 3}`);
    }
    for (const k of Object.keys(r)) if (k !== "class" && k !== "dcs") fail(`${where}: NetworkTopologyStrategy takes only "dcs", not "${k}"`);
    for (const [dc, n] of Object.entries(given as Record<string, unknown>)) {
      if (!NAME.test(dc)) fail(`${where}.dcs: ${JSON.stringify(dc)} is not a datacenter name such as dc1`);
      dcs[dc] = rf(`dcs.${dc}`, n);
    }
    return { class: "NetworkTopologyStrategy", dcs };
  }
  return fail(`${where}.class must be "SimpleStrategy" or "NetworkTopologyStrategy", got ${JSON.stringify(r.class)}`);
}

function parseTopology(v: unknown): Record<string, Placement> {
  if (v === null || typeof v !== "object" || Array.isArray(v)) fail(`cassandra setting topology must map node ids to {"dc", "rack"}, got ${JSON.stringify(v)}`);
  const out: Record<string, Placement> = {};
  for (const [node, p] of Object.entries(v as Record<string, unknown>)) {
    const place = p as Record<string, unknown> | null;
    if (place === null || typeof place !== "object" || typeof place.dc !== "string" || typeof place.rack !== "string" || !NAME.test(place.dc) || !NAME.test(place.rack)) {
      fail(`cassandra setting topology.${node} must be {"dc": "dc1", "rack": "r1"} (lower-case names), got ${JSON.stringify(p)}`);
    }
    out[node] = { dc: place.dc as string, rack: place.rack as string };
  }
  return out;
}

/** Reads and checks a level's Cassandra config; throws an Error naming the setting and what was expected. */
export function parseCassandraConfig(raw: Readonly<Record<string, unknown>>): CassandraConfig {
  const known = Object.keys(CASSANDRA_DEFAULTS);
  for (const key of Object.keys(raw)) {
    if (!known.includes(key)) fail(`cassandra has no setting "${key}"; the settings are ${known.join(", ")}`);
  }
  const cfg: CassandraConfig = { ...CASSANDRA_DEFAULTS };
  if (raw.numTokens !== undefined) cfg.numTokens = wholeMs("numTokens", raw.numTokens, 1, 256);
  if (raw.replication !== undefined) cfg.replication = parseReplication(raw.replication, "cassandra setting replication");
  if (raw.readConsistency !== undefined) cfg.readConsistency = consistency("readConsistency", raw.readConsistency);
  if (raw.writeConsistency !== undefined) cfg.writeConsistency = consistency("writeConsistency", raw.writeConsistency);
  if (cfg.readConsistency === "ANY") fail("cassandra setting readConsistency cannot be ANY: ANY ConsistencyLevel is only supported for writes");
  if (raw.topology !== undefined) cfg.topology = parseTopology(raw.topology);
  if (raw.readTimeoutMs !== undefined) cfg.readTimeoutMs = wholeMs("readTimeoutMs", raw.readTimeoutMs, 1, 600_000);
  if (raw.writeTimeoutMs !== undefined) cfg.writeTimeoutMs = wholeMs("writeTimeoutMs", raw.writeTimeoutMs, 1, 600_000);
  if (raw.maxHintWindowMs !== undefined) cfg.maxHintWindowMs = wholeMs("maxHintWindowMs", raw.maxHintWindowMs, 0, 7 * 24 * 3600 * 1000);
  if (raw.hintsDispatchMs !== undefined) cfg.hintsDispatchMs = wholeMs("hintsDispatchMs", raw.hintsDispatchMs, 100, 600_000);
  if (raw.speculativeRetryMs !== undefined) cfg.speculativeRetryMs = wholeMs("speculativeRetryMs", raw.speculativeRetryMs, 1, 600_000);
  if (raw.gossipIntervalMs !== undefined) cfg.gossipIntervalMs = wholeMs("gossipIntervalMs", raw.gossipIntervalMs, 10, 60_000);
  if (raw.memtableFlushCells !== undefined) cfg.memtableFlushCells = wholeMs("memtableFlushCells", raw.memtableFlushCells, 1, 1_000_000);
  if (raw.hintedHandoff !== undefined) {
    if (typeof raw.hintedHandoff !== "boolean") fail(`cassandra setting hintedHandoff must be true or false, got ${JSON.stringify(raw.hintedHandoff)}`);
    cfg.hintedHandoff = raw.hintedHandoff;
  }
  if (raw.readRepair !== undefined) {
    if (raw.readRepair !== "BLOCKING" && raw.readRepair !== "NONE") fail(`cassandra setting readRepair must be "BLOCKING" or "NONE", got ${JSON.stringify(raw.readRepair)}`);
    cfg.readRepair = raw.readRepair;
  }
  if (raw.phiConvictThreshold !== undefined) {
    const v = raw.phiConvictThreshold;
    if (typeof v !== "number" || !(v >= 1 && v <= 16)) fail(`cassandra setting phiConvictThreshold must be a number from 1 to 16, got ${JSON.stringify(v)}`);
    cfg.phiConvictThreshold = v;
  }
  return cfg;
}

/**
 * Where a node stands: its topology entry; a node the topology does not name (one the operator bootstraps later)
 * goes to the rack with the fewest nodes among those the topology uses, as an operator racking a new machine
 * would; with no topology at all, SimpleSnitch's datacenter1/rack1.
 */
export function placementOf(cfg: CassandraConfig, node: string): Placement {
  const named = cfg.topology[node];
  if (named) return named;
  const counts = new Map<string, { place: Placement; n: number }>();
  for (const place of Object.values(cfg.topology)) {
    const id = `${place.dc}/${place.rack}`;
    const c = counts.get(id);
    if (c) c.n++;
    else counts.set(id, { place, n: 1 });
  }
  const emptiest = [...counts.entries()].sort(([a, x], [b, y]) => x.n - y.n || (a < b ? -1 : 1))[0];
  return emptiest ? { ...emptiest[1].place } : { dc: DEFAULT_DC, rack: DEFAULT_RACK };
}
