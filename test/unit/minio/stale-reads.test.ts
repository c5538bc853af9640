// MinIO is strongly consistent for a single object: once a put is acknowledged, every get that begins afterwards
// returns that version or a newer one (or fails) — never an older one. shared/checkers/stale-reads.ts judges exactly
// that over a history: a read is stale when a write acknowledged before the read began was itself invoked after the
// write of the value read was acknowledged.
//
// Why it holds, even apart from the namespace lock (dsync) that serializes a put and a get of one object, while
// faults stay within parity and clocks agree:
//   - a put acknowledged at time t committed its version V on at least the write quorum of drives (data, +1 when
//     data == parity), which is more than half the set; renameData never replaces a newer version by an older one
//     (node.ts commit), nor does a heal (node.ts shard-write, fixed with these tests); so an older version is left
//     on fewer than half the drives, fewer than any version's read quorum (data >= half), and can never again be
//     the newest version with read quorum;
//   - a put invoked after t starts after t on a coordinator whose clock agrees, so its modification time is later:
//     the newest version with quorum is V or newer;
//   - within parity, the drives a get cannot read (failed, down, believed offline) leave V with its read quorum.
// Concurrent puts to one key cannot make it fail: for two overlapping puts, neither was acknowledged before the
// other began, so the checker accepts either outcome, and the newest modification time wins on every drive.
//
// Linearizability needs more: without a lock, a get could see a put's new version while the put was still renaming
// it into place (a dirty read), and a later get, missing one of those drives, the old version again. MinIO's
// namespace lock (locks/) makes the get wait for the put; the last tests show it, and check whole fuzz histories.

import { describe, expect, it } from "vitest";
import { checkHistory } from "../../../shared/checkers";
import type { HistoryEntry } from "../../../shared/sim";
import { runDurability, staleReads } from "./durability";
import { MinioCluster, okValue, putOp, randomBytes, Rng, sha } from "./harness";

/** Put and get as the register checkers name them (GUIDE §4: MinIO's values are the objects' sha256). */
function asRegister(history: readonly HistoryEntry[]): HistoryEntry[] {
  return history.map((e) => ({ ...e, f: e.f === "put" ? "write" : e.f === "get" ? "read" : e.f }));
}

/** Pairs of puts of one key whose invocations overlap: the concurrency the lock would serialise. */
function overlappingPuts(history: readonly HistoryEntry[]): number {
  const open = new Map<number, HistoryEntry>();
  const spans: { key: string; from: number; to: number }[] = [];
  for (const e of history) {
    if (e.type === "invoke") open.set(e.process, e);
    else {
      const op = open.get(e.process);
      if (op?.f === "put" && op.key !== undefined) spans.push({ key: op.key, from: op.time, to: e.time });
    }
  }
  let n = 0;
  for (let i = 0; i < spans.length; i++) for (let j = i + 1; j < spans.length; j++) if (spans[i].key === spans[j].key && spans[i].from < spans[j].to && spans[j].from < spans[i].to) n++;
  return n;
}

