// GF(2^8) arithmetic and matrix algebra behind the Reed–Solomon coder (shared/systems/minio/erasure/galois.ts,
// matrix.ts): field laws, the slice kernels against scalar multiplication, and inversion.

import { describe, expect, it } from "vitest";
import { Rng } from "../../../shared/sim/rng";
import { gfAdd, gfDiv, gfExp, gfInv, gfMul, mulSlice, mulSliceXor, xorSlice } from "../../../shared/systems/minio/erasure/galois";
import {
  identityMatrix,
  invertMatrix,
  multiplyMatrices,
  SingularMatrixError,
  subMatrix,
  vandermonde,
} from "../../../shared/systems/minio/erasure/matrix";

describe("GF(2^8)", () => {
  it("every non-zero element has an inverse, and division undoes multiplication", () => {
    for (let a = 1; a < 256; a++) {
      expect(gfMul(a, gfInv(a))).toBe(1);
      for (let b = 1; b < 256; b += 17) expect(gfDiv(gfMul(a, b), b)).toBe(a);
    }
  });

  it("multiplication distributes over addition (XOR)", () => {
    const rng = new Rng(1);
    for (let i = 0; i < 2000; i++) {
      const [a, b, c] = [rng.int(0, 256), rng.int(0, 256), rng.int(0, 256)];
      expect(gfMul(a, gfAdd(b, c))).toBe(gfAdd(gfMul(a, b), gfMul(a, c)));
    }
  });

  it("has 2 as a generator of all 255 non-zero elements, and 0^0 = 1", () => {
    const seen = new Set<number>();
    for (let n = 0; n < 255; n++) seen.add(gfExp(2, n));
    expect(seen.size).toBe(255);
    expect(gfExp(2, 255)).toBe(1);
    expect(gfExp(0, 0)).toBe(1);
    expect(gfExp(0, 3)).toBe(0);
  });

  it("refuses to divide by zero or invert zero", () => {
    expect(() => gfDiv(5, 0)).toThrow(/divide by zero/);
    expect(() => gfInv(0)).toThrow(/no inverse/);
  });

  it("slice kernels equal byte-by-byte multiplication, for aligned and unaligned slices of any length", () => {
    const rng = new Rng(2);
    const buffer = new Uint8Array(200);
    for (let trial = 0; trial < 300; trial++) {
      const c = rng.int(0, 256);
      const inOff = rng.int(0, 8);
      const outOff = rng.int(0, 8);
      const n = rng.int(0, 90);
      const backing = new Uint8Array(120);
      for (let i = 0; i < backing.length; i++) backing[i] = rng.int(0, 256);
      const input = backing.subarray(inOff, inOff + n);
      for (let i = 0; i < buffer.length; i++) buffer[i] = rng.int(0, 256);
      const out = buffer.subarray(outOff, outOff + n);
      const before = Array.from(out);
      mulSliceXor(c, input, out);
      expect(Array.from(out)).toEqual(before.map((o, i) => o ^ gfMul(c, input[i])));
      mulSlice(c, input, out);
      expect(Array.from(out)).toEqual(Array.from(input, (x) => gfMul(c, x)));
      const snapshot = Array.from(out);
      xorSlice(input, out);
      expect(Array.from(out)).toEqual(snapshot.map((o, i) => o ^ input[i]));
    }
  });

  it("refuses slices of different lengths", () => {
    expect(() => mulSliceXor(3, new Uint8Array(4), new Uint8Array(5))).toThrow(/differ in length/);
  });
});

describe("matrices over GF(2^8)", () => {
  it("inverts every square sub-matrix of Vandermonde rows", () => {
    const vm = vandermonde(10, 4);
    for (let start = 0; start + 4 <= 10; start++) {
      const m = subMatrix(vm, start, 0, start + 4, 4);
      expect(multiplyMatrices(m, invertMatrix(m))).toEqual(identityMatrix(4));
      expect(multiplyMatrices(invertMatrix(m), m)).toEqual(identityMatrix(4));
    }
  });

  it("throws a clear error for a singular matrix", () => {
    const singular = [Uint8Array.from([1, 2]), Uint8Array.from([1, 2])];
    expect(() => invertMatrix(singular)).toThrow(SingularMatrixError);
    expect(() => invertMatrix(singular)).toThrow("matrix is singular: it has no inverse");
    expect(() => invertMatrix([Uint8Array.from([1, 2])])).toThrow(/square/);
  });

  it("does not modify the matrix it inverts", () => {
    const m = subMatrix(vandermonde(5, 3), 2, 0, 5, 3);
    const copy = m.map((row) => row.slice());
    invertMatrix(m);
    expect(m).toEqual(copy);
  });
});
