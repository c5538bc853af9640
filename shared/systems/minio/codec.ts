// An object to shards and back, block by block, as MinIO's erasure coder does (cmd/erasure-encode.go,
// erasure-decode.go): the object is cut into blocks of blockSize; each block is split into `data` shards (zero
// padded) and `parity` parity shards are computed; shard i of the object is shard i of every block, one after the
// other. On disk every shard block is preceded by its bitrot hash (bitrot/bitrot.ts).

import { encodeBitrot, verifyBitrot } from "./bitrot/bitrot";
import { join, ReedSolomon, split } from "./erasure/reed-solomon";

const coders = new Map<string, ReedSolomon>();

/** One coder per data/parity split, as klauspost caches its inversion matrices inside a coder. */
export function coderFor(data: number, parity: number): ReedSolomon {
  const id = `${data}+${parity}`;
  let rs = coders.get(id);
  if (!rs) coders.set(id, (rs = new ReedSolomon(data, parity)));
  return rs;
}

/** The size of each shard block: ceil(blockSize / data) (erasure.ShardSize). */
export function shardBlockSize(blockSize: number, data: number): number {
  return Math.ceil(blockSize / data);
}

/** Encodes an object into data + parity shard streams, each wrapped in its bitrot layout. */
export function encodeObject(bytes: Uint8Array, data: number, parity: number, blockSize: number): Uint8Array[] {
  const rs = coderFor(data, parity);
  const streams: number[][] = Array.from({ length: data + parity }, () => []);
  // A 0-byte object has no blocks: every shard file is empty and only xl.meta says it exists.
  for (let off = 0; off < bytes.length; off += blockSize) {
    const block = bytes.subarray(off, Math.min(bytes.length, off + blockSize));
    const shards = split(block, data, parity);
    rs.encode(shards);
    shards.forEach((s, i) => {
      for (const b of s) streams[i].push(b);
    });
  }
  const size = shardBlockSize(blockSize, data);
  return streams.map((s) => encodeBitrot(Uint8Array.from(s), size));
}

/** Checks a shard file's bitrot hashes: its shard stream, or null when a block does not match (corrupt). */
export function readShardFile(file: Uint8Array, blockSize: number, data: number): Uint8Array | null {
  const verified = verifyBitrot(file, shardBlockSize(blockSize, data));
  return verified.ok ? verified.data : null;
}

/**
 * Rebuilds the object from its shard streams (null for a missing or corrupt shard). Needs at least `data` of them;
 * throws otherwise.
 */
export function decodeObject(streams: (Uint8Array | null)[], data: number, parity: number, size: number, blockSize: number): Uint8Array {
  const rs = coderFor(data, parity);
  const out = new Uint8Array(size);
  const shardSize = shardBlockSize(blockSize, data);
  let pos = 0;
  for (let off = 0, b = 0; off < size; off += blockSize, b++) {
    const blockLen = Math.min(size - off, blockSize);
    const len = Math.ceil(blockLen / data);
    const shards = streams.map((s) => (s === null ? null : s.subarray(b * shardSize, b * shardSize + len)));
    const missingData = shards.slice(0, data).some((s) => s === null);
    const whole = missingData ? rs.reconstructData(shards) : (shards.slice(0, data) as Uint8Array[]);
    const block = join(whole, blockLen);
    out.set(block, pos);
    pos += blockLen;
  }
  return out;
}

/** Rebuilds every shard stream (data and parity), for healing. */
export function rebuildShards(streams: (Uint8Array | null)[], data: number, parity: number, size: number, blockSize: number): Uint8Array[] {
  const bytes = decodeObject(streams, data, parity, size, blockSize);
  return encodeObject(bytes, data, parity, blockSize);
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

export function toHex(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += HEX[b];
  return s;
}

/** Value of each hex digit by char code (0-9, a-f, A-F); shard files cross the wire as hex, so this is hot. */
const NIBBLE = new Uint8Array(128);
for (let i = 0; i < 10; i++) NIBBLE[48 + i] = i;
for (let i = 0; i < 6; i++) NIBBLE[97 + i] = NIBBLE[65 + i] = 10 + i;

export function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length >> 1);
  for (let i = 0, j = 0; i < out.length; i++, j += 2) out[i] = (NIBBLE[hex.charCodeAt(j) & 127] << 4) | NIBBLE[hex.charCodeAt(j + 1) & 127];
  return out;
}
