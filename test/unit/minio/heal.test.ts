// Bitrot and healing on the MinIO simulation (FACTS §7.3): a corrupt shard is found by its block hashes when read,
// the read still returns the right bytes (rebuilt from parity), and the object is queued for healing, which rewrites
// the shard; a shallow heal (metadata only) does not see rot on an object nobody reads, a deep one does; a replaced
// drive is refilled; objects written while a server was down are healed once it is back; an object with fewer
// intact shards than data shards is lost, and healing says so and writes nothing.

import { describe, expect, it } from "vitest";
import { ERR_READ_QUORUM } from "../../../shared/systems/minio/operations";
import { MinioCluster, note, okValue, randomBytes, Rng, sha } from "./harness";

/** Every drive's committed objects, as text: to show that something wrote nothing. */
function contents(c: MinioCluster): string {
  return JSON.stringify(c.servers.map((s) => [...c.node(s).drives.values()].map((d) => ({ id: d.id, state: d.state, objects: d.objects, tmp: d.tmp }))));
}

/** The data scanner's first pass comes at a random time; this keeps it out of tests about the other heals. */
const NO_SCANNER = { scannerIntervalMs: 3_600_000 };

function putAll(c: MinioCluster, count: number, rng: Rng, via = c.servers): Map<string, string> {
  const put = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const bytes = randomBytes(rng, rng.int(0, 1500));
    okValue(c.put(via[i % via.length], `obj-${i}`, bytes));
    put.set(`obj-${i}`, sha(bytes));
  }
  return put;
}

describe("bitrot is found when read, and healed", () => {
  it("a corrupt data shard: the get returns the right bytes rebuilt from parity, queues the object, and the heal rewrites the shard", () => {
    const c = new MinioCluster({ drivesPerServer: 2, config: { blockSize: 256, healSleepMs: 0, ...NO_SCANNER } });
    const bytes = randomBytes(new Rng(1), 1000);
    okValue(c.put("n1", "photo", bytes));
    const victim = c.placement("photo")[1]; // data shard 2
    const before = c.shard(victim.id, "photo")?.file;
    c.bitrot(victim.id, "photo");
    expect(c.shard(victim.id, "photo")?.file).not.toBe(before);
    expect(c.object("photo")?.shards[1].state).toBe("corrupt");
    expect(c.metric("objectsDegraded")).toBe(1);
    expect(c.events("bitrot")).toHaveLength(1);

    const got = c.get("n3", "photo");
    expect(okValue(got)).toBe(sha(bytes));
    expect(note(got)).toMatch(/^rebuilt from 4 shards \(shard 2 \(bitrot: hash mismatch\) replaced by parity\)/);
    // Queued on the server that read it, and healed: the shard verifies again, byte for byte as it was written.
    const queue = c.sim.inspect("n3").detail?.healQueue as string[];
    expect(queue.some((q) => q === "healing photo" || q === "photo (deep)"), queue.join(", ")).toBe(true);
    c.runUntilHealed();
    expect(c.events("healed").map((e) => e.text)).toEqual([`healed photo: rebuilt 1 shard onto ${victim.id}`]);
    expect(c.shard(victim.id, "photo")?.file).toBe(before);
    expect(c.object("photo")?.shards.every((s) => s.state === "intact")).toBe(true);
    expect(c.metric("objectsDegraded")).toBe(0);
    const again = c.get("n2", "photo");
    expect(okValue(again)).toBe(sha(bytes));
    expect(note(again)).toContain("read from its 4 data shards");
    expect(c.violations()).toEqual([]);
  });

  it("a corrupt parity shard is not read by a get (data shards suffice) and so not noticed", () => {
    const c = new MinioCluster({ drivesPerServer: 2, config: { blockSize: 256, ...NO_SCANNER } });
    const bytes = randomBytes(new Rng(2), 600);
    okValue(c.put("n1", "p", bytes));
    c.bitrot(c.placement("p")[6].id, "p");
    const got = c.get("n2", "p");
    expect(okValue(got)).toBe(sha(bytes));
    expect(note(got)).toContain("read from its 4 data shards");
    c.runUntilHealed();
    expect(c.object("p")?.shards[6].state).toBe("corrupt");
  });

  it("a shallow heal (heal-objects) does not find bitrot on an unread object; a deep one (--scan deep) does and repairs it", () => {
    const c = new MinioCluster({ drivesPerServer: 4, config: { blockSize: 512, healSleepMs: 10, ...NO_SCANNER } });
    const rng = new Rng(3);
    const put = putAll(c, 6, rng);
    // Rot a parity shard of one object and a data shard of another, and read neither.
    c.bitrot(c.placement("obj-2")[14].id, "obj-2");
    c.bitrot(c.placement("obj-4")[0].id, "obj-4");
    expect(c.metric("objectsDegraded")).toBe(2);
    const snapshot = contents(c);
    c.heal(false);
    c.runUntilHealed();
    expect(c.metric("objectsDegraded")).toBe(2);
    expect(contents(c)).toBe(snapshot);
    expect(c.events("healed")).toEqual([]);

    c.heal(true);
    c.runUntilHealed();
    expect(c.metric("objectsDegraded")).toBe(0);
    expect(c.events("healed").map((e) => e.text).sort()).toEqual([
      `healed obj-2: rebuilt 1 shard onto ${c.placement("obj-2")[14].id}`,
      `healed obj-4: rebuilt 1 shard onto ${c.placement("obj-4")[0].id}`,
    ]);
    for (const [key, value] of put) expect(okValue(c.get("n1", key))).toBe(value);
    expect(c.violations()).toEqual([]);
  });

  it("bitrot in several blocks of several shards, up to parity, on an object read from every server: always the right bytes, then healed", () => {
    const c = new MinioCluster({ drivesPerServer: 3, config: { blockSize: 128, parity: 4, healSleepMs: 0, ...NO_SCANNER } });
    const bytes = randomBytes(new Rng(4), 3000); // 24 blocks of 128 bytes: shard blocks of 16
    okValue(c.put("n2", "big", bytes));
    const order = c.placement("big");
    for (const i of [0, 3, 5, 7]) c.bitrot(order[i].id, "big");
    for (const s of c.servers) expect(okValue(c.get(s, "big"))).toBe(sha(bytes));
    c.runUntilHealed();
    expect(c.object("big")?.intact).toBe(12);
    expect(c.violations()).toEqual([]);
  });
});

