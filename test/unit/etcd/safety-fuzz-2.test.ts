// Raft's five safety properties, linearizability of the clients' history, and recovery once healed, over seeded
// random runs 251–500 of the 1000 (split in four files so the runner can spread them over cores).
// A failure names its seed; replay it with runChaos(seed) and pin it in safety-regressions.test.ts.

import { describe, expect, it } from "vitest";
import { fuzzSeeds } from "./chaos";

describe("etcd under random faults, seeds 251–500", () => {
  it("keeps every safety property, stays linearizable and elects a leader once healed", () => {
    const failed = fuzzSeeds(251, 500);
    expect(failed, failed.join("\n")).toEqual([]);
  });
});
