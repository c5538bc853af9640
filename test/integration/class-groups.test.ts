// Groups each play their own cluster of the same level; one large cluster puts the class on the nodes; scores come
// from what each cluster did.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boot, client, until } from "./helpers";
import { type ClassRoomClient, createClass, group, joinClass, joinMyGame, leaveAll, me, say, teach, watchGroup } from "./class-helpers";

let ctx: Awaited<ReturnType<typeof boot>>;
beforeAll(async () => {
  ctx = await boot(2783);
});
afterAll(async () => {
  await ctx.server.close();
});

async function students(code: string, count: number): Promise<ClassRoomClient[]> {
  const rooms: ClassRoomClient[] = [];
  for (let i = 1; i <= count; i++) rooms.push(await joinClass(client(ctx.url), code, `Student ${i}`));
  return rooms;
}

describe("class groups and one large cluster", () => {
  it("gives each group its own game room and puts every student in their group's room with their role", async () => {
    const teacher = await createClass(client(ctx.url), { groupSize: 4 });
    const class8 = await students(teacher.state.code, 8);
    await until(() => teacher.state.groups.length === 2, "two groups");
    const [g1, g2] = teacher.state.groups;
    expect(g1.gameCode).not.toBe(g2.gameCode);
    // Each group of four: an operator, a chaos agent and two nodes.
    for (const id of ["g1", "g2"]) {
      const seats = class8.filter((s) => me(s).group === id).map((s) => (me(s).role === "node" ? me(s).node : me(s).role));
      expect(seats).toEqual(["operator", "chaos", "n1", "n2"]);
    }
    const games = await Promise.all(class8.map((s) => joinMyGame(client(ctx.url), s)));
    for (const [i, game] of games.entries()) {
      const seat = me(class8[i]);
      expect(game.state.code).toBe(group(teacher, seat.group).gameCode);
      expect(game.state.players.get(game.sessionId)).toMatchObject({ name: seat.name, role: seat.role, node: seat.node });
    }
    // Same level and seed in every group; each has its own players.
    const [w1, w2] = [await watchGroup(client(ctx.url), teacher, "g1"), await watchGroup(client(ctx.url), teacher, "g2")];
    expect(w1.state.seed).toBe(w2.state.seed);
    expect(w1.state.levelId).toBe(w2.state.levelId);
    await until(() => w1.state.players.size === 5 && w2.state.players.size === 5, "four students and the teacher in each");
    // The teacher hosts each group's game, so its own controls work there; a student's do not.
    expect(await say(w2, "control", { op: "speed", speed: 0.25 })).toMatchObject({ ok: true });
    expect(await say(games[0], "control", { op: "pause" })).toMatchObject({ ok: false, error: "Only the host controls the game." });
    await leaveAll([...games, w1, w2, ...class8, teacher]);
  });

  it("runs one large cluster: students are its nodes, then operator and chaos, then clients", async () => {
    const teacher = await createClass(client(ctx.url), { mode: "whole" });
    const everyone = await students(teacher.state.code, 8);
    expect(teacher.state.groups.length).toBe(1);
    const seats = everyone.map((s) => (me(s).role === "node" ? me(s).node : me(s).role));
    // etcd/leader-election has five members: five students are nodes.
    expect(seats).toEqual(["n1", "n2", "n3", "n4", "n5", "operator", "chaos", "client"]);
    const watch = await watchGroup(client(ctx.url), teacher, "g1");
    const games = await Promise.all(everyone.slice(0, 5).map((s) => joinMyGame(client(ctx.url), s)));
    await until(() => ["n1", "n2", "n3", "n4", "n5"].every((n, i) => watch.state.nodes.get(n)?.player === `Student ${i + 1}`), "a student on every node");
    await leaveAll([...games, watch, ...everyone, teacher]);
  });

  it("scores each group from its cluster, each player from their side, each team by its members", async () => {
    const teacher = await createClass(client(ctx.url), { groupSize: 2, seed: 5 });
    const [op, chaos, lone] = await students(teacher.state.code, 3);
    const chaosGame = await joinMyGame(client(ctx.url), chaos);
    expect(await teach(teacher, "speed", { speed: 20 })).toMatchObject({ ok: true });
    expect(await teach(teacher, "start")).toMatchObject({ ok: true });
    expect(await say(chaosGame, "action", { action: { type: "crash", node: "n2" } })).toMatchObject({ ok: true });
    await until(() => group(teacher, "g1").opsOk > 0 && group(teacher, "g2").opsOk > 0 && me(chaos).actions === 1, "client operations in both groups", 30_000);
    expect(await teach(teacher, "pause")).toMatchObject({ ok: true });
    await until(() => teacher.state.groups.every((g) => g.paused), "paused");
    const g1 = group(teacher, "g1");
    expect(g1.goals).toBeGreaterThan(0);
    expect(g1.score).toBeGreaterThan(0);
    expect(g1.score).toBeLessThanOrEqual(100);
    // The operator defends (the group's score); the chaos agent attacks (what the cluster lost), plus 2 per action.
    await until(() => me(op).score === g1.score && me(chaos).score === 100 - g1.score + 2, "the players' scores to follow the group's");
    expect(me(lone).score).toBe(group(teacher, "g2").score);
    await until(() => teacher.state.teams.has("operators") && teacher.state.teams.has("chaos"), "both teams scored");
    expect(teacher.state.teams.get("chaos")).toMatchObject({ members: 1, score: me(chaos).score });
    expect(teacher.state.teams.get("operators")).toMatchObject({ members: 2, score: Math.round((me(op).score + me(lone).score) / 2) });
    await leaveAll([chaosGame, op, chaos, lone, teacher]);
  });
});
