// A player whose connection drops keeps their seat and gets it back on reconnecting.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boot, client, control, createGame, joinGame, me, send, takeRole, until } from "./helpers";

let ctx: Awaited<ReturnType<typeof boot>>;
beforeAll(async () => {
  ctx = await boot(2615);
});
afterAll(async () => {
  await ctx.server.close();
});

/** Kills the socket the way a dropped Wi-Fi does: no Colyseus "leave", just a closed connection. */
function dropSocket(room: { connection: { transport: unknown } }): void {
  const ws = (room.connection.transport as { ws: WebSocket }).ws;
  ws.close();
}

describe("reconnection", () => {
  it("keeps a dropped player's role, shows them disconnected, and lets them back into the same seat", async () => {
    const host = await createGame(client(ctx.url), "Host");
    const chaos = await joinGame(client(ctx.url), host.state.code, "Chaos");
    await takeRole(chaos, "chaos");
    await control(host, "speed", { speed: 0.01 });
    await control(host, "start");
    const sessionId = chaos.sessionId;
    chaos.reconnection.minUptime = 0; // the SDK otherwise only reconnects rooms joined 5 s ago or more
    chaos.reconnection.minDelay = 300; // long enough for the host to see the gap
    chaos.reconnection.maxDelay = 300;
    const reconnected = new Promise<void>((resolve) => chaos.onReconnect(() => resolve()));

    dropSocket(chaos);
    await until(() => host.state.players.get(sessionId)?.connected === false, "the host to see the chaos agent disconnected");
    expect(host.state.players.get(sessionId)?.role).toBe("chaos");
    // Nobody can take the seat meanwhile.
    const other = await joinGame(client(ctx.url), host.state.code, "Other");
    expect(await takeRole(other, "chaos")).toMatchObject({ ok: false, error: "Chaos is already the chaos agent." });

    await reconnected;
    expect(chaos.sessionId).toBe(sessionId);
    await until(() => host.state.players.get(sessionId)?.connected === true, "the host to see them back");
    expect(me(chaos)).toMatchObject({ role: "chaos", connected: true });
    // Back in the seat with its powers.
    expect(await send(chaos, "action", { action: { type: "crash", node: "n1" } })).toMatchObject({ ok: true });
    await until(() => host.state.nodes.get("n1")?.up === false, "the crash to land");
    await Promise.all([host.leave(), chaos.leave(), other.leave()]);
  });

  it("reconnects by token after the page is reloaded", async () => {
    const host = await createGame(client(ctx.url), "Host");
    const node = await joinGame(client(ctx.url), host.state.code, "Nodey");
    await takeRole(node, "node", "n2");
    node.reconnection.enabled = false; // a reload: the page reconnects itself with the token it saved
    const token = node.reconnectionToken;
    const sessionId = node.sessionId;
    dropSocket(node);
    await until(() => host.state.players.get(sessionId)?.connected === false, "the drop to show");

    const again = await client(ctx.url).reconnect(token);
    expect(again.sessionId).toBe(sessionId);
    await until(() => again.state?.players?.get(sessionId)?.connected === true, "the seat to be back");
    expect(again.state.players.get(sessionId)).toMatchObject({ role: "node", node: "n2", name: "Nodey" });
    expect(host.state.nodes.get("n2")?.player).toBe("Nodey");
    // The private inbox follows the seat.
    await until(() => again.state.inbox.has("n2"), "n2's inbox to be visible again");
    await Promise.all([host.leave(), again.leave()]);
  });

  it("frees the seat when a player leaves on purpose", async () => {
    const host = await createGame(client(ctx.url), "Host");
    const a = await joinGame(client(ctx.url), host.state.code, "A");
    await takeRole(a, "node", "n1");
    await until(() => host.state.nodes.get("n1")?.player === "A", "A on n1");
    await a.leave();
    await until(() => host.state.players.size === 1 && host.state.nodes.get("n1")?.player === "", "the seat to be freed");
    await host.leave();
  });

  it("hands the controls to another player when the host leaves", async () => {
    const host = await createGame(client(ctx.url), "Host");
    const a = await joinGame(client(ctx.url), host.state.code, "A");
    await host.leave();
    await until(() => me(a).host === true, "A to become host");
    expect(await send(a, "control", { op: "start" })).toMatchObject({ ok: true });
    await a.leave();
  });
});