describe("healing refills drives", () => {
  it("a failed drive replaced by an empty one is refilled by healing: every object intact again", () => {
    const c = new MinioCluster({ drivesPerServer: 2, config: { blockSize: 256, healSleepMs: 20, ...NO_SCANNER } });
    const rng = new Rng(5);
    const put = putAll(c, 10, rng);
    c.failDrive("n3/d2");
    // The servers find out about the failed drive as they use it.
    for (const key of put.keys()) okValue(c.get("n1", key));
    expect(c.metric("objectsDegraded")).toBe(10);
    expect(c.metric("drivesFailed")).toBe(1);
    c.replaceDrive("n3/d2");
    expect(c.events("drive-replaced")).toHaveLength(1);
    expect(Object.keys(c.drive("n3/d2").objects)).toEqual([]);
    c.runUntilHealed();
    expect(c.metric("drivesFailed")).toBe(0);
    expect(c.metric("objectsDegraded")).toBe(0);
    expect(Object.keys(c.drive("n3/d2").objects).sort()).toEqual([...put.keys()].sort());
    // The refilled drive's shards are the ones the code gives: with its server's other drive and 3 more failed, the
    // objects still read right.
    for (const d of ["n1/d1", "n2/d1", "n4/d2", "n3/d1"]) c.failDrive(d);
    for (const [key, value] of put) expect(okValue(c.get("n3", key))).toBe(value);
    expect(c.violations()).toEqual([]);
  });

  it("a replaced drive is refilled at once even by a server that had seen its drive fail", () => {
    const c = new MinioCluster({ drivesPerServer: 2, config: { blockSize: 256, healSleepMs: 20, ...NO_SCANNER } });
    const put = putAll(c, 6, new Rng(51));
    c.failDrive("n2/d1");
    for (const key of put.keys()) okValue(c.get("n2", key)); // n2 itself finds its drive gone
    c.replaceDrive("n2/d1");
    c.runUntilHealed();
    expect(c.metric("objectsDegraded")).toBe(0);
    expect(Object.keys(c.drive("n2/d1").objects).sort()).toEqual([...put.keys()].sort());
  });

  it("objects written while a server was down are healed by heal-objects once it is back (and only then)", () => {
    const c = new MinioCluster({ drivesPerServer: 2, config: { blockSize: 256, healSleepMs: 10, ...NO_SCANNER } });
    const rng = new Rng(6);
    putAll(c, 4, rng);
    c.crash("n2");
    const during = new Map<string, string>();
    for (let i = 0; i < 6; i++) {
      const bytes = randomBytes(rng, rng.int(1, 900));
      okValue(c.put(c.servers[[0, 2, 3][i % 3]], `late-${i}`, bytes));
      during.set(`late-${i}`, sha(bytes));
    }
    // Degraded: 6 of 8 shards each, and healing cannot help while n2 is down.
    for (const key of during.keys()) expect(c.object(key)?.shards.filter((s) => s.state === "missing")).toHaveLength(2);
    c.heal(false);
    c.runUntilHealed();
    for (const key of during.keys()) expect(c.object(key)?.intact).toBe(6);

    c.restart("n2");
    c.run(3000); // the other servers' disk health probes see n2's drives again
    expect(c.metric("objectsDegraded")).toBe(6);
    c.heal(false);
    c.runUntilHealed();
    expect(c.metric("objectsDegraded")).toBe(0);
    for (const key of during.keys()) expect(c.object(key)?.intact).toBe(8);
    // Now the healed objects survive losing 4 drives, 2 of them n2's.
    for (const d of ["n2/d1", "n2/d2", "n1/d1", "n4/d2"]) c.failDrive(d);
    for (const [key, value] of during) expect(okValue(c.get("n3", key))).toBe(value);
    expect(c.violations()).toEqual([]);
  });

  it("the data scanner finds degraded objects by itself", () => {
    const c = new MinioCluster({ drivesPerServer: 2, config: { blockSize: 256, healSleepMs: 10, scannerIntervalMs: 5000 } });
    const rng = new Rng(7);
    c.crash("n4");
    putAll(c, 5, rng, ["n1", "n2", "n3"]);
    expect(c.metric("objectsDegraded")).toBe(5);
    c.restart("n4");
    // Nobody reads them and nobody starts a heal: within a scanner cycle or two every object is whole again.
    c.run(12_000);
    c.runUntilHealed();
    expect(c.metric("objectsDegraded")).toBe(0);
    expect(c.events("heal")).toEqual([]);
    expect(c.events("healed").length).toBeGreaterThanOrEqual(5);
  });
});

