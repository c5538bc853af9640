// FACTS §2.1–2.2 and vectors/kafka_murmur2.json: Kafka's default partitioner for keyed records,
// toPositive(murmur2(utf8(key))) % numPartitions, reproduced exactly for every vector (hash, toPositive, and the
// partition for 3, 6, 12 and 50 partitions). The vectors are a verbatim copy of
// ../shared/fidelity/vectors/kafka_murmur2.json, kept in the project so a clean clone can run this test.

import { describe, expect, it } from "vitest";
import { murmur2, partitionForKey, toPositive } from "../../shared/systems/kafka/murmur2";
import vectors from "./vectors/kafka_murmur2.json";

interface Vector {
  key: string;
  murmur2: number;
  toPositive: number;
  p3: number;
  p6: number;
  p12: number;
  p50: number;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

describe("Kafka murmur2 partitioner (FACTS §2.2)", () => {
  it("has the eight vectors of the sheet", () => {
    expect(vectors).toHaveLength(8);
  });

  for (const v of vectors as Vector[]) {
    it(`key ${JSON.stringify(v.key)}: murmur2 ${v.murmur2}, partitions ${v.p3}/${v.p6}/${v.p12}/${v.p50}`, () => {
      expect(murmur2(utf8(v.key))).toBe(v.murmur2);
      expect(toPositive(murmur2(utf8(v.key)))).toBe(v.toPositive);
      expect(partitionForKey(v.key, 3)).toBe(v.p3);
      expect(partitionForKey(v.key, 6)).toBe(v.p6);
      expect(partitionForKey(v.key, 12)).toBe(v.p12);
      expect(partitionForKey(v.key, 50)).toBe(v.p50);
    });
  }

  it("uses toPositive (n & 0x7fffffff), not Math.abs, for negative hashes", () => {
    const h = murmur2(utf8("21"));
    expect(h).toBeLessThan(0);
    expect(toPositive(h)).not.toBe(Math.abs(h));
    expect(partitionForKey("21", 50)).toBe(40);
    expect(Math.abs(h) % 50).not.toBe(40);
  });
});
