// Puts and gets of real bytes on the MinIO simulation, and the quorums MinIO guarantees (FACTS §7.1): a get returns
// exactly the bytes that were put or an error, never other bytes; a read needs `data` good shards, a write `data`
// (+1 when data == parity) drives; with drives known offline a put raises the object's parity (availability-
// optimized writes); the newest version wins; a crashed server's drives keep their contents.

import { describe, expect, it } from "vitest";
import { ERR_READ_QUORUM, ERR_WRITE_QUORUM } from "../../../shared/systems/minio/operations";
import { MinioCluster, note, okValue, randomBytes, Rng, sha } from "./harness";

const ERR_READ = ERR_READ_QUORUM.split(":")[0];
const ERR_WRITE = ERR_WRITE_QUORUM.split(":")[0];

describe("a get returns exactly the bytes that were put", () => {
  it("for sizes 0, 1, around the erasure block size and several blocks, with every data/parity split of the set", () => {
    const rng = new Rng(11);
    const blockSize = 1024;
    const sizes = [0, 1, 2, 3, 7, 63, 64, 65, blockSize - 1, blockSize, blockSize + 1, 2 * blockSize - 1, 2 * blockSize, 3 * blockSize + 5, 5000];
    for (let i = 0; i < 6; i++) sizes.push(rng.int(0, 4 * blockSize));
    // 4 servers × 2 drives: one set of 8; parity 1..4 (EC:4 is the default).
    for (const parity of [1, 2, 3, 4]) {
      const c = new MinioCluster({ drivesPerServer: 2, seed: parity, config: { blockSize, parity } });
      sizes.forEach((size, i) => {
        const bytes = randomBytes(rng, size);
        const key = `obj-${i}`;
        const put = c.put(c.servers[i % 4], key, bytes);
        expect(put.completion.type, `parity ${parity}, ${size} bytes: ${note(put)}`).toBe("ok");
        expect(note(put)).toContain(`${8 - parity} data + ${parity} parity shards on 8 of 8 drives`);
        const view = c.object(key);
        expect(view?.version).toMatchObject({ data: 8 - parity, parity, size, blockSize, sha256: sha(bytes) });
        expect(view?.intact).toBe(8);
        for (const server of c.servers) {
          const got = c.get(server, key);
          expect(okValue(got), `parity ${parity}, ${size} bytes, get from ${server}`).toBe(sha(bytes));
          expect(note(got)).toContain(`read from its ${8 - parity} data shards`);
        }
      });
      expect(c.violations()).toEqual([]);
    }
  });

  it("the shard files on the drives carry a 32-byte bitrot hash before every shard block (FACTS §7.3)", () => {
    const c = new MinioCluster({ drivesPerServer: 2, config: { blockSize: 1024 } });
    const bytes = randomBytes(new Rng(3), 2500);
    okValue(c.put("n1", "layout", bytes));
    // EC 4+4: shard blocks of 256 bytes; 2500 bytes = blocks of 1024, 1024, 452 → shards of 256 + 256 + 113 bytes.
    for (const d of c.placement("layout")) {
      const f = c.shard(d.id, "layout");
      expect(f?.file.length, d.id).toBe(2 * (3 * 32 + 256 + 256 + 113));
    }
  });

  it("a get of an object never written is ok with null; so is one on a cluster with drives failed", () => {
    const c = new MinioCluster();
    const got = c.get("n3", "nothing-here");
    expect(got.completion).toMatchObject({ type: "ok", value: null });
    c.failDrive("n1/d1");
    c.failDrive("n2/d2");
    expect(c.get("n2", "nothing-here").completion).toMatchObject({ type: "ok", value: null });
  });

  it("the newest version wins, whichever server coordinated each put", () => {
    const c = new MinioCluster({ config: { blockSize: 256 } });
    const rng = new Rng(5);
    let last = "";
    for (let i = 0; i < 6; i++) {
      const bytes = randomBytes(rng, rng.int(0, 900));
      last = sha(bytes);
      okValue(c.put(c.servers[i % 4], "same", bytes));
      for (const s of c.servers) expect(okValue(c.get(s, "same"))).toBe(last);
    }
    expect(c.object("same")?.version.sha256).toBe(last);
    expect(c.object("same")?.intact).toBe(8);
  });
});