describe("no get returns a version older than a put acknowledged before it began", () => {
  it("over fuzz runs with faults within parity and concurrent puts to the same keys (seeds 101-110)", () => {
    let overlaps = 0;
    let gets = 0;
    for (let seed = 101; seed <= 110; seed++) {
      const r = runDurability(seed);
      expect(r.failures, r.settings).toEqual([]);
      const history = r.cluster.sim.history;
      expect(staleReads(history), r.settings).toEqual([]);
      overlaps += overlappingPuts(history);
      gets += history.filter((e) => e.type === "ok" && e.f === "get").length;
    }
    // The property was put to the test: many reads, and puts to one key racing each other.
    expect(gets).toBeGreaterThan(1000);
    expect(overlaps).toBeGreaterThan(10);
  });

  it("two puts of one key racing through different servers: every later get returns the newer, from every server", () => {
    for (let seed = 1; seed <= 20; seed++) {
      const c = new MinioCluster({ drivesPerServer: 2, seed, network: { latencyMs: 3, jitterMs: 3 }, config: { blockSize: 256 } });
      const rng = new Rng(seed);
      const a = randomBytes(rng, 500);
      const b = randomBytes(rng, 500);
      c.sim.clientRequest(c.sim.freshProcess(), rng.pick(c.servers), putOp("k", a));
      c.run(rng.int(0, 4));
      c.sim.clientRequest(c.sim.freshProcess(), rng.pick(c.servers), putOp("k", b));
      c.run(3000);
      const done = c.sim.history.filter((e) => e.type === "ok" && e.f === "put");
      expect(done, `seed ${seed}`).toHaveLength(2);
      // Whichever started last (the later modification time) is the object, everywhere, for good.
      const winner = c.object("k")?.version.sha256;
      expect([sha(a), sha(b)]).toContain(winner);
      for (const s of c.servers) expect(okValue(c.get(s, "k")), `seed ${seed} via ${s}`).toBe(winner);
      expect(c.object("k")?.intact).toBe(8);
      expect(staleReads(c.sim.history)).toEqual([]);
    }
  });
});

describe("MinIO's namespace lock: a get waits for a put of the same object, so histories are linearizable", () => {
  it("a get during a slow put's renames waits and returns the new version; losing a drive afterwards changes nothing", () => {
    // 4 servers × 1 drive: EC 2+2 (read quorum 2, write quorum 3). n1 coordinates the put; its messages to n3 and n4
    // are slow, so for 300 ms the new version is in place on n1 and n2 only and the old one still on n3 and n4 —
    // both have read quorum. Without the lock, a get then returned the new version and, after n1's drive died, the
    // next get the old one again (not linearizable). With it, the get waits for the put's write lock.
    const c = new MinioCluster({ drivesPerServer: 1, network: { latencyMs: 2, jitterMs: 0 }, config: { blockSize: 256, scannerIntervalMs: 3_600_000 } });
    const rng = new Rng(4);
    const v1 = randomBytes(rng, 300);
    okValue(c.put("n1", "k", v1));
    for (const to of ["n3", "n4"]) c.apply({ type: "latency", from: "n1", to, ms: 300, jitterMs: 0, oneWay: true });
    const v2 = randomBytes(rng, 300);
    c.sim.clientRequest(c.sim.freshProcess(), "n1", putOp("k", v2));
    // Once n1 has renamed the new version into place on n1 and n2, its renames for n3 and n4 are still on the way.
    expect(c.runUntilTrue(() => c.shard("n1/d1", "k")?.meta.sha256 === sha(v2), 5000, 1)).not.toBeNull();
    expect(c.shard("n3/d1", "k")?.meta.sha256).toBe(sha(v1));
    const get = c.get("n2", "k");
    expect(okValue(get)).toBe(sha(v2));
    // It answered only once the put was done (the put's lock held it back).
    const putDone = c.sim.history.find((e) => e.f === "put" && e.type === "ok" && e.value === sha(v2));
    expect(putDone).toBeDefined();
    expect(get.at).toBeGreaterThanOrEqual(putDone!.time);
    expect(c.shard("n3/d1", "k")?.meta.sha256).toBe(sha(v2));
    c.failDrive("n1/d1");
    expect(okValue(c.get("n2", "k"))).toBe(sha(v2));
    expect(staleReads(c.sim.history)).toEqual([]);
    expect(checkHistory(asRegister(c.sim.history)).status).toBe("ok");
  });

  it("keeps every history linearizable over fuzz runs with racing puts and faults within parity (seeds 121-126)", () => {
    let overlaps = 0;
    for (let seed = 121; seed <= 126; seed++) {
      const r = runDurability(seed);
      expect(r.failures, r.settings).toEqual([]);
      overlaps += overlappingPuts(r.cluster.sim.history);
      expect(checkHistory(asRegister(r.cluster.sim.history)).status, r.settings).toBe("ok");
    }
    expect(overlaps).toBeGreaterThan(3);
  });
});
