// Where each shard of an object goes inside its erasure set: cmd/erasure-metadata-utils.go hashOrder and
// shuffleDisks. The order is stored in every drive's xl.meta as `Distribution` (cmd/xl-storage-format-v2.go
// ErasureDist), computed at PUT by newFileInfo(pathJoin(bucket, object), data, parity), so the key is
// "bucket/object".
//
// hashOrder is a rotation, not a shuffle: start = crc32(key) mod n, order[i-1] = 1 + (start + i) mod n.
// Note the direction (checked in MinIO's source): shuffleDisks puts drive i (0-based, in set order) at position
// order[i] − 1 of the shuffled list, and the erasure coder writes shard k to shuffled position k. So drive i holds
// shard order[i] − 1; shard k is on the drive i with order[i] = k + 1. (FACTS §7.2 phrases it the other way round,
// "data shard j goes to drive order[j]", which is the inverse permutation; for a rotation the two differ.)

import { crc32 } from "./crc32";

/** hashOrder(key, n): a 1-based rotation of 1..n starting after crc32(key) mod n. */
export function hashOrder(key: string, n: number): number[] {
  // MinIO returns nil for n <= 0; here that is a caller's error, said in words.
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`an erasure set has at least one drive, got ${n}`);
  const start = crc32(key) % n;
  const order: number[] = [];
  for (let i = 1; i <= n; i++) order.push(1 + ((start + i) % n));
  return order;
}

function checkDistribution<T>(items: readonly T[], distribution: readonly number[]): void {
  if (items.length !== distribution.length) {
    throw new RangeError(`the distribution has ${distribution.length} entries for ${items.length} drives`);
  }
}

/**
 * shuffleDisks: the set's drives in shard order. Element k of the result is the drive that holds shard k
 * (0-based; data shards first, then parity).
 */
export function shuffleDrives<T>(drives: readonly T[], distribution: readonly number[]): T[] {
  checkDistribution(drives, distribution);
  const shuffled = new Array<T>(drives.length);
  drives.forEach((drive, i) => {
    shuffled[distribution[i] - 1] = drive;
  });
  return shuffled;
}

/** For each drive of the set (in set order), the 0-based index of the shard it holds: distribution[i] − 1. */
export function shardOfDrive(distribution: readonly number[]): number[] {
  return distribution.map((d) => d - 1);
}

/** For each shard index k, the 0-based position in the set of the drive holding it. */
export function driveOfShard(distribution: readonly number[]): number[] {
  const out = new Array<number>(distribution.length);
  distribution.forEach((d, i) => {
    out[d - 1] = i;
  });
  return out;
}
