// Which erasure set of a pool an object lives in: cmd/erasure-sets.go hashKey. The key is the object name. The
// distribution algorithm is recorded in format.json when the pool is created (cmd/format-erasure.go): "CRCMOD" for
// legacy v2 formats (crcHashMod, crc32.ts), "SIPMOD" and today's "SIPMOD+PARITY" for v3, both of which hash with
// SipHash-2-4 keyed by the 16-byte deployment id (sipHashMod, siphash.ts), so the mapping differs from deployment to
// deployment.

import { crcHashMod } from "./crc32";
import { sipHashMod } from "./siphash";

export { crcHashMod, sipHashMod };

/** cmd/format-erasure.go formatErasureVersionV2DistributionAlgoV1 / V3DistributionAlgoV2 / V3DistributionAlgoV3. */
export type DistributionAlgo = "CRCMOD" | "SIPMOD" | "SIPMOD+PARITY";

/** The algorithm of every pool formatted by a current MinIO. */
export const DEFAULT_DISTRIBUTION_ALGO: DistributionAlgo = "SIPMOD+PARITY";

/** hashKey: the set index of an object under a pool's distribution algorithm. */
export function hashKey(algo: DistributionAlgo, key: string, cardinality: number, deploymentId: string | Uint8Array): number {
  return algo === "CRCMOD" ? crcHashMod(key, cardinality) : sipHashMod(key, cardinality, deploymentId);
}