describe("reads survive up to `parity` lost drives, and no more", () => {
  for (const { drivesPerServer, parity } of [
    { drivesPerServer: 2, parity: 4 },
    { drivesPerServer: 2, parity: 2 },
    { drivesPerServer: 4, parity: 4 },
    { drivesPerServer: 1, parity: 2 },
    { drivesPerServer: 3, parity: 5 },
  ]) {
    const n = 4 * drivesPerServer;
    it(`${n} drives EC:${parity}: with ${parity} data shards' drives failed a get rebuilds the bytes; with ${parity + 1} it fails with InsufficientReadQuorum`, () => {
      const c = new MinioCluster({ drivesPerServer, seed: n + parity, config: { blockSize: 512, parity } });
      const rng = new Rng(n * 10 + parity);
      const keys = ["a", "b", "c"];
      const put = new Map<string, string>();
      for (const [i, key] of keys.entries()) {
        const bytes = randomBytes(rng, 300 + i * 700);
        put.set(key, sha(bytes));
        okValue(c.put(c.servers[i], key, bytes));
      }
      // Fail the drives holding the first `parity` data shards of "a": every get of "a" must rebuild from parity.
      const order = c.placement("a");
      for (const d of order.slice(0, parity)) c.failDrive(d.id);
      for (const server of c.servers) {
        for (const key of keys) {
          const got = c.get(server, key);
          expect(okValue(got), `${key} from ${server}`).toBe(put.get(key));
          if (key === "a") expect(note(got)).toMatch(/^rebuilt from \d+ shards/);
        }
      }
      expect(c.object("a")?.intact).toBe(n - parity);
      expect(c.metric("objectsLost")).toBe(0);
      expect(c.metric("objectsDegraded")).toBe(keys.length);

      // One more: every object of the set is gone (each had a shard on every drive); a get fails, never returns
      // other bytes.
      c.failDrive(order[parity].id);
      for (const server of c.servers) {
        for (const key of keys) {
          const got = c.get(server, key);
          expect(got.completion.type, `${key} from ${server}: ${JSON.stringify(got.completion)}`).toBe("fail");
          expect(note(got)).toContain(ERR_READ);
        }
      }
      expect(c.metric("objectsLost")).toBe(keys.length);
      expect(c.metric("objectsUnreadable")).toBe(keys.length);
      expect(c.violations()).toEqual([]);
    });
  }

  it("a get of an object that lost more shards than parity to failed drives and bitrot fails, never returns wrong bytes", () => {
    const c = new MinioCluster({ drivesPerServer: 2, config: { blockSize: 256 } });
    const bytes = randomBytes(new Rng(9), 1000);
    okValue(c.put("n1", "x", bytes));
    const order = c.placement("x");
    c.failDrive(order[0].id);
    c.failDrive(order[1].id);
    c.bitrot(order[2].id, "x");
    c.bitrot(order[3].id, "x");
    expect(okValue(c.get("n2", "x"))).toBe(sha(bytes)); // 4 of 8 intact: exactly the 4 data shards needed
    c.bitrot(order[4].id, "x");
    for (const s of c.servers) {
      const got = c.get(s, "x");
      expect(got.completion.type).toBe("fail");
      expect(note(got)).toContain(ERR_READ);
    }
    expect(c.violations()).toEqual([]);
  });
});

