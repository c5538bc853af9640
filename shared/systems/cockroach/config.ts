// CockroachDB's settings as a level may set them (cluster.config), with CockroachDB's defaults (FACTS §6.1) and
// plain-words errors. Sizes stand in for bytes: each MVCC version counts VERSION_BYTES, so a level that wants to
// see ranges split sets rangeMaxBytes to a few kilobytes instead of 512 MiB.

export interface Locality {
  region: string;
  zone: string;
}

export type SurvivalGoal = "zone" | "region";

export interface CockroachConfig {
  /** Accounts in the bank table: /accounts/0 .. /accounts/N-1. */
  accounts: number;
  /** Every account's opening balance. */
  initialBalance: number;
  /** Ranges the table starts in (split evenly by key). */
  initialRanges: number;
  /** --locality region=..,zone=.. per node; unnamed nodes get region1 and zones a, b, c in turn. */
  topology: Readonly<Record<string, Locality>>;
  /** The database's primary (home) region: zone survival keeps its voters there. Default: the first region named. */
  primaryRegion: string;
  /** ALTER DATABASE ... SURVIVE ZONE|REGION FAILURE. Default zone. */
  survival: SurvivalGoal;
  /** Zone config num_replicas: 3. Region survival uses at least 5. */
  numReplicas: number;
  /** Zone config lease_preferences as one region or zone name ("" for none). */
  leasePreference: string;
  /** --max-offset: 500 ms. */
  maxOffsetMs: number;
  /** kv.range.lease duration (expiration-based leases): 6 s. */
  rangeLeaseMs: number;
  /** COCKROACH_RAFT_TICK_INTERVAL 500 ms; heartbeats every 2 ticks, elections after 4. */
  raftTickMs: number;
  /** The transaction coordinator heartbeats its record every 1 s; a record unheard for 5 beats is abandoned. */
  txnHeartbeatMs: number;
  /** range_max_bytes (512 MiB) and range_min_bytes (128 MiB), counted as VERSION_BYTES per MVCC version. */
  rangeMaxBytes: number;
  rangeMinBytes: number;
  /** gc.ttlseconds in ms: versions older than this (and shadowed) are garbage collected. 4 h. */
  gcTtlMs: number;
  /** server.time_until_store_dead: 5 min. Replicas on a store dead this long are replaced elsewhere. */
  timeUntilStoreDeadMs: number;
  /** NetworkTimeout 2 s: the DistSender tries the next replica after this long without an answer. */
  networkTimeoutMs: number;
  /** How many times the application's retry loop re-runs a transaction that got a retryable error. */
  clientRetries: number;
}

/** Bytes one MVCC version of an account (key, timestamp, balance) stands for. */
export const VERSION_BYTES = 64;

export const COCKROACH_DEFAULTS: Readonly<CockroachConfig> = Object.freeze({
  accounts: 10,
  initialBalance: 100,
  initialRanges: 1,
  topology: {},
  primaryRegion: "",
  survival: "zone",
  numReplicas: 3,
  leasePreference: "",
  maxOffsetMs: 500,
  rangeLeaseMs: 6000,
  raftTickMs: 500,
  txnHeartbeatMs: 1000,
  rangeMaxBytes: 536_870_912,
  rangeMinBytes: 134_217_728,
  gcTtlMs: 4 * 3600 * 1000,
  timeUntilStoreDeadMs: 300_000,
  networkTimeoutMs: 2000,
  clientRetries: 10,
} satisfies CockroachConfig);

const NAME = /^[a-z][a-z0-9-]{0,31}$/;

const INTEGERS: Readonly<Record<string, readonly [number, number]>> = {
  accounts: [2, 1000],
  initialBalance: [0, 1_000_000_000],
  initialRanges: [1, 64],
  numReplicas: [1, 9],
  maxOffsetMs: [1, 60_000],
  rangeLeaseMs: [500, 600_000],
  raftTickMs: [10, 10_000],
  txnHeartbeatMs: [10, 60_000],
  rangeMaxBytes: [VERSION_BYTES * 4, 2 ** 40],
  rangeMinBytes: [0, 2 ** 40],
  gcTtlMs: [1000, 30 * 24 * 3600 * 1000],
  timeUntilStoreDeadMs: [1000, 24 * 3600 * 1000],
  networkTimeoutMs: [10, 600_000],
  clientRetries: [0, 100],
};

