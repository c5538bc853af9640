// Reed–Solomon erasure coding as MinIO runs it: klauspost/reedsolomon's default encoder (reedsolomon.go, called from
// MinIO cmd/erasure-coding.go `reedsolomon.New(data, parity, ...)`), which is Backblaze's JavaReedSolomon in Go.
// FACTS §7.4 and vectors/reedsolomon_vectors.json hold parity bytes produced by both; this produces the same bytes.
//
// A stripe is `dataShards` data shards followed by `parityShards` parity shards, all the same length. Parity row r is
// row dataShards + r of the systematic Vandermonde encoding matrix (matrix.ts buildEncodingMatrix):
// parity[r] = Σ_j row[r][j] · data[j] in GF(2^8). Any dataShards of the shards determine all the others, so up to
// parityShards of them may be lost. Reconstruction inverts the rows of the shards that survived, and caches that
// inverse per pattern of missing shards, as klauspost's inversionTree does.

import { mulSlice, mulSliceXor } from "./galois";
import { buildEncodingMatrix, invertMatrix, type Matrix } from "./matrix";

/** klauspost ErrMaxShardNum: GF(2^8) has 256 elements, so at most 256 distinct Vandermonde rows. */
export const MAX_TOTAL_SHARDS = 256;

/**
 * Thrown when fewer than dataShards shards are present: the data cannot be rebuilt. The message starts with
 * klauspost's ErrTooFewShards text, "too few shards given".
 */
export class TooFewShardsError extends Error {
  constructor(
    readonly present: number,
    readonly needed: number,
  ) {
    super(`too few shards given: ${present} present, at least ${needed} needed to rebuild the data`);
    this.name = "TooFewShardsError";
  }
}

/** Bytes per shard when `length` bytes are split over `dataShards` shards: ceil(length / dataShards). klauspost Split. */
export function shardSize(length: number, dataShards: number): number {
  if (!Number.isSafeInteger(length) || length < 0) throw new RangeError(`a data length must be a whole number >= 0, got ${length}`);
  checkCounts(dataShards, 0);
  return Math.ceil(length / dataShards);
}

function checkCounts(dataShards: number, parityShards: number): void {
  if (!Number.isInteger(dataShards) || dataShards < 1) {
    throw new RangeError(`Reed–Solomon needs at least one data shard, got ${dataShards}`);
  }
  if (!Number.isInteger(parityShards) || parityShards < 0) {
    throw new RangeError(`the parity shard count must be a whole number >= 0, got ${parityShards}`);
  }
  if (dataShards + parityShards > MAX_TOTAL_SHARDS) {
    throw new RangeError(`at most ${MAX_TOTAL_SHARDS} data + parity shards fit in GF(2^8), got ${dataShards} + ${parityShards}`);
  }
}

/**
 * Splits data into dataShards equal shards followed by parityShards zeroed parity shards, as klauspost Split: each
 * shard is ceil(length / dataShards) bytes and the tail is zero-padded. Every shard is its own buffer (so 32-bit fast
 * paths apply to each). Empty data throws, as Split's ErrShortData.
 */
export function split(data: Uint8Array, dataShards: number, parityShards: number): Uint8Array[] {
  checkCounts(dataShards, parityShards);
  if (data.length === 0) throw new RangeError("not enough data to fill the number of requested shards: the data is empty");
  const per = Math.ceil(data.length / dataShards);
  const shards: Uint8Array[] = [];
  for (let i = 0; i < dataShards + parityShards; i++) {
    const shard = new Uint8Array(per);
    const start = i * per;
    if (start < data.length) shard.set(data.subarray(start, Math.min(start + per, data.length)));
    shards.push(shard);
  }
  return shards;
}

/**
 * The first `size` bytes of the data shards laid end to end: the inverse of split (klauspost Join). Only data
 * shards are read, so the caller passes either dataShards shards or a whole stripe; a missing data shard throws.
 */
export function join(shards: readonly (Uint8Array | null)[], size: number): Uint8Array {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`the output size must be a whole number >= 0, got ${size}`);
  const out = new Uint8Array(size);
  let written = 0;
  for (let i = 0; i < shards.length && written < size; i++) {
    const shard = shards[i];
    if (shard == null) throw new Error(`reconstruction required: data shard ${i} is missing`);
    const take = Math.min(shard.length, size - written);
    out.set(shard.subarray(0, take), written);
    written += take;
  }
  if (written < size) throw new RangeError(`the shards hold only ${written} bytes, fewer than the ${size} asked for`);
  return out;
}

