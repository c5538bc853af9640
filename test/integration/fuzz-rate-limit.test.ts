// Room messages are rate-limited per client, in both room types: a player playing as fast as a test can is never
// cut off; a flood is disconnected with close code 4429 and a reason in words, and the room carries on.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RATE_LIMITED_CLOSE, ROOM_MESSAGE_RATE, rateLimitReason } from "../../server/rooms/rate-limit";
import { createClass, joinClass, me as rosterRow, mine, type ClassRoomClient } from "./class-helpers";
import { boot, client, control, createGame, joinGame, takeRole, until, type GameRoomClient } from "./helpers";

let ctx: Awaited<ReturnType<typeof boot>>;

beforeAll(async () => {
  ctx = await boot(2722);
});
afterAll(async () => {
  await ctx.server.close();
});

/** Resolves with the close code and reason once the room closes the connection. */
function closed(room: GameRoomClient | ClassRoomClient): Promise<{ code: number; reason?: string }> {
  return new Promise((resolve) => room.onLeave((code: number, reason?: string) => resolve({ code, reason })));
}

describe("game room", () => {
  it("a fast player keeps playing; a flooder is disconnected with 4429 and the reason, and loses their seat", async () => {
    const host = await createGame(client(ctx.url), "Host");
    const fast = await joinGame(client(ctx.url), host.state.code, "Fast");
    const flooder = await joinGame(client(ctx.url), host.state.code, "Flood");
    expect((await takeRole(fast, "chaos")).ok).toBe(true);
    await control(host, "start");

    // As fast as request/reply allows: several hundred messages in a few seconds, every one answered.
    let fastLeft = false;
    fast.onLeave(() => (fastLeft = true));
    for (let i = 0; i < ROOM_MESSAGE_RATE.burst + 50; i++) {
      const reply = await fast.request("action", { action: { type: "latency", from: "n1", to: "n2", ms: 10 + (i % 50) } });
      expect(reply).toMatchObject({ type: "action" });
    }
    expect(fastLeft).toBe(false);

    const gone = closed(flooder);
    for (let i = 0; i < 5_000; i++) flooder.send("action", { action: { type: "crash", node: "n1" } });
    expect(await gone).toEqual({ code: RATE_LIMITED_CLOSE, reason: rateLimitReason(ROOM_MESSAGE_RATE) });
    await until(() => !host.state.players.has(flooder.sessionId), "the flooder's seat to be freed (no reconnection is held)");

    // Everyone else goes on: the room answers, and the fast player's next action works.
    expect(await fast.request("action", { action: { type: "heal" } })).toMatchObject({ ok: true });
    expect(fast.connection.isOpen).toBe(true);
    await Promise.all([host.leave(), fast.leave()]);
  });
});

describe("class room", () => {
  it("a student flooding the class is disconnected with 4429; the teacher goes on and the student may rejoin", async () => {
    const teacher = await createClass(client(ctx.url));
    const student = await joinClass(client(ctx.url), teacher.state.code, "Noisy");
    const { rejoinToken, studentId } = mine(student);
    const gone = closed(student);
    for (let i = 0; i < 5_000; i++) student.send("vote", { poll: "p1", choice: 0 });
    expect(await gone).toEqual({ code: RATE_LIMITED_CLOSE, reason: rateLimitReason(ROOM_MESSAGE_RATE) });

    await until(() => teacher.state.roster.get(studentId)?.connected === false, "the roster to show the student away");
    expect(await teacher.request("class-control", { op: "broadcast", text: "Still here" })).toMatchObject({ ok: true });

    // Not a ban: the page's rejoin token brings the same student back, in the same seat.
    const back: ClassRoomClient = await client(ctx.url).join("class", { code: teacher.state.code, rejoin: rejoinToken });
    await until(() => mine(back)?.studentId === studentId && rosterRow(back).connected, "the student to be back");
    await back.leave();
    await teacher.leave();
  });
});
