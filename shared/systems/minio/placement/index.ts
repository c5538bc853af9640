// Where MinIO puts things: drives into erasure sets, objects into sets, shards onto drives. FACTS §7.1–7.2.

export { crc32, crc32Bytes, crcHashMod } from "./crc32";
export { driveOfShard, hashOrder, shardOfDrive, shuffleDrives } from "./hash-order";
export { DEFAULT_DISTRIBUTION_ALGO, type DistributionAlgo, hashKey } from "./set-hash";
export { ellipsisOrder, erasureSetSize, erasureSets, SET_SIZES, type SetSizeOptions } from "./sets";
export { sipHash24, sipHash24Halves, sipHashMod } from "./siphash";
export { uuidBytes, uuidText, uuidV4FromWords } from "./uuid";