describe("writes need the write quorum", () => {
  it("8 drives EC:4 (data == parity, write quorum 5): 3 failed drives allow writes, 4 refuse them and the previous version stays readable", () => {
    const c = new MinioCluster({ drivesPerServer: 2, config: { blockSize: 512 } });
    const rng = new Rng(21);
    const v1 = randomBytes(rng, 700);
    okValue(c.put("n1", "k", v1));
    const order = c.placement("k");
    for (const d of order.slice(5)) c.failDrive(d.id);
    // The coordinator does not know yet: it sends 8 shards, 5 take them.
    const v2 = randomBytes(rng, 800);
    const put2 = c.put("n2", "k", v2);
    expect(put2.completion.type, note(put2)).toBe("ok");
    expect(note(put2)).toMatch(/4 data \+ 4 parity shards on 5 of 8 drives \(write quorum 5\)/);
    expect(okValue(c.get("n3", "k"))).toBe(sha(v2));

    c.failDrive(order[4].id);
    // Every server, whether it has seen the failed drives or not, refuses the write.
    for (const s of c.servers) {
      const put3 = c.put(s, "k", randomBytes(rng, 900));
      expect(put3.completion.type, `${s}: ${note(put3)}`).toBe("fail");
      expect(note(put3)).toContain(ERR_WRITE);
    }
    // The refused write left nothing behind: the previous version is whole on its 4 remaining drives.
    for (const s of c.servers) expect(okValue(c.get(s, "k"))).toBe(sha(v2));
    for (const d of order.slice(0, 4)) expect(Object.keys(c.drive(d.id).tmp)).toEqual([]);
    expect(c.object("k")?.version.sha256).toBe(sha(v2));
    expect(c.violations()).toEqual([]);
  });

  it("16 drives EC:4 (data 12 > parity, write quorum 12): with 4 drives failed a write with the default parity still succeeds", () => {
    const c = new MinioCluster({ drivesPerServer: 4, config: { blockSize: 512 } });
    const rng = new Rng(22);
    const order = c.placement("k");
    for (const d of order.slice(0, 4)) c.failDrive(d.id);
    const bytes = randomBytes(rng, 1500);
    const put = c.put("n1", "k", bytes);
    expect(note(put)).toMatch(/12 data \+ 4 parity shards on 12 of 16 drives \(write quorum 12\)/);
    expect(okValue(c.get("n4", "k"))).toBe(sha(bytes));
  });

  it("a write refused for lack of quorum leaves the previous version readable, and a later write succeeds once drives are replaced", () => {
    const c = new MinioCluster({ drivesPerServer: 1, config: { blockSize: 512 } }); // 4 drives, EC:2, write quorum 3
    const rng = new Rng(23);
    const v1 = randomBytes(rng, 100);
    okValue(c.put("n1", "k", v1));
    c.failDrive("n3/d1");
    c.failDrive("n4/d1");
    const refused = c.put("n1", "k", randomBytes(rng, 100));
    expect(refused.completion.type).toBe("fail");
    expect(note(refused)).toContain(ERR_WRITE);
    expect(okValue(c.get("n2", "k"))).toBe(sha(v1));
    c.replaceDrive("n3/d1");
    c.replaceDrive("n4/d1");
    c.run(3000); // the servers' disk health probes find the new drives
    const v3 = randomBytes(rng, 100);
    okValue(c.put("n1", "k", v3));
    expect(okValue(c.get("n2", "k"))).toBe(sha(v3));
    expect(c.violations()).toEqual([]);
  });
});

