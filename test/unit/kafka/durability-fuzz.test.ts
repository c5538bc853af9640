// Durability under faults, over 100 seeds (FACTS §2.3, GUIDE §5): with acks=all, min.insync.replicas=2 and unclean
// leader election off, no acknowledged send is ever lost, whatever crashes, partitions and slow links the seed
// draws; with acks=1 and leader crashes behind slow followers, acknowledged sends are lost. "Lost" is judged from
// the client history (every ok send's partition, offset and message looked up in the current leader's log), and
// the summary's ackedLost metric must agree with it.

import { describe, expect, it } from "vitest";
import { runChaos } from "./chaos";

const SAFE = { acks: "all", minInsyncReplicas: 2, uncleanLeaderElection: false };

describe("acks=all + min.insync.replicas=2 + clean elections", () => {
  for (let seed = 1; seed <= 60; seed++) {
    it(`seed ${seed}: loses no acknowledged message and keeps every invariant`, () => {
      const run = runChaos(seed, SAFE);
      expect(run.okSends).toBeGreaterThan(0);
      expect(run.lostAcked).toEqual([]);
      expect(run.summary.ackedLost).toBe(0);
      expect(run.sim.invariantReport().filter((i) => !i.ok)).toEqual([]);
    });
  }
});

describe("acks=1 with leader crashes", () => {
  const runs = Array.from({ length: 40 }, (_, i) => ({ seed: i + 1, run: runChaos(i + 1, { acks: "1" }, { leaderCrashesOnly: true }) }));

  it("loses acknowledged messages on some seeds", () => {
    const losing = runs.filter((r) => r.run.lostAcked.length > 0).map((r) => r.seed);
    expect(losing.length).toBeGreaterThanOrEqual(5);
  });

  it("the lost messages were acknowledged to their producers (ok sends in the history), and ackedLost counts exactly them", () => {
    for (const { run } of runs) {
      const okMessages = new Set(run.sim.history.filter((h) => h.type === "ok" && h.f === "send").map((h) => (h.value as { message: string }).message));
      for (const lost of run.lostAcked) expect(okMessages.has(lost.message)).toBe(true);
      expect(run.summary.ackedLost).toBe(run.lostAcked.length);
    }
  });

  it("keeps the replication invariants even while it loses messages (clean elections only)", () => {
    for (const { run } of runs) expect(run.sim.invariantReport().filter((i) => !i.ok)).toEqual([]);
  });
});