function isPresent(shard: Uint8Array | null | undefined): shard is Uint8Array {
  return shard != null && shard.length > 0;
}

/** Bytes per pass of the coding loop: an input and an output chunk stay in the L1 cache (klauspost's perRound). */
const CHUNK = 8192;

/**
 * outputs[k] = Σ_c rows[k][c] · inputs[c], chunk by chunk (klauspost codeSomeShards: the first input overwrites,
 * the rest accumulate).
 */
function codeSomeShards(rows: readonly Uint8Array[], inputs: readonly Uint8Array[], outputs: readonly Uint8Array[], size: number): void {
  for (let start = 0; start < size; start += CHUNK) {
    const end = Math.min(start + CHUNK, size);
    for (let k = 0; k < outputs.length; k++) {
      const out = outputs[k].subarray(start, end);
      const row = rows[k];
      mulSlice(row[0], inputs[0].subarray(start, end), out);
      for (let c = 1; c < inputs.length; c++) mulSliceXor(row[c], inputs[c].subarray(start, end), out);
    }
  }
}

export class ReedSolomon {
  readonly dataShards: number;
  readonly parityShards: number;
  readonly totalShards: number;
  /** The total × data encoding matrix; its top is the identity. Empty when there is no parity. */
  private readonly matrix: Matrix;
  /** Rows dataShards.. of the matrix: the coefficients of each parity shard. */
  private readonly parityRows: Uint8Array[];
  /** Inverted decode matrices keyed by the indices of the missing shards (klauspost inversion_tree.go). */
  private readonly inversions = new Map<string, Matrix>();

  constructor(dataShards: number, parityShards: number) {
    checkCounts(dataShards, parityShards);
    this.dataShards = dataShards;
    this.parityShards = parityShards;
    this.totalShards = dataShards + parityShards;
    // klauspost New: with no parity there is no matrix to build; every operation is then the identity.
    this.matrix = parityShards > 0 ? buildEncodingMatrix(dataShards, this.totalShards) : [];
    this.parityRows = this.matrix.slice(dataShards);
  }

  /** A copy of the parity rows of the encoding matrix (parity[r] = Σ_j rows[r][j]·data[j]). */
  parityMatrix(): number[][] {
    return this.parityRows.map((row) => Array.from(row));
  }

  /** Computes the parity shards in place from the data shards. All shards must be present and of one length. */
  encode(shards: Uint8Array[]): void {
    const size = this.checkFullStripe(shards, "encode");
    if (this.parityShards === 0) return;
    codeSomeShards(this.parityRows, shards.slice(0, this.dataShards), shards.slice(this.dataShards), size);
  }

  /** True when the parity shards match the data shards (klauspost Verify). Nothing is modified. */
  verify(shards: Uint8Array[]): boolean {
    const size = this.checkFullStripe(shards, "verify");
    if (this.parityShards === 0) return true;
    const expected = this.parityRows.map(() => new Uint8Array(size));
    codeSomeShards(this.parityRows, shards.slice(0, this.dataShards), expected, size);
    for (let r = 0; r < this.parityShards; r++) {
      const actual = shards[this.dataShards + r];
      const want = expected[r];
      for (let i = 0; i < size; i++) if (actual[i] !== want[i]) return false;
    }
    return true;
  }

  /**
   * Rebuilds every missing shard, data and parity (klauspost Reconstruct). A shard is missing when it is null or
   * empty. The array is filled in place and returned. Throws TooFewShardsError when fewer than dataShards shards
   * are present. The rebuilt shards are not verified: a present but corrupt shard yields wrong output, which is why
   * MinIO checks bitrot hashes before it decodes.
   */
  reconstruct(shards: (Uint8Array | null)[]): Uint8Array[] {
    this.rebuild(shards, false);
    return shards as Uint8Array[];
  }

