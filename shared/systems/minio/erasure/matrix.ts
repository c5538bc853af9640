// Matrices over GF(2^8): just enough linear algebra to build the encoding matrix and to invert the sub-matrix of the
// shards that survived. A transcription of klauspost/reedsolomon matrix.go (itself from Backblaze's Matrix.java):
// row-major, one Uint8Array per row, Gauss–Jordan inversion with row swaps.

import { gfDiv, gfExp, gfMul } from "./galois";

/** rows × cols, row-major: m[r][c]. */
export type Matrix = Uint8Array[];

/** A rows × cols matrix of zeros. */
export function zeroMatrix(rows: number, cols: number): Matrix {
  if (!Number.isInteger(rows) || rows <= 0) throw new RangeError(`a matrix needs at least one row, got ${rows}`);
  if (!Number.isInteger(cols) || cols <= 0) throw new RangeError(`a matrix needs at least one column, got ${cols}`);
  const m: Matrix = [];
  for (let r = 0; r < rows; r++) m.push(new Uint8Array(cols));
  return m;
}

/** The size × size identity. */
export function identityMatrix(size: number): Matrix {
  const m = zeroMatrix(size, size);
  for (let i = 0; i < size; i++) m[i][i] = 1;
  return m;
}

/** left · right. klauspost matrix.Multiply. */
export function multiplyMatrices(left: Matrix, right: Matrix): Matrix {
  const inner = left[0].length;
  if (inner !== right.length) {
    throw new RangeError(`cannot multiply: the left matrix has ${inner} columns but the right one has ${right.length} rows`);
  }
  const cols = right[0].length;
  const result = zeroMatrix(left.length, cols);
  for (let r = 0; r < left.length; r++) {
    const row = left[r];
    for (let c = 0; c < cols; c++) {
      let value = 0;
      for (let i = 0; i < inner; i++) value ^= gfMul(row[i], right[i][c]);
      result[r][c] = value;
    }
  }
  return result;
}

/** The block [rmin, rmax) × [cmin, cmax), copied. klauspost matrix.SubMatrix. */
export function subMatrix(m: Matrix, rmin: number, cmin: number, rmax: number, cmax: number): Matrix {
  if (rmin < 0 || cmin < 0 || rmax > m.length || cmax > m[0].length || rmin >= rmax || cmin >= cmax) {
    throw new RangeError(`sub-matrix rows ${rmin}..${rmax} and columns ${cmin}..${cmax} do not fit a ${m.length}×${m[0].length} matrix`);
  }
  const result: Matrix = [];
  for (let r = rmin; r < rmax; r++) result.push(m[r].slice(cmin, cmax));
  return result;
}

/** A thrown inversion of a matrix with no inverse (klauspost ErrSingular). */
export class SingularMatrixError extends Error {
  constructor() {
    super("matrix is singular: it has no inverse");
    this.name = "SingularMatrixError";
  }
}

/**
 * The inverse of a square matrix by Gauss–Jordan elimination on [m | I], as klauspost matrix.Invert and
 * gaussianElimination: swap a non-zero pivot up, scale its row to 1, clear below, then clear above.
 * The input is not modified. Throws SingularMatrixError when there is no inverse.
 */
export function invertMatrix(m: Matrix): Matrix {
  const size = m.length;
  if (m.some((row) => row.length !== size)) throw new RangeError("only square matrices can be inverted");
  // Work on [m | I] with each row as one Uint8Array of 2·size bytes.
  const work: Uint8Array[] = m.map((row, r) => {
    const w = new Uint8Array(size * 2);
    w.set(row);
    w[size + r] = 1;
    return w;
  });
  const cols = size * 2;
  for (let r = 0; r < size; r++) {
    if (work[r][r] === 0) {
      for (let below = r + 1; below < size; below++) {
        if (work[below][r] !== 0) {
          const tmp = work[r];
          work[r] = work[below];
          work[below] = tmp;
          break;
        }
      }
    }
    if (work[r][r] === 0) throw new SingularMatrixError();
    const pivotRow = work[r];
    if (pivotRow[r] !== 1) {
      const scale = gfDiv(1, pivotRow[r]);
      for (let c = 0; c < cols; c++) pivotRow[c] = gfMul(pivotRow[c], scale);
    }
    for (let below = r + 1; below < size; below++) {
      const scale = work[below][r];
      if (scale === 0) continue;
      const row = work[below];
      for (let c = 0; c < cols; c++) row[c] ^= gfMul(scale, pivotRow[c]);
    }
  }
  for (let d = 0; d < size; d++) {
    for (let above = 0; above < d; above++) {
      const scale = work[above][d];
      if (scale === 0) continue;
      const row = work[above];
      const dRow = work[d];
      for (let c = 0; c < cols; c++) row[c] ^= gfMul(scale, dRow[c]);
    }
  }
  return work.map((row) => row.slice(size));
}

/**
 * The rows × cols Vandermonde matrix V[r][c] = r^c (with 0^0 = 1): any square subset of its rows is invertible.
 * klauspost matrix.go vandermonde, Backblaze ReedSolomon.vandermonde.
 */
export function vandermonde(rows: number, cols: number): Matrix {
  if (rows > 256) throw new RangeError(`a Vandermonde matrix over GF(2^8) has at most 256 distinct rows, asked for ${rows}`);
  const m = zeroMatrix(rows, cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) m[r][c] = gfExp(r, c);
  return m;
}

/**
 * The total × data encoding matrix, exactly klauspost reedsolomon.go buildMatrix and Backblaze
 * ReedSolomon.buildMatrix: the Vandermonde matrix times the inverse of its top data × data square. The top becomes the
 * identity (data shards are stored as they are: the code is systematic) and the rows below are the parity rows; any
 * `data` rows of the result still form an invertible matrix, which is what makes every loss of up to
 * total − data shards recoverable.
 */
export function buildEncodingMatrix(data: number, total: number): Matrix {
  if (!Number.isInteger(data) || data < 1) throw new RangeError(`the encoding matrix needs at least one data shard, got ${data}`);
  if (!Number.isInteger(total) || total < data) throw new RangeError(`the total shard count (${total}) must be at least the data shard count (${data})`);
  const vm = vandermonde(total, data);
  const top = subMatrix(vm, 0, 0, data, data);
  return multiplyMatrices(vm, invertMatrix(top));
}
