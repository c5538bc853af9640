// MinIO's streaming bitrot protection, the default since 2019 (cmd/bitrot.go DefaultBitrotAlgorithm =
// HighwayHash256S; cmd/bitrot-streaming.go streamingBitrotWriter/Reader; FACTS §7.3). A shard's part file on a drive
// holds, for every shard block (shardSize = ceil(1 MiB / dataBlocks) bytes, the last one shorter), the block's
// 32-byte HighwayHash-256 followed by the block:
//
//   [hash(block 0)][block 0][hash(block 1)][block 1] ... [hash(last)][last]
//
// so the file is ceil(size / shardSize) · 32 + size bytes (bitrotShardFileSize). A read recomputes each block's hash;
// a mismatch is errFileCorrupt, after which MinIO treats the shard as missing, rebuilds it from the others, and
// queues the object for healing.

import { HIGHWAYHASH_SIZE, HighwayHash256 } from "./highwayhash";

/** Bytes of hash in front of every block. */
export const BITROT_HASH_SIZE = HIGHWAYHASH_SIZE;

function checkBlockSize(shardBlockSize: number): void {
  if (!Number.isSafeInteger(shardBlockSize) || shardBlockSize < 1) {
    throw new RangeError(`the shard block size must be a whole number >= 1, got ${shardBlockSize}`);
  }
}

/** Blocks in a shard of `size` bytes: ceil(size / shardBlockSize). */
export function bitrotBlockCount(size: number, shardBlockSize: number): number {
  checkBlockSize(shardBlockSize);
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`a shard size must be a whole number >= 0, got ${size}`);
  return Math.ceil(size / shardBlockSize);
}

/** cmd/bitrot.go bitrotShardFileSize for HighwayHash256S: ceil(size / shardSize) · 32 + size. */
export function bitrotShardFileSize(size: number, shardBlockSize: number): number {
  return bitrotBlockCount(size, shardBlockSize) * BITROT_HASH_SIZE + size;
}

/** The part file for a shard: each block of shardBlockSize bytes preceded by its HighwayHash-256. */
export function encodeBitrot(shard: Uint8Array, shardBlockSize: number): Uint8Array {
  const out = new Uint8Array(bitrotShardFileSize(shard.length, shardBlockSize));
  const hasher = new HighwayHash256();
  let at = 0;
  for (let start = 0; start < shard.length; start += shardBlockSize) {
    const block = shard.subarray(start, Math.min(start + shardBlockSize, shard.length));
    out.set(hasher.reset().update(block).digest(), at);
    out.set(block, at + BITROT_HASH_SIZE);
    at += BITROT_HASH_SIZE + block.length;
  }
  return out;
}

export type BitrotResult =
  | { ok: true; data: Uint8Array }
  /** block: 0-based index of the first bad block. reason "size": the file is cut short or too long for its layout. */
  | { ok: false; block: number; reason: "hash" | "size" };

/**
 * Checks every block of a part file and returns the shard without its hashes, or the first corrupt block (the first
 * one whose hash does not match, as streamingBitrotReader and bitrotVerify stop there). With expectedSize (the shard
 * size from xl.meta), a file of the wrong length fails first, as bitrotVerify does before hashing anything.
 */
export function verifyBitrot(file: Uint8Array, shardBlockSize: number, expectedSize?: number): BitrotResult {
  checkBlockSize(shardBlockSize);
  const stride = BITROT_HASH_SIZE + shardBlockSize;
  if (expectedSize !== undefined) {
    const want = bitrotShardFileSize(expectedSize, shardBlockSize);
    if (file.length !== want) {
      return { ok: false, block: Math.min(Math.floor(file.length / stride), bitrotBlockCount(expectedSize, shardBlockSize)), reason: "size" };
    }
  } else {
    // A trailing piece of 1..32 bytes is a hash with no block after it: the file was cut short.
    const tail = file.length % stride;
    if (tail > 0 && tail <= BITROT_HASH_SIZE) return { ok: false, block: Math.floor(file.length / stride), reason: "size" };
  }
  const data = new Uint8Array(file.length - bitrotBlockCount(file.length, stride) * BITROT_HASH_SIZE);
  const hasher = new HighwayHash256();
  let written = 0;
  for (let at = 0, block = 0; at < file.length; at += stride, block++) {
    const stored = file.subarray(at, at + BITROT_HASH_SIZE);
    const content = file.subarray(at + BITROT_HASH_SIZE, Math.min(at + stride, file.length));
    const actual = hasher.reset().update(content).digest();
    for (let i = 0; i < BITROT_HASH_SIZE; i++) if (actual[i] !== stored[i]) return { ok: false, block, reason: "hash" };
    data.set(content, written);
    written += content.length;
  }
  return { ok: true, data };
}

/**
 * cmd/bitrot.go bitrotSelfTest for HighwayHash256S: hash an empty message, append the digest, hash the longer
 * message, append, ... 32 times (Size · BlockSize / Size); MinIO refuses to start unless the last digest is
 * 39c0407ed3f01b18d22c85db4aeff11e060ca5f43131b0126731ca197cd42313. Returns the last digest as hex.
 */
export function bitrotSelfTest(): string {
  const hasher = new HighwayHash256();
  let msg: Uint8Array = new Uint8Array(0);
  let sum: Uint8Array = new Uint8Array(0);
  for (let i = 0; i < HIGHWAYHASH_SIZE * HIGHWAYHASH_SIZE; i += HIGHWAYHASH_SIZE) {
    sum = hasher.reset().update(msg).digest();
    const next = new Uint8Array(msg.length + sum.length);
    next.set(msg);
    next.set(sum, msg.length);
    msg = next;
  }
  return Array.from(sum, (b) => b.toString(16).padStart(2, "0")).join("");
}
