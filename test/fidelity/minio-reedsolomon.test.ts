// FACTS §7.4 and vectors/reedsolomon_vectors.json: MinIO's Reed–Solomon coding (klauspost/reedsolomon, identical to
// Backblaze JavaReedSolomon) reproduced byte for byte. The vector files are verbatim copies of
// ../shared/fidelity/vectors/reedsolomon_vectors.json, plus two files transcribed from upstream sources (each names
// its source): reedsolomon_facts.json (FACTS §7.4's parity rows and Backblaze's GaloisTest values) and
// minio_erasure_selftest.json (the table MinIO checks at every start-up in cmd/erasure-coding.go erasureSelfTest).
//
// Then the property the whole game rests on, over seeded random data: for every data/parity split MinIO allows on sets
// of 2..16 drives, any combination of up to `parity` lost shards is rebuilt byte for byte, and one more loss is
// refused with klauspost's "too few shards given".

import { describe, expect, it } from "vitest";
import { Rng } from "../../shared/sim/rng";
import { Erasure } from "../../shared/systems/minio/erasure/erasure";
import { gfExp, gfMul } from "../../shared/systems/minio/erasure/galois";
import { buildEncodingMatrix } from "../../shared/systems/minio/erasure/matrix";
import { ReedSolomon, split, TooFewShardsError } from "../../shared/systems/minio/erasure/reed-solomon";
import { defaultParity } from "../../shared/systems/minio/storage-class";
import selftest from "./vectors/minio_erasure_selftest.json";
import facts from "./vectors/reedsolomon_facts.json";
import vectors from "./vectors/reedsolomon_vectors.json";

interface EncodeVector {
  name: string;
  dataShards: number;
  parityShards: number;
  dataHex: string[];
  parityHex: string[];
}

function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function stripe(v: EncodeVector): Uint8Array[] {
  const size = v.dataHex[0].length / 2;
  return [...v.dataHex.map(fromHex), ...v.parityHex.map(() => new Uint8Array(size))];
}

describe("GF(2^8) with polynomial 0x11D (Backblaze GaloisTest)", () => {
  it.each(facts.galoisMul)("mul(%i, %i) = %i", (a, b, product) => {
    expect(gfMul(a, b)).toBe(product);
    expect(gfMul(b, a)).toBe(product);
  });
  it.each(facts.galoisExp)("exp(%i, %i) = %i", (a, n, power) => {
    expect(gfExp(a, n)).toBe(power);
  });
});

describe("encoding matrix (klauspost buildMatrix: Vandermonde times the inverse of its top square)", () => {
  const parityRows = facts.parityRows as Record<string, number[][]>;
  it.each(Object.keys(parityRows))("parity rows for %s", (split) => {
    const [data, parity] = split.split("+").map(Number);
    expect(new ReedSolomon(data, parity).parityMatrix()).toEqual(parityRows[split]);
    const m = buildEncodingMatrix(data, data + parity);
    // Systematic: the top square is the identity.
    for (let r = 0; r < data; r++) expect(Array.from(m[r])).toEqual(Array.from({ length: data }, (_, c) => (c === r ? 1 : 0)));
  });

  it("gives a single parity shard coefficients other than 1: MinIO's 2+1 parity is not plain XOR", () => {
    expect(new ReedSolomon(2, 1).parityMatrix()).toEqual([facts.singleParity2plus1]);
  });
});

describe("encode vectors (klauspost TestOneEncode, Backblaze testOneEncode, FACTS §7.4)", () => {
  it.each(vectors as EncodeVector[])("$name", (v) => {
    const rs = new ReedSolomon(v.dataShards, v.parityShards);
    const shards = stripe(v);
    rs.encode(shards);
    expect(shards.slice(v.dataShards).map(toHex)).toEqual(v.parityHex);
    expect(shards.slice(0, v.dataShards).map(toHex)).toEqual(v.dataHex);
    expect(rs.verify(shards)).toBe(true);
  });

  it.each(vectors as EncodeVector[])("$name: verify detects any single changed byte", (v) => {
    const rs = new ReedSolomon(v.dataShards, v.parityShards);
    const shards = stripe(v);
    rs.encode(shards);
    for (let s = 0; s < shards.length; s++) {
      for (let i = 0; i < shards[s].length; i++) {
        const saved = shards[s][i];
        shards[s][i] ^= 0x01;
        expect(rs.verify(shards)).toBe(false);
        shards[s][i] = saved;
      }
    }
    expect(rs.verify(shards)).toBe(true);
  });

  it.each(vectors as EncodeVector[])("$name: rebuilt after losing the first `parity` shards", (v) => {
    const rs = new ReedSolomon(v.dataShards, v.parityShards);
    const shards = stripe(v);
    rs.encode(shards);
    const damaged: (Uint8Array | null)[] = shards.map((s, i) => (i < v.parityShards ? null : s));
    rs.reconstruct(damaged);
    expect(damaged.map((s) => toHex(s as Uint8Array))).toEqual([...v.dataHex, ...v.parityHex]);
  });
});

