// What Consul's clients do: KV reads and writes of single keys, and DNS questions. Bots write values unique per key
// ("v" and the op counter). A workload's keys that end in ".consul" are DNS names (web.service.consul), asked by
// `dns` ops; the others are KV keys. A person's put/get/dns become the same ops (playerOp).

import type { Rng } from "../../sim/rng";
import type { ClientOp, PlayerClientAction, WorkloadSpec } from "../../sim/types";
import { pickWeighted } from "../../sim/workload";

export const CONSUL_OPS = ["read", "write", "dns"] as const;

export function isDnsName(key: string): boolean {
  return key.endsWith(".consul") || key.endsWith(".consul.");
}

export function nextConsulOp(rng: Rng, workload: WorkloadSpec, counter: number): ClientOp {
  const unknown = Object.keys(workload.mix).filter((f) => !(CONSUL_OPS as readonly string[]).includes(f) && workload.mix[f] > 0);
  if (unknown.length > 0) throw new Error(`Consul clients do ${CONSUL_OPS.join(", ")}; the workload mix also names ${unknown.join(", ")}`);
  const f = pickWeighted(rng, workload.mix);
  const names = workload.keys.filter(isDnsName);
  const keys = workload.keys.filter((k) => !isDnsName(k));
  if (f === "dns") {
    if (names.length === 0) throw new Error('a Consul workload with dns ops needs DNS names among its keys, such as "web.service.consul"');
    return { f, key: rng.pick(names) };
  }
  if (keys.length === 0) throw new Error("a Consul workload with reads or writes needs KV keys among its keys");
  const key = rng.pick(keys);
  return f === "read" ? { f, key } : { f, key, value: `v${counter}` };
}

export function consulPlayerOp(action: PlayerClientAction): ClientOp | undefined {
  switch (action.type) {
    case "put":
      return { f: "write", key: action.key, value: action.value };
    case "get":
      return { f: "read", key: action.key };
    case "dns":
      return { f: "dns", key: action.name };
    default:
      return undefined;
  }
}
