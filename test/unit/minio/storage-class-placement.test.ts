// Storage-class parsing and the write-time parity upgrade (shared/systems/minio/storage-class.ts), and the small
// placement helpers (uuid.ts, hash-order.ts, set-hash.ts) beyond the upstream vectors.

import { describe, expect, it } from "vitest";
import { Rng } from "../../../shared/sim/rng";
import { hashOrder } from "../../../shared/systems/minio/placement/hash-order";
import { sipHash24, sipHashMod } from "../../../shared/systems/minio/placement/siphash";
import { uuidBytes, uuidText, uuidV4FromWords } from "../../../shared/systems/minio/placement/uuid";
import {
  defaultParity,
  formatStorageClass,
  parityForStorageClass,
  parseStorageClass,
  putParity,
  storageClassConfig,
  validateParity,
} from "../../../shared/systems/minio/storage-class";

describe("parseStorageClass (internal/config/storageclass)", () => {
  it("reads EC:N", () => {
    expect(parseStorageClass("EC:4")).toEqual({ parity: 4 });
    expect(parseStorageClass("EC:0")).toEqual({ parity: 0 });
    expect(formatStorageClass({ parity: 3 })).toBe("EC:3");
  });

  it("rejects malformed values with MinIO's wording", () => {
    expect(() => parseStorageClass("EC:4:1")).toThrow("Invalid storage class value: Too many sections in EC:4:1");
    expect(() => parseStorageClass("EC")).toThrow("Invalid storage class value: Too few sections in EC");
    expect(() => parseStorageClass("RS:2")).toThrow("Invalid storage class value: Unsupported scheme RS. Supported scheme is EC");
    expect(() => parseStorageClass("EC:-1")).toThrow("Invalid storage class value: Unsupported parity value -1 provided");
    expect(() => parseStorageClass("EC:two")).toThrow(/Invalid storage class value/);
  });

  it("allows parity up to half the set", () => {
    expect(parseStorageClass("EC:8", 16)).toEqual({ parity: 8 });
    expect(() => parseStorageClass("EC:9", 16)).toThrow("parity 9 should be less than or equal to 8");
    expect(() => validateParity(3, 5)).toThrow("parity 3 should be less than or equal to 2");
  });

  it("builds both classes as LookupConfig does", () => {
    expect(storageClassConfig(16)).toEqual({ standard: 4, rrs: 1 });
    expect(storageClassConfig(1)).toEqual({ standard: 0, rrs: 0 });
    expect(storageClassConfig(16, { standard: "EC:6", rrs: "EC:2" })).toEqual({ standard: 6, rrs: 2 });
    expect(() => storageClassConfig(16, { standard: "EC:2", rrs: "EC:3" })).toThrow(
      "Standard storage class parity drives 2 should be greater than or equal to Reduced redundancy storage class parity drives 3",
    );
    expect(() => storageClassConfig(6, { standard: "EC:4" })).toThrow("Standard storage class parity 4 should be less than or equal to 3");
    const config = storageClassConfig(12);
    expect(parityForStorageClass(config)).toBe(4);
    expect(parityForStorageClass(config, "REDUCED_REDUNDANCY")).toBe(1);
    expect(parityForStorageClass(config, "STANDARD")).toBe(4);
  });

  it("refuses a set with no drives", () => {
    expect(() => defaultParity(0)).toThrow(/at least one drive/);
  });
});

describe("putParity: availability-optimized parity upgrade (cmd/erasure-object.go putObject)", () => {
  it("adds one parity shard per offline drive, up to half the set", () => {
    expect(putParity(16, 4, 0)).toEqual({ ok: true, parity: 4, dataBlocks: 12, writeQuorum: 12 });
    expect(putParity(16, 4, 3)).toEqual({ ok: true, parity: 7, dataBlocks: 9, writeQuorum: 9, upgradedFrom: 4 });
    expect(putParity(16, 4, 7)).toEqual({ ok: true, parity: 8, dataBlocks: 8, writeQuorum: 9, upgradedFrom: 4 });
    expect(putParity(4, 2, 1)).toEqual({ ok: true, parity: 2, dataBlocks: 2, writeQuorum: 3 });
  });

  it("fails at once when half the set (rounded up) is offline", () => {
    expect(putParity(16, 4, 8)).toEqual({ ok: false, reason: "write-quorum", offlineDrives: 8 });
    expect(putParity(5, 2, 3)).toEqual({ ok: false, reason: "write-quorum", offlineDrives: 3 });
    expect(putParity(5, 2, 2).ok).toBe(true);
  });
});

describe("placement helpers", () => {
  it("round-trips UUID text and bytes, and makes version-4 ids from random words", () => {
    const id = "f5c58c61-7175-4018-ab5e-a94fe9c2de4e";
    expect(uuidText(uuidBytes(id))).toBe(id);
    expect(() => uuidBytes("not-a-uuid")).toThrow(/must be a UUID/);
    const rng = new Rng(5);
    const v4 = uuidV4FromWords([rng.next(), rng.next(), rng.next(), rng.next()]);
    expect(v4).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("hashOrder is a rotation of 1..n", () => {
    for (const n of [1, 2, 5, 16]) {
      const order = hashOrder("bucket/object", n);
      expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
      for (let i = 1; i < n; i++) expect(order[i]).toBe((order[i - 1] % n) + 1);
    }
  });

  it("sipHashMod is the full 64-bit SipHash modulo the set count, for small and large counts alike", () => {
    const rng = new Rng(6);
    const id = "f5c58c61-7175-4018-ab5e-a94fe9c2de4e";
    for (let i = 0; i < 300; i++) {
      const key = `bucket/object-${rng.next()}`;
      const n = i % 2 === 0 ? rng.int(1, 64) : rng.int(1, 2 ** 31);
      expect(sipHashMod(key, n, id)).toBe(Number(sipHash24(uuidBytes(id), new TextEncoder().encode(key)) % BigInt(n)));
    }
  });

  it("refuses zero drives or zero sets in words", () => {
    expect(() => hashOrder("x", 0)).toThrow(/at least one drive/);
    expect(() => sipHashMod("x", 0, "f5c58c61-7175-4018-ab5e-a94fe9c2de4e")).toThrow(/number of erasure sets/);
  });
});
