// Server pools: the operator adds a pool of new servers. Objects already stored stay in their pool and stay
// readable; a new object goes to a pool drawn in proportion to the free space of its erasure set there; an object
// that exists is overwritten in its own pool; full drives take nothing more (XMinioStorageFull). A server that
// was down when the pool was added learns of it when it starts.

import { describe, expect, it } from "vitest";
import { expectType, MinioCluster, note, okValue, randomBytes, Rng, sha } from "./harness";

const NEW_POOL = ["n5", "n6"];

/** The pool (1-based, as the operator counts them) whose servers hold the object's current version. */
function poolOf(c: MinioCluster, key: string): number {
  const view = c.object(key);
  if (!view) throw new Error(`no object ${key}`);
  const servers = new Set(view.shards.filter((s) => s.state === "intact").map((s) => s.drive.server));
  const pools = c.node("n1").pools.filter((p) => p.drives.some((d) => servers.has(d.server)));
  if (pools.length !== 1) throw new Error(`${key} has intact shards in pools ${pools.map((p) => p.pool + 1).join(", ")}`);
  return pools[0].pool + 1;
}

/** Drive ids of a pool's servers that hold any shard of `key`. */
function holders(c: MinioCluster, servers: readonly string[], key: string): string[] {
  return servers.flatMap((s) => [...c.node(s).drives.values()].filter((d) => Object.hasOwn(d.objects, key)).map((d) => d.id));
}

