// A cluster too costly to simulate at the speed asked (here 64 etcd members at 100×, the kind of level an author can
// upload) must not stall the other rooms sharing the server's event loop: the room runs slower than asked, says so,
// and every other room keeps ticking.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_SPEED } from "../../shared/protocol/messages";
import { tickTimings } from "../../server/rooms/GameRoom";
import { boot, client, control, createGame, sleep, until } from "./helpers";

// The bench's 64-member scene (and its five-member twin) come from their own levels folder; the catalogue reads it once.
process.env.SPLIT_BRAIN_LEVELS = "server/tools/bench-levels";

let ctx: Awaited<ReturnType<typeof boot>>;
beforeAll(async () => {
  ctx = await boot(2761);
});
afterAll(async () => {
  tickTimings.observe = undefined;
  await ctx.server.close();
  delete process.env.SPLIT_BRAIN_LEVELS; // a worker may run another test file next

});

describe("a room too costly for the speed asked", () => {
  it("runs slower than asked, says so, and the other rooms keep ticking", async () => {
    const heavy = await createGame(client(ctx.url), "Host", { level: "etcd/sixty-four-members" });
    const light = await createGame(client(ctx.url), "Other", { level: "etcd/five-members" });
    await control(light, "start");

    const ticks = new Map<string, number>();
    tickTimings.observe = (_tick, _sim, _delta, roomId) => ticks.set(roomId, (ticks.get(roomId) ?? 0) + 1);
    await control(heavy, "speed", { speed: MAX_SPEED });
    await control(heavy, "start");
    const wallStart = Date.now();
    await until(() => heavy.state.feed.some((e) => e.text.includes("too costly to simulate")), "the room to say it runs slower", 30_000);
    await sleep(2000);
    const wallMs = Date.now() - wallStart;

    // Slower than asked: at 100× the round would be 100 simulated ms ahead per real ms.
    expect(heavy.state.simTime).toBeLessThan(MAX_SPEED * wallMs);
    expect(heavy.state.simTime).toBeGreaterThan(0);
    // The other room was not starved: it ticked all along (a tick every 50 ms when on time).
    expect(ticks.get(light.roomId) ?? 0).toBeGreaterThan(10);
    expect(light.state.phase).toBe("running");
    await heavy.leave();
    await light.leave();
  });
});
