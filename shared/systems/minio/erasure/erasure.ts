// MinIO's object-level use of Reed–Solomon (cmd/erasure-coding.go `Erasure`, cmd/erasure-encode.go `Encode`,
// cmd/erasure-decode.go, cmd/erasure-lowlevel-heal.go): an object is cut into erasure blocks of blockSizeV2 = 1 MiB;
// each block is split into dataBlocks shards of ceil(blockLength / dataBlocks) bytes (the last one zero-padded),
// parity is added, and shard i of every block is appended to the part file on drive i of the (shuffled) set. So every
// part file is shardFileSize(objectSize) bytes, before the bitrot hashes (bitrot/bitrot.ts) are interleaved.

import { join, ReedSolomon, split, TooFewShardsError } from "./reed-solomon";

/** cmd/object-api-common.go blockSizeV2: the erasure block size, 1 MiB. */
export const BLOCK_SIZE_V2 = 1 << 20;

/** cmd/utils.go ceilFrac for the non-negative values used here. */
function ceilFrac(numerator: number, denominator: number): number {
  return Math.ceil(numerator / denominator);
}

export class Erasure {
  readonly dataBlocks: number;
  readonly parityBlocks: number;
  readonly blockSize: number;
  private readonly rs: ReedSolomon;

  /** cmd/erasure-coding.go NewErasure; the counts are checked as reedsolomon.New checks them. */
  constructor(dataBlocks: number, parityBlocks: number, blockSize: number = BLOCK_SIZE_V2) {
    if (!Number.isSafeInteger(blockSize) || blockSize < 1) throw new RangeError(`the erasure block size must be a whole number >= 1, got ${blockSize}`);
    this.rs = new ReedSolomon(dataBlocks, parityBlocks);
    this.dataBlocks = dataBlocks;
    this.parityBlocks = parityBlocks;
    this.blockSize = blockSize;
  }

  get totalBlocks(): number {
    return this.dataBlocks + this.parityBlocks;
  }

  /** Shard bytes per full erasure block: ceil(blockSize / dataBlocks) (Erasure.ShardSize). Also the bitrot block size. */
  shardSize(): number {
    return ceilFrac(this.blockSize, this.dataBlocks);
  }

  /** Bytes in each part file for an object of totalLength bytes (Erasure.ShardFileSize). */
  shardFileSize(totalLength: number): number {
    if (!Number.isSafeInteger(totalLength) || totalLength < 0) throw new RangeError(`an object size must be a whole number >= 0, got ${totalLength}`);
    const fullBlocks = Math.floor(totalLength / this.blockSize);
    const lastBlock = totalLength % this.blockSize;
    return fullBlocks * this.shardSize() + ceilFrac(lastBlock, this.dataBlocks);
  }

  /** One block to dataBlocks + parityBlocks shards (Erasure.EncodeData). Empty data gives empty shards. */
  encodeData(block: Uint8Array): Uint8Array[] {
    if (block.length > this.blockSize) throw new RangeError(`a block holds at most ${this.blockSize} bytes, got ${block.length}`);
    if (block.length === 0) return Array.from({ length: this.totalBlocks }, () => new Uint8Array(0));
    const shards = split(block, this.dataBlocks, this.parityBlocks);
    this.rs.encode(shards);
    return shards;
  }

  /** Rebuilds the missing data shards of one block in place (Erasure.DecodeDataBlocks: the GET path). */
  decodeDataBlocks(shards: (Uint8Array | null)[]): void {
    if (shards.every((s) => s == null || s.length === 0)) return; // a 0-byte payload
    this.rs.reconstructData(shards);
  }

  /** Rebuilds every missing shard of one block in place (Erasure.DecodeDataAndParityBlocks: the heal path). */
  decodeDataAndParityBlocks(shards: (Uint8Array | null)[]): void {
    this.rs.reconstruct(shards);
  }

  /** Parity still consistent with the data for one block. */
  verify(shards: Uint8Array[]): boolean {
    return this.rs.verify(shards);
  }

  /** The whole object to one part file per shard, block after block (cmd/erasure-encode.go Erasure.Encode). */
  encodeObject(data: Uint8Array): Uint8Array[] {
    const fileSize = this.shardFileSize(data.length);
    const files = Array.from({ length: this.totalBlocks }, () => new Uint8Array(fileSize));
    let offset = 0;
    for (let start = 0; start < data.length; start += this.blockSize) {
      const shards = this.encodeData(data.subarray(start, Math.min(start + this.blockSize, data.length)));
      for (let i = 0; i < files.length; i++) files[i].set(shards[i], offset);
      offset += shards[0].length;
    }
    return files;
  }

  /**
   * The object back from its part files, null for each file that is missing or failed its bitrot check
   * (cmd/erasure-decode.go). Throws TooFewShardsError when fewer than dataBlocks files are usable.
   */
  decodeObject(files: readonly (Uint8Array | null)[], totalLength: number): Uint8Array {
    this.checkFiles(files, totalLength);
    const out = new Uint8Array(totalLength);
    this.forEachBlock(files, totalLength, (shards, blockStart, blockLength) => {
      this.rs.reconstructData(shards);
      out.set(join(shards, blockLength), blockStart);
    });
    return out;
  }

  /**
   * Every part file, the missing ones rebuilt (cmd/erasure-lowlevel-heal.go Erasure.Heal: decode data and parity
   * block by block). The files that were present are returned as they are.
   */
  healFiles(files: readonly (Uint8Array | null)[], totalLength: number): Uint8Array[] {
    this.checkFiles(files, totalLength);
    const fileSize = this.shardFileSize(totalLength);
    const healed = files.map((f) => f ?? new Uint8Array(fileSize));
    let offset = 0;
    this.forEachBlock(files, totalLength, (shards) => {
      this.rs.reconstruct(shards);
      for (let i = 0; i < files.length; i++) if (files[i] == null) healed[i].set(shards[i] as Uint8Array, offset);
      offset += (shards[0] as Uint8Array).length;
    });
    return healed;
  }

  private checkFiles(files: readonly (Uint8Array | null)[], totalLength: number): void {
    if (files.length !== this.totalBlocks) {
      throw new RangeError(`expected ${this.totalBlocks} part files (${this.dataBlocks} data + ${this.parityBlocks} parity), got ${files.length}`);
    }
    const fileSize = this.shardFileSize(totalLength);
    let present = 0;
    files.forEach((f, i) => {
      if (f == null) return;
      if (f.length !== fileSize) throw new RangeError(`part file ${i} has ${f.length} bytes; an object of ${totalLength} bytes needs ${fileSize}`);
      present++;
    });
    if (totalLength > 0 && present < this.dataBlocks) throw new TooFewShardsError(present, this.dataBlocks);
  }

  /** Calls `each` with the shards of every erasure block (subarrays of the files, null where a file is missing). */
  private forEachBlock(
    files: readonly (Uint8Array | null)[],
    totalLength: number,
    each: (shards: (Uint8Array | null)[], blockStart: number, blockLength: number) => void,
  ): void {
    let offset = 0;
    for (let blockStart = 0; blockStart < totalLength; blockStart += this.blockSize) {
      const blockLength = Math.min(this.blockSize, totalLength - blockStart);
      const per = ceilFrac(blockLength, this.dataBlocks);
      each(
        files.map((f) => (f == null ? null : f.subarray(offset, offset + per))),
        blockStart,
        blockLength,
      );
      offset += per;
    }
  }
}
