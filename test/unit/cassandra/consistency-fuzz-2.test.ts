// Seeded random runs 61–120 of 240 (split over four files so the runner spreads them over cores): a 5-node RF 3
// cluster at QUORUM/QUORUM under faults it tolerates — one node crashed or isolated at a time, quick crash-restarts,
// slow and lossy links, clocks in sync (chaos.ts). No stale read, no invariant violation, a linearizable history
// where read repair blocks; once healed: every request served, every hint delivered, and after one repair every
// replica of every key holding the same cell.
// A failure names its seed and what the seed chose; replay it with runQuorumChaos(seed) and pin it as a named test
// in consistency-regressions.test.ts.

import { describe, expect, it } from "vitest";
import { fuzzQuorumSeeds } from "./chaos";

describe("Cassandra at QUORUM/QUORUM under the faults it tolerates, seeds 61–120", () => {
  it("serves no stale read, breaks no invariant, and converges once healed and repaired", () => {
    const failed = fuzzQuorumSeeds(61, 120);
    expect(failed, failed.join("\n")).toEqual([]);
  });
});