  /**
   * Rebuilds only the missing data shards (klauspost ReconstructData, what MinIO's GET path uses) and returns the
   * dataShards data shards. Missing parity shards stay missing in `shards`.
   */
  reconstructData(shards: (Uint8Array | null)[]): Uint8Array[] {
    this.rebuild(shards, true);
    return shards.slice(0, this.dataShards) as Uint8Array[];
  }

  private checkFullStripe(shards: readonly Uint8Array[], op: string): number {
    if (shards.length !== this.totalShards) {
      throw new RangeError(`${op} needs exactly ${this.totalShards} shards (${this.dataShards} data + ${this.parityShards} parity), got ${shards.length}`);
    }
    const size = shards.length > 0 && shards[0] != null ? shards[0].length : 0;
    if (size === 0) throw new RangeError(`${op}: no shard data (shard 0 is missing or empty)`);
    for (let i = 1; i < shards.length; i++) {
      const s = shards[i];
      if (s == null) throw new RangeError(`${op}: shard ${i} is missing; every shard must be allocated`);
      if (s.length !== size) throw new RangeError(`${op}: shard sizes do not match (shard 0 has ${size} bytes, shard ${i} has ${s.length})`);
    }
    return size;
  }

  private rebuild(shards: (Uint8Array | null)[], dataOnly: boolean): void {
    if (shards.length !== this.totalShards) {
      throw new RangeError(`reconstruct needs exactly ${this.totalShards} shard slots (${this.dataShards} data + ${this.parityShards} parity), got ${shards.length}`);
    }
    let size = 0;
    let present = 0;
    let dataPresent = 0;
    for (let i = 0; i < this.totalShards; i++) {
      const s = shards[i];
      if (!isPresent(s)) continue;
      if (size === 0) size = s.length;
      else if (s.length !== size) throw new RangeError(`reconstruct: shard sizes do not match (${size} and ${s.length} bytes, shard ${i})`);
      present++;
      if (i < this.dataShards) dataPresent++;
    }
    // klauspost returns ErrShardNoData when every shard is missing; with nothing left the data is just as lost as
    // with one shard too few, so it is the same error here.
    if (present < this.dataShards) throw new TooFewShardsError(present, this.dataShards);
    if (present === this.totalShards || (dataOnly && dataPresent === this.dataShards)) return;

    // The first dataShards present shards are the decoding input; the missing ones met on the way key the cache.
    const inputs: Uint8Array[] = [];
    const validIndices: number[] = [];
    const invalidIndices: number[] = [];
    for (let i = 0; i < this.totalShards && inputs.length < this.dataShards; i++) {
      const s = shards[i];
      if (isPresent(s)) {
        inputs.push(s);
        validIndices.push(i);
      } else {
        invalidIndices.push(i);
      }
    }
    const decode = this.decodeMatrix(invalidIndices, validIndices);

    const rows: Uint8Array[] = [];
    const outputs: Uint8Array[] = [];
    for (let i = 0; i < this.dataShards; i++) {
      if (isPresent(shards[i])) continue;
      const out = new Uint8Array(size);
      shards[i] = out;
      rows.push(decode[i]);
      outputs.push(out);
    }
    if (outputs.length > 0) codeSomeShards(rows, inputs, outputs, size);
    if (dataOnly) return;

    rows.length = 0;
    outputs.length = 0;
    for (let i = this.dataShards; i < this.totalShards; i++) {
      if (isPresent(shards[i])) continue;
      const out = new Uint8Array(size);
      shards[i] = out;
      rows.push(this.parityRows[i - this.dataShards]);
      outputs.push(out);
    }
    if (outputs.length > 0) codeSomeShards(rows, shards.slice(0, this.dataShards) as Uint8Array[], outputs, size);
  }

  /**
   * The inverse of the encoding-matrix rows of the shards in hand: it maps those shards back to the data. Row i of it
   * regenerates data shard i. Cached per missing-shard pattern, as klauspost inversionTree.GetInvertedMatrix.
   */
  private decodeMatrix(invalidIndices: readonly number[], validIndices: readonly number[]): Matrix {
    const key = invalidIndices.join(",");
    const cached = this.inversions.get(key);
    if (cached) return cached;
    const sub = validIndices.map((row) => this.matrix[row].slice());
    const inverse = invertMatrix(sub);
    this.inversions.set(key, inverse);
    return inverse;
  }
}