describe("an object past repair", () => {
  it("too few intact shards (bitrot beyond parity): reported lost, the get fails, and a deep heal says so and writes nothing", () => {
    const c = new MinioCluster({ drivesPerServer: 1, config: { blockSize: 256 } }); // 4 drives, EC 2+2
    const rng = new Rng(8);
    const keep = randomBytes(rng, 500);
    okValue(c.put("n1", "keep", keep));
    const bytes = randomBytes(rng, 500);
    okValue(c.put("n1", "doomed", bytes));
    const order = c.placement("doomed");
    for (const d of order.slice(0, 3)) c.bitrot(d.id, "doomed");
    expect(c.object("doomed")?.intact).toBe(1);
    expect(c.metric("objectsLost")).toBe(1);
    expect(c.metric("objectsUnreadable")).toBe(1);
    const got = c.get("n2", "doomed");
    expect(got.completion.type).toBe("fail");
    expect(note(got)).toContain(ERR_READ_QUORUM.split(":")[0]);
    c.runUntilHealed();
    const snapshot = contents(c);
    c.heal(true);
    c.runUntilHealed();
    expect(c.events("object-lost").map((e) => e.text)).toContain("doomed cannot be healed: 1 intact shards, 2 needed — the object is lost");
    expect(contents(c)).toBe(snapshot);
    expect(c.events("healed")).toEqual([]);
    expect(c.metric("objectsLost")).toBe(1);
    expect(okValue(c.get("n3", "keep"))).toBe(sha(keep));
    expect(c.violations()).toEqual([]);
  });

  it("too few drives left (failures beyond parity): reported lost, and a heal says no version is on enough drives", () => {
    const c = new MinioCluster({ drivesPerServer: 2, config: { blockSize: 256, parity: 2 } }); // 8 drives, EC 6+2
    const rng = new Rng(9);
    const put = putAll(c, 3, rng);
    for (const d of ["n1/d1", "n2/d2", "n4/d1"]) c.failDrive(d);
    expect(c.metric("objectsLost")).toBe(3);
    for (const key of put.keys()) expect(c.get("n3", key).completion.type).toBe("fail");
    for (const d of ["n1/d1", "n2/d2", "n4/d1"]) c.replaceDrive(d);
    c.run(3000);
    c.heal(true);
    c.runUntilHealed();
    expect(c.events("heal-failed").length).toBeGreaterThanOrEqual(3);
    expect(c.events("healed")).toEqual([]);
    expect(c.metric("objectsLost")).toBe(3);
    for (const d of ["n1/d1", "n2/d2", "n4/d1"]) expect(Object.keys(c.drive(d).objects)).toEqual([]);
    for (const key of put.keys()) expect(c.get("n2", key).completion.type).toBe("fail");
    expect(c.violations()).toEqual([]);
  });
});
