// Asynchronous replication (FACTS §1, GUIDE §5): a master acknowledges a write before its replica has it, so a
// replica promoted while behind loses exactly the acknowledged writes it never received — and the history shows
// it. CLUSTER FAILOVER (default) waits until the replica has the master's whole stream, and loses nothing.

import { describe, expect, it } from "vitest";
import { checkHistory } from "../../../shared/checkers";
import { keySlot } from "../../../shared/systems/redis-cluster";
import { Cluster } from "./harness";

/** Keys in n1's slots (0..5460), so n1 acknowledges their writes. */
const KEYS: string[] = [];
for (let i = 0; KEYS.length < 6; i++) if (keySlot(`key${i}`) <= 5460) KEYS.push(`key${i}`);

function loadedCluster(seed: number): Cluster {
  const c = new Cluster({ seed });
  c.sim.startWorkload({ clients: 3, rate: 20, keys: KEYS, mix: { read: 1, write: 1 }, timeoutMs: 2000 });
  c.run(3000);
  return c;
}

describe("asynchronous replication", () => {
  it("loses exactly the acknowledged writes the promoted replica never received", () => {
    let seen = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const c = loadedCluster(seed);
      c.apply({ type: "cut", from: "n1", to: "n4" }); // the replication stream stops reaching n4
      c.run(3000);
      c.apply({ type: "crash", node: "n1" });
      c.run(12_000);
      c.sim.stopWorkload();
      c.run(3000);
      const n1 = c.node("n1");
      const n4 = c.node("n4");
      expect(n4.role, `seed ${seed}`).toBe("master");
      // Acknowledged by n1 (marked `a`), beyond the offset n4 had when it took over (PSYNC2's offset2).
      const lost = n1.repl.backlog.filter((e) => e.a === 1 && e.o > n4.repl.offset2);
      expect(c.summary().writesLost, `seed ${seed}`).toBe(lost.length);
      if (lost.length === 0) continue;
      seen++;
      // Those values are nowhere in the new master's data or history; every write up to offset2 is.
      const n4Values = new Set(n4.repl.backlog.map((e) => `${e.k}=${e.v}`));
      for (const e of lost) expect(n4Values.has(`${e.k}=${e.v}`)).toBe(false);
      for (const e of n1.repl.backlog.filter((x) => x.o <= n4.repl.offset2)) expect(n4Values.has(`${e.k}=${e.v}`)).toBe(true);
      // A client reading the keys now sees older values than ones it was told were written: not linearizable.
      for (const k of KEYS) c.read("n2", k);
      const result = checkHistory(c.sim.history);
      expect(result.status, `seed ${seed}`).toBe("violation");
      // And n1, back, becomes n4's replica and discards them in a full resync (the count does not change).
      c.apply({ type: "heal" });
      c.apply({ type: "restart", node: "n1" });
      c.run(8000);
      expect(c.node("n1").role).toBe("replica");
      expect(c.node("n1").writesDiscarded).toBe(lost.length);
      expect(c.summary().writesLost).toBe(lost.length);
    }
    expect(seen).toBeGreaterThan(0);
  });

  it("loses nothing when CLUSTER FAILOVER waits for the replica to reach the master's offset", () => {
    for (let seed = 1; seed <= 10; seed++) {
      const c = loadedCluster(seed);
      c.apply({ type: "latency", from: "n1", to: "n4", ms: 300 }); // a slow replica: behind at every moment
      c.run(2000);
      c.apply({ type: "action", action: { type: "failover", node: "n4" } });
      c.run(5000);
      expect(c.node("n4").role, `seed ${seed}`).toBe("master");
      expect(c.node("n1").role, `seed ${seed}`).toBe("replica");
      c.apply({ type: "crash", node: "n1" });
      c.run(3000);
      c.sim.stopWorkload();
      c.run(3000);
      for (const k of KEYS) c.read("n2", k);
      expect(c.summary().writesLost, `seed ${seed}`).toBe(0);
      expect(checkHistory(c.sim.history).status, `seed ${seed}`).toBe("ok");
      expect(c.sim.invariantReport().filter((i) => !i.ok)).toEqual([]);
    }
  });

  it("keeps a replica's stream a prefix of its master's, and reports the lag", () => {
    const c = loadedCluster(7);
    c.apply({ type: "latency", from: "n1", to: "n4", ms: 500 });
    c.run(3000);
    const lag = c.node("n4").inspect().replicaOf;
    expect(lag?.master).toBe("n1");
    expect(lag?.lag).toBeGreaterThanOrEqual(0);
    expect(c.node("n4").repl.offset).toBeLessThan(c.node("n1").repl.offset);
    expect(c.sim.invariantReport().find((i) => i.name === "replica-follows-master")?.ok).toBe(true);
  });
});

describe("determinism", () => {
  it("gives the same trace for the same seed, and another for another seed", () => {
    const run = (seed: number) => {
      const c = loadedCluster(seed);
      c.apply({ type: "crash", node: "n1" });
      c.run(10_000);
      return c.sim.traceHash();
    };
    expect(run(11)).toBe(run(11));
    expect(run(11)).not.toBe(run(12));
  });
});