function fail(message: string): never {
  throw new Error(message);
}

export function parseSurvival(v: unknown): SurvivalGoal {
  if (v !== "zone" && v !== "region") fail(`the survival goal must be "zone" or "region", got ${JSON.stringify(v)}`);
  return v;
}

function parseTopology(v: unknown): Record<string, Locality> {
  if (v === null || typeof v !== "object" || Array.isArray(v)) fail(`cockroach setting topology must map node ids to {"region", "zone"}, got ${JSON.stringify(v)}`);
  const out: Record<string, Locality> = {};
  for (const [node, p] of Object.entries(v as Record<string, unknown>)) {
    const l = p as Record<string, unknown> | null;
    if (l === null || typeof l !== "object" || typeof l.region !== "string" || typeof l.zone !== "string" || !NAME.test(l.region) || !NAME.test(l.zone)) {
      fail(`cockroach setting topology.${node} must be {"region": "us-east1", "zone": "a"} (lower-case names), got ${JSON.stringify(p)}`);
    }
    out[node] = { region: l.region as string, zone: l.zone as string };
  }
  return out;
}

/** Reads and checks a level's CockroachDB config; unknown settings are errors, so a misspelt one is never ignored. */
export function parseCockroachConfig(raw: Readonly<Record<string, unknown>>): CockroachConfig {
  const known = Object.keys(COCKROACH_DEFAULTS);
  for (const key of Object.keys(raw)) if (!known.includes(key)) fail(`cockroach has no setting "${key}"; the settings are ${known.join(", ")}`);
  const cfg: CockroachConfig = { ...COCKROACH_DEFAULTS };
  for (const [key, [lo, hi]] of Object.entries(INTEGERS)) {
    const v = raw[key];
    if (v === undefined) continue;
    if (typeof v !== "number" || !Number.isSafeInteger(v) || v < lo || v > hi) fail(`cockroach setting ${key} must be a whole number from ${lo} to ${hi}, got ${JSON.stringify(v)}`);
    (cfg as unknown as Record<string, number>)[key] = v;
  }
  if (raw.topology !== undefined) cfg.topology = parseTopology(raw.topology);
  if (raw.survival !== undefined) cfg.survival = parseSurvival(raw.survival);
  for (const key of ["primaryRegion", "leasePreference"] as const) {
    const v = raw[key];
    if (v === undefined) continue;
    if (typeof v !== "string" || (v !== "" && !NAME.test(v))) fail(`cockroach setting ${key} must be a region or zone name such as us-east1, got ${JSON.stringify(v)}`);
    cfg[key] = v;
  }
  if (cfg.initialRanges > cfg.accounts) fail(`cockroach setting initialRanges (${cfg.initialRanges}) cannot exceed accounts (${cfg.accounts})`);
  if (cfg.rangeMinBytes * 2 > cfg.rangeMaxBytes) fail("cockroach setting rangeMinBytes must be at most half of rangeMaxBytes, or ranges would merge and split again");
  const regions = [...new Set(Object.values(cfg.topology).map((l) => l.region))];
  if (cfg.primaryRegion === "") cfg.primaryRegion = regions[0] ?? DEFAULT_REGION;
  else if (regions.length > 0 && !regions.includes(cfg.primaryRegion)) fail(`cockroach setting primaryRegion ${cfg.primaryRegion} is not a region of the topology (${regions.join(", ")})`);
  return cfg;
}

export const DEFAULT_REGION = "region1";
const DEFAULT_ZONES = ["a", "b", "c"];

/** Where a node stands: its topology entry, else region1 and zones a, b, c in turn by its position. */
export function localityOf(cfg: CockroachConfig, node: string, members: readonly string[]): Locality {
  const named = cfg.topology[node];
  if (named) return named;
  const i = Math.max(0, members.indexOf(node));
  return { region: cfg.primaryRegion || DEFAULT_REGION, zone: DEFAULT_ZONES[i % DEFAULT_ZONES.length] };
}
