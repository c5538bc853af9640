// MinIO's erasure coding: GF(2^8) arithmetic, the Backblaze/klauspost Reed–Solomon coder, and MinIO's per-object
// block layout on top of it. FACTS §7.4.

export { Erasure, BLOCK_SIZE_V2 } from "./erasure";
export { gfAdd, gfDiv, gfExp, gfInv, gfMul, GF_POLYNOMIAL, mulRow, mulSlice, mulSliceXor, xorSlice } from "./galois";
export {
  buildEncodingMatrix,
  identityMatrix,
  invertMatrix,
  type Matrix,
  multiplyMatrices,
  SingularMatrixError,
  subMatrix,
  vandermonde,
  zeroMatrix,
} from "./matrix";
export { join, MAX_TOTAL_SHARDS, ReedSolomon, shardSize, split, TooFewShardsError } from "./reed-solomon";
export { xorParity } from "./xor-parity";
