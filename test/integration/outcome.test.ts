// The end of a round reaches every player: won or lost, why, and the level's debrief.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { levelCatalog } from "../../server/levels-catalog";
import { LEVEL, boot, client, control, createGame, joinGame, send, until } from "./helpers";

let ctx: Awaited<ReturnType<typeof boot>>;
beforeAll(async () => {
  ctx = await boot(2617);
});
afterAll(async () => {
  await ctx.server.close();
});

describe("outcome", () => {
  it("tells every client how the round ended and shows the debrief", async () => {
    const host = await createGame(client(ctx.url), "Host");
    const guest = await joinGame(client(ctx.url), host.state.code, "Guest");
    await control(host, "speed", { speed: 100 });
    await control(host, "start");
    const ended = (phase: string) => phase === "won" || phase === "lost";
    await until(() => ended(host.state.phase) && ended(guest.state.phase), "the round to end", 30_000);

    const debrief = levelCatalog().get(LEVEL)!.debrief;
    for (const room of [host, guest]) {
      expect(room.state.phase).toBe(host.state.phase);
      expect(room.state.outcomeText.length).toBeGreaterThan(0);
      expect(room.state.debrief).toBe(debrief);
      expect(room.state.objectives.length).toBeGreaterThan(0);
    }
    // Time stops at the end, and actions are refused.
    const at = host.state.simTime;
    expect(at).toBeLessThanOrEqual(host.state.timeLimitMs);
    expect(await send(guest, "action", { action: { type: "get", key: "k1" } })).toMatchObject({ ok: false, error: expect.stringMatching(/over/) });
    expect(await send(host, "control", { op: "start" })).toMatchObject({ ok: false, error: expect.stringMatching(/restart/) });
    await Promise.all([host.leave(), guest.leave()]);
  });
});
