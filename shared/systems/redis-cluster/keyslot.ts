// Which of the 16384 hash slots a key belongs to: keyHashSlot() of src/cluster.c (FACTS §1.1).
// Hash tags let an application keep related keys in one slot: when the key holds a "{...}" with at least one byte
// between the FIRST "{" and the first "}" after it, only those bytes are hashed. An empty tag ("{}") or no closing
// brace means the whole key is hashed. Keys are raw bytes: a JavaScript string is hashed as its UTF-8 encoding.

import { crc16 } from "./crc16";

/** Redis Cluster has 16384 hash slots (CLUSTER_SLOTS). */
export const SLOTS = 16384;

const OPEN = 0x7b; // "{"
const CLOSE = 0x7d; // "}"
const utf8 = new TextEncoder();

/** The slot of a key given as bytes. */
export function keyHashSlotBytes(key: Uint8Array): number {
  const open = key.indexOf(OPEN);
  if (open >= 0) {
    const close = key.indexOf(CLOSE, open + 1);
    // No "}" after the "{", or "{}" with nothing inside: hash the whole key.
    if (close > open + 1) return crc16(key, open + 1, close) & (SLOTS - 1);
  }
  return crc16(key) & (SLOTS - 1);
}

const cache = new Map<string, number>();

/** The slot of a key (CLUSTER KEYSLOT). Memoised: a workload uses a few keys millions of times. */
export function keySlot(key: string): number {
  let slot = cache.get(key);
  if (slot === undefined) {
    slot = keyHashSlotBytes(utf8.encode(key));
    if (cache.size < 100_000) cache.set(key, slot);
  }
  return slot;
}
