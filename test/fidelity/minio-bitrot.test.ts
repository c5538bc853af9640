// FACTS §7.3: MinIO's bitrot protection. vectors/minio_highwayhash.txt is a verbatim copy of
// ../shared/fidelity/vectors/minio_highwayhash.txt (HighwayHash-256 under MinIO's key, run on minio/highwayhash, and
// the start-up self-test). Two more files name their upstream source: minio_highwayhash_upstream.json (the library's
// own golden vectors, inputs of 0..64 bytes, which reach every partial-packet path) and minio_bitrot_selftest.json
// (cmd/bitrot.go bitrotSelfTest's constants). Then the streaming layout of part files: hash, block, hash, block.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Rng } from "../../shared/sim/rng";
import { Sha256 } from "../../shared/sim/sha256";
import {
  BITROT_HASH_SIZE,
  bitrotSelfTest,
  bitrotShardFileSize,
  encodeBitrot,
  verifyBitrot,
} from "../../shared/systems/minio/bitrot/bitrot";
import { HighwayHash256, highwayHash256, MAGIC_HIGHWAYHASH256_KEY } from "../../shared/systems/minio/bitrot/highwayhash";
import { Erasure } from "../../shared/systems/minio/erasure/erasure";
import selftest from "./vectors/minio_bitrot_selftest.json";
import upstream from "./vectors/minio_highwayhash_upstream.json";

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function fromHex(hex: string): Uint8Array {
  return Uint8Array.from({ length: hex.length / 2 }, (_, i) => Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16));
}

// First line: "selftest match: true <hex> size 32 block 32"; the rest: a JSON object of input label → digest.
const text = readFileSync(new URL("./vectors/minio_highwayhash.txt", import.meta.url), "utf8");
const newline = text.indexOf("\n");
const selftestLine = text.slice(0, newline).split(" ");
const runVectors = JSON.parse(text.slice(newline + 1)) as Record<string, string>;

function inputFor(label: string): Uint8Array {
  if (label === "<1024 zero bytes>") return new Uint8Array(1024);
  return new TextEncoder().encode(label);
}

describe("HighwayHash-256 with MinIO's magicHighwayHash256Key (minio/highwayhash, run)", () => {
  it("uses the key in cmd/bitrot.go", () => {
    expect(toHex(MAGIC_HIGHWAYHASH256_KEY)).toBe("4be734fa8e238acd263e83e6bb968552040f935da39f441497e09d1322de36a0");
  });

  it.each(Object.entries(runVectors))("%j", (label, digest) => {
    expect(toHex(highwayHash256(inputFor(label)))).toBe(digest);
  });

  it("passes MinIO's bitrot self-test", () => {
    expect(selftestLine.slice(0, 3)).toEqual(["selftest", "match:", "true"]);
    expect(bitrotSelfTest()).toBe(selftestLine[3]);
    expect(bitrotSelfTest()).toBe(selftest.checksums.HighwayHash256S);
  });

  it("reads the self-test loop as MinIO does: the project's SHA-256 gives cmd/bitrot.go's SHA256 constant", () => {
    // Same loop, with SHA-256's Size 32 and BlockSize 64: 64 rounds.
    let msg = new Uint8Array(0);
    let sum = "";
    for (let i = 0; i < 32 * selftest.blockSizes.SHA256; i += 32) {
      sum = new Sha256().updateBytes(msg).digestHex();
      const next = new Uint8Array(msg.length + 32);
      next.set(msg);
      next.set(fromHex(sum), msg.length);
      msg = next;
    }
    expect(sum).toBe(selftest.checksums.SHA256);
  });
});

