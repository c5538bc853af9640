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

  updateBytes(bytes: Uint8Array): this {
    this.absorb(bytes, bytes.length);
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
    for (let off = 0; off < tail.length; off += 64) compress(h, this.w, tail, off);
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
      compress(this.h, this.w, this.block, 0);
      this.used = 0;
    }
    // Whole blocks straight from the input, without copying.
    for (; i + 64 <= n; i += 64) compress(this.h, this.w, bytes, i);
    if (i < n) {
      this.block.set(bytes.subarray(i, n), 0);
      this.used = n - i;
    }
  }
}

/** One round of the compression function over the 64 bytes at `off`. Sums are truncated pairwise to stay int32. */
function compress(h: Int32Array, w: Int32Array, bytes: Uint8Array, off: number): void {
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
  let a = h[0];
  let b = h[1];
  let c = h[2];
  let d = h[3];
  let e = h[4];
  let f = h[5];
  let g = h[6];
  let hh = h[7];
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const ch = (e & f) ^ (~e & g);
    const t1 = (((((hh + S1) | 0) + ch) | 0) + ((K[i] + w[i]) | 0)) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const maj = (a & b) ^ (a & c) ^ (b & c);
    const t2 = (S0 + maj) | 0;
    hh = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  h[0] = (h[0] + a) | 0;
  h[1] = (h[1] + b) | 0;
  h[2] = (h[2] + c) | 0;
  h[3] = (h[3] + d) | 0;
  h[4] = (h[4] + e) | 0;
  h[5] = (h[5] + f) | 0;
  h[6] = (h[6] + g) | 0;
  h[7] = (h[7] + hh) | 0;
}

/** SHA-256 of a string (UTF-8), as lowercase hex. */
export function sha256Hex(text: string): string {
  return new Sha256().update(text).digestHex();
}