/** XXH64 with seed 0 (github.com/cespare/xxhash/v2), written out from the xxHash specification. */
function xxhash64(input: Uint8Array): bigint {
  const M = (1n << 64n) - 1n;
  const P1 = 0x9e3779b185ebca87n;
  const P2 = 0xc2b2ae3d27d4eb4fn;
  const P3 = 0x165667b19e3779f9n;
  const P4 = 0x85ebca77c2b2ae63n;
  const P5 = 0x27d4eb2f165667c5n;
  const rotl = (x: bigint, r: bigint): bigint => ((x << r) | (x >> (64n - r))) & M;
  const u64 = (i: number): bigint => {
    let v = 0n;
    for (let k = 7; k >= 0; k--) v = (v << 8n) | BigInt(input[i + k]);
    return v;
  };
  const u32 = (i: number): bigint => BigInt((input[i] | (input[i + 1] << 8) | (input[i + 2] << 16) | (input[i + 3] << 24)) >>> 0);
  const round = (acc: bigint, lane: bigint): bigint => (rotl((acc + lane * P2) & M, 31n) * P1) & M;
  const n = input.length;
  let i = 0;
  let h: bigint;
  if (n >= 32) {
    const v = [(P1 + P2) & M, P2, 0n, (M + 1n - P1) & M];
    for (; i + 32 <= n; i += 32) for (let l = 0; l < 4; l++) v[l] = round(v[l], u64(i + 8 * l));
    h = (rotl(v[0], 1n) + rotl(v[1], 7n) + rotl(v[2], 12n) + rotl(v[3], 18n)) & M;
    for (const lane of v) h = ((h ^ round(0n, lane)) * P1 + P4) & M;
  } else {
    h = P5;
  }
  h = (h + BigInt(n)) & M;
  for (; i + 8 <= n; i += 8) h = (rotl(h ^ round(0n, u64(i)), 27n) * P1 + P4) & M;
  if (i + 4 <= n) {
    h = (rotl(h ^ ((u32(i) * P1) & M), 23n) * P2 + P3) & M;
    i += 4;
  }
  for (; i < n; i++) h = (rotl(h ^ ((BigInt(input[i]) * P5) & M), 11n) * P1) & M;
  h ^= h >> 33n;
  h = (h * P2) & M;
  h ^= h >> 29n;
  h = (h * P3) & M;
  return h ^ (h >> 32n);
}

describe("MinIO's erasure self-test (cmd/erasure-coding.go erasureSelfTest)", () => {
  it("the xxHash64 used to summarise it matches the xxHash reference values", () => {
    const enc = new TextEncoder();
    expect(xxhash64(new Uint8Array(0)).toString(16)).toBe("ef46db3751d8e999");
    expect(xxhash64(enc.encode("a")).toString(16)).toBe("d24ec4f1a98c6e5b");
    expect(xxhash64(enc.encode("abc")).toString(16)).toBe("44bc2cf5ad770999");
  });

  const data = Uint8Array.from({ length: 256 }, (_, i) => i);
  it.each(selftest.cases)("EC $dataBlocks+$parityBlocks of bytes 0..255 hashes to $xxhash64, and shard 0 is rebuilt", (c) => {
    const erasure = new Erasure(c.dataBlocks, c.parityBlocks);
    const shards = erasure.encodeData(data);
    const parts: number[] = [];
    shards.forEach((shard, i) => {
      parts.push(i, ...shard);
    });
    expect(xxhash64(Uint8Array.from(parts)).toString(16).padStart(16, "0")).toBe(c.xxhash64);
    const first = shards[0];
    const damaged: (Uint8Array | null)[] = [null, ...shards.slice(1)];
    erasure.decodeDataBlocks(damaged);
    expect(damaged[0]).toEqual(first);
  });
});

