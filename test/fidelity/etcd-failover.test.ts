// FACTS §4.1: failover timing. etcd 3.4.23 on loopback, 3 members: after SIGKILL of the leader a new leader
// appeared 1380 ms later (term 3 → 4); after SIGTERM the leader transferred leadership first, in about 100 ms,
// with no election timeout to wait for. The simulation must land in the same ballpark.

import { describe, expect, it } from "vitest";
import type { Simulation } from "../../shared/sim";
import { etcdSim, firstLeaderEvent, leaderOf, runUntilTrue } from "../unit/etcd/sim-harness";

function followers(sim: Simulation): string[] {
  return sim.nodes.filter((n) => sim.inspect(n).role === "follower");
}

function expectSafe(sim: Simulation): void {
  for (const inv of sim.invariantReport()) expect(inv, inv.first).toMatchObject({ ok: true });
}

describe("etcd failover timing", () => {
  it("a leader that is crashed is replaced after about an election timeout, at term + 1", () => {
    const gaps: number[] = [];
    for (let seed = 1; seed <= 20; seed++) {
      const sim = etcdSim(3, seed);
      sim.runUntil(3000);
      const old = leaderOf(sim) as string;
      const term = sim.inspect(old).stats.term;
      sim.apply({ type: "crash", node: old });
      sim.runUntil(8000);
      const next = firstLeaderEvent(sim, 3000);
      expect(next).toBeDefined();
      expect(next?.node).not.toBe(old);
      expect(next?.term).toBe(term + 1);
      gaps.push((next?.t ?? 0) - 3000);
      expectSafe(sim);
    }
    // A follower last heard from the leader at most one heartbeat before the crash, then times out after
    // [10, 19] of its own ticks, the first of which may come right after that heartbeat; with PreVote it then
    // needs two round trips.
    for (const g of gaps) expect(g).toBeGreaterThanOrEqual(800);
    for (const g of gaps) expect(g).toBeLessThanOrEqual(2200);
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    // etcd 3.4 measured 1380 ms for a 3-member cluster after SIGKILL of the leader (FACTS §4.1).
    expect(mean).toBeGreaterThan(1000);
    expect(mean).toBeLessThan(1700);
  });

  it("a leadership transfer hands over at once, without waiting for an election timeout", () => {
    const sim = etcdSim(3, 7);
    sim.runUntil(3000);
    const old = leaderOf(sim) as string;
    const term = sim.inspect(old).stats.term;
    const to = followers(sim)[0];
    sim.apply({ type: "action", action: { type: "transfer-leader", to } });
    const at = runUntilTrue(sim, () => leaderOf(sim) === to, 200);
    expect(at).not.toBeNull();
    expect((at as number) - 3000).toBeLessThan(50);
    expect(sim.inspect(to).stats.term).toBe(term + 1);
    expect(sim.timeline.some((e) => e.kind === "transfer" && e.node === old)).toBe(true);
    expectSafe(sim);
  });
});
