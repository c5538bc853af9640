// One large cluster for the whole class (docs/classroom.md): on a level that opts in (cluster.classCluster), every
// student gets a node of their own and the cluster grows to fit them; a level without the opt-in keeps its size.
import { matchMaker } from "@colyseus/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGroupRoom } from "../../server/rooms/class/group-rooms";
import type { GameState } from "../../server/rooms/schema/GameState";
import { boot, client, joinGame, until } from "./helpers";
import { type ClassRoomClient, createClass, type GameRoomClient, joinClass, joinMyGame, leaveAll, me, mine, teach, watchGroup } from "./class-helpers";

let ctx: Awaited<ReturnType<typeof boot>>;
beforeAll(async () => {
  ctx = await boot(2786);
});
afterAll(async () => {
  await ctx.server.close();
});

async function wholeClass(level: string, students: number) {
  const teacher = await createClass(client(ctx.url), { level, mode: "whole" });
  const rooms: ClassRoomClient[] = [];
  for (let i = 1; i <= students; i++) rooms.push(await joinClass(client(ctx.url), teacher.state.code, `Student ${i}`));
  return { teacher, rooms };
}

describe("a whole class as one cluster", () => {
  it("gives 12 students a 12-node Consul cluster, each student on a node of their own", async () => {
    const { teacher, rooms } = await wholeClass("consul/gossip-tuning", 12);
    const games: GameRoomClient[] = [];
    try {
      await until(() => rooms.every((r) => me(r).node !== ""), "every student's node");
      const nodes = rooms.map((r) => me(r).node);
      expect(rooms.every((r) => me(r).role === "node" && me(r).group === "g1")).toBe(true);
      expect(new Set(nodes).size).toBe(12);
      await until(() => teacher.state.nodes.split(",").length === 12, "the console to show 12 nodes");
      expect(teacher.state.nodes.split(",")).toEqual(Array.from({ length: 12 }, (_, i) => `n${i + 1}`));
      expect(teacher.state.groups.length).toBe(1);

      for (const r of rooms) games.push(await joinMyGame(client(ctx.url), r));
      const [first] = games;
      await until(() => first.state.nodes.size === 12, "the game's cluster to have 12 nodes");
      expect([...first.state.nodes.keys()].sort()).toEqual([...nodes].sort());
      // Every student plays the node the class gave them, in the one game everyone shares.
      for (const [i, game] of games.entries()) {
        expect(game.state.code).toBe(mine(rooms[0]).gameCode);
        expect(game.state.players.get(game.sessionId)).toMatchObject({ role: "node", node: nodes[i] });
      }
      await until(() => [...first.state.nodes.values()].filter((n) => n.player !== "").length === 12, "all 12 nodes to show their player");

      // The round starts with the grown cluster, and it stays that size.
      expect(await teach(teacher, "start")).toMatchObject({ ok: true });
      await until(() => first.state.phase === "running" && first.state.simTime > 0, "the round to run");
      expect(first.state.nodes.size).toBe(12);
    } finally {
      await leaveAll([...games, ...rooms, teacher]);
    }
  });

  it("seats 30 students who each open their game as they arrive, in a cluster of 30 agents", async () => {
    const teacher = await createClass(client(ctx.url), { level: "consul/gossip-tuning", mode: "whole" });
    const rooms: ClassRoomClient[] = [];
    const games: GameRoomClient[] = [];
    try {
      for (let i = 1; i <= 30; i++) {
        const c = client(ctx.url);
        const room = await joinClass(c, teacher.state.code, `Student ${i}`);
        rooms.push(room);
        games.push(await joinMyGame(c, room));
      }
      // Everyone, including those who joined while it was still growing, sees the whole cluster and their own node.
      for (const [i, game] of games.entries()) {
        await until(() => game.state.nodes.size === 30 && game.state.players.get(game.sessionId)?.role === "node", `student ${i + 1}'s view of the cluster`);
      }
      expect(new Set(games.map((g) => g.state.players.get(g.sessionId)?.node)).size).toBe(30);
    } finally {
      await leaveAll([...games, ...rooms, teacher]);
    }
  });

  it("keeps the teacher's lobby speed while the cluster grows, with one feed line saying how big it is", async () => {
    const teacher = await createClass(client(ctx.url), { level: "consul/gossip-tuning", mode: "whole" });
    const watch = await watchGroup(client(ctx.url), teacher, "g1");
    const rooms: ClassRoomClient[] = [];
    try {
      expect(await teach(teacher, "speed", { speed: 2 })).toMatchObject({ ok: true });
      await until(() => watch.state.speed === 2, "the game to run at 2x");
      for (let i = 1; i <= 10; i++) rooms.push(await joinClass(client(ctx.url), teacher.state.code, `Student ${i}`));
      await until(() => watch.state.nodes.size === 10, "the cluster to grow to 10");
      expect(watch.state.speed).toBe(2);
      expect(watch.state.paused).toBe(false);
      const feed = [...watch.state.feed].map((e) => e.text);
      expect(feed.filter((t) => t.startsWith("The cluster grew to"))).toEqual(["The cluster grew to 10 nodes, one for each student."]);
      // What the room said before the resizes is still there.
      expect(feed).toContain("Ms Rivera joined and hosts the game.");
      // And the round starts at the teacher's speed.
      expect(await teach(teacher, "start")).toMatchObject({ ok: true });
      await until(() => watch.state.phase === "running", "the round to run");
      expect(watch.state.speed).toBe(2);
    } finally {
      await leaveAll([watch, ...rooms, teacher]);
    }
  });

  it("grows to the class when a class in groups switches to one cluster", async () => {
    const teacher = await createClass(client(ctx.url), { level: "consul/gossip-tuning", mode: "groups", groupSize: 5 });
    const rooms: ClassRoomClient[] = [];
    try {
      for (let i = 1; i <= 10; i++) rooms.push(await joinClass(client(ctx.url), teacher.state.code, `Student ${i}`));
      expect(teacher.state.groups.length).toBe(2);
      expect(teacher.state.nodes.split(",").length).toBe(8);
      expect(await teach(teacher, "mode", { mode: "whole" })).toMatchObject({ ok: true });
      await until(() => teacher.state.groups.length === 1 && rooms.every((r) => me(r).group === "g1" && me(r).role === "node"), "everyone on a node of g1");
      expect(teacher.state.nodes.split(",").length).toBe(10);
      expect(new Set(rooms.map((r) => me(r).node)).size).toBe(10);
    } finally {
      await leaveAll([...rooms, teacher]);
    }
  });

  it("keeps the level's own size on a level without the opt-in", async () => {
    const { teacher, rooms } = await wholeClass("etcd/leader-election", 6);
    const games: GameRoomClient[] = [];
    try {
      expect(teacher.state.nodes).toBe("n1,n2,n3,n4,n5");
      const nodePlayers = rooms.filter((r) => me(r).role === "node");
      expect(nodePlayers.length).toBe(5);
      expect(rooms.some((r) => me(r).role !== "node")).toBe(true);
      games.push(await joinMyGame(client(ctx.url), rooms[0]));
      await until(() => games[0].state.nodes.size > 0, "the cluster");
      expect(games[0].state.nodes.size).toBe(5);
    } finally {
      await leaveAll([...games, ...rooms, teacher]);
    }
  });

  it("refuses a class game asking for more nodes than the level allows", async () => {
    // The class room's own path (group-rooms.ts): the game checks the count against the level, never takes it as given.
    const link = { classCode: "ABCDE", hostKey: "x".repeat(20), hostId: "s0", hostName: "T", nodes: 31 };
    await expect(createGroupRoom("consul/gossip-tuning", 1, link)).rejects.toThrow("grows from 8 to at most 30 nodes, not 31");
    await expect(createGroupRoom("etcd/leader-election", 1, { ...link, nodes: 9 })).rejects.toThrow("keeps its 5 nodes");
  });

  it("ignores a class link sent in a public create: the game is an ordinary one, closed once everyone leaves", async () => {
    const link = { classCode: "ABCDE", hostKey: "x".repeat(20), hostId: "s0", hostName: "T", nodes: 30 };
    const host = await client(ctx.url).create<GameState>("game", { level: "consul/gossip-tuning", name: "T", class: link });
    await until(() => host.state?.code?.length === 5 && host.state.nodes.size > 0, "the game and its cluster");
    const code = host.state.code;
    // The level's own 8 agents, not 30; the creator hosts it; anyone with the code may join (a class's game refuses).
    expect(host.state.nodes.size).toBe(8);
    expect(host.state.players.get(host.sessionId)).toMatchObject({ host: true, role: "host" });
    const guest = await joinGame(client(ctx.url), code, "Guest");
    expect(guest.state.players.get(guest.sessionId)).toMatchObject({ role: "spectator" });
    await leaveAll([guest, host]);
    // Not held open for a class that will never close it.
    await until(() => matchMaker.getLocalRoomById(host.roomId) === undefined, "the empty game to close");
    expect(await matchMaker.query({ name: "game", code })).toEqual([]);
  });
});
