// set-config for Consul: the operator changes an agent setting on every running agent at once, with Consul's own
// names (gossip_lan's probe_interval, probe_timeout, suspicion_mult, retransmit_mult, gossip_nodes,
// gossip_interval; memberlist's suspicion_max_timeout_mult, awareness_max_multiplier, indirect_checks; the check
// interval; the clients' read consistency mode; dns_config.only_passing). The protocol's setting names allow no
// underscore, so they are written with dashes (probe-interval); snake_case is accepted too where it can arrive.
// Durations take milliseconds or Consul's duration strings ("500ms", "1s"). An unknown setting is refused with the
// list of those that exist.

import type { AgentSettings, ConsistencyMode } from "./config";
import { CONSISTENCY_MODES, INTEGER_LIMITS } from "./config";

type Field = keyof AgentSettings;

/** A duration in ms from 1500, "1500", "1500ms", "1.5s" or "2m". */
export function parseDuration(v: unknown, name: string): number {
  if (typeof v === "number") return v;
  const m = typeof v === "string" ? /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(v.trim()) : null;
  if (!m) throw new Error(`${name} is a duration such as 500ms or 1s, got ${JSON.stringify(v)}`);
  const unit = m[2] === "s" ? 1000 : m[2] === "m" ? 60_000 : 1;
  return Math.round(Number(m[1]) * unit);
}

function whole(field: Field, name: string, duration: boolean) {
  return (v: unknown): number => {
    const n = duration ? parseDuration(v, name) : typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v;
    const [lo, hi] = INTEGER_LIMITS[field];
    if (typeof n !== "number" || !Number.isSafeInteger(n) || n < lo || n > hi) {
      throw new Error(`${name} must be ${duration ? "a duration" : "a whole number"} from ${lo}${duration ? " ms" : ""} to ${hi}${duration ? " ms" : ""}, got ${JSON.stringify(v)}`);
    }
    return n;
  };
}

function bool(name: string) {
  return (v: unknown): boolean => {
    if (v === true || v === "true") return true;
    if (v === false || v === "false") return false;
    throw new Error(`${name} is true or false, got ${JSON.stringify(v)}`);
  };
}

function mode(v: unknown): ConsistencyMode {
  if (!CONSISTENCY_MODES.includes(v as ConsistencyMode)) throw new Error(`consistency-mode is ${CONSISTENCY_MODES.join(", ")}, got ${JSON.stringify(v)}`);
  return v as ConsistencyMode;
}

export const SETTINGS: Readonly<Record<string, { field: Field; parse: (v: unknown) => AgentSettings[Field] }>> = {
  "probe-interval": { field: "probeIntervalMs", parse: whole("probeIntervalMs", "probe-interval", true) },
  "probe-timeout": { field: "probeTimeoutMs", parse: whole("probeTimeoutMs", "probe-timeout", true) },
  "suspicion-mult": { field: "suspicionMult", parse: whole("suspicionMult", "suspicion-mult", false) },
  "suspicion-max-timeout-mult": { field: "suspicionMaxTimeoutMult", parse: whole("suspicionMaxTimeoutMult", "suspicion-max-timeout-mult", false) },
  "retransmit-mult": { field: "retransmitMult", parse: whole("retransmitMult", "retransmit-mult", false) },
  "gossip-nodes": { field: "gossipNodes", parse: whole("gossipNodes", "gossip-nodes", false) },
  "gossip-interval": { field: "gossipIntervalMs", parse: whole("gossipIntervalMs", "gossip-interval", true) },
  "indirect-checks": { field: "indirectChecks", parse: whole("indirectChecks", "indirect-checks", false) },
  "awareness-max-multiplier": { field: "awarenessMaxMultiplier", parse: whole("awarenessMaxMultiplier", "awareness-max-multiplier", false) },
  lifeguard: { field: "lifeguard", parse: bool("lifeguard") },
  "check-interval": { field: "checkIntervalMs", parse: whole("checkIntervalMs", "check-interval", true) },
  "consistency-mode": { field: "consistencyMode", parse: mode },
  "dns-only-passing": { field: "dnsOnlyPassing", parse: bool("dns-only-passing") },
};

export const SETTING_NAMES: readonly string[] = Object.keys(SETTINGS);

/** The change `setting = value` makes, checked against the settings in force. Throws Error in plain words. */
export function settingChange(_current: AgentSettings, setting: string, value: unknown): Partial<AgentSettings> {
  const s = SETTINGS[setting.replaceAll("_", "-")];
  if (!s) throw new Error(`Consul has no setting "${setting}"; the settings are ${SETTING_NAMES.join(", ")}`);
  const parsed = s.parse(value);
  return { [s.field]: parsed } as Partial<AgentSettings>;
}