describe("HighwayHash-256 golden vectors (minio/highwayhash highwayhash_test.go testVectors256)", () => {
  const key = fromHex(upstream.key);
  const input = Uint8Array.from({ length: upstream.digests.length }, (_, i) => i);
  it.each(upstream.digests.map((digest, length) => ({ length, digest })))("$length bytes", ({ length, digest }) => {
    expect(toHex(highwayHash256(input.subarray(0, length), key))).toBe(digest);
  });

  it("gives the same digest however the input is fed to the stream", () => {
    const rng = new Rng(7).fork("highwayhash-chunks");
    const data = Uint8Array.from({ length: 300 }, () => rng.int(0, 256));
    const whole = toHex(highwayHash256(data));
    for (let trial = 0; trial < 20; trial++) {
      const h = new HighwayHash256();
      let at = 0;
      while (at < data.length) {
        const n = rng.int(0, 70);
        h.update(data.subarray(at, at + n));
        at += n;
      }
      expect(toHex(h.digest())).toBe(whole);
    }
  });
});

describe("streaming bitrot layout (cmd/bitrot-streaming.go, bitrotShardFileSize)", () => {
  it("is ceil(size / shardSize) · 32 + size bytes", () => {
    expect(bitrotShardFileSize(0, 100)).toBe(0);
    expect(bitrotShardFileSize(1, 100)).toBe(33);
    expect(bitrotShardFileSize(100, 100)).toBe(132);
    expect(bitrotShardFileSize(101, 100)).toBe(165);
    // A 16-drive set at EC:4: 12 data shards, shardSize = ceil(1 MiB / 12) = 87382.
    const erasure = new Erasure(12, 4);
    expect(erasure.shardSize()).toBe(87382);
    const object = 5 * 1024 * 1024 + 12345;
    const shardFile = erasure.shardFileSize(object);
    expect(shardFile).toBe(5 * 87382 + Math.ceil(12345 / 12));
    expect(bitrotShardFileSize(shardFile, erasure.shardSize())).toBe(6 * 32 + shardFile);
  });

  it("writes each block's HighwayHash-256 before the block", () => {
    const shard = Uint8Array.from({ length: 250 }, (_, i) => (i * 7) & 0xff);
    const file = encodeBitrot(shard, 100);
    expect(file.length).toBe(bitrotShardFileSize(250, 100));
    const stride = BITROT_HASH_SIZE + 100;
    for (let block = 0; block < 3; block++) {
      const content = shard.subarray(block * 100, Math.min(block * 100 + 100, 250));
      expect(file.subarray(block * stride, block * stride + 32)).toEqual(highwayHash256(content));
      expect(file.subarray(block * stride + 32, block * stride + 32 + content.length)).toEqual(content);
    }
    expect(verifyBitrot(file, 100)).toEqual({ ok: true, data: shard });
    expect(verifyBitrot(file, 100, 250)).toEqual({ ok: true, data: shard });
  });

  it("finds a flipped bit in the block that holds it, whether in the data or in the stored hash", () => {
    const rng = new Rng(11).fork("bitrot-flip");
    const blockSize = 64;
    const shard = Uint8Array.from({ length: 1000 }, () => rng.int(0, 256));
    const file = encodeBitrot(shard, blockSize);
    const stride = BITROT_HASH_SIZE + blockSize;
    for (let trial = 0; trial < 200; trial++) {
      const at = rng.int(0, file.length);
      const bit = 1 << rng.int(0, 8);
      const damaged = file.slice();
      damaged[at] ^= bit;
      expect(verifyBitrot(damaged, blockSize), `byte ${at} bit ${bit}`).toEqual({ ok: false, block: Math.floor(at / stride), reason: "hash" });
    }
  });

  it("reports a file cut short or padded as corrupt", () => {
    const file = encodeBitrot(new Uint8Array(250), 100);
    expect(verifyBitrot(file.subarray(0, 140), 100)).toEqual({ ok: false, block: 1, reason: "size" });
    expect(verifyBitrot(file.subarray(0, 200), 100, 250)).toEqual({ ok: false, block: 1, reason: "size" });
    expect(verifyBitrot(file.subarray(0, 132), 100, 250)).toMatchObject({ ok: false, reason: "size" });
  });
});
