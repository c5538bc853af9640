// FACTS §3.1–3.2 and vectors/cassandra_murmur3.json: Cassandra's Murmur3Partitioner tokens, h1 and h2 of
// MurmurHash.hash3_x64_128, reproduced exactly. The vectors are a verbatim copy of
// ../shared/fidelity/vectors/cassandra_murmur3.json, kept in the project so a clean clone can run this test.
// A reference MurmurHash3_x64_128 (unsigned tail bytes, as in Austin Appleby's C++) is written out below to show
// that Cassandra's signed-tail quirk changes exactly the vectors the sheet says it changes.

import { describe, expect, it } from "vitest";
import {
  hash3x64_128,
  MAX_TOKEN,
  MIN_TOKEN,
  murmur3Token,
  ringFraction,
  tokenForKey,
} from "../../shared/systems/cassandra/ring/murmur3";
import vectors from "./vectors/cassandra_murmur3.json";

interface Vector {
  label: string;
  hex: string;
  token: string;
  h1: string;
  h2: string;
  standard_mmh3_h1: string;
  differs_from_standard: boolean;
}

const VECTORS = vectors as Vector[];

function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

// Reference MurmurHash3_x64_128 h1, written independently from the C++ original: bytes read unsigned everywhere.
const M = (1n << 64n) - 1n;
function referenceH1(data: Uint8Array): bigint {
  const c1 = 0x87c37b91114253d5n;
  const c2 = 0x4cf5ad432745937fn;
  const rotl = (x: bigint, r: bigint) => ((x << r) | (x >> (64n - r))) & M;
  const fmix = (k: bigint) => {
    k ^= k >> 33n;
    k = (k * 0xff51afd7ed558ccdn) & M;
    k ^= k >> 33n;
    k = (k * 0xc4ceb9fe1a85ec53n) & M;
    return k ^ (k >> 33n);
  };
  const le = (at: number, n: number) => {
    let v = 0n;
    for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(data[at + i]);
    return v;
  };
  let h1 = 0n;
  let h2 = 0n;
  const blocks = Math.floor(data.length / 16);
  for (let i = 0; i < blocks; i++) {
    let k1 = le(i * 16, 8);
    let k2 = le(i * 16 + 8, 8);
    k1 = (rotl((k1 * c1) & M, 31n) * c2) & M;
    h1 = (((rotl(h1 ^ k1, 27n) + h2) & M) * 5n + 0x52dce729n) & M;
    k2 = (rotl((k2 * c2) & M, 33n) * c1) & M;
    h2 = (((rotl(h2 ^ k2, 31n) + h1) & M) * 5n + 0x38495ab5n) & M;
  }
  const tail = blocks * 16;
  const rest = data.length - tail;
  if (rest > 8) h2 ^= (rotl((le(tail + 8, rest - 8) * c2) & M, 33n) * c1) & M;
  if (rest > 0) h1 ^= (rotl((le(tail, Math.min(rest, 8)) * c1) & M, 31n) * c2) & M;
  h1 ^= BigInt(data.length);
  h2 ^= BigInt(data.length);
  h1 = (h1 + h2) & M;
  h2 = (h2 + h1) & M;
  h1 = fmix(h1);
  h2 = fmix(h2);
  h1 = (h1 + h2) & M;
  return BigInt.asIntN(64, h1);
}

describe("Cassandra Murmur3Partitioner (FACTS §3.2 vectors)", () => {
  it("has the vectors", () => {
    expect(VECTORS.length).toBe(8);
  });

  for (const v of VECTORS) {
    it(`${v.label}: token, h1 and h2 match the real algorithm`, () => {
      const bytes = fromHex(v.hex);
      const [h1, h2] = hash3x64_128(bytes);
      expect(h1.toString()).toBe(v.h1);
      expect(h2.toString()).toBe(v.h2);
      expect(murmur3Token(bytes).toString()).toBe(v.token);
    });

    it(`${v.label}: differs from reference MurmurHash3 exactly when the sheet says so`, () => {
      const bytes = fromHex(v.hex);
      const standard = referenceH1(bytes);
      expect(standard.toString()).toBe(v.standard_mmh3_h1);
      expect(hash3x64_128(bytes)[0] !== standard).toBe(v.differs_from_standard);
    });
  }

  it("text keys hash their UTF-8 bytes", () => {
    for (const v of VECTORS.filter((x) => x.label.startsWith("utf8:"))) {
      expect(tokenForKey(v.label.slice("utf8:".length)).toString()).toBe(v.token);
    }
    // FACTS §3.3's worked example uses "foo".
    expect(tokenForKey("foo")).toBe(-2129773440516405919n);
  });

  it("non-ASCII text keys go through the signed-tail quirk too", () => {
    // "é" is C3 A9: two tail bytes >= 0x80, so Cassandra's token is not the reference MurmurHash3's h1.
    const bytes = new Uint8Array([0xc3, 0xa9]);
    expect(tokenForKey("é")).toBe(murmur3Token(bytes));
    expect(murmur3Token(bytes)).not.toBe(referenceH1(bytes));
  });

  it("the empty key is the minimum token; every other token is inside [MIN + 1, MAX]", () => {
    expect(murmur3Token(new Uint8Array())).toBe(MIN_TOKEN);
    expect(MIN_TOKEN).toBe(-(2n ** 63n));
    expect(MAX_TOKEN).toBe(2n ** 63n - 1n);
    for (let i = 0; i < 200; i++) {
      const t = tokenForKey(`key-${i}`);
      expect(t > MIN_TOKEN && t <= MAX_TOKEN).toBe(true);
    }
  });

  it("a seed changes the hash", () => {
    const bytes = fromHex("313233");
    expect(hash3x64_128(bytes, 1n)).not.toEqual(hash3x64_128(bytes, 0n));
  });

  it("ringFraction maps the token range onto [0, 1) in order", () => {
    expect(ringFraction(MIN_TOKEN)).toBe(0);
    expect(ringFraction(0n)).toBe(0.5);
    expect(ringFraction(MAX_TOKEN)).toBeLessThan(1);
    expect(ringFraction(MAX_TOKEN)).toBeGreaterThan(0.999999);
    expect(ringFraction(-(2n ** 62n))).toBe(0.25);
    expect(ringFraction(-6_000_000_000_000_000_000n)).toBeLessThan(ringFraction(-2_000_000_000_000_000_000n));
  });
});
