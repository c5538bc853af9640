// The settings the operator changes at run time, as CockroachDB keeps them: the database's survival goal
// (ALTER DATABASE bank SURVIVE REGION FAILURE) and the zone config (CONFIGURE ZONE USING num_replicas,
// lease_preferences, range_max_bytes, range_min_bytes, gc.ttlseconds). CockroachDB stores them in a system range
// and gossips them; here a change carries a higher version, and every node adopts the highest it hears of in the
// RPC heartbeats, so a node that was down catches up.

import { ActionError } from "../../sim/types";
import { type CockroachConfig, parseSurvival, type SurvivalGoal } from "./config";

export interface ClusterSettings {
  version: number;
  survival: SurvivalGoal;
  numReplicas: number;
  leasePreference: string;
  rangeMaxBytes: number;
  rangeMinBytes: number;
  gcTtlMs: number;
}

export function initialSettings(cfg: CockroachConfig): ClusterSettings {
  return {
    version: 0,
    survival: cfg.survival,
    numReplicas: cfg.numReplicas,
    leasePreference: cfg.leasePreference,
    rangeMaxBytes: cfg.rangeMaxBytes,
    rangeMinBytes: cfg.rangeMinBytes,
    gcTtlMs: cfg.gcTtlMs,
  };
}

export function newerSettings(a: ClusterSettings, b: ClusterSettings): ClusterSettings {
  return b.version > a.version ? b : a;
}

/** The set-config names, what they change in CockroachDB's words. */
export const SETTING_NAMES: Readonly<Record<string, string>> = {
  survival: "ALTER DATABASE ... SURVIVE ZONE|REGION FAILURE (zone or region)",
  "num-replicas": "CONFIGURE ZONE USING num_replicas (1 to 9)",
  "lease-preferences": "CONFIGURE ZONE USING lease_preferences: a region or zone name, or empty for none",
  "range-max-bytes": "CONFIGURE ZONE USING range_max_bytes",
  "range-min-bytes": "CONFIGURE ZONE USING range_min_bytes",
  "gc.ttlseconds": "CONFIGURE ZONE USING gc.ttlseconds",
};

function whole(setting: string, v: unknown, lo: number, hi: number): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < lo || v > hi) throw new ActionError(`${setting} must be a whole number from ${lo} to ${hi}, got ${JSON.stringify(v)}`);
  return v;
}

/** The settings after `setting` = `value`, or an ActionError in plain words. `regions`: the regions nodes are in. */
export function changeSetting(s: ClusterSettings, setting: string, value: unknown, regions: readonly string[], localities: readonly string[]): ClusterSettings {
  const out = { ...s };
  switch (setting) {
    case "survival":
      try {
        out.survival = parseSurvival(value);
      } catch (e) {
        throw new ActionError((e as Error).message);
      }
      if (out.survival === "region" && regions.length < 3) {
        throw new ActionError(`ERROR: at least 3 regions are required for surviving a region failure (the cluster has ${regions.length}: ${regions.join(", ")})`);
      }
      return out;
    case "num-replicas":
      out.numReplicas = whole(setting, value, 1, 9);
      return out;
    case "lease-preferences":
      if (typeof value !== "string" || (value !== "" && !localities.includes(value))) {
        throw new ActionError(`lease-preferences must name a region or zone of the cluster (${localities.join(", ")}) or be empty, got ${JSON.stringify(value)}`);
      }
      out.leasePreference = value;
      return out;
    case "range-max-bytes":
      out.rangeMaxBytes = whole(setting, value, 256, 2 ** 40);
      if (out.rangeMinBytes * 2 > out.rangeMaxBytes) throw new ActionError(`range-max-bytes must be at least twice range-min-bytes (${out.rangeMinBytes})`);
      return out;
    case "range-min-bytes":
      out.rangeMinBytes = whole(setting, value, 0, 2 ** 40);
      if (out.rangeMinBytes * 2 > out.rangeMaxBytes) throw new ActionError(`range-min-bytes must be at most half of range-max-bytes (${out.rangeMaxBytes})`);
      return out;
    case "gc.ttlseconds":
      out.gcTtlMs = whole(setting, value, 1, 30 * 24 * 3600) * 1000;
      return out;
    default:
      throw new ActionError(`CockroachDB has no setting "${setting}"; the settings are ${Object.keys(SETTING_NAMES).join(", ")}`);
  }
}
