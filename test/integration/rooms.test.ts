// Creating and joining games by code, the level list and the static client: what a class does first.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LEVEL, boot, client, createGame, joinGame, me, until } from "./helpers";

let ctx: Awaited<ReturnType<typeof boot>>;
beforeAll(async () => {
  ctx = await boot(2611);
});
afterAll(async () => {
  await ctx.server.close();
});

describe("games and join codes", () => {
  it("creates a game whose creator hosts it, and lets others in with the code", async () => {
    const host = await createGame(client(ctx.url), "Ada");
    expect(host.state.code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{5}$/);
    expect(host.state.levelId).toBe(LEVEL);
    expect(host.state.phase).toBe("lobby");
    expect(me(host)).toMatchObject({ name: "Ada", host: true, role: "host", connected: true });
    expect(host.state.nodes.size).toBe(5);

    // Typed the way a student might: lower case, a dash in the middle.
    const typed = `${host.state.code.slice(0, 2).toLowerCase()}-${host.state.code.slice(2).toLowerCase()} `;
    const guest = await joinGame(client(ctx.url), typed, "Grace");
    expect(guest.roomId).toBe(host.roomId);
    expect(me(guest)).toMatchObject({ name: "Grace", host: false, role: "spectator" });
    await until(() => host.state.players.size === 2, "the host to see the guest");

    // A second "Grace" gets a name people can tell apart.
    const twin = await joinGame(client(ctx.url), host.state.code, "Grace");
    expect(me(twin).name).toBe("Grace 2");
    await Promise.all([host.leave(), guest.leave(), twin.leave()]);
  });

  it("refuses a code that leads to no game, naming the code", async () => {
    const game = await createGame(client(ctx.url));
    const wrong = game.state.code === "ZZZZZ" ? "YYYYY" : "ZZZZZ";
    await expect(client(ctx.url).join("game", { code: wrong, name: "Eve" })).rejects.toThrow(`No game has the code ${wrong}`);
    await game.leave();
  });

  it("refuses look-alike characters and malformed codes with a reason", async () => {
    await expect(client(ctx.url).join("game", { code: "AB0DE", name: "Eve" })).rejects.toThrow(/"0".*looks like the letter O/);
    await expect(client(ctx.url).join("game", { code: "ABC", name: "Eve" })).rejects.toThrow(/5 characters/);
    await expect(client(ctx.url).join("game", { code: 12345, name: "Eve" })).rejects.toThrow(/must be text/);
  });

  it("does not let anyone into a game without its code", async () => {
    const game = await createGame(client(ctx.url));
    await expect(client(ctx.url).join("game", { name: "Mallory" })).rejects.toThrow(/joined with its 5-character code/);
    await expect(client(ctx.url).joinById(game.roomId, { name: "Mallory" })).rejects.toThrow(/joined with its 5-character code/);
    expect(game.state.players.size).toBe(1);
    await game.leave();
  });

  it("refuses to create a game for an unknown level and says which levels exist", async () => {
    await expect(client(ctx.url).create("game", { level: "etcd/nope", name: "Ada" })).rejects.toThrow(/no level "etcd\/nope".*etcd\/leader-election/);
    await expect(client(ctx.url).create("game", { level: LEVEL })).rejects.toThrow(/name: missing/);
  });

  it("lists the levels and serves the client on the same port", async () => {
    const levels = await (await fetch(`${ctx.url}/api/levels`)).json();
    expect(levels).toContainEqual({
      id: LEVEL,
      title: expect.any(String),
      system: "etcd",
      concept: expect.any(String),
      difficulty: expect.any(Number),
      number: expect.any(Number),
      chapter: expect.any(String),
      teaches: expect.arrayContaining(["leader-election"]),
    });
    // In campaign order: the tutorial first, numbered from 1.
    expect(levels[0]).toMatchObject({ id: "etcd/first-steps", number: 1, chapter: "First steps" });
    expect(levels.map((l: { number?: number }) => l.number)).toEqual(levels.map((_: unknown, i: number) => i + 1));
    const page = await fetch(`${ctx.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<title>Split Brain</title>");
  });
});
