// A student whose connection drops, or who reloads the page, comes back as the same student: same name, group,
// role and team, and back on the same node of their group's cluster.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLASS_CLOSE } from "../../shared/protocol/class-messages";
import { boot, client, until } from "./helpers";
import { closed, createClass, dropSocket, joinClass, joinMyGame, me, mine, teach } from "./class-helpers";

let ctx: Awaited<ReturnType<typeof boot>>;
beforeAll(async () => {
  ctx = await boot(2785);
});
afterAll(async () => {
  await ctx.server.close();
});

describe("class reconnection", () => {
  it("keeps a dropped student's seat and gives it back when the connection returns", async () => {
    const teacher = await createClass(client(ctx.url));
    const ada = await joinClass(client(ctx.url), teacher.state.code, "Ada");
    const id = me(ada).studentId;
    ada.reconnection.minUptime = 0; // the SDK otherwise only reconnects rooms joined 5 s ago or more
    ada.reconnection.minDelay = 300;
    ada.reconnection.maxDelay = 300;
    const back = new Promise<void>((resolve) => ada.onReconnect(() => resolve()));
    dropSocket(ada);
    await until(() => teacher.state.roster.get(id)?.connected === false, "the teacher to see Ada away");
    expect(teacher.state.roster.get(id)).toMatchObject({ name: "Ada", group: "g1", role: "operator" });
    await back;
    await until(() => teacher.state.roster.get(id)?.connected === true, "Ada back");
    expect(me(ada)).toMatchObject({ studentId: id, role: "operator", group: "g1" });
    await Promise.all([ada.leave(), teacher.leave()]);
  });

  it("brings a student who reloads the page back with their rejoin token: same role, team, group and node", async () => {
    const teacher = await createClass(client(ctx.url));
    const others = [await joinClass(client(ctx.url), teacher.state.code, "Op"), await joinClass(client(ctx.url), teacher.state.code, "Chaos")];
    const nia = await joinClass(client(ctx.url), teacher.state.code, "Nia");
    const id = me(nia).studentId;
    expect(await teach(teacher, "assign", { student: id, role: "node", node: "n4", team: "Blue" })).toMatchObject({ ok: true });
    await until(() => me(nia).node === "n4" && me(nia).team === "Blue", "Nia's new seat");
    const game = await joinMyGame(client(ctx.url), nia);
    await until(() => game.state.nodes.get("n4")?.player === "Nia", "Nia on n4");

    // A reload: the page's sockets die without a word, and the page comes back with what it stored.
    const token = mine(nia).rejoinToken;
    nia.reconnection.enabled = false;
    game.reconnection.enabled = false;
    dropSocket(nia);
    dropSocket(game);
    await until(() => teacher.state.roster.get(id)?.connected === false, "the teacher to see Nia away");

    const again = await client(ctx.url).join("class", { code: teacher.state.code, rejoin: token });
    await until(() => mine(again)?.studentId === id, "the same student back");
    expect(me(again)).toMatchObject({ name: "Nia", group: "g1", role: "node", node: "n4", team: "Blue", connected: true });
    expect(mine(again).rejoinToken).toBe(token);
    // The game seat comes back too, though the old game connection is still held for its own reconnection.
    const gameAgain = await joinMyGame(client(ctx.url), again);
    expect(gameAgain.state.players.get(gameAgain.sessionId)).toMatchObject({ name: "Nia", role: "node", node: "n4" });
    await until(() => [...gameAgain.state.players.values()].filter((p) => p.name.startsWith("Nia")).length === 1, "one Nia in the game");
    expect(gameAgain.state.nodes.get("n4")?.player).toBe("Nia");
    expect(teacher.state.roster.size).toBe(4);
    await Promise.all([gameAgain.leave(), again.leave(), ...others.map((o) => o.leave()), teacher.leave()]);
  });

  it("closes an older window when the same student joins again, and refuses an unknown token", async () => {
    const teacher = await createClass(client(ctx.url));
    const first = await joinClass(client(ctx.url), teacher.state.code, "Ada");
    const gone = closed(first);
    const second = await client(ctx.url).join("class", { code: teacher.state.code, rejoin: mine(first).rejoinToken });
    expect(await gone).toEqual({ code: CLASS_CLOSE.replaced, reason: "You joined the class again in another window." });
    await until(() => mine(second)?.studentId === "s1", "the second window to be Ada");
    await until(() => teacher.state.roster.get("s1")?.sessionId === second.sessionId, "the teacher to see the second window");
    expect(teacher.state.roster.get("s1")).toMatchObject({ connected: true, name: "Ada" });
    await expect(client(ctx.url).join("class", { code: teacher.state.code, rejoin: "not-a-token" })).rejects.toThrow(/does not know that rejoin token/);
    await Promise.all([second.leave(), teacher.leave()]);
  });
});