describe("availability-optimized parity: a put raises the object's parity by the drives it knows are offline (putParity)", () => {
  it("16 drives EC:4: after the coordinator has seen 2 drives offline, a new object is written 10 + 6, and readable with 6 drives gone", () => {
    const c = new MinioCluster({ drivesPerServer: 4, config: { blockSize: 512 } });
    const rng = new Rng(31);
    const order = c.placement("first");
    c.failDrive(order[0].id);
    c.failDrive(order[1].id);
    // The first put finds out (its shard writes to those drives fail); it used the storage class parity.
    okValue(c.put("n1", "first", randomBytes(rng, 100)));
    expect(c.object("first")?.version).toMatchObject({ data: 12, parity: 4 });
    const bytes = randomBytes(rng, 2000);
    const put = c.put("n1", "second", bytes);
    expect(note(put)).toMatch(/10 data \+ 6 parity shards \(parity raised from 4 for the drives offline\)/);
    const view = c.object("second");
    expect(view?.version).toMatchObject({ data: 10, parity: 6 });
    // xl.meta on every drive that took a shard says so.
    const second = c.placement("second");
    for (const d of second) {
      const f = c.shard(d.id, "second");
      if (c.drive(d.id).state === "ok") expect(f?.meta).toMatchObject({ data: 10, parity: 6 });
    }
    // 4 more drives of the set fail: the raised parity keeps it readable (10 of 16 left).
    const more = second.filter((d) => c.drive(d.id).state === "ok").slice(0, 4);
    for (const d of more) c.failDrive(d.id);
    expect(okValue(c.get("n2", "second"))).toBe(sha(bytes));
  });

  it("the raise is capped at half the set, and with half the set known offline the put is refused at once", () => {
    const c = new MinioCluster({ drivesPerServer: 2, config: { blockSize: 512, parity: 2 } }); // 8 drives EC:2
    const rng = new Rng(32);
    const order = c.placement("k");
    for (const d of order.slice(0, 3)) c.failDrive(d.id);
    // Unaware of them, n1 writes 6 + 2 and 5 drives take it: short of the write quorum of 6.
    const first = c.put("n1", "k", randomBytes(rng, 10));
    expect(note(first)).toContain("5 of 8 drives took the shard; 6 needed");
    // Now it knows: 3 drives offline raise the parity to min(2 + 3, 8 / 2) = 4, and 5 drives are the write quorum.
    const bytes = randomBytes(rng, 10);
    expect(note(c.put("n1", "k", bytes))).toMatch(/4 data \+ 4 parity shards \(parity raised from 2/);
    expect(c.object("k")?.version).toMatchObject({ data: 4, parity: 4 });
    c.failDrive(order[3].id);
    okValue(c.get("n1", "k")); // learns the 4th
    const refused = c.put("n1", "k", randomBytes(rng, 10));
    expect(refused.completion.type).toBe("fail");
    expect(note(refused)).toContain("4 of 8 drives offline");
    expect(okValue(c.get("n1", "k"))).toBe(sha(bytes));
  });
});

describe("the storage class (set-parity)", () => {
  it("new objects take the operator's parity, old ones keep theirs; a server that was down picks the change up", () => {
    const c = new MinioCluster({ drivesPerServer: 2, config: { blockSize: 256 } });
    const rng = new Rng(61);
    const old = randomBytes(rng, 400);
    okValue(c.put("n1", "old", old));
    c.crash("n4");
    c.action({ type: "set-parity", parity: 2 });
    expect(() => c.action({ type: "set-parity", parity: 5 })).toThrow(/parity must be a whole number from 0 to 4/);
    c.restart("n4");
    c.run(100);
    expect(c.node("n4").parity()).toBe(2);
    const fresh = randomBytes(rng, 400);
    expect(note(c.put("n4", "new", fresh))).toContain("6 data + 2 parity shards");
    expect(c.object("new")?.version).toMatchObject({ data: 6, parity: 2 });
    expect(c.object("old")?.version).toMatchObject({ data: 4, parity: 4 });
    // Each object's own quorum applies: with 3 drives gone the old one (EC:4) still reads, the new one (EC:2) not.
    for (const d of c.placement("new").slice(0, 3)) c.failDrive(d.id);
    expect(okValue(c.get("n1", "old"))).toBe(sha(old));
    expect(note(c.get("n1", "new"))).toContain(ERR_READ);
    expect(c.metric("objectsLost")).toBe(1);
  });
});

describe("servers crash and restart", () => {
  it("a crashed server's drives are offline: reads rebuild, writes go on without them; a restarted server's drives keep their contents", () => {
    const c = new MinioCluster({ drivesPerServer: 2, config: { blockSize: 256 } });
    const rng = new Rng(41);
    const before = new Map<string, string>();
    for (let i = 0; i < 8; i++) {
      const bytes = randomBytes(rng, rng.int(0, 1200));
      before.set(`k${i}`, sha(bytes));
      okValue(c.put(c.servers[i % 4], `k${i}`, bytes));
    }
    const files = JSON.stringify([...c.node("n2").drives.values()].map((d) => d.objects));
    c.crash("n2");
    for (const view of c.objects()) {
      for (const s of view.shards) if (s.drive.server === "n2") expect(s.state).toBe("server-down");
      expect(view.intact).toBe(8);
      expect(view.readable).toBe(6);
    }
    // Every object is readable from the other servers (some of them rebuilt: n2 held data shards of most).
    const notes: string[] = [];
    for (const [key, value] of before) {
      const got = c.get("n1", key);
      expect(okValue(got), key).toBe(value);
      notes.push(note(got));
    }
    expect(notes.some((n) => n.startsWith("rebuilt"))).toBe(true);
    // A request to the crashed server is refused.
    expect(c.get("n2", "k0").completion).toMatchObject({ type: "fail", error: "connection refused" });
    // Writes go on at 6 of 8 drives (write quorum 5).
    const fresh = randomBytes(rng, 500);
    const put = c.put("n3", "while-down", fresh);
    expect(put.completion.type, note(put)).toBe("ok");
    expect(c.object("while-down")?.shards.filter((s) => s.state === "missing").length).toBe(2);

    c.restart("n2");
    expect(JSON.stringify([...c.node("n2").drives.values()].map((d) => d.objects))).toBe(files);
    for (const view of c.objects()) if (view.object !== "while-down") expect(view.readable).toBe(8);
    for (const [key, value] of before) expect(okValue(c.get("n2", key))).toBe(value);
    expect(okValue(c.get("n2", "while-down"))).toBe(sha(fresh));
    expect(c.violations()).toEqual([]);
  });
});