/** Every k-subset of 0..n-1, in lexicographic order. */
function* combinations(n: number, k: number): Generator<number[]> {
  const idx = Array.from({ length: k }, (_, i) => i);
  while (true) {
    yield idx.slice();
    let i = k - 1;
    while (i >= 0 && idx[i] === n - k + i) i--;
    if (i < 0) return;
    idx[i]++;
    for (let j = i + 1; j < k; j++) idx[j] = idx[j - 1] + 1;
  }
}

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

/** A seeded sample of `count` distinct k-subsets of 0..n-1. */
function sampleCombinations(rng: Rng, n: number, k: number, count: number): number[][] {
  const seen = new Set<string>();
  const out: number[][] = [];
  while (out.length < count) {
    const pick = rng.shuffle(Array.from({ length: n }, (_, i) => i)).slice(0, k).sort((a, b) => a - b);
    const key = pick.join(",");
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(pick);
  }
  return out;
}

/** Loss patterns to try for k lost shards: all of them, or a seeded sample plus the all-data and all-parity corners. */
function lossPatterns(rng: Rng, total: number, k: number, limit: number): number[][] {
  if (binomial(total, k) <= limit) return [...combinations(total, k)];
  const corners = [Array.from({ length: k }, (_, i) => i), Array.from({ length: k }, (_, i) => total - k + i)];
  return [...corners, ...sampleCombinations(rng, total, k, limit)];
}

// Every split MinIO allows: set sizes 2..16, parity from 1 to half the set (storageclass.ValidateParity), which
// includes each size's default parity.
const SPLITS: { setSize: number; parity: number }[] = [];
for (let setSize = 2; setSize <= 16; setSize++) {
  for (let parity = 1; parity <= Math.floor(setSize / 2); parity++) SPLITS.push({ setSize, parity });
}
/** Loss patterns tried per (split, number of lost shards) when there are more than this many. */
const PATTERN_LIMIT = 250;

describe("reconstruction after losing any combination of up to `parity` shards (seeded property test)", () => {
  it("covers every default parity", () => {
    for (let n = 2; n <= 16; n++) expect(SPLITS).toContainEqual({ setSize: n, parity: defaultParity(n) });
  });

  it.each(SPLITS)("$setSize drives at EC:$parity", ({ setSize, parity }) => {
    const data = setSize - parity;
    const seed = setSize * 100 + parity;
    const rng = new Rng(seed).fork("minio-reedsolomon");
    const length = rng.int(1, 200);
    const object = Uint8Array.from({ length }, () => rng.int(0, 256));
    const rs = new ReedSolomon(data, parity);
    const shards = split(object, data, parity);
    rs.encode(shards);
    expect(rs.verify(shards), `seed ${seed}`).toBe(true);

    for (let k = 1; k <= parity; k++) {
      for (const lost of lossPatterns(rng, setSize, k, PATTERN_LIMIT)) {
        const damaged: (Uint8Array | null)[] = shards.map((s, i) => (lost.includes(i) ? null : s.slice()));
        rs.reconstruct(damaged);
        for (let i = 0; i < setSize; i++) {
          if (toHex(damaged[i] as Uint8Array) !== toHex(shards[i])) {
            throw new Error(`seed ${seed}: shard ${i} differs after losing shards [${lost}] of ${data}+${parity}`);
          }
        }
        const dataOnly: (Uint8Array | null)[] = shards.map((s, i) => (lost.includes(i) ? null : s));
        const rebuilt = rs.reconstructData(dataOnly);
        expect(rebuilt.map(toHex), `seed ${seed}, lost [${lost}]`).toEqual(shards.slice(0, data).map(toHex));
      }
    }

    // One loss beyond the parity: too few shards remain, for any pattern.
    for (const lost of lossPatterns(rng, setSize, parity + 1, 20)) {
      const damaged: (Uint8Array | null)[] = shards.map((s, i) => (lost.includes(i) ? null : s));
      expect(() => rs.reconstruct(damaged), `seed ${seed}, lost [${lost}]`).toThrow(TooFewShardsError);
      expect(() => rs.reconstruct(damaged)).toThrow(/^too few shards given/);
      expect(() => rs.reconstructData(damaged)).toThrow(TooFewShardsError);
    }
  });
});
