// The role table, enforced by the server: each role can do its own things and nothing else.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boot, client, control, createGame, joinGame, me, send, takeRole, until, type GameRoomClient } from "./helpers";

let ctx: Awaited<ReturnType<typeof boot>>;
beforeAll(async () => {
  ctx = await boot(2612);
});
afterAll(async () => {
  await ctx.server.close();
});

/** A running game (slowed right down, so the level's own script stays far away) with a few guests. */
async function game(...guests: string[]): Promise<{ host: GameRoomClient; rooms: GameRoomClient[] }> {
  const host = await createGame(client(ctx.url), "Host");
  const rooms = [];
  for (const name of guests) rooms.push(await joinGame(client(ctx.url), host.state.code, name));
  await control(host, "speed", { speed: 0.01 });
  await control(host, "start");
  return { host, rooms };
}

async function act(room: GameRoomClient, action: Record<string, unknown>) {
  return send(room, "action", { action });
}

describe("roles", () => {
  it("refuses a client's crash with the reason, and the node stays up", async () => {
    const { host, rooms: [alice] } = await game("Alice");
    expect(await takeRole(alice, "client")).toMatchObject({ ok: true });
    const result = await act(alice, { type: "crash", node: "n1" });
    expect(result).toEqual({ type: "action", ok: false, action: "crash", error: 'As a client you cannot "crash": only the chaos agent can.' });
    expect(alice.state.nodes.get("n1")?.up).toBe(true);
    await Promise.all([host.leave(), alice.leave()]);
  });

  it("lets the chaos agent crash a node, and everyone sees it go down", async () => {
    const { host, rooms: [chaos] } = await game("Chaos");
    expect(await takeRole(chaos, "chaos")).toMatchObject({ ok: true });
    await until(() => host.state.players.get(chaos.sessionId)?.role === "chaos", "the host to see the chaos agent");
    expect(await act(chaos, { type: "crash", node: "n2" })).toEqual({ type: "action", ok: true, action: "crash" });
    await until(() => host.state.nodes.get("n2")?.up === false && chaos.state.nodes.get("n2")?.up === false, "n2 to be down");
    expect(host.state.nodes.get("n1")?.up).toBe(true);
    await Promise.all([host.leave(), chaos.leave()]);
  });

  it("spends the chaos budget and refuses faults once it is gone", async () => {
    const { host, rooms: [chaos] } = await game("Chaos");
    await takeRole(chaos, "chaos");
    const budget = chaos.state.chaosBudget;
    expect(budget).toBe(4);
    for (const node of ["n1", "n2", "n3", "n4"]) expect(await act(chaos, { type: "crash", node })).toMatchObject({ ok: true });
    await until(() => chaos.state.chaosBudget === 0, "the budget to reach 0");
    const refused = await act(chaos, { type: "crash", node: "n5" });
    expect(refused.ok).toBe(false);
    expect(refused.error).toMatch(/budget/i);
    expect(chaos.state.nodes.get("n5")?.up).toBe(true);
    await Promise.all([host.leave(), chaos.leave()]);
  });

  it("gives each node to one player, and node players act only on their own node", async () => {
    const { host, rooms: [a, b] } = await game("A", "B");
    expect(await takeRole(a, "node", "n3")).toMatchObject({ ok: true });
    const taken = await takeRole(b, "node", "n3");
    expect(taken.ok).toBe(false);
    expect(taken.error).toBe("A is already playing n3.");
    expect(await takeRole(b, "node", "n9")).toMatchObject({ ok: false, error: expect.stringMatching(/no node "n9"/) });
    expect(await takeRole(b, "node")).toMatchObject({ ok: false, error: expect.stringMatching(/which node/) });
    expect(await takeRole(b, "node", "n4")).toMatchObject({ ok: true });
    await until(() => host.state.nodes.get("n3")?.player === "A" && host.state.nodes.get("n4")?.player === "B", "node players on the nodes");

    // crash-self takes down n3 (A's node) and nothing else; A may not crash B's node.
    expect(await act(a, { type: "crash", node: "n4" })).toMatchObject({ ok: false });
    expect(await act(a, { type: "crash-self" })).toMatchObject({ ok: true });
    await until(() => host.state.nodes.get("n3")?.up === false, "n3 to go down");
    expect(host.state.nodes.get("n4")?.up).toBe(true);
    expect(await act(a, { type: "restart-self" })).toMatchObject({ ok: true });
    await until(() => host.state.nodes.get("n3")?.up === true, "n3 to come back");

    // Leaving the node frees it for someone else.
    expect(await takeRole(a, "spectator")).toMatchObject({ ok: true });
    await until(() => host.state.nodes.get("n3")?.player === "", "n3 to be free");
    expect(await takeRole(b, "node", "n3")).toMatchObject({ ok: true });
    await Promise.all([host.leave(), a.leave(), b.leave()]);
  });

  it("keeps one host and one chaos agent, and only the host controls time", async () => {
    const { host, rooms: [a, b] } = await game("A", "B");
    expect(await takeRole(a, "host")).toMatchObject({ ok: false, error: "Host is the host; a game has one host." });
    expect(await takeRole(a, "chaos")).toMatchObject({ ok: true });
    expect(await takeRole(b, "chaos")).toMatchObject({ ok: false, error: "A is already the chaos agent." });
    expect(await send(b, "control", { op: "pause" })).toMatchObject({ ok: false, error: "Only the host controls the game." });
    expect(b.state.paused).toBe(false);
    // Clients are shared: both may be clients.
    expect(await takeRole(b, "client")).toMatchObject({ ok: true });
    expect(await takeRole(host, "client")).toMatchObject({ ok: true });
    // The host keeps the controls while playing a client.
    expect(me(host)).toMatchObject({ role: "client", host: true });
    expect(await send(host, "control", { op: "pause" })).toMatchObject({ ok: true });
    await Promise.all([host.leave(), a.leave(), b.leave()]);
  });

  it("answers a client's own write and read with client-result", async () => {
    const { host, rooms: [c] } = await game("Client");
    await control(host, "speed", { speed: 1 });
    await takeRole(c, "client");
    await until(() => c.state.leader !== "", "a leader to be elected", 20_000);
    const results: any[] = [];
    c.onMessage("client-result", (r) => results.push(r));
    expect(await act(c, { type: "put", key: "mine", value: "hello" })).toMatchObject({ ok: true });
    await until(() => results.length === 1, "the write to complete", 20_000);
    expect(results[0]).toMatchObject({ f: "write", key: "mine", ok: true });
    expect(results[0].latencyMs).toBeGreaterThan(0);
    expect(await act(c, { type: "get", key: "mine" })).toMatchObject({ ok: true });
    await until(() => results.length === 2, "the read to complete", 20_000);
    expect(results[1]).toMatchObject({ f: "read", key: "mine", ok: true, value: "hello" });
    await Promise.all([host.leave(), c.leave()]);
  });

  it("shows cut links as directed rows and removes them when healed", async () => {
    const { host, rooms: [chaos] } = await game("Chaos");
    await takeRole(chaos, "chaos");
    expect(host.state.links.length).toBe(0);
    expect(await act(chaos, { type: "cut", from: "n1", to: "n2" })).toMatchObject({ ok: true });
    const rows = () => [...host.state.links].map((l) => `${l.from}>${l.to}:${l.cut}`).sort();
    await until(() => rows().length === 2, "both directions of the cut");
    expect(rows()).toEqual(["n1>n2:true", "n2>n1:true"]);
    expect(await act(chaos, { type: "heal" })).toMatchObject({ ok: true });
    await until(() => host.state.links.length === 0, "the links to heal");
    await Promise.all([host.leave(), chaos.leave()]);
  });

  it("lets the host hand out roles and the host controls", async () => {
    const { host, rooms: [a] } = await game("A");
    expect(await send(a, "role", { role: "chaos", player: host.sessionId })).toMatchObject({ ok: false, error: "Only the host can give other players their roles." });
    expect(await send(host, "role", { role: "node", node: "n5", player: a.sessionId })).toMatchObject({ ok: true });
    expect(me(a)).toMatchObject({ role: "node", node: "n5" });
    expect(await send(host, "role", { role: "host", player: a.sessionId })).toMatchObject({ ok: true });
    expect(me(a)).toMatchObject({ host: true, role: "host", node: "" });
    expect(me(host)).toMatchObject({ host: false, role: "spectator" });
    expect(await send(host, "control", { op: "pause" })).toMatchObject({ ok: false });
    expect(await send(a, "control", { op: "pause" })).toMatchObject({ ok: true });
    await Promise.all([host.leave(), a.leave()]);
  });

  it("stops the chaos bot while a person plays chaos", async () => {
    // The level's script crashes the leader at 5 s; its chaos bot crashes the next leader at 9 s. With a person
    // in the chaos seat only the script's crash happens, and the budget stays untouched.
    const run = async (withPerson: boolean) => {
      const host = await createGame(client(ctx.url), "Host", { seed: 3 });
      const chaos = await joinGame(client(ctx.url), host.state.code, "Chaos");
      if (withPerson) await takeRole(chaos, "chaos");
      await control(host, "speed", { speed: 20 });
      await control(host, "start");
      await until(() => host.state.simTime >= 10_500 || host.state.phase !== "running", "10 simulated seconds", 20_000);
      await control(host, "pause").catch(() => undefined);
      // Crashed members may already have been replaced by the operator bot, so count crashes in the event log.
      const crashes = [...host.state.feed].filter((e) => e.kind === "crash").length;
      const budget = host.state.chaosBudget;
      await Promise.all([host.leave(), chaos.leave()]);
      return { crashes, budget };
    };
    expect(await run(true)).toEqual({ crashes: 1, budget: 4 });
    const bot = await run(false);
    expect(bot.crashes).toBeGreaterThanOrEqual(2);
    expect(bot.budget).toBeLessThan(4);
  });
});
