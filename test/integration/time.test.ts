// Host controls over simulated time: start, pause, step, speed, restart.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boot, client, control, createGame, send, sleep, until, type GameRoomClient } from "./helpers";

let ctx: Awaited<ReturnType<typeof boot>>;
beforeAll(async () => {
  ctx = await boot(2614);
});
afterAll(async () => {
  await ctx.server.close();
});

/** Simulated ms that pass over `realMs` of wall time. */
async function simRate(room: GameRoomClient, realMs: number): Promise<number> {
  const t0 = room.state.simTime;
  const w0 = Date.now();
  await sleep(realMs);
  return (room.state.simTime - t0) / (Date.now() - w0);
}

describe("host controls", () => {
  it("keeps time still in the lobby and starts it on start", async () => {
    const host = await createGame(client(ctx.url));
    expect(host.state.speed).toBeCloseTo(0.25); // the level's own speed
    await sleep(200);
    expect(host.state.simTime).toBe(0);
    expect(await send(host, "action", { action: { type: "get", key: "k1" } })).toMatchObject({ ok: false, error: expect.stringMatching(/not started/) });
    await control(host, "start");
    await until(() => host.state.simTime > 0, "time to move");
    expect(host.state.phase).toBe("running");
    expect(await send(host, "control", { op: "start" })).toMatchObject({ ok: false, error: "The round is already running." });
    await host.leave();
  });

  it("stops simulated time on pause and moves it again on resume", async () => {
    const host = await createGame(client(ctx.url));
    await control(host, "speed", { speed: 2 });
    await control(host, "start");
    await until(() => host.state.simTime > 100, "time to move");
    await control(host, "pause");
    await sleep(100); // the last patch before the pause
    const paused = host.state.simTime;
    await sleep(400);
    expect(host.state.paused).toBe(true);
    expect(host.state.simTime).toBe(paused);
    await control(host, "resume");
    await until(() => host.state.simTime > paused, "time to move again");
    await host.leave();
  });

  it("steps one event at a time while paused", async () => {
    const host = await createGame(client(ctx.url));
    await control(host, "start");
    await control(host, "pause");
    await sleep(100);
    const before = host.state.simTime;
    // Each step runs one event; events are milliseconds apart, so a few dozen steps move the clock.
    let steps = 0;
    while (host.state.simTime === before && steps < 500) {
      await control(host, "step");
      steps++;
      await sleep(5);
    }
    expect(host.state.simTime).toBeGreaterThan(before);
    const after = host.state.simTime;
    await sleep(300);
    expect(host.state.simTime).toBe(after); // still paused
    expect(await send(host, "control", { op: "resume" })).toMatchObject({ ok: true });
    expect(await send(host, "control", { op: "step" })).toMatchObject({ ok: false, error: expect.stringMatching(/Pause the round/) });
    await host.leave();
  });

  it("runs simulated time faster at a higher speed", async () => {
    const host = await createGame(client(ctx.url));
    await control(host, "speed", { speed: 0.5 });
    await control(host, "start");
    await until(() => host.state.simTime > 0, "time to move");
    const slow = await simRate(host, 1000);
    await control(host, "speed", { speed: 8 });
    await until(() => host.state.speed === 8, "the new speed to show");
    const fast = await simRate(host, 1000);
    // 16 times the speed. The machine may be busy (patches arrive late, in bursts), so only an unmistakable
    // difference is demanded.
    expect(slow).toBeGreaterThan(0.05);
    expect(slow).toBeLessThan(2);
    expect(fast).toBeGreaterThan(slow * 3);
    await host.leave();
  });

  it("restarts the round from the beginning, keeping the players", async () => {
    const host = await createGame(client(ctx.url));
    await control(host, "speed", { speed: 4 });
    await control(host, "start");
    expect(host.state.round).toBe(1);
    await until(() => host.state.simTime > 500, "time to move");
    await control(host, "restart");
    await until(() => host.state.phase === "lobby" && host.state.simTime === 0, "the round to restart");
    // The next round, under its own number (the exports and the debrief name rounds by it).
    expect(host.state.round).toBe(2);
    expect(host.state.speed).toBeCloseTo(0.25);
    expect(host.state.players.size).toBe(1);
    expect([...host.state.nodes.values()].every((n) => n.up)).toBe(true);
    await host.leave();
  });
});
