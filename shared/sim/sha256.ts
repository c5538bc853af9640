// SHA-256 (FIPS 180-4) in plain TypeScript, streaming. shared/ may not use node:crypto, and WebCrypto's digest is
// asynchronous and one-shot, while the trace hash is fed hundreds of thousands of small lines and read mid-run.
//
// update(string) hashes the text's UTF-8 (TextEncoder's: a lone surrogate becomes U+FFFD). digestHex() does not end
// the stream: it pads a copy of the tail, so the running hash can be read at any point and fed further.

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
  0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
  0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
  0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
  0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const INITIAL = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

// Shared by every hasher: encodeInto is native and much faster than encoding in a loop.
const encoder = new TextEncoder();

export class Sha256 {
  private readonly h = new Int32Array(INITIAL);
  private readonly block = new Uint8Array(64);
  private readonly w = new Int32Array(64);
  /** Bytes waiting in `block`. */
  private used = 0;
  /** Total bytes hashed; a double holds it exactly up to 2^53. */
  private length = 0;
  /** Where update() encodes its text; grown on demand. */
  private scratch = new Uint8Array(1024);

  update(text: string): this {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit (a surrogate pair: 4 bytes for 2 units).
    if (text.length * 3 > this.scratch.length) this.scratch = new Uint8Array(text.length * 6);
    const { written } = encoder.encodeInto(text, this.scratch);
    this.absorb(this.scratch, written as number);
    return this;
  }

  /** Hashes bytes [0, length) of `bytes` (by default, all of them). */
  updateBytes(bytes: Uint8Array, length = bytes.length): this {
    if (!(length >= 0 && length <= bytes.length)) throw new RangeError(`updateBytes: length ${length} is outside 0..${bytes.length}`);
    this.absorb(bytes, length);
    return this;
  }

  /** The hex digest of everything fed so far. The stream stays open. */
  digestHex(): string {
    const h = new Int32Array(this.h);
    const tail = new Uint8Array(this.used < 56 ? 64 : 128);
    tail.set(this.block.subarray(0, this.used));
    tail[this.used] = 0x80;
    const bits = this.length * 8;
    const view = new DataView(tail.buffer);
    view.setUint32(tail.length - 8, Math.floor(bits / 4294967296));
    view.setUint32(tail.length - 4, bits >>> 0);
    compress(h, this.w, tail, 0, tail.length);
    let hex = "";
    for (let i = 0; i < 8; i++) hex += (h[i] >>> 0).toString(16).padStart(8, "0");
    return hex;
  }

  private absorb(bytes: Uint8Array, n: number): void {
    this.length += n;
    let i = 0;
    if (this.used > 0) {
      const take = Math.min(64 - this.used, n);
      this.block.set(bytes.subarray(0, take), this.used);
      this.used += take;
      i = take;
      if (this.used < 64) return;
      compress(this.h, this.w, this.block, 0, 64);
      this.used = 0;
    }
    // Whole blocks straight from the input, without copying.
    const whole = i + ((n - i) & ~63);
    compress(this.h, this.w, bytes, i, whole);
    i = whole;
    if (i < n) {
      this.block.set(bytes.subarray(i, n), 0);
      this.used = n - i;
    }
  }
}

/**
 * The compression function over every whole 64-byte block in bytes[off, end). Sums are truncated pairwise so V8
 * keeps them in 32-bit integers. The rounds are unrolled eight at a time with the eight working variables renamed
 * from one round to the next (round i's "a" is round i+1's "b", ...), which spares shifting them along each round:
 * round k of eight computes t = h + Σ1(e) + Ch(e,f,g) + K + W, then d += t and h = t + Σ0(a) + Maj(a,b,c),
 * with Ch(e,f,g) = g ^ (e & (f ^ g)) and Maj(a,b,c) = (a & b) | (c & (a | b)).
 */
