// Redis Cluster levels in a real room with real SDK clients: the state carries what the slot-map screen draws (each
// master's hash slot ranges, each replica's master and lag, the cluster state); a reshard the operator asks for
// moves slots to the target over time (MIGRATING on the source, IMPORTING on the target on the way); a bad reshard
// is refused with a reason in words and changes nothing.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSlotMoves, parseSlotRanges, rangeSize } from "../../client/game/draw/slot-map";
import { boot, client, control, createGame, send, takeRole, until } from "./helpers";

let ctx: Awaited<ReturnType<typeof boot>>;
beforeAll(async () => {
  ctx = await boot(2651);
});
afterAll(async () => {
  await ctx.server.close();
});

describe("a Redis Cluster room", () => {
  it("projects the masters' slots, moves slots on a reshard, and refuses a bad one in words", async () => {
    const host = await createGame(client(ctx.url), "Host", { level: "redis-cluster/reshard", seed: 3 });
    expect(await takeRole(host, "operator")).toMatchObject({ ok: true });
    const s = host.state;
    expect(s.system).toBe("redis-cluster");
    const slots = (id: string) => s.nodes.get(id)?.slots ?? "";
    expect(["n1", "n2", "n3"].map(slots)).toEqual(["0-5460", "5461-10922", "10923-16383"]);
    for (const n of s.nodes.values()) expect(n.replicaOf).toBe("");
    expect(s.summary.get("masters")).toBe("3");
    expect(s.summary.get("slotsUncovered")).toBe("0");
    expect(s.summary.get("clusterState")).toBe("ok");
    expect(s.summary.get("failureFlags")).toBe("");

    await control(host, "speed", { speed: 2 });
    await control(host, "start");
    expect(await send(host, "action", { action: { type: "add-member", node: "n4" } })).toMatchObject({ ok: true });
    await until(() => s.nodes.has("n4"), "n4 to appear");
    expect(slots("n4")).toBe("");

    // Refused in words, and nothing moves.
    const same = await send(host, "action", { action: { type: "reshard", from: "n1", to: "n1", count: 10 } });
    expect(same).toMatchObject({ ok: false });
    expect(same.error).toMatch(/two different masters/);
    const tooMany = await send(host, "action", { action: { type: "reshard", from: "n2", to: "n3", count: 9000 } });
    expect(tooMany).toMatchObject({ ok: false });
    expect(tooMany.error).toMatch(/n2 serves only 5462 slots; it cannot give 9000/);
    const unknown = await send(host, "action", { action: { type: "reshard", from: "n1", to: "n9", count: 1 } });
    expect(unknown.error).toMatch(/unknown node "n9"/);
    expect(["n1", "n2", "n3"].map(slots)).toEqual(["0-5460", "5461-10922", "10923-16383"]);

    // n1 must have met n4 before it can give it slots: until then the reshard is refused, saying why.
    // (Gossip spreads the news of n4 node by node: each source learns of it in its own time.)
    const reshardOnceKnown = async (from: string, count: number) => {
      let result = await send(host, "action", { action: { type: "reshard", from, to: "n4", count } });
      for (let i = 0; !result.ok && i < 40; i++) {
        expect(result.error).toMatch(new RegExp(`${from} does not know n4 yet`));
        await new Promise((r) => setTimeout(r, 250));
        result = await send(host, "action", { action: { type: "reshard", from, to: "n4", count } });
      }
      return result;
    };
    expect(await reshardOnceKnown("n1", 200)).toMatchObject({ ok: true });
    // On the way, slots are MIGRATING on n1 towards n4 and IMPORTING on n4 from n1.
    let sawMigrating = false;
    let sawImporting = false;
    await until(
      () => {
        sawMigrating ||= parseSlotMoves(s.nodes.get("n1")?.migrating ?? "").some((m) => m.node === "n4");
        sawImporting ||= parseSlotMoves(s.nodes.get("n4")?.importing ?? "").some((m) => m.node === "n1");
        // Each node's own table: n4 takes a slot when its SETSLOT NODE lands, n1 gives it up when its own does, a
        // moment later in simulated time, so a patch may show the last slot on both. Both must settle.
        return slots("n4") === "0-199" && slots("n1") === "200-5460";
      },
      "n4 to serve slots 0-199 and n1 the rest of its range",
      30_000,
    );
    expect(sawMigrating || sawImporting).toBe(true);
    expect(rangeSize(parseSlotRanges(slots("n1")))).toBe(5261);
    await until(() => s.summary.get("masters") === "4" && s.summary.get("migratingSlots") === "0", "four masters and no migration left");
    // A reshard from n2 goes; a second one from n2 while it runs is refused. The first is long (3000 slots take
    // seconds of simulated time), so it is still running when the second request comes.
    const second = await reshardOnceKnown("n2", 3000);
    expect(second, second.error).toMatchObject({ ok: true });
    const again = await send(host, "action", { action: { type: "reshard", from: "n2", to: "n4", count: 50 } });
    expect(again).toMatchObject({ ok: false });
    expect(again.error).toMatch(/a reshard from n2 is already running \(to n4\)/);
    await host.leave();
  });

  it("projects replicas with their master and lag on the failover level", async () => {
    const host = await createGame(client(ctx.url), "Host", { level: "redis-cluster/failover", seed: 5 });
    expect(await takeRole(host, "operator")).toMatchObject({ ok: true });
    const s = host.state;
    const replicas = [...s.nodes.values()].filter((n) => n.replicaOf).map((n) => `${n.id}>${n.replicaOf}`).sort();
    expect(replicas).toEqual(["n4>n1", "n5>n2", "n6>n3"]);
    for (const id of ["n4", "n5", "n6"]) expect(s.nodes.get(id)?.slots).toBe("");
    await control(host, "start");
    // A replica of a replica is refused; a replica of a master joins and shows its master.
    const bad = await send(host, "action", { action: { type: "add-member", node: "n7", replicaOf: "n4" } });
    expect(bad.error).toMatch(/n4 is a replica; a new replica must replicate a master/);
    expect(await send(host, "action", { action: { type: "add-member", node: "n7", replicaOf: "n2" } })).toMatchObject({ ok: true });
    await until(() => s.nodes.get("n7")?.replicaOf === "n2", "n7 to replicate n2", 20_000);
    const failover = await send(host, "action", { action: { type: "failover", node: "n1" } });
    expect(failover.error).toMatch(/n1 is a master: CLUSTER FAILOVER runs on a replica/);
    await host.leave();
  });
});
