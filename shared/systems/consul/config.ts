// Consul's settings as a level sets them (cluster.config), with the real defaults (FACTS §5): memberlist's LAN
// gossip values, three servers running Raft with raft_multiplier 5, checks every 10 s, default consistency reads.
// Level files use camelCase names; the operator's set-config uses Consul's own snake_case names (settings.ts).
// Unknown settings are errors, so a misspelt one is never silently ignored.

import { type GossipConfig, LAN_DEFAULTS } from "./memberlist/config";
import { type AclPolicy, isAclPolicy } from "./acl";

export type ConsistencyMode = "default" | "consistent" | "stale";
export const CONSISTENCY_MODES: readonly ConsistencyMode[] = ["default", "consistent", "stale"];

/** What an operator may change while the cluster runs (each agent's config; survives the agent's restart). */
export interface AgentSettings extends GossipConfig {
  /** Interval of each service instance's health check. */
  checkIntervalMs: number;
  /** Read consistency the clients ask for: ?consistent, ?stale, or neither. */
  consistencyMode: ConsistencyMode;
  /** dns_config.only_passing: also leave out instances whose checks are warning. Default false. */
  dnsOnlyPassing: boolean;
}

export interface ConsulConfig extends AgentSettings {
  /** How many of the first nodes are servers (bootstrap_expect), or their ids. Default 3. */
  servers: number | string[];
  /** raft_multiplier: hashicorp/raft's 1 s heartbeat and election timeouts and 500 ms lease, times this. Default 5. */
  raftMultiplier: number;
  /** Service instances registered at the start, passing: { "web": ["n4", "n5"] }. */
  services: Record<string, string[]>;
  /** The client token's rules at the start: { "secret/": "deny" }. */
  acl: Record<string, AclPolicy>;
  /** The datacenter's name (DNS: web.service.dc1.consul). */
  datacenter: string;
}

export const CONSUL_DEFAULTS: Readonly<ConsulConfig> = Object.freeze({
  ...LAN_DEFAULTS,
  checkIntervalMs: 10000,
  consistencyMode: "default" as ConsistencyMode,
  dnsOnlyPassing: false,
  servers: 3,
  raftMultiplier: 5,
  services: {},
  acl: {},
  datacenter: "dc1",
});

export const INTEGER_LIMITS: Readonly<Record<string, readonly [number, number]>> = {
  probeIntervalMs: [10, 600_000],
  probeTimeoutMs: [1, 600_000],
  indirectChecks: [0, 16],
  suspicionMult: [1, 64],
  suspicionMaxTimeoutMult: [1, 64],
  retransmitMult: [1, 64],
  gossipIntervalMs: [10, 600_000],
  gossipNodes: [1, 64],
  gossipToTheDeadMs: [0, 3_600_000],
  pushPullIntervalMs: [100, 3_600_000],
  awarenessMaxMultiplier: [1, 64],
  checkIntervalMs: [100, 3_600_000],
  raftMultiplier: [1, 10],
};

const NAME = /^[a-z][a-z0-9-]{0,31}$/;

function fail(key: string, expected: string, got: unknown): never {
  throw new Error(`Consul setting ${key} must be ${expected}, got ${JSON.stringify(got)}`);
}

export function parseConsulConfig(raw: Readonly<Record<string, unknown>>): ConsulConfig {
  const known = Object.keys(CONSUL_DEFAULTS);
  for (const key of Object.keys(raw)) if (!known.includes(key)) throw new Error(`Consul has no setting "${key}"; the settings are ${known.join(", ")}`);
  const cfg: ConsulConfig = { ...CONSUL_DEFAULTS, services: {}, acl: {} };
  for (const [key, [lo, hi]] of Object.entries(INTEGER_LIMITS)) {
    const v = raw[key];
    if (v === undefined) continue;
    if (typeof v !== "number" || !Number.isSafeInteger(v) || v < lo || v > hi) fail(key, `a whole number from ${lo} to ${hi}`, v);
    (cfg as unknown as Record<string, number>)[key] = v;
  }
  for (const key of ["lifeguard", "dnsOnlyPassing"] as const) {
    const v = raw[key];
    if (v === undefined) continue;
    if (typeof v !== "boolean") fail(key, "true or false", v);
    cfg[key] = v;
  }
  if (raw.consistencyMode !== undefined) {
    if (!CONSISTENCY_MODES.includes(raw.consistencyMode as ConsistencyMode)) fail("consistencyMode", CONSISTENCY_MODES.join(", "), raw.consistencyMode);
    cfg.consistencyMode = raw.consistencyMode as ConsistencyMode;
  }
  if (raw.servers !== undefined) {
    const s = raw.servers;
    const okCount = typeof s === "number" && Number.isSafeInteger(s) && s >= 1 && s <= 9;
    const okList = Array.isArray(s) && s.length >= 1 && s.length <= 9 && s.every((x) => typeof x === "string");
    if (!okCount && !okList) fail("servers", "a count from 1 to 9 or a list of node ids", s);
    cfg.servers = okList ? [...(s as string[])] : (s as number);
  }
  if (raw.datacenter !== undefined) {
    if (typeof raw.datacenter !== "string" || !NAME.test(raw.datacenter)) fail("datacenter", "a name such as dc1", raw.datacenter);
    cfg.datacenter = raw.datacenter;
  }
  if (raw.services !== undefined) {
    const s = raw.services;
    if (typeof s !== "object" || s === null || Array.isArray(s)) fail("services", 'an object such as {"web": ["n4", "n5"]}', s);
    for (const [name, nodes] of Object.entries(s)) {
      if (!NAME.test(name)) fail("services", "service names such as web", name);
      if (!Array.isArray(nodes) || !nodes.every((n) => typeof n === "string")) fail(`services.${name}`, "a list of node ids", nodes);
      cfg.services[name] = [...nodes];
    }
  }
  if (raw.acl !== undefined) {
    const a = raw.acl;
    if (typeof a !== "object" || a === null || Array.isArray(a)) fail("acl", 'an object such as {"secret/": "deny"}', a);
    for (const [prefix, policy] of Object.entries(a)) {
      if (!isAclPolicy(policy)) fail(`acl.${prefix}`, "read, write or deny", policy);
      cfg.acl[prefix] = policy;
    }
  }
  return cfg;
}

/** The servers among `nodes` (the first `servers` of them, or the ids listed). */
export function serverIds(cfg: ConsulConfig, nodes: readonly string[]): string[] {
  return Array.isArray(cfg.servers) ? cfg.servers.filter((s) => nodes.includes(s)) : nodes.slice(0, cfg.servers);
}

/** hashicorp/raft timings scaled by raft_multiplier: heartbeat and election 1 s each, leader lease 500 ms. */
export function raftTimings(cfg: ConsulConfig): { electionMs: number; heartbeatMs: number; leaseMs: number } {
  return { electionMs: 1000 * cfg.raftMultiplier, heartbeatMs: 1000 * cfg.raftMultiplier, leaseMs: 500 * cfg.raftMultiplier };
}

export function agentSettings(cfg: ConsulConfig): AgentSettings {
  const { servers: _s, raftMultiplier: _r, services: _v, acl: _a, datacenter: _d, ...settings } = cfg;
  return settings;
}
