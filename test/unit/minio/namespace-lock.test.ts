// MinIO's namespace lock (dsync): the quorum rule, one server's locker, and what the lock does to operations on one
// object — a put waits for another put, and a lock whose holder crashed is given up after its validity.

import { describe, expect, it } from "vitest";
import { LockTable } from "../../../shared/systems/minio/locks/lock-table";
import { lockQuorum } from "../../../shared/systems/minio/locks/quorum";
import { MinioCluster, okValue, putOp, randomBytes, Rng, sha } from "./harness";

describe("dsync's lock quorum", () => {
  it("needs more than half the lockers for a write lock and half (rounded up) for a read lock", () => {
    const table = Array.from({ length: 16 }, (_, i) => [i + 1, lockQuorum(i + 1, false), lockQuorum(i + 1, true)]);
    expect(table.slice(0, 6)).toEqual([
      [1, 1, 1],
      [2, 1, 2],
      [3, 2, 2],
      [4, 2, 3],
      [5, 3, 3],
      [6, 3, 4],
    ]);
    for (const [n, read, write] of table) {
      // Two write quorums always overlap (no two writers), a read quorum and a write quorum too.
      expect(2 * write, `n=${n}`).toBeGreaterThan(n);
      expect(read + write, `n=${n}`).toBeGreaterThan(n);
    }
  });
});

describe("one server's locker", () => {
  it("grants one writer or many readers, never both, and forgets a lock nobody released after its validity", () => {
    const t = new LockTable(60_000);
    expect(t.lock("k", "a", true, 0)).toBe(true);
    expect(t.lock("k", "a", true, 1)).toBe(true); // the same holder asking again
    expect(t.lock("k", "b", true, 2)).toBe(false);
    expect(t.lock("k", "c", false, 3)).toBe(false);
    expect(t.lock("other", "c", false, 3)).toBe(true);
    t.unlock("k", "a");
    expect(t.lock("k", "c", false, 4)).toBe(true);
    expect(t.lock("k", "d", false, 5)).toBe(true);
    expect(t.lock("k", "b", true, 6)).toBe(false);
    expect(t.describe(6)).toEqual(["k: read ×2", "other: read ×1"]);
    t.unlock("k", "nobody"); // releasing what one does not hold changes nothing
    expect(t.lock("k", "b", true, 59_000)).toBe(false);
    // c and d never unlocked: a minute after they were granted, their locks are gone.
    expect(t.lock("k", "b", true, 60_005)).toBe(true);
  });
});

describe("the lock around operations", () => {
  it("serializes two puts of one object: the second waits for the first, and both complete", () => {
    // n1's links to n3 and n4 are slow, so n1's put holds the write lock for about a second.
    const c = new MinioCluster({ drivesPerServer: 1, network: { latencyMs: 2, jitterMs: 0 }, config: { blockSize: 256 } });
    const rng = new Rng(2);
    for (const to of ["n3", "n4"]) c.apply({ type: "latency", from: "n1", to, ms: 300, jitterMs: 0, oneWay: true });
    const first = randomBytes(rng, 100);
    const second = randomBytes(rng, 100);
    c.sim.clientRequest(c.sim.freshProcess(), "n1", putOp("k", first));
    c.run(320); // n1 holds the lock now (n3 and n4 granted it 300 ms after being asked)
    const answer = c.put("n2", "k", second);
    const firstDone = c.sim.history.find((e) => e.type === "ok" && e.value === sha(first));
    expect(firstDone).toBeDefined();
    expect(answer.completion.type).toBe("ok");
    expect(answer.at).toBeGreaterThan(firstDone!.time);
    expect(okValue(c.get("n3", "k"))).toBe(sha(second));
  });

  it("keeps an object locked after its put's coordinator crashed, until the lock's validity runs out", () => {
    const c = new MinioCluster({ drivesPerServer: 1, network: { latencyMs: 2, jitterMs: 0 }, config: { blockSize: 256 }, clientTimeoutMs: 120_000 });
    const rng = new Rng(3);
    for (const to of ["n2", "n3", "n4"]) c.apply({ type: "latency", from: "n1", to, ms: 500, jitterMs: 0, oneWay: true });
    c.sim.clientRequest(c.sim.freshProcess(), "n1", putOp("k", randomBytes(rng, 100)));
    c.run(600); // n2, n3 and n4 granted n1 the write lock; n1's writes are on their way
    c.crash("n1");
    c.apply({ type: "heal" });
    const started = c.now;
    // n2's put finds the object locked by a server that will never release it, and tries again until it lapses
    // (60 s after it was granted); another object is not held up.
    expect(c.put("n3", "other", randomBytes(rng, 50)).completion.type).toBe("ok");
    const bytes = randomBytes(rng, 100);
    const answer = c.put("n2", "k", bytes);
    expect(answer.completion.type).toBe("fail");
    expect(answer.completion.type === "fail" && answer.completion.error).toMatch(/^OperationTimedOut: A timeout occurred while trying to lock a resource/);
    expect(answer.latencyMs).toBeGreaterThanOrEqual(30_000);
    c.run(Math.max(0, started + 60_000 - c.now));
    const later = c.put("n2", "k", bytes);
    expect(later.completion.type).toBe("ok");
    expect(okValue(c.get("n4", "k"))).toBe(sha(bytes));
  });
});
