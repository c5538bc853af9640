// Bad input gets a clear answer and harms nothing: the sender stays connected, the room goes on, the state
// stays as it was.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ResultMessage } from "../../shared/protocol/messages";
import { boot, client, control, createGame, joinGame, send, sleep, takeRole, until, type GameRoomClient } from "./helpers";

let ctx: Awaited<ReturnType<typeof boot>>;
let host: GameRoomClient;
let chaos: GameRoomClient;

beforeAll(async () => {
  ctx = await boot(2613);
  host = await createGame(client(ctx.url), "Host");
  chaos = await joinGame(client(ctx.url), host.state.code, "Chaos");
  await takeRole(chaos, "chaos");
  await control(host, "speed", { speed: 0.01 });
  await control(host, "start");
  await until(() => host.state.players.get(chaos.sessionId)?.role === "chaos", "the chaos seat to show");
});
afterAll(async () => {
  await Promise.all([host.leave(), chaos.leave()]);
  await ctx.server.close();
});

/** What must not change when a message is refused. */
function snapshot(room: GameRoomClient) {
  return JSON.stringify({
    up: [...room.state.nodes.values()].map((n) => [n.id, n.up]),
    links: room.state.links.length,
    budget: room.state.chaosBudget,
    players: [...room.state.players.values()].map((p) => [p.name, p.role, p.node]),
    phase: room.state.phase,
    paused: room.state.paused,
    speed: room.state.speed,
  });
}

const BAD: [string, string, unknown, RegExp][] = [
  ["missing field", "action", { action: { type: "crash" } }, /action\.node: missing/],
  ["wrong type", "action", { action: { type: "crash", node: 7 } }, /action\.node: .*expected string, received number/],
  ["unknown action type", "action", { action: { type: "nuke", node: "n1" } }, /unknown type "nuke"/],
  ["no action at all", "action", {}, /action: missing/],
  ["not an object", "action", "crash n1", /expected object, received string/],
  ["nothing", "action", undefined, /missing/],
  ["huge string", "action", { action: { type: "cut", from: "n1".padEnd(20_000, "x"), to: "n2" } }, /action\.from: expected a node id/],
  ["bad node id", "action", { action: { type: "crash", node: "../../etc" } }, /expected a node id such as n1/],
  ["out of range", "action", { action: { type: "latency", from: "n1", to: "n2", ms: -5 } }, /action\.ms/],
  ["unknown role", "role", { role: "admin" }, /role: .*expected one of/],
  ["unknown control", "control", { op: "explode" }, /unknown op "explode"/],
  ["speed without a number", "control", { op: "speed", speed: "fast" }, /speed: .*expected number/],
  ["absurd speed", "control", { op: "speed", speed: 1e12 }, /speed of at most 100/],
];

describe("malformed messages", () => {
  it.each(BAD)("%s: refused with a clear error, sender stays connected, state unchanged", async (_what, type, payload, error) => {
    const before = snapshot(host);
    const sender = type === "control" ? host : chaos;
    const result = await send(sender, type, payload);
    expect(result).toMatchObject({ type, ok: false });
    expect(result.error).toMatch(error);
    expect(result.error!.length).toBeLessThan(400);
    expect(sender.connection.isOpen).toBe(true);
    await sleep(150); // three patches: anything the message had changed would have arrived
    expect(snapshot(host)).toBe(before);
  });

  it("answers unknown message types instead of dropping the connection", async () => {
    const result = await send(chaos, "hack", { please: true });
    expect(result).toEqual({ type: "hack", ok: false, error: 'Unknown message type "hack": send role, action, control, seat or replay.' });
    expect(chaos.connection.isOpen).toBe(true);
  });

  it("answers through room.request as well, with the same result", async () => {
    const result = await chaos.request("action", { action: { type: "crash" } });
    expect(result).toMatchObject({ type: "action", ok: false, error: expect.stringMatching(/action\.node: missing/) });
  });

  it("keeps the room going: after a burst of garbage a valid action still works", async () => {
    const results: ResultMessage[] = [];
    const off = chaos.onMessage("result", (r: ResultMessage) => results.push(r));
    for (const [, type, payload] of BAD) if (type !== "control") chaos.send(type, payload);
    chaos.send("action", { action: { type: "crash", node: "n5" } });
    const garbage = BAD.filter(([, type]) => type !== "control").length;
    await until(() => results.length === garbage + 1, "every message to be answered");
    off();
    // Answers come in order: every piece of garbage refused, then the crash accepted.
    expect(results.slice(0, garbage).every((r) => !r.ok)).toBe(true);
    expect(results[garbage]).toEqual({ type: "action", ok: true, action: "crash" });
    await until(() => host.state.nodes.get("n5")?.up === false, "the valid crash to take n5 down");
    expect(chaos.connection.isOpen).toBe(true);
  });
});
