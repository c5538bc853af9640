// SipHash-2-4 (Aumasson & Bernstein, 2012) with a 64-bit result: github.com/dchest/siphash `Hash(k0, k1, p)`, which
// MinIO keys with its deployment id to choose an object's erasure set (cmd/erasure-sets.go sipHashMod, below).
//
// The 64-bit words are carried as pairs of unsigned 32-bit halves, so the hash is exact without BigInt on the hot
// path; sipHash24 turns the result into a bigint at the end.

import { uuidBytes } from "./uuid";

/** State: v0..v3 as [lo, hi] pairs at indices 2i, 2i+1. */
type State = Uint32Array;

function add(s: State, a: number, b: number): void {
  const lo = (s[2 * a] + s[2 * b]) >>> 0;
  const carry = lo < s[2 * a] ? 1 : 0;
  s[2 * a + 1] = (s[2 * a + 1] + s[2 * b + 1] + carry) >>> 0;
  s[2 * a] = lo;
}

/** Rotates word w left by n bits, 0 < n < 32. */
function rotl(s: State, w: number, n: number): void {
  const lo = s[2 * w];
  const hi = s[2 * w + 1];
  s[2 * w] = ((lo << n) | (hi >>> (32 - n))) >>> 0;
  s[2 * w + 1] = ((hi << n) | (lo >>> (32 - n))) >>> 0;
}

/** Rotates word w by 32 bits: swaps its halves. */
function swap(s: State, w: number): void {
  const lo = s[2 * w];
  s[2 * w] = s[2 * w + 1];
  s[2 * w + 1] = lo;
}

function xorInto(s: State, a: number, b: number): void {
  s[2 * a] ^= s[2 * b];
  s[2 * a + 1] ^= s[2 * b + 1];
}

function sipRound(s: State): void {
  add(s, 0, 1);
  rotl(s, 1, 13);
  xorInto(s, 1, 0);
  swap(s, 0);
  add(s, 2, 3);
  rotl(s, 3, 16);
  xorInto(s, 3, 2);
  add(s, 0, 3);
  rotl(s, 3, 21);
  xorInto(s, 3, 0);
  add(s, 2, 1);
  rotl(s, 1, 17);
  xorInto(s, 1, 2);
  swap(s, 2);
}

function absorb(s: State, lo: number, hi: number): void {
  s[6] ^= lo;
  s[7] ^= hi;
  sipRound(s);
  sipRound(s);
  s[0] ^= lo;
  s[1] ^= hi;
}

function le32(b: Uint8Array, i: number): number {
  return (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
}

/**
 * SipHash-2-4 of msg under the key (k0, k1), each given as [lo, hi] 32-bit halves; the 64-bit hash comes back as
 * [lo, hi] too.
 */
export function sipHash24Halves(k0: readonly [number, number], k1: readonly [number, number], msg: Uint8Array): [number, number] {
  // "somepseudorandomlygeneratedbytes", the SipHash initialisation constants.
  const s: State = new Uint32Array([
    (k0[0] ^ 0x70736575) >>> 0, (k0[1] ^ 0x736f6d65) >>> 0,
    (k1[0] ^ 0x6e646f6d) >>> 0, (k1[1] ^ 0x646f7261) >>> 0,
    (k0[0] ^ 0x6e657261) >>> 0, (k0[1] ^ 0x6c796765) >>> 0,
    (k1[0] ^ 0x79746573) >>> 0, (k1[1] ^ 0x74656462) >>> 0,
  ]);
  const whole = msg.length & ~7;
  for (let i = 0; i < whole; i += 8) absorb(s, le32(msg, i), le32(msg, i + 4));
  // The last word: the remaining 0..7 bytes, little-endian, with the length's low byte on top.
  const tail = new Uint8Array(8);
  tail.set(msg.subarray(whole));
  tail[7] = msg.length & 0xff;
  absorb(s, le32(tail, 0), le32(tail, 4));
  s[4] ^= 0xff;
  for (let r = 0; r < 4; r++) sipRound(s);
  return [(s[0] ^ s[2] ^ s[4] ^ s[6]) >>> 0, (s[1] ^ s[3] ^ s[5] ^ s[7]) >>> 0];
}

/** SipHash-2-4 of msg with a 16-byte key: k0 = LE64(key[0:8]), k1 = LE64(key[8:16]) (dchest/siphash New(key)). */
export function sipHash24(key: Uint8Array, msg: Uint8Array): bigint {
  if (key.length !== 16) throw new RangeError(`a SipHash key is 16 bytes, got ${key.length}`);
  const [lo, hi] = sipHash24Halves([le32(key, 0), le32(key, 4)], [le32(key, 8), le32(key, 12)], msg);
  return (BigInt(hi) << 32n) | BigInt(lo);
}

const encoder = new TextEncoder();

/**
 * cmd/erasure-sets.go sipHashMod, the set of an object in pools formatted "SIPMOD" or "SIPMOD+PARITY" (every current
 * pool): SipHash-2-4 of the key's UTF-8 bytes under k0 = LE64(id[0:8]), k1 = LE64(id[8:16]) of the deployment id's
 * 16 bytes, modulo the number of sets (FACTS §7.2). The key is the object name.
 */
export function sipHashMod(key: string, cardinality: number, deploymentId: string | Uint8Array): number {
  // MinIO returns -1 for cardinality <= 0; here that is a caller's error, said in words.
  if (!Number.isSafeInteger(cardinality) || cardinality < 1) throw new RangeError(`the number of erasure sets must be a whole number >= 1, got ${cardinality}`);
  const id = typeof deploymentId === "string" ? uuidBytes(deploymentId) : deploymentId;
  const [lo, hi] = sipHash24Halves([le32(id, 0), le32(id, 4)], [le32(id, 8), le32(id, 12)], encoder.encode(key));
  // (hi · 2^32 + lo) mod n without BigInt: both partial products stay below 2^53 for any n < 2^21.
  if (cardinality < 1 << 21) return ((hi % cardinality) * (4294967296 % cardinality) + (lo % cardinality)) % cardinality;
  return Number(((BigInt(hi) << 32n) | BigInt(lo)) % BigInt(cardinality));
}
