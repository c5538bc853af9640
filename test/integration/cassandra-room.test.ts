// A Cassandra level in a real room with real SDK clients: the state carries what the token-ring screen draws
// (tokens, places, badges, the summary, where each key lives, what each role may do); the operator changes the
// consistency levels and every screen shows it; a client reads and writes through the coordinator it picks and gets
// the answer with its note; a read of a replica that missed a write comes back marked stale with the newer value;
// a bad replication request is refused in words and the room plays on.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanPartition } from "../../client/game/draw/partition";
import { nodeFractions, ownership, ringArcs } from "../../client/game/draw/token-ring";
import type { ClientResult } from "../../server/rooms/client-ops";
import { TokenRing } from "../../shared/systems/cassandra/ring/token-ring";
import { boot, client, control, createGame, type GameRoomClient, joinGame, send, takeRole, until } from "./helpers";

const LEVEL = "cassandra/quorum";

let ctx: Awaited<ReturnType<typeof boot>>;
beforeAll(async () => {
  ctx = await boot(2631);
});
afterAll(async () => {
  await ctx.server.close();
});

/** Resolves with the next client-result for `f` on `key`. */
function nextClientResult(room: GameRoomClient, f: string, key: string, timeoutMs = 15_000): Promise<ClientResult> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no client-result for ${f} ${key}`));
    }, timeoutMs);
    const off = room.onMessage("client-result", (r: ClientResult) => {
      if (r.f !== f || r.key !== key) return;
      clearTimeout(timer);
      off();
      resolve(r);
    });
  });
}

async function game(): Promise<{ host: GameRoomClient; op: GameRoomClient; cl: GameRoomClient }> {
  const host = await createGame(client(ctx.url), "Host", { level: LEVEL, seed: 5 });
  const op = await joinGame(client(ctx.url), host.state.code, "Olga");
  const cl = await joinGame(client(ctx.url), host.state.code, "Cleo");
  expect(await takeRole(op, "operator")).toMatchObject({ ok: true });
  expect(await takeRole(cl, "client")).toMatchObject({ ok: true });
  return { host, op, cl };
}

describe("a Cassandra room", () => {
  it("projects the ring: tokens, places, the summary, each key's replicas and each role's actions", async () => {
    const { host, op, cl } = await game();
    const s = cl.state;
    expect(s.system).toBe("cassandra");
    expect(s.nodes.size).toBe(5);
    for (const node of s.nodes.values()) {
      // numTokens 4 in this level: four signed 64-bit tokens each.
      expect(node.tokens.split(",")).toHaveLength(4);
      for (const t of node.tokens.split(",")) expect(t).toMatch(/^-?\d{1,19}$/);
      expect(node.dc).toBe("datacenter1");
      expect(node.rack).toBe("rack1");
      expect(node.role).toBe("normal");
      expect(node.stats.has("sstables")).toBe(true);
    }
    expect(s.summary.get("readConsistency")).toBe("ONE");
    expect(s.summary.get("writeConsistency")).toBe("ONE");
    expect(s.summary.get("replication")).toMatch(/SimpleStrategy.*3/);
    expect(s.summary.has("leader")).toBe(false);
    // Twelve workload keys, each on three distinct replicas with a copy row per replica.
    expect(s.workloadKeys.split(",")).toHaveLength(12);
    expect(s.keys.size).toBe(12);
    const k1 = s.keys.get("k1")!;
    expect(k1.token).toMatch(/^-?\d+$/);
    const replicas = k1.replicas.split(",");
    expect(new Set(replicas).size).toBe(3);
    expect([...k1.copies.keys()].sort()).toEqual([...replicas].sort());
    // What each role may do in this level, so panels offer exactly that.
    expect(s.actions.get("operator")?.split(",")).toEqual(expect.arrayContaining(["set-consistency", "repair"]));
    expect(s.actions.get("operator")).not.toMatch(/set-replication/);
    expect(s.actions.get("client")?.split(",").sort()).toEqual(["get", "put"]);
    await Promise.all([host.leave(), op.leave(), cl.leave()]);
  });

  it("lets the screen draw the ring the system has: each node's arcs add up to the share it owns", async () => {
    const { host, op, cl } = await game();
    const nodes = [...cl.state.nodes.values()];
    // What the screen draws, from the projected tokens only...
    const drawn = ownership(ringArcs(nodes.map((n) => ({ node: n.id, fractions: nodeFractions(n.tokens) }))));
    // ...and what the system's own ring says.
    const ring = new TokenRing(nodes.map((n) => ({ node: n.id, dc: n.dc, rack: n.rack, tokens: n.tokens.split(",").map((t) => BigInt(t)) })));
    for (const [node, share] of ring.ownership()) expect(drawn.get(node)).toBeCloseTo(share, 9);
    // Each key's primary owns the arc its token falls in.
    for (const key of cl.state.keys.values()) {
      const primary = key.replicas.split(",")[0];
      expect(ring.primaryOwner(BigInt(key.token))).toBe(primary);
    }
    await Promise.all([host.leave(), op.leave(), cl.leave()]);
  });

  it("projects a chaos partition as links the screen reads back as the same groups", async () => {
    const host = await createGame(client(ctx.url), "Host", { level: "cassandra/split-brain", seed: 3 });
    expect(await takeRole(host, "chaos")).toMatchObject({ ok: true });
    await control(host, "start");
    const groups = [["n1", "n2"], ["n3", "n4", "n5"]];
    expect(await send(host, "action", { action: { type: "partition", groups } })).toMatchObject({ ok: true });
    const ids = [...host.state.nodes.keys()].sort();
    expect(cleanPartition(ids, [...host.state.links])).toEqual(groups);
    expect(await send(host, "action", { action: { type: "heal" } })).toMatchObject({ ok: true });
    expect(cleanPartition(ids, [...host.state.links])).toBeNull();
    await host.leave();
  });

  it("shows the operator's consistency levels on every screen, and a client's read through the coordinator it picks", async () => {
    const { host, op, cl } = await game();
    await control(host, "speed", { speed: 2 });
    await control(host, "start");
    expect(await send(op, "action", { action: { type: "set-consistency", read: "QUORUM", write: "QUORUM" } })).toMatchObject({ ok: true });
    // The result comes after the patch: the state already shows it, on the operator's screen and the client's.
    expect(op.state.summary.get("readConsistency")).toBe("QUORUM");
    await until(() => cl.state.summary.get("readConsistency") === "QUORUM" && cl.state.summary.get("writeConsistency") === "QUORUM", "the client to see QUORUM/QUORUM");
    expect(cl.state.feed.map((e) => e.text).join("\n")).toMatch(/QUORUM/);

    const written = nextClientResult(cl, "write", "k1");
    expect(await send(cl, "action", { action: { type: "put", key: "k1", value: "cleo-1", via: "n2" } })).toMatchObject({ ok: true });
    const w = await written;
    expect(w).toMatchObject({ ok: true, via: "n2" });
    expect(w.note).toMatch(/QUORUM/);

    const read = nextClientResult(cl, "read", "k1");
    expect(await send(cl, "action", { action: { type: "get", key: "k1", via: "n4" } })).toMatchObject({ ok: true });
    const r = await read;
    expect(r).toMatchObject({ ok: true, via: "n4" });
    expect(typeof r.latencyMs).toBe("number");
    // A quorum read after a quorum write sees it (unless a bot wrote k1 in between: then a newer value).
    expect(r.stale).toBeUndefined();
    expect(r.note).toBeTruthy();
    // The key's replicas converge on a value, and the state says which replica holds what.
    await until(() => [...cl.state.keys.get("k1")!.copies.values()].some((c) => c.held), "k1's copies to show a value");

    // A coordinator that is not a node is refused in words.
    const unknown = await send(cl, "action", { action: { type: "get", key: "k1", via: "n9" } });
    expect(unknown.ok).toBe(false);
    expect(unknown.error).toMatch(/n9/);
    await Promise.all([host.leave(), op.leave(), cl.leave()]);
  });

  it("refuses a bad replication change in words and plays on", async () => {
    const { host, op, cl } = await game();
    await control(host, "start");
    // Malformed: a replication factor of 0.
    const zero = await send(op, "action", { action: { type: "set-replication", strategy: "SimpleStrategy", rf: 0 } });
    expect(zero.ok).toBe(false);
    expect(zero.error).toMatch(/replication factor of at least 1/);
    // Well formed, but this level keeps the replication as it is.
    const refused = await send(op, "action", { action: { type: "set-replication", strategy: "NetworkTopologyStrategy", dcs: { datacenter1: 5 } } });
    expect(refused.ok).toBe(false);
    expect(refused.error).toMatch(/set-replication/);
    expect(cl.state.summary.get("replication")).toMatch(/SimpleStrategy.*3/);
    // The room goes on: time advances, and the operator's next action works.
    const before = host.state.simTime;
    await until(() => host.state.simTime > before + 200, "simulated time to advance");
    expect(await send(op, "action", { action: { type: "set-consistency", write: "ALL" } })).toMatchObject({ ok: true });
    expect(op.state.summary.get("writeConsistency")).toBe("ALL");
    expect(op.state.summary.get("readConsistency")).toBe("ONE");
    await Promise.all([host.leave(), op.leave(), cl.leave()]);
  });

  it("marks a read of a replica that missed a write as stale, with the value a correct read would return", async () => {
    const { host, op, cl } = await game();
    // The chaos agent (the host here) takes n3 down before the level's own crash at 5 s.
    expect(await takeRole(host, "chaos")).toMatchObject({ ok: true });
    await control(host, "start");
    const onN3 = [...cl.state.keys.values()].find((k) => k.replicas.split(",").includes("n3") && k.replicas.split(",")[0] !== "n3")!;
    expect(onN3, "a key n3 replicates").toBeDefined();
    const key = onN3.key;
    const coordinator = onN3.replicas.split(",").find((n) => n !== "n3")!;

    expect(await send(host, "action", { action: { type: "crash", node: "n3" } })).toMatchObject({ ok: true });
    // At ONE the write is acknowledged by a live replica; n3 misses it (its coordinator keeps a hint).
    const written = nextClientResult(cl, "write", key);
    expect(await send(cl, "action", { action: { type: "put", key, value: "cleo-fresh", via: coordinator } })).toMatchObject({ ok: true });
    expect(await written).toMatchObject({ ok: true });
    await until(() => cl.state.keys.get(key)?.copies.get("n3")?.behind === true, `n3's copy of ${key} to show as behind`);

    // n3 comes back without it; hints are replayed only later, so n3 answers a read at ONE from its own old copy.
    expect(await send(host, "action", { action: { type: "restart", node: "n3" } })).toMatchObject({ ok: true });
    await until(() => cl.state.nodes.get("n3")?.up === true, "n3 to be up");
    const read = nextClientResult(cl, "read", key);
    expect(await send(cl, "action", { action: { type: "get", key, via: "n3" } })).toMatchObject({ ok: true });
    const r = await read;
    expect(r.ok).toBe(true);
    expect(r.via).toBe("n3");
    expect(r.value).not.toBe("cleo-fresh");
    expect(r.stale).toBe(true);
    expect(r.newer).toBeDefined();
    expect(typeof r.newerAckedAt).toBe("number");
    await Promise.all([host.leave(), op.leave(), cl.leave()]);
  });
});
