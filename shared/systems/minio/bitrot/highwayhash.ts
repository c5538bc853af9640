// HighwayHash-256 (Alakuijala, Cox, Wassenberg; Google), the keyed hash MinIO stores beside every shard block to
// detect bitrot: cmd/bitrot.go HighwayHash256S with magicHighwayHash256Key (FACTS §7.3). A transcription of the
// portable Go code in minio/highwayhash (highwayhash_generic.go: initializeGeneric, updateGeneric, zipperMerge,
// finalizeGeneric, reduceMod; highwayhash.go: hashBuffer for the last partial packet, and the streaming digest),
// checked against its golden vectors (highwayhash_test.go testVectors256) and MinIO's bitrot self-test.
//
// HighwayHash works on 64-bit lanes. JavaScript has no unsigned 64-bit integers outside BigInt, which is far too slow
// for megabytes of shard data, so every lane is a pair of unsigned 32-bit halves in a Uint32Array: lane L is
// [2L] (low) and [2L + 1] (high). The state is 16 lanes: v0 (0..3), v1 (4..7), mul0 (8..11), mul1 (12..15).

/**
 * cmd/bitrot.go magicHighwayHash256Key: "HH-256 hash of the first 100 decimals of π as utf-8 string with a zero key".
 */
export const MAGIC_HIGHWAYHASH256_KEY = new Uint8Array([
  0x4b, 0xe7, 0x34, 0xfa, 0x8e, 0x23, 0x8a, 0xcd, 0x26, 0x3e, 0x83, 0xe6, 0xbb, 0x96, 0x85, 0x52,
  0x04, 0x0f, 0x93, 0x5d, 0xa3, 0x9f, 0x44, 0x14, 0x97, 0xe0, 0x9d, 0x13, 0x22, 0xde, 0x36, 0xa0,
]);

/** Bytes in a HighwayHash-256 digest, and in one packet of input. */
export const HIGHWAYHASH_SIZE = 32;

const V0 = 0;
const V1 = 4;
const MUL0 = 8;
const MUL1 = 12;

// init0 and init1 as [lo, hi] halves (highwayhash_generic.go).
const INIT0 = [0xfe4cce2f, 0xdbe6d5d5, 0x299f31d0, 0xa4093822, 0x03707344, 0x13198a2e, 0x85a308d3, 0x243f6a88];
const INIT1 = [0xcb0ef593, 0x3bd39e10, 0xb5f18a8c, 0xc0acf169, 0x34e90c6c, 0xbe5466cf, 0x38d01377, 0x452821e6];

