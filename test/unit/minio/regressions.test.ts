// Bugs the MinIO tests found, each pinned by the scenario or the fuzz seed that showed it (durability.ts), and the
// fuzz harness's own promises: a seed replays exactly, and the schedule exercises what it claims.

import { describe, expect, it } from "vitest";
import { MinioCluster, note, okValue, putOp, randomBytes, Rng, sha } from "./harness";
import { runDurability } from "./durability";

describe("a heal never replaces a newer version", () => {
  it("a put that renames its shard into place while a heal of the older version is under way keeps it", () => {
    // 4 servers × 1 drive: EC 2+2, write quorum 3. n1's links to n4 are slow, so n1's heal of "k" writes the old
    // version onto n4 long after it read xl.meta; meanwhile n2 puts a new version. Before the fix the heal's shard
    // went straight into place over the new one. Now the heal holds the object's write lock, so the put waits for
    // it: the old version is healed onto n4 first, then the new one replaces it everywhere. (The drive's own check,
    // never a heal's shard over a newer version, stays as a second line of defence: a lock can expire.)
    const c = new MinioCluster({ drivesPerServer: 1, config: { blockSize: 256, scannerIntervalMs: 3_600_000 } });
    const rng = new Rng(1);
    c.crash("n4");
    const v1 = randomBytes(rng, 700);
    okValue(c.put("n1", "k", v1)); // on n1, n2, n3: n4 is down
    c.restart("n4");
    c.run(3000);
    expect(c.object("k")?.shards.map((s) => s.state)).toContain("missing");
    c.apply({ type: "latency", from: "n1", to: "n4", ms: 300, jitterMs: 0 });
    c.heal(false); // runs on n1
    c.run(650); // n1 has read n4's xl.meta (600 ms round trip) and is rebuilding n4's shard from the others
    const v2 = randomBytes(rng, 500);
    const put = c.put("n2", "k", v2);
    expect(note(put)).toContain("on 4 of 4 drives");
    const healed = c.events("healed").filter((e) => e.text.includes("onto n4/d1"));
    expect(healed).toHaveLength(1);
    // The put waited for the heal: it was acknowledged only after the heal had finished.
    expect(healed[0].t).toBeLessThanOrEqual(put.at);
    expect(healed[0].t).toBeGreaterThan(put.at - put.latencyMs);
    const newest = c.object("k")?.version.version;
    c.run(500);
    for (const d of c.placement("k")) expect(c.shard(d.id, "k")?.meta.version, d.id).toBe(newest);
    c.runUntilHealed();
    expect(c.object("k")?.intact).toBe(4);
    for (const s of c.servers) expect(okValue(c.get(s, "k"))).toBe(sha(v2));
    expect(c.violations()).toEqual([]);
  });
});

describe("a restarted server does not take answers meant for its previous life", () => {
  it("a get just after a crash-restart is not answered with the other servers' replies to the old incarnation's get", () => {
    // n2's drive has failed (1 of 4 drives: within EC:2). n2 asks the others for xl.meta of "a" (which does not
    // exist), crashes and restarts at once, and is asked for "b". Operation ids started again at 1, so the late
    // "file not found" replies about "a" were taken for the new get's: 3 of 4 drives "without b" made b absent, and
    // the get answered null for an object that was acknowledged.
    const c = new MinioCluster({ drivesPerServer: 1, network: { latencyMs: 2, jitterMs: 0 }, config: { blockSize: 256, scannerIntervalMs: 3_600_000 } });
    const b = randomBytes(new Rng(1), 100);
    okValue(c.put("n1", "b", b));
    c.failDrive("n2/d1");
    c.sim.clientRequest(c.sim.freshProcess(), "n2", { f: "get", key: "a" });
    c.run(2); // n2 has sent its meta reads for "a"; the replies are on the way
    c.crash("n2");
    c.restart("n2");
    expect(okValue(c.get("n2", "b"))).toBe(sha(b));
  });
});

