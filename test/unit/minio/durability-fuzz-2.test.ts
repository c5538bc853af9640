// Seeded chaos runs 51–100 of a 4-server MinIO cluster (durability.ts), split over two files so the runner spreads
// them over cores: drives per server, parity, block size, latencies and pacing vary per seed; bots put and get while
// servers crash, restart and are cut off, drives fail and are replaced, and bits rot — always within parity.
// Safety: every get returns the bytes of a put of that key (or null), never of a failed put; no stale read; no
// invariant violated; no object lost, and no server claiming one is. Liveness: once the faults stop and one deep
// heal-objects has run, every object is intact on every drive and every server reads every key alike.
// A failure names its seed and what the seed chose; replay it with runDurability(seed) and pin it by name in
// regressions.test.ts.

import { describe, expect, it } from "vitest";
import { fuzzDurabilitySeeds } from "./durability";

describe("MinIO under faults within parity, seeds 51–100", () => {
  it("returns only bytes that were put, loses nothing acknowledged, and heals back to every shard intact", () => {
    const failed = fuzzDurabilitySeeds(51, 100);
    expect(failed, failed.join("\n")).toEqual([]);
  });
});
