// Kafka's default partitioner for keyed records, exactly as the Java client computes it
// (../shared/fidelity/FACTS.md §2.1): Utils.murmur2 over the key's UTF-8 bytes (MurmurHash2, 32-bit, seed
// 0x9747b28c), then Utils.toPositive (n & 0x7fffffff, which is not Math.abs), modulo the partition count.
// Kept apart so the fidelity vectors test exactly this and nothing else.

const SEED = 0x9747b28c;
const M = 0x5bd1e995;
const R = 24;

const encoder = new TextEncoder();

/** Utils.murmur2: a signed 32-bit hash of the bytes. All arithmetic on int32, as in Java. */
export function murmur2(data: Uint8Array): number {
  const length = data.length;
  let h = (SEED ^ length) | 0;
  const blocks = length >>> 2;
  for (let i = 0; i < blocks; i++) {
    const o = i * 4;
    let k = data[o] | (data[o + 1] << 8) | (data[o + 2] << 16) | (data[o + 3] << 24);
    k = Math.imul(k, M);
    k ^= k >>> R;
    k = Math.imul(k, M);
    h = Math.imul(h, M);
    h ^= k;
  }
  const tail = blocks * 4;
  // Java's switch falls through from case 3 to case 1; the multiply follows the last byte.
  const rest = length & 3;
  if (rest >= 3) h ^= data[tail + 2] << 16;
  if (rest >= 2) h ^= data[tail + 1] << 8;
  if (rest >= 1) {
    h ^= data[tail];
    h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/** Utils.toPositive: clears the sign bit (not the absolute value). */
export function toPositive(n: number): number {
  return n & 0x7fffffff;
}

/** BuiltInPartitioner.partitionForKey on the key's UTF-8 bytes. */
export function partitionForKey(key: string, numPartitions: number): number {
  return toPositive(murmur2(encoder.encode(key))) % numPartitions;
}