describe("a get racing a put", () => {
  it("a put replaces the version between a get's xl.meta and shard reads: the get reads xl.meta again, no InsufficientReadQuorum", () => {
    // n1 puts v2 with slow messages to n3 and n4; n1's drive then dies, so n3's get finds v2 on n2 only and picks v1
    // (on n3 and n4), whose shards the put's renames replace before the get reads them. Before the fix the get
    // failed with InsufficientReadQuorum although every drive but one was fine.
    const c = new MinioCluster({ drivesPerServer: 1, network: { latencyMs: 2, jitterMs: 0 }, config: { blockSize: 256, scannerIntervalMs: 3_600_000 } });
    const rng = new Rng(5);
    okValue(c.put("n1", "k", randomBytes(rng, 300)));
    for (const to of ["n3", "n4"]) c.apply({ type: "latency", from: "n1", to, ms: 300, jitterMs: 0, oneWay: true });
    const v2 = randomBytes(rng, 300);
    c.sim.clientRequest(c.sim.freshProcess(), "n1", putOp("k", v2));
    c.run(310);
    c.failDrive("n1/d1");
    const got = c.get("n3", "k");
    expect(okValue(got)).toBe(sha(v2));
    expect(c.sim.history.filter((e) => e.f === "put" && e.type === "ok")).toHaveLength(2);
  });
});

describe("a heal says an object is lost only when it is", () => {
  it("shard reads cut off by a partition: 'cannot be healed now', not 'lost'", () => {
    const c = new MinioCluster({ drivesPerServer: 1, config: { blockSize: 256, scannerIntervalMs: 3_600_000 } });
    const bytes = randomBytes(new Rng(2), 900);
    okValue(c.put("n1", "k", bytes));
    c.heal(true); // n1 reads xl.meta everywhere, then every shard
    while (!c.sim.inFlight().some((m) => m.kind === "shard-read")) if (!c.sim.step()) throw new Error("no shard read");
    c.apply({ type: "partition", groups: [["n1"]] });
    c.runUntilHealed();
    expect(c.events("object-lost")).toEqual([]);
    expect(c.events("heal-failed").map((e) => e.text)).toContain("k cannot be healed now: 1 intact shards answered, 2 needed (3 drives unreachable)");
    c.apply({ type: "heal" });
    c.run(3000);
    expect(okValue(c.get("n1", "k"))).toBe(sha(bytes));
  });

  it("a put replaces the version while the heal reads its shards: no loss, the heal starts afresh", () => {
    // n1's requests to the others are slow (300 ms one way), so its deep heal reads xl.meta, then asks for shards
    // that a put through n3 has replaced by the time the requests arrive. n1's own drive has failed and n3 knows it,
    // so the put does not wait for n1.
    const c = new MinioCluster({ drivesPerServer: 1, config: { blockSize: 256, scannerIntervalMs: 3_600_000 } });
    const rng = new Rng(3);
    okValue(c.put("n2", "k", randomBytes(rng, 600)));
    c.failDrive("n1/d1");
    okValue(c.get("n3", "k")); // n3 learns that n1/d1 is gone
    for (const to of ["n2", "n3", "n4"]) c.apply({ type: "latency", from: "n1", to, ms: 300, jitterMs: 0, oneWay: true });
    c.heal(true);
    while (!c.sim.inFlight().some((m) => m.kind === "shard-read")) if (!c.sim.step()) throw new Error("no shard read");
    const v2 = randomBytes(rng, 600);
    const put = c.put("n3", "k", v2);
    expect(put.at).toBeLessThan(Math.min(...c.sim.inFlight().filter((m) => m.kind === "shard-read").map((m) => m.arriveAt)));
    c.runUntilHealed();
    expect(c.events("object-lost")).toEqual([]);
    for (const s of ["n2", "n3", "n4"]) expect(okValue(c.get(s, "k"))).toBe(sha(v2));
    expect(c.violations()).toEqual([]);
  });
});

