// Arithmetic in GF(2^8), the field MinIO's Reed–Solomon coding works in (FACTS §7.4). MinIO encodes with
// klauspost/reedsolomon, a Go port of Backblaze's JavaReedSolomon; both build the field from the generating polynomial
// x^8 + x^4 + x^3 + x^2 + 1 (0x11D, written 29 = 0x1D in klauspost galois.go `generatingPolynomial` and Backblaze
// Galois.GENERATING_POLYNOMIAL) with generator α = 2. Addition is XOR; multiplication goes through log/exp tables.
//
// The hot path of encoding and reconstruction is `mulSliceXor`: out ^= c·in over a whole shard. Like klauspost's pure
// Go fallback (galois_noasm.go galMulSliceXor, which indexes mulTable[c]), it looks each byte up in a 256-entry row of
// a 64 KiB multiplication table built once at load.

/** The generating polynomial, including the x^8 term. */
export const GF_POLYNOMIAL = 0x11d;

/** LOG[x] = n with α^n = x, for x in 1..255 (LOG[0] is unused). klauspost galois.go logTable. */
const LOG = new Uint8Array(256);
/** EXP[n] = α^n for n in 0..509: twice the period 255, so LOG[a] + LOG[b] needs no reduction. */
const EXP = new Uint8Array(510);
/** MUL[(a << 8) | b] = a·b: one 256-byte row per coefficient a. klauspost galois.go mulTable. */
const MUL = new Uint8Array(65536);

(function buildTables(): void {
  let x = 1;
  for (let n = 0; n < 255; n++) {
    EXP[n] = x;
    EXP[n + 255] = x;
    LOG[x] = n;
    x <<= 1;
    if (x & 0x100) x ^= GF_POLYNOMIAL;
  }
  for (let a = 1; a < 256; a++) {
    const la = LOG[a];
    for (let b = 1; b < 256; b++) MUL[(a << 8) | b] = EXP[la + LOG[b]];
  }
})();

function checkByte(name: string, v: number): void {
  if (!Number.isInteger(v) || v < 0 || v > 255) throw new RangeError(`${name} must be a byte (0..255), got ${v}`);
}

/** a + b (and a − b): XOR. klauspost galAdd. */
export function gfAdd(a: number, b: number): number {
  return (a ^ b) & 0xff;
}

/** a · b. klauspost galMultiply. */
export function gfMul(a: number, b: number): number {
  return MUL[((a & 0xff) << 8) | (b & 0xff)];
}

/** a / b; dividing by zero throws, as klauspost's galDivide panics. */
export function gfDiv(a: number, b: number): number {
  checkByte("the dividend", a);
  checkByte("the divisor", b);
  if (b === 0) throw new RangeError("cannot divide by zero in GF(2^8)");
  if (a === 0) return 0;
  return EXP[LOG[a] - LOG[b] + 255];
}

/** The multiplicative inverse of a (a ≠ 0). */
export function gfInv(a: number): number {
  checkByte("the value to invert", a);
  if (a === 0) throw new RangeError("zero has no inverse in GF(2^8)");
  return EXP[255 - LOG[a]];
}

/**
 * a raised to the n-th power, as klauspost galExp and Backblaze Galois.exp: n = 0 gives 1 (so 0^0 = 1, which the
 * Vandermonde matrix relies on), and otherwise 0^n = 0.
 */
export function gfExp(a: number, n: number): number {
  checkByte("the base", a);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`the exponent must be a whole number >= 0, got ${n}`);
  if (n === 0) return 1;
  if (a === 0) return 0;
  return EXP[(LOG[a] * n) % 255];
}

/** The 256-byte row of the multiplication table for coefficient c: row[b] = c·b. Shared; do not modify. */
export function mulRow(c: number): Uint8Array {
  checkByte("the coefficient", c);
  return MUL.subarray(c << 8, (c << 8) + 256);
}

function checkLengths(input: Uint8Array, out: Uint8Array): void {
  if (input.length !== out.length) {
    throw new RangeError(`the input and output slices differ in length (${input.length} and ${out.length} bytes)`);
  }
}

/**
 * out ^= c · input, byte by byte (klauspost galMulSliceXor). The bulk is done four bytes at a time through 32-bit
 * views when both slices are 4-byte aligned, which V8 runs about twice as fast as a byte loop.
 */
export function mulSliceXor(c: number, input: Uint8Array, out: Uint8Array): void {
  checkByte("the coefficient", c);
  checkLengths(input, out);
  if (c === 0) return;
  if (c === 1) {
    xorSlice(input, out);
    return;
  }
  const base = c << 8;
  const n = input.length;
  let i = 0;
  if (((input.byteOffset | out.byteOffset) & 3) === 0 && n >= 16) {
    const words = n >>> 2;
    const in32 = new Uint32Array(input.buffer, input.byteOffset, words);
    const out32 = new Uint32Array(out.buffer, out.byteOffset, words);
    // Byte order does not matter: each byte lane is looked up and put back in the same lane.
    for (let w = 0; w < words; w++) {
      const v = in32[w];
      out32[w] ^=
        MUL[base | (v & 0xff)] |
        (MUL[base | ((v >>> 8) & 0xff)] << 8) |
        (MUL[base | ((v >>> 16) & 0xff)] << 16) |
        (MUL[base | (v >>> 24)] << 24);
    }
    i = words << 2;
  }
  for (; i < n; i++) out[i] ^= MUL[base | input[i]];
}

/** out = c · input (klauspost galMulSlice): the first term of a sum, which overwrites instead of accumulating. */
export function mulSlice(c: number, input: Uint8Array, out: Uint8Array): void {
  checkByte("the coefficient", c);
  checkLengths(input, out);
  if (c === 0) {
    out.fill(0);
    return;
  }
  if (c === 1) {
    out.set(input);
    return;
  }
  const base = c << 8;
  const n = input.length;
  let i = 0;
  if (((input.byteOffset | out.byteOffset) & 3) === 0 && n >= 16) {
    const words = n >>> 2;
    const in32 = new Uint32Array(input.buffer, input.byteOffset, words);
    const out32 = new Uint32Array(out.buffer, out.byteOffset, words);
    for (let w = 0; w < words; w++) {
      const v = in32[w];
      out32[w] =
        MUL[base | (v & 0xff)] |
        (MUL[base | ((v >>> 8) & 0xff)] << 8) |
        (MUL[base | ((v >>> 16) & 0xff)] << 16) |
        (MUL[base | (v >>> 24)] << 24);
    }
    i = words << 2;
  }
  for (; i < n; i++) out[i] = MUL[base | input[i]];
}

/** out ^= input (multiplication by 1). */
export function xorSlice(input: Uint8Array, out: Uint8Array): void {
  checkLengths(input, out);
  const n = input.length;
  let i = 0;
  if (((input.byteOffset | out.byteOffset) & 3) === 0 && n >= 16) {
    const words = n >>> 2;
    const in32 = new Uint32Array(input.buffer, input.byteOffset, words);
    const out32 = new Uint32Array(out.buffer, out.byteOffset, words);
    for (let w = 0; w < words; w++) out32[w] ^= in32[w];
    i = words << 2;
  }
  for (; i < n; i++) out[i] ^= input[i];
}
