// Seeded random runs 1–60 of the same cluster at QUORUM/QUORUM under any faults at all: several nodes crashed at
// once, partitions of any shape, one-way cuts, links that lose everything (chaos.ts, faults "any"). Requests then fail
// or time out — availability is lost — but safety must hold all the same: R + W > RF with synchronised clocks admits
// no stale read whatever fails. Once healed, the same liveness and convergence as under tolerated faults.
// A failure names its seed; replay it with runQuorumChaos(seed, WILD_QUORUM_CHAOS).

import { describe, expect, it } from "vitest";
import { fuzzQuorumSeeds, WILD_QUORUM_CHAOS } from "./chaos";

describe("Cassandra at QUORUM/QUORUM under any faults, seeds 1–60", () => {
  it("serves no stale read, breaks no invariant, and converges once healed and repaired", () => {
    const failed = fuzzQuorumSeeds(1, 60, WILD_QUORUM_CHAOS);
    expect(failed, failed.join("\n")).toEqual([]);
  });
});
