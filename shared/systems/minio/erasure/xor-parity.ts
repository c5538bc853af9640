// A plain XOR of the data shards: RAID-5 style parity. It exists only as the baseline that `npm run bench` sets beside
// Reed–Solomon throughput (one pass over the same bytes with the cheapest possible combining step).
//
// It is NOT what MinIO stores. MinIO's encoder (klauspost/reedsolomon's default Vandermonde matrix) gives even a
// single parity shard GF(2^8) coefficients other than 1: for 2+1 the parity row is [3, 2], not [1, 1] (FACTS §7.4).
// klauspost only emits plain XOR with its opt-in WithFastOneParityMatrix option, which MinIO does not set.

import { xorSlice } from "./galois";

/** The XOR of all shards (which must share one length), in a new buffer. */
export function xorParity(shards: readonly Uint8Array[]): Uint8Array {
  if (shards.length === 0) throw new RangeError("xorParity needs at least one shard");
  const out = new Uint8Array(shards[0].length);
  for (const shard of shards) xorSlice(shard, out);
  return out;
}
