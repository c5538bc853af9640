// What the workload bots ask etcd: reads, writes and compare-and-swaps, in the level's mix. Every written value is
// the op counter, so values are unique per key (the checker needs to tell writes apart).

import type { Rng } from "../../sim/rng";
import type { ClientOp, WorkloadSpec } from "../../sim/types";
import { pickWeighted } from "../../sim/workload";

export const ETCD_OPS = ["read", "write", "cas"] as const;

export function nextEtcdOp(rng: Rng, workload: WorkloadSpec, counter: number): ClientOp {
  const unknown = Object.keys(workload.mix).filter((f) => !(ETCD_OPS as readonly string[]).includes(f) && workload.mix[f] > 0);
  if (unknown.length > 0) throw new Error(`etcd clients do ${ETCD_OPS.join(", ")}; the workload mix also names ${unknown.join(", ")}`);
  const f = pickWeighted(rng, workload.mix);
  const key = rng.pick(workload.keys);
  if (f === "read") return { f, key };
  if (f === "write") return { f, key, value: counter };
  // Expect a value written a little earlier, so that some swaps succeed: recent writes are likely still there.
  const window = Math.min(counter, 2 * workload.keys.length);
  const expected = window === 0 ? null : counter - 1 - rng.int(0, window);
  return { f, key, value: [expected, counter] };
}
