// Bitrot protection: HighwayHash-256 under MinIO's key, and the per-block streaming layout of part files. FACTS §7.3.

export {
  BITROT_HASH_SIZE,
  bitrotBlockCount,
  type BitrotResult,
  bitrotSelfTest,
  bitrotShardFileSize,
  encodeBitrot,
  verifyBitrot,
} from "./bitrot";
export { HIGHWAYHASH_SIZE, HighwayHash256, highwayHash256, MAGIC_HIGHWAYHASH256_KEY } from "./highwayhash";
