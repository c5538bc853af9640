// A MinIO level in a real room with real SDK clients: the state carries what the drive-rack screen draws (each
// server's drives, the storage class and set size, every object's shards on the drives that hold them, the archive
// the workload never names included); a failed drive shows on every screen; a server pool the operator adds
// appears with its servers, their drives and their pool number.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDrives, shardMark } from "../../client/game/draw/drives";
import { boot, client, control, createGame, send, takeRole, until } from "./helpers";

const LEVEL = "minio/bitrot";

let ctx: Awaited<ReturnType<typeof boot>>;
beforeAll(async () => {
  ctx = await boot(2635);
});
afterAll(async () => {
  await ctx.server.close();
});

describe("a MinIO room", () => {
  it("projects the drives and every object's shards, and a failed drive on every screen", async () => {
    const host = await createGame(client(ctx.url), "Host", { level: LEVEL, seed: 4 });
    expect(await takeRole(host, "chaos")).toMatchObject({ ok: true });
    const s = host.state;
    expect(s.system).toBe("minio");
    expect(s.nodes.size).toBe(4);
    for (const node of s.nodes.values()) {
      const drives = parseDrives(node.drives);
      expect(drives.map((d) => d.number)).toEqual([1, 2, 3, 4]);
      expect(drives.every((d) => d.state === "ok")).toBe(true);
    }
    expect(s.summary.get("storageClass")).toBe("EC:4");
    expect(s.summary.get("setSize")).toBe("16");

    await control(host, "speed", { speed: 2 });
    await control(host, "start");
    // The level's script writes the archive at 0.5 s: it is no workload key, and still listed with its 16 shards.
    await until(() => s.keys.has("archive-2019"), "the archive to be placed", 20_000);
    expect(s.workloadKeys.split(",")).not.toContain("archive-2019");
    const archive = s.keys.get("archive-2019")!;
    const drives = archive.replicas.split(",");
    expect(new Set(drives).size).toBe(16);
    const marks = drives.map((d) => shardMark(archive.copies.get(d)?.value ?? ""));
    expect(marks.map((m) => m?.label)).toEqual([...Array.from({ length: 12 }, (_, i) => `D${i + 1}`), "P1", "P2", "P3", "P4"]);
    expect(marks.every((m) => m?.state === "intact")).toBe(true);

    // A failed drive shows in the node's drives and in the shard it held.
    expect(await send(host, "action", { action: { type: "fail-drive", node: "n3", drive: 2 } })).toMatchObject({ ok: true });
    await until(() => parseDrives(s.nodes.get("n3")!.drives)[1]?.state === "failed", "n3/d2 to show failed");
    expect(Number(s.summary.get("drivesFailed"))).toBe(1);
    await until(() => shardMark(s.keys.get("archive-2019")?.copies.get("n3/d2")?.value ?? "")?.state === "failed-drive", "the archive's shard on n3/d2 to be lost");
    await host.leave();
  });

  it("shows a server pool the operator adds: new servers with their drives, numbered pool 2", async () => {
    const host = await createGame(client(ctx.url), "Host", { level: "minio/expansion", seed: 2 });
    expect(await takeRole(host, "operator")).toMatchObject({ ok: true });
    const s = host.state;
    expect([...s.nodes.values()].map((n) => n.pool)).toEqual([1, 1, 1, 1]);
    expect(s.summary.get("pools")).toBe("1");
    await control(host, "start");
    // A name already in use is refused in words, and nothing changes.
    const taken = await send(host, "action", { action: { type: "add-pool", nodes: ["n4", "n5"] } });
    expect(taken).toMatchObject({ ok: false });
    expect(JSON.stringify(taken)).toMatch(/n4 is already a server of this cluster/);
    expect(await send(host, "action", { action: { type: "add-pool", nodes: ["n5", "n6", "n7", "n8"] } })).toMatchObject({ ok: true });
    await until(() => s.nodes.size === 8 && s.summary.get("pools") === "2", "the new pool to appear");
    for (const id of ["n5", "n6", "n7", "n8"]) {
      const node = s.nodes.get(id)!;
      expect(node.pool).toBe(2);
      expect(parseDrives(node.drives).map((d) => d.state)).toEqual(["ok", "ok"]);
    }
    expect(s.nodes.get("n1")!.pool).toBe(1);
    await host.leave();
  });
});
