// FACTS §7.1–7.2 and vectors/minio_hash_vectors.json (a verbatim copy of ../shared/fidelity/vectors/): where MinIO
// puts things. An object's erasure set is SipHash-2-4 of its name keyed by the deployment id (crc32 for the legacy
// CRCMOD layout), its shards are rotated over the set's drives by hashOrder, and a pool's drives are cut into sets by
// getSetIndexes. vectors/minio_set_sizes.json transcribes MinIO's own tests of the set size (it names its source).

import { describe, expect, it } from "vitest";
import { crc32, crcHashMod } from "../../shared/systems/minio/placement/crc32";
import { driveOfShard, hashOrder, shardOfDrive, shuffleDrives } from "../../shared/systems/minio/placement/hash-order";
import { hashKey } from "../../shared/systems/minio/placement/set-hash";
import { ellipsisOrder, erasureSetSize, erasureSets } from "../../shared/systems/minio/placement/sets";
import { sipHash24, sipHashMod } from "../../shared/systems/minio/placement/siphash";
import { uuidBytes } from "../../shared/systems/minio/placement/uuid";
import hashVectors from "./vectors/minio_hash_vectors.json";
import setSizes from "./vectors/minio_set_sizes.json";

const ROWS = hashVectors.rows;
const UUID = hashVectors.testUUID;

describe("object names hashed as MinIO's tests do (TestCrcHashMod, TestSipHashMod, TestHashOrder)", () => {
  it.each(ROWS)("crc32 IEEE of $key is $crc32_ieee", (row) => {
    expect(crc32(row.key)).toBe(row.crc32_ieee);
  });
  it.each(ROWS)("crcHashMod($key, 200) = $crcHashMod200", (row) => {
    expect(crcHashMod(row.key, 200)).toBe(row.crcHashMod200);
    expect(hashKey("CRCMOD", row.key, 200, UUID)).toBe(row.crcHashMod200);
  });
  it.each(ROWS)("sipHashMod($key, 200, testUUID) = $sipHashMod200", (row) => {
    expect(sipHashMod(row.key, 200, UUID)).toBe(row.sipHashMod200);
    expect(sipHashMod(row.key, 200, uuidBytes(UUID))).toBe(row.sipHashMod200);
    expect(hashKey("SIPMOD+PARITY", row.key, 200, UUID)).toBe(row.sipHashMod200);
    expect(hashKey("SIPMOD", row.key, 200, UUID)).toBe(row.sipHashMod200);
  });
  it.each(ROWS)("hashOrder($key, 16)", (row) => {
    expect(hashOrder(row.key, 16)).toEqual(row.hashOrder16);
  });

  it("keys SipHash with the UUID's 16 bytes in written order (k0 = LE64 of bytes 0..8)", () => {
    expect(Array.from(uuidBytes(UUID).subarray(0, 4))).toEqual([0xf5, 0xc5, 0x8c, 0x61]);
  });

  it("SipHash-2-4 itself matches the reference vectors of the SipHash paper (key 00..0f)", () => {
    const key = Uint8Array.from({ length: 16 }, (_, i) => i);
    expect(sipHash24(key, new Uint8Array(0)).toString(16)).toBe("726fdb47dd0e0e31");
    expect(sipHash24(key, Uint8Array.from({ length: 15 }, (_, i) => i)).toString(16)).toBe("a129ca6149be45e5");
  });
});

describe("shard-to-drive placement (shuffleDisks)", () => {
  it("puts drive i's shard at position distribution[i] - 1, for every vector", () => {
    for (const row of ROWS) {
      const drives = Array.from({ length: 16 }, (_, i) => `drive${i}`);
      const byShard = shuffleDrives(drives, row.hashOrder16);
      row.hashOrder16.forEach((d, i) => {
        expect(byShard[d - 1]).toBe(drives[i]);
      });
      expect(driveOfShard(row.hashOrder16).map((i) => drives[i])).toEqual(byShard);
      expect(shardOfDrive(row.hashOrder16)).toEqual(row.hashOrder16.map((d) => d - 1));
    }
  });
});

describe("erasure set size per pool (FACTS §7.1; cmd/endpoint-ellipses.go getSetIndexes)", () => {
  const cases = setSizes.cases as { args: string; drives: number; servers?: number; setDriveCount?: number; setSize: number | null }[];
  it.each(cases)("$args ($drives drives, servers $servers, override $setDriveCount) -> $setSize", (c) => {
    const run = (): number => erasureSetSize(c.drives, { servers: c.servers, setDriveCount: c.setDriveCount });
    if (c.setSize === null) expect(run).toThrow();
    else expect(run()).toBe(c.setSize);
  });

  it("takes the largest divisor in 2..16 when no server symmetry constrains it (FACTS §7.1's rule)", () => {
    for (let drives = 2; drives <= 400; drives++) {
      const divisors = [16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2].filter((s) => drives % s === 0);
      if (divisors.length === 0) expect(() => erasureSetSize(drives)).toThrow(/not divisible by any supported erasure set sizes/);
      else expect(erasureSetSize(drives)).toBe(divisors[0]);
    }
  });

  it("refuses a drive count with no divisor in 2..16, in words", () => {
    expect(() => erasureSetSize(17)).toThrow("number of drives 17 is not divisible by any supported erasure set sizes [2 3 4 5 6 7 8 9 10 11 12 13 14 15 16]");
    expect(() => erasureSetSize(14144, { servers: 17 })).toThrow(/cannot be spread symmetrically/);
  });

  it("cuts 4 servers × 4 drives into one set that spans every server, in MinIO's ellipsis order", () => {
    const drives = ellipsisOrder(["host1", "host2", "host3", "host4"], ["/data1", "/data2", "/data3", "/data4"]).map((d) => d.server + d.drive);
    expect(drives.slice(0, 5)).toEqual(["host1/data1", "host2/data1", "host3/data1", "host4/data1", "host1/data2"]);
    expect(erasureSets(drives, { servers: 4 })).toEqual([drives]);
    const eight = ellipsisOrder(["a", "b"], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    const sets = erasureSets(eight, { servers: 2 });
    expect(sets.map((s) => s.length)).toEqual([16, 16]);
    for (const set of sets) expect(set.filter((d) => d.server === "a")).toHaveLength(8);
  });
});
