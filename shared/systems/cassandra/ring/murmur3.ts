// Cassandra's partitioner hash: the token of a partition key, bit for bit as Murmur3Partitioner computes it, so a
// key lands on the same replicas here as on a real cluster (FACTS §3.1, vectors §3.2).
//
// Sources: src/java/org/apache/cassandra/utils/MurmurHash.java (hash3_x64_128) and
// src/java/org/apache/cassandra/dht/Murmur3Partitioner.java (getToken, normalize).
//
// MurmurHash3_x64_128 with one Cassandra quirk: the 16-byte body blocks are read as unsigned little-endian longs
// (getBlock masks each byte with 0xff), but the 1..15 tail bytes are read as *signed* Java bytes and sign-extended
// (`k1 ^= ((long) key.get(offset + i)) << (8 * i)`, no mask). Any tail byte >= 0x80 therefore gives a different hash
// from the reference MurmurHash3; Cassandra keeps it because changing it would move every key in every cluster.
//
// All arithmetic is on BigInt held as unsigned 64-bit values and wrapped after each step (Java long overflow);
// results are returned as signed 64-bit values, as Java's longs are.

const MASK64 = (1n << 64n) - 1n;
const C1 = 0x87c37b91114253d5n;
const C2 = 0x4cf5ad432745937fn;

/** The lowest token, Long.MIN_VALUE: reserved for the empty key and never produced by hashing a non-empty one. */
export const MIN_TOKEN = -(1n << 63n);
/** The highest token, Long.MAX_VALUE. */
export const MAX_TOKEN = (1n << 63n) - 1n;

const TWO_POW_53 = 2 ** 53;

function rotl64(v: bigint, r: bigint): bigint {
  return ((v << r) | (v >> (64n - r))) & MASK64;
}

function mul64(a: bigint, b: bigint): bigint {
  return (a * b) & MASK64;
}

/** The 64-bit finaliser (fmix64): an avalanche so every input bit affects every output bit. */
function fmix64(k: bigint): bigint {
  k ^= k >> 33n;
  k = mul64(k, 0xff51afd7ed558ccdn);
  k ^= k >> 33n;
  k = mul64(k, 0xc4ceb9fe1a85ec53n);
  k ^= k >> 33n;
  return k;
}

/** Body block i (8 bytes) as an unsigned little-endian long, as MurmurHash.getBlock reads it. */
function block(bytes: Uint8Array, offset: number): bigint {
  let lo = 0;
  let hi = 0;
  for (let j = 3; j >= 0; j--) {
    lo = lo * 256 + bytes[offset + j];
    hi = hi * 256 + bytes[offset + 4 + j];
  }
  return (BigInt(hi) << 32n) | BigInt(lo);
}

/** A tail byte as Java's `(long) key.get(i)`: signed, then sign-extended to 64 bits (the Cassandra quirk). */
function signedTailByte(b: number, shift: number): bigint {
  const signed = b >= 0x80 ? b - 0x100 : b;
  return (BigInt(signed) << BigInt(shift)) & MASK64;
}

function mixK1(k1: bigint): bigint {
  return mul64(rotl64(mul64(k1, C1), 31n), C2);
}

function mixK2(k2: bigint): bigint {
  return mul64(rotl64(mul64(k2, C2), 33n), C1);
}

/** Unsigned 64-bit value as Java's signed long. */
function toSigned(v: bigint): bigint {
  return BigInt.asIntN(64, v);
}

/**
 * MurmurHash.hash3_x64_128(key, 0, key.length, seed): the two 64-bit halves [h1, h2] as signed longs.
 * `seed` is a Java long (Cassandra's partitioner uses 0).
 */
export function hash3x64_128(bytes: Uint8Array, seed = 0n): [bigint, bigint] {
  const length = bytes.length;
  const nblocks = length >> 4;
  let h1 = BigInt.asUintN(64, seed);
  let h2 = h1;

  for (let i = 0; i < nblocks; i++) {
    const k1 = block(bytes, i * 16);
    const k2 = block(bytes, i * 16 + 8);
    h1 ^= mixK1(k1);
    h1 = rotl64(h1, 27n);
    h1 = (h1 + h2) & MASK64;
    h1 = (mul64(h1, 5n) + 0x52dce729n) & MASK64;
    h2 ^= mixK2(k2);
    h2 = rotl64(h2, 31n);
    h2 = (h2 + h1) & MASK64;
    h2 = (mul64(h2, 5n) + 0x38495ab5n) & MASK64;
  }

  // Tail: the switch in hash3_x64_128 falls through from case (length & 15) down to case 1.
  const tail = nblocks * 16;
  const rest = length & 15;
  let k1 = 0n;
  let k2 = 0n;
  for (let i = rest - 1; i >= 8; i--) k2 ^= signedTailByte(bytes[tail + i], (i - 8) * 8);
  if (rest > 8) h2 ^= mixK2(k2);
  for (let i = Math.min(rest, 8) - 1; i >= 0; i--) k1 ^= signedTailByte(bytes[tail + i], i * 8);
  if (rest > 0) h1 ^= mixK1(k1);

  // Finalisation.
  const len = BigInt(length);
  h1 ^= len;
  h2 ^= len;
  h1 = (h1 + h2) & MASK64;
  h2 = (h2 + h1) & MASK64;
  h1 = fmix64(h1);
  h2 = fmix64(h2);
  h1 = (h1 + h2) & MASK64;
  h2 = (h2 + h1) & MASK64;
  return [toSigned(h1), toSigned(h2)];
}

/**
 * Murmur3Partitioner.getToken: an empty key is the MINIMUM token; otherwise h1 of the hash with seed 0, normalised so
 * Long.MIN_VALUE (reserved for MINIMUM) becomes Long.MAX_VALUE. Key tokens therefore lie in [-2^63 + 1, 2^63 - 1].
 */
export function murmur3Token(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return MIN_TOKEN;
  const h1 = hash3x64_128(bytes, 0n)[0];
  return h1 === MIN_TOKEN ? MAX_TOKEN : h1;
}

const utf8 = new TextEncoder();

/** The token of a text partition key: a `text` column is serialised as its UTF-8 bytes (FACTS §3.1). */
export function tokenForKey(key: string): bigint {
  return murmur3Token(utf8.encode(key));
}

/**
 * Where a token sits on the ring, in [0, 1): (token - MIN_TOKEN) / 2^64, for drawing. Computed from the top 53 bits
 * so the result is exact in a double and never rounds up to 1.
 */
export function ringFraction(token: bigint): number {
  const offset = BigInt.asUintN(64, token - MIN_TOKEN);
  return Number(offset >> 11n) / TWO_POW_53;
}