describe("server pools", () => {
  it("keeps old objects where they are and readable, and spreads new ones over both pools by free space", () => {
    const c = new MinioCluster({ seed: 3 });
    const rng = new Rng(3);
    const before = new Map<string, Uint8Array>();
    for (let i = 0; i < 6; i++) {
      const bytes = randomBytes(rng, 40 + i);
      before.set(`old-${i}`, bytes);
      expectType(c.put("n1", `old-${i}`, bytes), "ok");
    }
    c.action({ type: "add-pool", nodes: NEW_POOL });
    c.run(100);
    expect(c.summary().pools).toBe(2);
    expect(c.node("n5").pools.map((p) => p.setSize)).toEqual([8, 4]);

    for (const [key, bytes] of before) {
      expect(poolOf(c, key)).toBe(1);
      expect(holders(c, NEW_POOL, key)).toEqual([]);
      // Any server answers, those of the new pool too: it finds the object in the pool that has it.
      expect(okValue(c.get("n5", key))).toBe(sha(bytes));
    }

    const counts = [0, 0];
    for (let i = 0; i < 60; i++) {
      const bytes = randomBytes(rng, 30);
      const key = `new-${i}`;
      expectType(c.put(i % 2 === 0 ? "n2" : "n6", key, bytes), "ok");
      counts[poolOf(c, key) - 1]++;
      expect(okValue(c.get("n3", key))).toBe(sha(bytes));
    }
    // The object's set has 8 drives in pool 1 and 4 in pool 2, all nearly empty: about 2 in 3 go to pool 1.
    expect(counts[0] + counts[1]).toBe(60);
    expect(counts[1]).toBeGreaterThan(10);
    expect(counts[0]).toBeGreaterThan(counts[1]);
    expect(c.violations()).toEqual([]);
  });

  it("overwrites an object in the pool that has it, never in the other", () => {
    const c = new MinioCluster({ seed: 5 });
    const rng = new Rng(5);
    expectType(c.put("n1", "report", randomBytes(rng, 64)), "ok");
    c.action({ type: "add-pool", nodes: NEW_POOL });
    c.run(100);
    for (let i = 0; i < 12; i++) {
      const bytes = randomBytes(rng, 64);
      expectType(c.put(i % 2 === 0 ? "n5" : "n2", "report", bytes), "ok");
      expect(poolOf(c, "report")).toBe(1);
      expect(holders(c, NEW_POOL, "report")).toEqual([]);
      expect(okValue(c.get("n6", "report"))).toBe(sha(bytes));
    }
  });

  it("sends new objects to the pool with room, and refuses them when every pool is full", () => {
    // A 200-byte object's shard is 50 bytes and a 32-byte hash in pool 1 (EC 4+4: 12 fit on a drive) and 100 and
    // 32 in pool 2 (EC 2+2: 7 fit).
    const c = new MinioCluster({ seed: 7, config: { driveCapacity: 1024 } });
    const rng = new Rng(7);
    c.action({ type: "add-pool", nodes: NEW_POOL });
    c.run(100);
    let full = 0;
    for (let i = 0; i < 40; i++) {
      const answer = c.put("n1", `blob-${i}`, randomBytes(rng, 200));
      if (answer.completion.type === "fail") {
        expect(note(answer)).toMatch(/^XMinioStorageFull: /);
        full++;
      }
    }
    // Pool 1's drives filled up first (more drives, so more free space to draw), then pool 2's: then nothing fits.
    expect(full).toBeGreaterThan(0);
    const stored = c.objects().map((o) => o.object);
    const inPool2 = stored.filter((k) => poolOf(c, k) === 2);
    expect(inPool2.length).toBeGreaterThan(0);
    expect(stored.length + full).toBe(40);
    // Every drive's room was used: 12 objects in pool 1 and 7 in pool 2.
    expect(stored.length - inPool2.length).toBe(12);
    expect(inPool2.length).toBe(7);
    for (const key of stored) expectType(c.get("n2", key), "ok");
  });

  it("refuses a new object on full drives with XMinioStorageFull, and keeps every stored one readable", () => {
    // One pool, EC 4+4: a 200-byte object puts 50 bytes and a 32-byte hash on each drive; 1024 bytes hold 12.
    const c = new MinioCluster({ seed: 9, config: { driveCapacity: 1024 } });
    const rng = new Rng(9);
    const stored = new Map<string, Uint8Array>();
    let refused = "";
    for (let i = 0; i < 25 && refused === ""; i++) {
      const bytes = randomBytes(rng, 200);
      const answer = c.put("n1", `blob-${i}`, bytes);
      if (answer.completion.type === "ok") stored.set(`blob-${i}`, bytes);
      else refused = note(answer);
    }
    expect(stored.size).toBe(12);
    expect(refused).toMatch(/^XMinioStorageFull: Storage backend has reached its minimum free drive threshold/);
    for (const [key, bytes] of stored) expect(okValue(c.get("n3", key))).toBe(sha(bytes));
    expect(c.objects().length).toBe(12);
  });

  it("tells a server that was down about the new pool when it starts", () => {
    const c = new MinioCluster({ seed: 11 });
    const rng = new Rng(11);
    c.crash("n4");
    c.action({ type: "add-pool", nodes: NEW_POOL });
    c.run(100);
    // Written while n4 was down: some land in pool 2, which n4's old config does not know.
    const bytes = new Map<string, Uint8Array>();
    for (let i = 0; i < 12; i++) {
      const b = randomBytes(rng, 50);
      bytes.set(`k${i}`, b);
      expectType(c.put("n1", `k${i}`, b), "ok");
    }
    expect([...bytes.keys()].some((k) => poolOf(c, k) === 2)).toBe(true);
    c.restart("n4");
    c.run(200);
    expect(c.node("n4").pools.length).toBe(2);
    for (const [key, b] of bytes) expect(okValue(c.get("n4", key))).toBe(sha(b));
  });

  it("refuses a pool whose names are taken or whose sets are too small for the storage class", () => {
    const c = new MinioCluster({ seed: 1 });
    expect(() => c.action({ type: "add-pool", nodes: ["n2", "n9"] })).toThrow(/n2 is already a server of this cluster/);
    expect(() => c.action({ type: "add-pool", nodes: ["n9", "n9"] })).toThrow(/n9 is already a server/);
    c.action({ type: "set-parity", parity: 3 });
    // One server of 2 drives: an erasure set of 2, which allows at most EC:1.
    expect(() => c.action({ type: "add-pool", nodes: ["n9"] })).toThrow(/too few for the storage class EC:3 \(at most EC:1\)/);
    expect(c.summary().pools).toBe(1);
    expect(c.sim.nodes).toEqual(["n1", "n2", "n3", "n4"]);
  });
});