function le32(b: Uint8Array, i: number): number {
  return (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
}

function putLe32(out: Uint8Array, i: number, v: number): void {
  out[i] = v & 0xff;
  out[i + 1] = (v >>> 8) & 0xff;
  out[i + 2] = (v >>> 16) & 0xff;
  out[i + 3] = v >>> 24;
}

/** The high 32 bits of the 64-bit product of two unsigned 32-bit numbers (the low ones are Math.imul's). */
function mulHi(a: number, b: number): number {
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const b0 = b & 0xffff;
  const b1 = b >>> 16;
  const mid1 = a1 * b0;
  const mid2 = a0 * b1;
  const carry = (((a0 * b0) >>> 16) + (mid1 & 0xffff) + (mid2 & 0xffff)) >>> 16;
  return (a1 * b1 + (mid1 >>> 16) + (mid2 >>> 16) + carry) >>> 0;
}

/**
 * Feeds every whole 32-byte packet of bytes[off, end): updateGeneric, with the 16 lanes held in 32 local variables
 * (low and high halves) for the whole loop, so V8 can keep them in registers instead of loading and storing the
 * state array at every step. a = v0, b = v1, c = mul0, d = mul1; packet word i is added to lane i of v1. The body is
 * the Go code unrolled lane by lane: updateGeneric's four lane steps, then its four zipperMerge calls.
 */
function updatePackets(s: Uint32Array, bytes: Uint8Array, off: number, end: number): void {
  let a0l = s[0];
  let a0h = s[1];
  let a1l = s[2];
  let a1h = s[3];
  let a2l = s[4];
  let a2h = s[5];
  let a3l = s[6];
  let a3h = s[7];
  let b0l = s[8];
  let b0h = s[9];
  let b1l = s[10];
  let b1h = s[11];
  let b2l = s[12];
  let b2h = s[13];
  let b3l = s[14];
  let b3h = s[15];
  let c0l = s[16];
  let c0h = s[17];
  let c1l = s[18];
  let c1h = s[19];
  let c2l = s[20];
  let c2h = s[21];
  let c3l = s[22];
  let c3h = s[23];
  let d0l = s[24];
  let d0h = s[25];
  let d1l = s[26];
  let d1h = s[27];
  let d2l = s[28];
  let d2h = s[29];
  let d3l = s[30];
  let d3h = s[31];
  let t = 0;
  let m = 0;
  for (; off + 32 <= end; off += 32) {
      // lane 0: v1 += packet word; v1 += mul0; mul0 ^= lo(v1)·hi(v0); v0 += mul1; mul1 ^= lo(v0)·hi(v1)
      m = off + 0;
      t = b0l + ((bytes[m] | (bytes[m + 1] << 8) | (bytes[m + 2] << 16) | (bytes[m + 3] << 24)) >>> 0);
      b0h = (b0h + ((bytes[m + 4] | (bytes[m + 5] << 8) | (bytes[m + 6] << 16) | (bytes[m + 7] << 24)) >>> 0) + (t > 0xffffffff ? 1 : 0)) >>> 0;
      b0l = t >>> 0;
      t = b0l + ((c0l) >>> 0);
      b0h = (b0h + ((c0h) >>> 0) + (t > 0xffffffff ? 1 : 0)) >>> 0;
      b0l = t >>> 0;
      c0h = (c0h ^ mulHi(b0l, a0h)) >>> 0;
      c0l = (c0l ^ Math.imul(b0l, a0h)) >>> 0;
      t = a0l + ((d0l) >>> 0);
      a0h = (a0h + ((d0h) >>> 0) + (t > 0xffffffff ? 1 : 0)) >>> 0;
      a0l = t >>> 0;
      d0h = (d0h ^ mulHi(a0l, b0h)) >>> 0;
      d0l = (d0l ^ Math.imul(a0l, b0h)) >>> 0;
      // lane 1: v1 += packet word; v1 += mul0; mul0 ^= lo(v1)·hi(v0); v0 += mul1; mul1 ^= lo(v0)·hi(v1)
      m = off + 8;
      t = b1l + ((bytes[m] | (bytes[m + 1] << 8) | (bytes[m + 2] << 16) | (bytes[m + 3] << 24)) >>> 0);
      b1h = (b1h + ((bytes[m + 4] | (bytes[m + 5] << 8) | (bytes[m + 6] << 16) | (bytes[m + 7] << 24)) >>> 0) + (t > 0xffffffff ? 1 : 0)) >>> 0;
      b1l = t >>> 0;
      t = b1l + ((c1l) >>> 0);
      b1h = (b1h + ((c1h) >>> 0) + (t > 0xffffffff ? 1 : 0)) >>> 0;
      b1l = t >>> 0;
      c1h = (c1h ^ mulHi(b1l, a1h)) >>> 0;
      c1l = (c1l ^ Math.imul(b1l, a1h)) >>> 0;
      t = a1l + ((d1l) >>> 0);
      a1h = (a1h + ((d1h) >>> 0) + (t > 0xffffffff ? 1 : 0)) >>> 0;
      a1l = t >>> 0;
      d1h = (d1h ^ mulHi(a1l, b1h)) >>> 0;
      d1l = (d1l ^ Math.imul(a1l, b1h)) >>> 0;
      // lane 2: v1 += packet word; v1 += mul0; mul0 ^= lo(v1)·hi(v0); v0 += mul1; mul1 ^= lo(v0)·hi(v1)
      m = off + 16;
      t = b2l + ((bytes[m] | (bytes[m + 1] << 8) | (bytes[m + 2] << 16) | (bytes[m + 3] << 24)) >>> 0);
      b2h = (b2h + ((bytes[m + 4] | (bytes[m + 5] << 8) | (bytes[m + 6] << 16) | (bytes[m + 7] << 24)) >>> 0) + (t > 0xffffffff ? 1 : 0)) >>> 0;
      b2l = t >>> 0;
      t = b2l + ((c2l) >>> 0);
      b2h = (b2h + ((c2h) >>> 0) + (t > 0xffffffff ? 1 : 0)) >>> 0;
      b2l = t >>> 0;
      c2h = (c2h ^ mulHi(b2l, a2h)) >>> 0;
      c2l = (c2l ^ Math.imul(b2l, a2h)) >>> 0;
      t = a2l + ((d2l) >>> 0);
      a2h = (a2h + ((d2h) >>> 0) + (t > 0xffffffff ? 1 : 0)) >>> 0;
      a2l = t >>> 0;
      d2h = (d2h ^ mulHi(a2l, b2h)) >>> 0;
      d2l = (d2l ^ Math.imul(a2l, b2h)) >>> 0;
      // lane 3: v1 += packet word; v1 += mul0; mul0 ^= lo(v1)·hi(v0); v0 += mul1; mul1 ^= lo(v0)·hi(v1)
      m = off + 24;
      t = b3l + ((bytes[m] | (bytes[m + 1] << 8) | (bytes[m + 2] << 16) | (bytes[m + 3] << 24)) >>> 0);
      b3h = (b3h + ((bytes[m + 4] | (bytes[m + 5] << 8) | (bytes[m + 6] << 16) | (bytes[m + 7] << 24)) >>> 0) + (t > 0xffffffff ? 1 : 0)) >>> 0;
      b3l = t >>> 0;
      t = b3l + ((c3l) >>> 0);
      b3h = (b3h + ((c3h) >>> 0) + (t > 0xffffffff ? 1 : 0)) >>> 0;
      b3l = t >>> 0;
      c3h = (c3h ^ mulHi(b3l, a3h)) >>> 0;
      c3l = (c3l ^ Math.imul(b3l, a3h)) >>> 0;
      t = a3l + ((d3l) >>> 0);
      a3h = (a3h + ((d3h) >>> 0) + (t > 0xffffffff ? 1 : 0)) >>> 0;
      a3l = t >>> 0;
      d3h = (d3h ^ mulHi(a3l, b3h)) >>> 0;
      d3l = (d3l ^ Math.imul(a3l, b3h)) >>> 0;
      // zipperMerge: a0 += (x3, y4, x2, x5, y6, x1, y7, x0), a1 += (y3, x4, y2, y5, y1, x6, y0, x7) of x = b0, y = b1
      t = a0l + (((b0l >>> 24) | ((b1h & 0xff) << 8) | (b0l & 0xff0000) | ((b0h & 0xff00) << 16)) >>> 0);
      a0h = (a0h + ((((b1h >>> 16) & 0xff) | (b0l & 0xff00) | ((b1h >>> 24) << 16) | ((b0l & 0xff) << 24)) >>> 0) + (t > 0xffffffff ? 1 : 0)) >>> 0;
      a0l = t >>> 0;
      t = a1l + (((b1l >>> 24) | ((b0h & 0xff) << 8) | (b1l & 0xff0000) | ((b1h & 0xff00) << 16)) >>> 0);
      a1h = (a1h + ((((b1l >>> 8) & 0xff) | ((b0h >>> 8) & 0xff00) | ((b1l & 0xff) << 16) | (b0h & 0xff000000)) >>> 0) + (t > 0xffffffff ? 1 : 0)) >>> 0;
      a1l = t >>> 0;
      // zipperMerge: a2 += (x3, y4, x2, x5, y6, x1, y7, x0), a3 += (y3, x4, y2, y5, y1, x6, y0, x7) of x = b2, y = b3
      t = a2l + (((b2l >>> 24) | ((b3h & 0xff) << 8) | (b2l & 0xff0000) | ((b2h & 0xff00) << 16)) >>> 0);
      a2h = (a2h + ((((b3h >>> 16) & 0xff) | (b2l & 0xff00) | ((b3h >>> 24) << 16) | ((b2l & 0xff) << 24)) >>> 0) + (t > 0xffffffff ? 1 : 0)) >>> 0;
      a2l = t >>> 0;
      t = a3l + (((b3l >>> 24) | ((b2h & 0xff) << 8) | (b3l & 0xff0000) | ((b3h & 0xff00) << 16)) >>> 0);
      a3h = (a3h + ((((b3l >>> 8) & 0xff) | ((b2h >>> 8) & 0xff00) | ((b3l & 0xff) << 16) | (b2h & 0xff000000)) >>> 0) + (t > 0xffffffff ? 1 : 0)) >>> 0;
      a3l = t >>> 0;
      // zipperMerge: b0 += (x3, y4, x2, x5, y6, x1, y7, x0), b1 += (y3, x4, y2, y5, y1, x6, y0, x7) of x = a0, y = a1
      t = b0l + (((a0l >>> 24) | ((a1h & 0xff) << 8) | (a0l & 0xff0000) | ((a0h & 0xff00) << 16)) >>> 0);
      b0h = (b0h + ((((a1h >>> 16) & 0xff) | (a0l & 0xff00) | ((a1h >>> 24) << 16) | ((a0l & 0xff) << 24)) >>> 0) + (t > 0xffffffff ? 1 : 0)) >>> 0;
      b0l = t >>> 0;
      t = b1l + (((a1l >>> 24) | ((a0h & 0xff) << 8) | (a1l & 0xff0000) | ((a1h & 0xff00) << 16)) >>> 0);
      b1h = (b1h + ((((a1l >>> 8) & 0xff) | ((a0h >>> 8) & 0xff00) | ((a1l & 0xff) << 16) | (a0h & 0xff000000)) >>> 0) + (t > 0xffffffff ? 1 : 0)) >>> 0;
      b1l = t >>> 0;
      // zipperMerge: b2 += (x3, y4, x2, x5, y6, x1, y7, x0), b3 += (y3, x4, y2, y5, y1, x6, y0, x7) of x = a2, y = a3
      t = b2l + (((a2l >>> 24) | ((a3h & 0xff) << 8) | (a2l & 0xff0000) | ((a2h & 0xff00) << 16)) >>> 0);
      b2h = (b2h + ((((a3h >>> 16) & 0xff) | (a2l & 0xff00) | ((a3h >>> 24) << 16) | ((a2l & 0xff) << 24)) >>> 0) + (t > 0xffffffff ? 1 : 0)) >>> 0;
      b2l = t >>> 0;
      t = b3l + (((a3l >>> 24) | ((a2h & 0xff) << 8) | (a3l & 0xff0000) | ((a3h & 0xff00) << 16)) >>> 0);
      b3h = (b3h + ((((a3l >>> 8) & 0xff) | ((a2h >>> 8) & 0xff00) | ((a3l & 0xff) << 16) | (a2h & 0xff000000)) >>> 0) + (t > 0xffffffff ? 1 : 0)) >>> 0;
      b3l = t >>> 0;
  }
  s[0] = a0l;
  s[1] = a0h;
  s[2] = a1l;
  s[3] = a1h;
  s[4] = a2l;
  s[5] = a2h;
  s[6] = a3l;
  s[7] = a3h;
  s[8] = b0l;
  s[9] = b0h;
  s[10] = b1l;
  s[11] = b1h;
  s[12] = b2l;
  s[13] = b2h;
  s[14] = b3l;
  s[15] = b3h;
  s[16] = c0l;
  s[17] = c0h;
  s[18] = c1l;
  s[19] = c1h;
  s[20] = c2l;
  s[21] = c2h;
  s[22] = c3l;
  s[23] = c3h;
  s[24] = d0l;
  s[25] = d0h;
  s[26] = d1l;
  s[27] = d1h;
  s[28] = d2l;
  s[29] = d2h;
  s[30] = d3l;
  s[31] = d3h;
}

/** Feeds one packet given as four (lo, hi) words in w[0..8) (the finalization's permuted v0). */
function updateWords(s: Uint32Array, w: Uint32Array): void {
  const packet = new Uint8Array(32);
  for (let i = 0; i < 8; i++) putLe32(packet, 4 * i, w[i]);
  updatePackets(s, packet, 0, 32);
}

/** lane L += n in both halves (hashBuffer's mod32 = n << 32 | n). */
function addBoth(s: Uint32Array, lane: number, n: number): void {
  const t = s[2 * lane] + n;
  s[2 * lane] = t;
  s[2 * lane + 1] = s[2 * lane + 1] + n + (t > 0xffffffff ? 1 : 0);
}

function initialize(s: Uint32Array, key: Uint8Array): void {
  for (let i = 0; i < 4; i++) {
    const klo = le32(key, 8 * i);
    const khi = le32(key, 8 * i + 4);
    s[2 * (MUL0 + i)] = INIT0[2 * i];
    s[2 * (MUL0 + i) + 1] = INIT0[2 * i + 1];
    s[2 * (MUL1 + i)] = INIT1[2 * i];
    s[2 * (MUL1 + i) + 1] = INIT1[2 * i + 1];
    s[2 * (V0 + i)] = INIT0[2 * i] ^ klo;
    s[2 * (V0 + i) + 1] = INIT0[2 * i + 1] ^ khi;
    // The key lane rotated by 32 bits: its halves swapped.
    s[2 * (V1 + i)] = INIT1[2 * i] ^ khi;
    s[2 * (V1 + i) + 1] = INIT1[2 * i + 1] ^ klo;
  }
}

/**
 * hashBuffer: the last 1..31 bytes. The count goes into v0 and rotates v1's halves, then the bytes are laid out in a
 * zero packet: whole 4-byte groups first, then either the last four bytes at 28 (16 or more bytes) or three chosen
 * bytes at 16.
 */
function updateRemainder(s: Uint32Array, buffer: Uint8Array, size: number): void {
  for (let i = 0; i < 4; i++) addBoth(s, V0 + i, size);
  for (let i = 0; i < 4; i++) {
    const lo = s[2 * (V1 + i)];
    const hi = s[2 * (V1 + i) + 1];
    s[2 * (V1 + i)] = (lo << size) | (lo >>> (32 - size));
    s[2 * (V1 + i) + 1] = (hi << size) | (hi >>> (32 - size));
  }
  const packet = new Uint8Array(32);
  const mod4 = size & 3;
  const remain = size - mod4;
  packet.set(buffer.subarray(0, remain));
  if (size >= 16) {
    packet.set(buffer.subarray(size - 4, size), 28);
  } else if (mod4 !== 0) {
    const last = buffer[remain] | (buffer[remain + (mod4 >>> 1)] << 8) | (buffer[size - 1] << 16);
    putLe32(packet, 16, last);
  }
  updatePackets(s, packet, 0, 32);
}

/** 128-bit (hi:lo words) shifted left by k (1 or 2) bits, into out[0..4). */
function shl128(w: readonly number[], k: number, out: number[]): void {
  out[3] = ((w[3] << k) | (w[2] >>> (32 - k))) >>> 0;
  out[2] = ((w[2] << k) | (w[1] >>> (32 - k))) >>> 0;
  out[1] = ((w[1] << k) | (w[0] >>> (32 - k))) >>> 0;
  out[0] = (w[0] << k) >>> 0;
}

/**
 * reduceMod: [a0, a1, a2, a3] (128-bit a1:a0 and a3:a2, as 8 halves) reduced modulo x^128 + x^2 + x, written as
 * 16 little-endian bytes at out[at].
 */
function reduceMod(h: readonly number[], out: Uint8Array, at: number): void {
  const upper = [h[4], h[5], h[6], h[7] & 0x3fffffff];
  const shifted1: number[] = [0, 0, 0, 0];
  const shifted2: number[] = [0, 0, 0, 0];
  shl128(upper, 1, shifted1);
  shl128(upper, 2, shifted2);
  for (let i = 0; i < 4; i++) putLe32(out, at + 4 * i, (shifted2[i] ^ h[i] ^ shifted1[i]) >>> 0);
}

/**
 * finalizeGeneric for a 32-byte digest: ten permute-and-update rounds (4 for HighwayHash-64 and 6 for -128; the
 * frozen spec, as Google's HighwayHashFinalize256 — early pre-release copies of the Go code used 4 for every size and
 * give different digests), then two modular reductions.
 */
function finalize(s: Uint32Array, words: Uint32Array): Uint8Array {
  for (let round = 0; round < 10; round++) {
    // perm = v0 lanes 2, 3, 0, 1, each rotated by 32 bits (halves swapped).
    const order = [2, 3, 0, 1];
    for (let i = 0; i < 4; i++) {
      words[2 * i] = s[2 * (V0 + order[i]) + 1];
      words[2 * i + 1] = s[2 * (V0 + order[i])];
    }
    updateWords(s, words);
  }
  const out = new Uint8Array(32);
  for (let half = 0; half < 2; half++) {
    const h: number[] = [];
    // v0[i] + mul0[i] and v1[i] + mul1[i] for lanes i = 2·half and 2·half + 1.
    for (const [a, b] of [
      [V0 + 2 * half, MUL0 + 2 * half],
      [V0 + 2 * half + 1, MUL0 + 2 * half + 1],
      [V1 + 2 * half, MUL1 + 2 * half],
      [V1 + 2 * half + 1, MUL1 + 2 * half + 1],
    ]) {
      const lo = s[2 * a] + s[2 * b];
      h.push(lo >>> 0, (s[2 * a + 1] + s[2 * b + 1] + (lo > 0xffffffff ? 1 : 0)) >>> 0);
    }
    reduceMod(h, out, 16 * half);
  }
  return out;
}

/** A streaming HighwayHash-256 (the hash.Hash of highwayhash.New): update() any number of times, then digest(). */
export class HighwayHash256 {
  private readonly key: Uint8Array;
  private readonly state = new Uint32Array(32);
  private readonly buffer = new Uint8Array(32);
  /** Bytes waiting in `buffer`. */
  private used = 0;

  constructor(key: Uint8Array = MAGIC_HIGHWAYHASH256_KEY) {
    if (key.length !== 32) throw new RangeError(`a HighwayHash key is 32 bytes, got ${key.length}`);
    this.key = key.slice();
    this.reset();
  }

  reset(): this {
    initialize(this.state, this.key);
    this.used = 0;
    return this;
  }

  update(bytes: Uint8Array): this {
    let i = 0;
    const n = bytes.length;
    if (this.used > 0) {
      const take = Math.min(32 - this.used, n);
      this.buffer.set(bytes.subarray(0, take), this.used);
      this.used += take;
      i = take;
      if (this.used < 32) return this;
      updatePackets(this.state, this.buffer, 0, 32);
      this.used = 0;
    }
    const whole = i + ((n - i) & ~31);
    updatePackets(this.state, bytes, i, whole);
    if (whole < n) {
      this.buffer.set(bytes.subarray(whole, n));
      this.used = n - whole;
    }
    return this;
  }

  /** The 32-byte digest of everything fed so far. The stream stays open (as Go's Sum does). */
  digest(): Uint8Array {
    const s = this.state.slice();
    if (this.used > 0) updateRemainder(s, this.buffer, this.used);
    return finalize(s, new Uint32Array(8));
  }

  digestHex(): string {
    let hex = "";
    for (const b of this.digest()) hex += b.toString(16).padStart(2, "0");
    return hex;
  }
}

/** HighwayHash-256 of data (highwayhash.Sum), by default under MinIO's bitrot key. */
export function highwayHash256(data: Uint8Array, key: Uint8Array = MAGIC_HIGHWAYHASH256_KEY): Uint8Array {
  return new HighwayHash256(key).update(data).digest();
}