function compress(state: Int32Array, w: Int32Array, bytes: Uint8Array, off: number, end: number): void {
  for (; off + 64 <= end; off += 64) {
    for (let i = 0; i < 16; i++) {
      const j = off + i * 4;
      w[i] = (bytes[j] << 24) | (bytes[j + 1] << 16) | (bytes[j + 2] << 8) | bytes[j + 3];
    }
    for (let i = 16; i < 64; i++) {
      const x = w[i - 15];
      const y = w[i - 2];
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[i] = (((w[i - 16] + s0) | 0) + ((w[i - 7] + s1) | 0)) | 0;
    }
    let a = state[0];
    let b = state[1];
    let c = state[2];
    let d = state[3];
    let e = state[4];
    let f = state[5];
    let g = state[6];
    let h = state[7];
    let t = 0;
    for (let i = 0; i < 64; i += 8) {
      t = (((((h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7)))) | 0) + (g ^ (e & (f ^ g)))) | 0) + ((K[i] + w[i]) | 0)) | 0;
      d = (d + t) | 0;
      h = (t + (((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) | (c & (a | b)))) | 0)) | 0;
      t = (((((g + (((d >>> 6) | (d << 26)) ^ ((d >>> 11) | (d << 21)) ^ ((d >>> 25) | (d << 7)))) | 0) + (f ^ (d & (e ^ f)))) | 0) + ((K[i + 1] + w[i + 1]) | 0)) | 0;
      c = (c + t) | 0;
      g = (t + (((((h >>> 2) | (h << 30)) ^ ((h >>> 13) | (h << 19)) ^ ((h >>> 22) | (h << 10))) + ((h & a) | (b & (h | a)))) | 0)) | 0;
      t = (((((f + (((c >>> 6) | (c << 26)) ^ ((c >>> 11) | (c << 21)) ^ ((c >>> 25) | (c << 7)))) | 0) + (e ^ (c & (d ^ e)))) | 0) + ((K[i + 2] + w[i + 2]) | 0)) | 0;
      b = (b + t) | 0;
      f = (t + (((((g >>> 2) | (g << 30)) ^ ((g >>> 13) | (g << 19)) ^ ((g >>> 22) | (g << 10))) + ((g & h) | (a & (g | h)))) | 0)) | 0;
      t = (((((e + (((b >>> 6) | (b << 26)) ^ ((b >>> 11) | (b << 21)) ^ ((b >>> 25) | (b << 7)))) | 0) + (d ^ (b & (c ^ d)))) | 0) + ((K[i + 3] + w[i + 3]) | 0)) | 0;
      a = (a + t) | 0;
      e = (t + (((((f >>> 2) | (f << 30)) ^ ((f >>> 13) | (f << 19)) ^ ((f >>> 22) | (f << 10))) + ((f & g) | (h & (f | g)))) | 0)) | 0;
      t = (((((d + (((a >>> 6) | (a << 26)) ^ ((a >>> 11) | (a << 21)) ^ ((a >>> 25) | (a << 7)))) | 0) + (c ^ (a & (b ^ c)))) | 0) + ((K[i + 4] + w[i + 4]) | 0)) | 0;
      h = (h + t) | 0;
      d = (t + (((((e >>> 2) | (e << 30)) ^ ((e >>> 13) | (e << 19)) ^ ((e >>> 22) | (e << 10))) + ((e & f) | (g & (e | f)))) | 0)) | 0;
      t = (((((c + (((h >>> 6) | (h << 26)) ^ ((h >>> 11) | (h << 21)) ^ ((h >>> 25) | (h << 7)))) | 0) + (b ^ (h & (a ^ b)))) | 0) + ((K[i + 5] + w[i + 5]) | 0)) | 0;
      g = (g + t) | 0;
      c = (t + (((((d >>> 2) | (d << 30)) ^ ((d >>> 13) | (d << 19)) ^ ((d >>> 22) | (d << 10))) + ((d & e) | (f & (d | e)))) | 0)) | 0;
      t = (((((b + (((g >>> 6) | (g << 26)) ^ ((g >>> 11) | (g << 21)) ^ ((g >>> 25) | (g << 7)))) | 0) + (a ^ (g & (h ^ a)))) | 0) + ((K[i + 6] + w[i + 6]) | 0)) | 0;
      f = (f + t) | 0;
      b = (t + (((((c >>> 2) | (c << 30)) ^ ((c >>> 13) | (c << 19)) ^ ((c >>> 22) | (c << 10))) + ((c & d) | (e & (c | d)))) | 0)) | 0;
      t = (((((a + (((f >>> 6) | (f << 26)) ^ ((f >>> 11) | (f << 21)) ^ ((f >>> 25) | (f << 7)))) | 0) + (h ^ (f & (g ^ h)))) | 0) + ((K[i + 7] + w[i + 7]) | 0)) | 0;
      e = (e + t) | 0;
      a = (t + (((((b >>> 2) | (b << 30)) ^ ((b >>> 13) | (b << 19)) ^ ((b >>> 22) | (b << 10))) + ((b & c) | (d & (b | c)))) | 0)) | 0;
    }
    state[0] = (state[0] + a) | 0;
    state[1] = (state[1] + b) | 0;
    state[2] = (state[2] + c) | 0;
    state[3] = (state[3] + d) | 0;
    state[4] = (state[4] + e) | 0;
    state[5] = (state[5] + f) | 0;
    state[6] = (state[6] + g) | 0;
    state[7] = (state[7] + h) | 0;
  }
}

/** SHA-256 of a string (UTF-8), as lowercase hex. */
export function sha256Hex(text: string): string {
  return new Sha256().update(text).digestHex();
}