describe("pinned fuzz seeds", () => {
  // Each failed before its fix. The fuzz files run them too; they are pinned here by name with what they found.
  const pinned: [number, string][] = [
    [1, "a heal that read xl.meta before a put replaced the object found none of its shards and said the object was lost (now: heal afresh)"],
    [5, "a heal whose shard reads to an isolated server timed out said the object was lost (now: cannot be healed now)"],
    [56, "a heal that read xl.meta before a put's rename reached one drive said the object was lost (now: it looks once more first)"],
    [60, "a heal that did not ask the drives it believed offline said the object was lost (now: cannot be healed now)"],
  ];
  for (const [seed, what] of pinned) {
    it(`seed ${seed}: ${what}`, () => {
      const r = runDurability(seed);
      expect(r.failures).toEqual([]);
      expect(r.cluster.events("object-lost")).toEqual([]);
    });
  }
});

describe("the durability fuzz harness", () => {
  it("replays a seed exactly: same settings, same trace, same history", () => {
    const a = runDurability(3);
    const b = runDurability(3);
    expect(a.settings).toBe(b.settings);
    expect(a.settings).toMatch(/^seed 3: /);
    expect(a.cluster.sim.traceHash()).toBe(b.cluster.sim.traceHash());
    expect(a.cluster.sim.history).toEqual(b.cluster.sim.history);
  });

  it("exercises what it claims over a few seeds: crashes, isolations, failed and replaced drives, bitrot, heals, rebuilt reads", () => {
    const kinds = new Set<string>();
    const outcomes = new Set<string>();
    const layouts = new Set<string>();
    const seen = { rebuiltReads: 0, raisedParity: 0, readQuorumErrors: 0, writeQuorumErrors: 0 };
    for (let seed = 201; seed <= 208; seed++) {
      const r = runDurability(seed);
      expect(r.failures).toEqual([]);
      layouts.add(r.settings.match(/× (\d+) drives/)?.[1] ?? "");
      for (const e of r.cluster.sim.timeline) kinds.add(e.kind);
      for (const e of r.cluster.sim.history) outcomes.add(e.type);
      for (const k of Object.keys(seen) as (keyof typeof seen)[]) seen[k] += r.seen[k];
    }
    for (const k of ["crash", "restart", "partition", "heal", "latency", "drive-failed", "drive-replaced", "bitrot", "healed"]) expect(kinds, k).toContain(k);
    expect([...outcomes].sort()).toEqual(["fail", "info", "invoke", "ok"]);
    expect(layouts.size).toBeGreaterThanOrEqual(3);
    // Every kind of answer shows up, but a read short of quorum: within parity those came only from gets racing a
    // put's renames, which the namespace lock now keeps apart (stale-reads.test.ts).
    for (const k of ["rebuiltReads", "raisedParity", "writeQuorumErrors"] as const) expect(seen[k], k).toBeGreaterThan(0);
    expect(seen.readQuorumErrors).toBe(0);
  });
});

describe("uploads staged by a put that never finished", () => {
  it("stay in .minio.sys/tmp until the drive's server restarts, which clears them", () => {
    const c = new MinioCluster({ drivesPerServer: 1, network: { latencyMs: 2, jitterMs: 0 }, config: { blockSize: 256 } });
    // n1's put stages its shards on every drive, but the answers back to n1 are slow: n1 crashes before the rename.
    for (const from of ["n2", "n3", "n4"]) c.apply({ type: "latency", from, to: "n1", ms: 400, jitterMs: 0, oneWay: true });
    c.sim.clientRequest(c.sim.freshProcess(), "n1", putOp("k", randomBytes(new Rng(5), 100)));
    // (The lock's grants come back slowly too; once they have, the shards are staged and n1 waits for the answers.)
    expect(c.runUntilTrue(() => Object.keys(c.drive("n4/d1").tmp).length > 0, 5000, 1)).not.toBeNull();
    c.crash("n1");
    for (const s of ["n2", "n3", "n4"]) expect(Object.keys(c.drive(`${s}/d1`).tmp), s).toHaveLength(1);
    expect(c.objects()).toEqual([]);
    c.crash("n2");
    c.restart("n2");
    expect(Object.keys(c.drive("n2/d1").tmp)).toEqual([]);
    expect(Object.keys(c.drive("n3/d1").tmp)).toHaveLength(1);
    expect(c.violations()).toEqual([]);
  });
});

