// What the workload bots ask Cassandra: reads and writes of single keys, in the level's mix. Every written value
// is "v" and the op counter, so values are unique per key (the history checkers need to tell writes apart).

import type { Rng } from "../../sim/rng";
import type { ClientOp, WorkloadSpec } from "../../sim/types";
import { pickWeighted } from "../../sim/workload";

export const CASSANDRA_OPS = ["read", "write"] as const;

export function nextCassandraOp(rng: Rng, workload: WorkloadSpec, counter: number): ClientOp {
  const unknown = Object.keys(workload.mix).filter((f) => !(CASSANDRA_OPS as readonly string[]).includes(f) && workload.mix[f] > 0);
  if (unknown.length > 0) throw new Error(`Cassandra clients do ${CASSANDRA_OPS.join(", ")}; the workload mix also names ${unknown.join(", ")}`);
  const f = pickWeighted(rng, workload.mix);
  const key = rng.pick(workload.keys);
  return f === "read" ? { f, key } : { f, key, value: `v${counter}` };
}
