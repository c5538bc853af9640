// etcd's settings as a level may set them, with etcd's defaults and etcd's own validation rules
// (server/embed/config.go). Times are in milliseconds like etcd's flags; Raft counts them in ticks of one
// heartbeat interval, so --election-timeout 1000 with --heartbeat-interval 100 is 10 election ticks.

export interface EtcdConfig {
  /** --heartbeat-interval: the tick. etcd default 100 ms. */
  heartbeatMs: number;
  /** --election-timeout. etcd default 1000 ms. */
  electionMs: number;
  /** --pre-vote: on by default since etcd 3.5. */
  preVote: boolean;
  /** Always on in etcd; a level may turn it off to show what it prevents. */
  checkQuorum: boolean;
}

export const ETCD_DEFAULTS: Readonly<EtcdConfig> = Object.freeze({ heartbeatMs: 100, electionMs: 1000, preVote: true, checkQuorum: true });

/** etcd refuses election timeouts above this (maxElectionMs). */
const MAX_ELECTION_MS = 50_000;

/** Entries per MsgApp and MsgApps in flight per follower: small, so a lagging follower catches up visibly. */
export const MAX_ENTRIES_PER_MSG = 64;
export const MAX_INFLIGHT_MSGS = 256;

/**
 * Reads and checks a level's etcd config. Throws an Error naming the setting and what was expected; unknown
 * settings are errors too, so a misspelt one is not silently ignored.
 */
export function parseEtcdConfig(raw: Readonly<Record<string, unknown>>): EtcdConfig {
  const known = Object.keys(ETCD_DEFAULTS);
  for (const key of Object.keys(raw)) {
    if (!known.includes(key)) throw new Error(`etcd has no setting "${key}"; the settings are ${known.join(", ")}`);
  }
  const cfg: EtcdConfig = { ...ETCD_DEFAULTS };
  for (const key of ["heartbeatMs", "electionMs"] as const) {
    const v = raw[key];
    if (v === undefined) continue;
    if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 1) throw new Error(`etcd setting ${key} must be a whole number of ms >= 1, got ${JSON.stringify(v)}`);
    cfg[key] = v;
  }
  for (const key of ["preVote", "checkQuorum"] as const) {
    const v = raw[key];
    if (v === undefined) continue;
    if (typeof v !== "boolean") throw new Error(`etcd setting ${key} must be true or false, got ${JSON.stringify(v)}`);
    cfg[key] = v;
  }
  if (5 * cfg.heartbeatMs > cfg.electionMs) {
    throw new Error(`--election-timeout[${cfg.electionMs}ms] should be at least as 5 times as --heartbeat-interval[${cfg.heartbeatMs}ms]`);
  }
  if (cfg.electionMs > MAX_ELECTION_MS) {
    throw new Error(`--election-timeout[${cfg.electionMs}ms] is too long, and should be set less than ${MAX_ELECTION_MS}ms`);
  }
  return cfg;
}

/** Election timeout in ticks, as etcd computes it (integer division). */
export function electionTicks(cfg: EtcdConfig): number {
  return Math.floor(cfg.electionMs / cfg.heartbeatMs);
}
