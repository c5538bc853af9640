// The Reed–Solomon coder's contract beyond the upstream vectors (test/fidelity/minio-reedsolomon.test.ts): argument
// checks in words, split/join, zero parity, and MinIO's block-level Erasure wrapper over whole objects.

import { describe, expect, it } from "vitest";
import { Rng } from "../../../shared/sim/rng";
import { BLOCK_SIZE_V2, Erasure } from "../../../shared/systems/minio/erasure/erasure";
import { join, ReedSolomon, shardSize, split, TooFewShardsError } from "../../../shared/systems/minio/erasure/reed-solomon";
import { xorParity } from "../../../shared/systems/minio/erasure/xor-parity";

function randomBytes(rng: Rng, n: number): Uint8Array {
  return Uint8Array.from({ length: n }, () => rng.int(0, 256));
}

describe("ReedSolomon arguments", () => {
  it("needs at least one data shard, no negative parity, and at most 256 shards", () => {
    expect(() => new ReedSolomon(0, 2)).toThrow("Reed–Solomon needs at least one data shard, got 0");
    expect(() => new ReedSolomon(2, -1)).toThrow(/parity shard count must be a whole number >= 0/);
    expect(() => new ReedSolomon(200, 57)).toThrow("at most 256 data + parity shards fit in GF(2^8), got 200 + 57");
    expect(new ReedSolomon(17, 3).totalShards).toBe(20);
  });

  it("checks shard counts and sizes", () => {
    const rs = new ReedSolomon(2, 1);
    expect(() => rs.encode([new Uint8Array(2), new Uint8Array(2)])).toThrow(/needs exactly 3 shards/);
    expect(() => rs.encode([new Uint8Array(2), new Uint8Array(3), new Uint8Array(2)])).toThrow(/shard sizes do not match/);
    expect(() => rs.reconstruct([new Uint8Array(2), null, new Uint8Array(3)])).toThrow(/shard sizes do not match/);
  });

  it("with no parity, encoding is a no-op and any loss is fatal", () => {
    const rs = new ReedSolomon(3, 0);
    const shards = split(Uint8Array.from([1, 2, 3, 4, 5]), 3, 0);
    rs.encode(shards);
    expect(rs.verify(shards)).toBe(true);
    expect(() => rs.reconstruct([shards[0], null, shards[2]])).toThrow(TooFewShardsError);
  });

  it("returns the data shards from reconstructData and leaves lost parity missing", () => {
    const rs = new ReedSolomon(3, 2);
    const shards = split(Uint8Array.from("abcdefghi", (c) => c.charCodeAt(0)), 3, 2);
    rs.encode(shards);
    const damaged: (Uint8Array | null)[] = [null, shards[1], shards[2], null, shards[4]];
    expect(rs.reconstructData(damaged)).toEqual(shards.slice(0, 3));
    expect(damaged[3]).toBeNull();
  });

  it("throws the same too-few-shards error when every shard is gone", () => {
    expect(() => new ReedSolomon(2, 2).reconstruct([null, null, null, null])).toThrow(/^too few shards given: 0 present, at least 2 needed/);
  });
});

describe("split and join (klauspost Split/Join)", () => {
  it("cuts into ceil(len / data) bytes per shard with zero padding, and joins back", () => {
    const rng = new Rng(3);
    for (let trial = 0; trial < 100; trial++) {
      const data = rng.int(1, 17);
      const parity = rng.int(0, 5);
      const bytes = randomBytes(rng, rng.int(1, 300));
      const shards = split(bytes, data, parity);
      expect(shards).toHaveLength(data + parity);
      for (const s of shards) expect(s.length).toBe(shardSize(bytes.length, data));
      const padded = new Uint8Array(shards[0].length * data);
      shards.slice(0, data).forEach((s, i) => {
        padded.set(s, i * s.length);
      });
      expect(Array.from(padded.subarray(bytes.length)).every((b) => b === 0)).toBe(true);
      expect(join(shards, bytes.length)).toEqual(bytes);
    }
  });

  it("refuses empty data, a missing data shard, and asking for more bytes than there are", () => {
    expect(() => split(new Uint8Array(0), 4, 2)).toThrow(/not enough data/);
    expect(() => join([Uint8Array.from([1]), null], 2)).toThrow(/data shard 1 is missing/);
    expect(() => join([Uint8Array.from([1])], 2)).toThrow(/only 1 bytes/);
  });
});

describe("Erasure: MinIO's per-object block layout (cmd/erasure-coding.go, erasure-encode.go, erasure-decode.go)", () => {
  it("uses 1 MiB blocks and MinIO's shard sizes", () => {
    const e = new Erasure(12, 4);
    expect(e.blockSize).toBe(BLOCK_SIZE_V2);
    expect(e.shardSize()).toBe(87382);
    expect(e.shardFileSize(0)).toBe(0);
    expect(e.shardFileSize(1)).toBe(1);
    expect(e.shardFileSize(BLOCK_SIZE_V2)).toBe(87382);
    expect(e.shardFileSize(2 * BLOCK_SIZE_V2 + 100)).toBe(2 * 87382 + 9);
  });

  it("round-trips objects over several blocks after losing up to `parity` part files, and heals them exactly", () => {
    const rng = new Rng(4);
    for (let trial = 0; trial < 40; trial++) {
      const data = rng.int(1, 9);
      const parity = rng.int(1, Math.min(data, 8) + 1);
      const e = new Erasure(data, parity, rng.int(1, 64));
      const object = randomBytes(rng, rng.int(0, 500));
      const files = e.encodeObject(object);
      for (const f of files) expect(f.length).toBe(e.shardFileSize(object.length));
      const lost = new Set(rng.shuffle(Array.from({ length: data + parity }, (_, i) => i)).slice(0, rng.int(0, parity + 1)));
      const surviving = files.map((f, i) => (lost.has(i) ? null : f));
      expect(e.decodeObject(surviving, object.length)).toEqual(object);
      expect(e.healFiles(surviving, object.length)).toEqual(files);
    }
  });

  it("refuses to decode with one part file too few", () => {
    const e = new Erasure(4, 2, 16);
    const files: (Uint8Array | null)[] = e.encodeObject(Uint8Array.from({ length: 100 }, (_, i) => i));
    files[0] = files[3] = files[5] = null;
    expect(() => e.decodeObject(files, 100)).toThrow(TooFewShardsError);
  });

  it("encodes an empty object as empty shards", () => {
    const e = new Erasure(2, 2);
    expect(e.encodeData(new Uint8Array(0))).toEqual([0, 0, 0, 0].map(() => new Uint8Array(0)));
    expect(e.encodeObject(new Uint8Array(0))).toEqual([0, 0, 0, 0].map(() => new Uint8Array(0)));
    expect(e.decodeObject([null, null, new Uint8Array(0), null], 0)).toEqual(new Uint8Array(0));
  });
});

describe("xorParity (the bench baseline)", () => {
  it("is the XOR of the shards", () => {
    expect(Array.from(xorParity([Uint8Array.from([1, 2]), Uint8Array.from([3, 4]), Uint8Array.from([5, 8])]))).toEqual([7, 14]);
  });
});
