// What the workload bots ask Redis Cluster: GET and SET of single keys, in the level's mix. Every value written is
// "v" and the op counter, so values are unique per key (the history checkers tell writes apart by value).

import type { Rng } from "../../sim/rng";
import type { ClientOp, WorkloadSpec } from "../../sim/types";
import { pickWeighted } from "../../sim/workload";

export const REDIS_CLUSTER_OPS = ["read", "write"] as const;

export function nextRedisClusterOp(rng: Rng, workload: WorkloadSpec, counter: number): ClientOp {
  const unknown = Object.keys(workload.mix).filter((f) => !(REDIS_CLUSTER_OPS as readonly string[]).includes(f) && workload.mix[f] > 0);
  if (unknown.length > 0) throw new Error(`Redis Cluster clients do ${REDIS_CLUSTER_OPS.join(", ")}; the workload mix also names ${unknown.join(", ")}`);
  const f = pickWeighted(rng, workload.mix);
  const key = rng.pick(workload.keys);
  return f === "read" ? { f, key } : { f, key, value: `v${counter}` };
}
