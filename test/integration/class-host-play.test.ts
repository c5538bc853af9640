// The teacher may also play (docs/classroom.md): from the console they take a seat in a group's game (a role, or a
// node) by the same rules as a student, play it while staying the group's host, and give it back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ResultMessage, SeatReply } from "../../shared/protocol/messages";
import { boot, client, send, until } from "./helpers";
import { type ClassRoomClient, createClass, type GameRoomClient, joinClass, joinMyGame, leaveAll, me, teach, watchGroup } from "./class-helpers";

let ctx: Awaited<ReturnType<typeof boot>>;
beforeAll(async () => {
  ctx = await boot(2787);
});
afterAll(async () => {
  await ctx.server.close();
});

function row(teacher: ClassRoomClient, studentId: string) {
  const r = teacher.state.roster.get(studentId);
  if (!r) throw new Error(`no ${studentId}`);
  return r;
}

describe("the teacher plays", () => {
  it("takes a node in a group's game, acts as that node while still hosting, and gives it back", async () => {
    const teacher = await createClass(client(ctx.url));
    const students: ClassRoomClient[] = [];
    const games: GameRoomClient[] = [];
    try {
      for (const name of ["Ada", "Bo", "Cy"]) students.push(await joinClass(client(ctx.url), teacher.state.code, name));
      expect(students.map((s) => me(s).role)).toEqual(["operator", "chaos", "node"]);
      const watch = await watchGroup(client(ctx.url), teacher, "g1");
      games.push(watch);
      const ada = await joinMyGame(client(ctx.url), students[0]);
      games.push(ada);

      // A seat someone holds is refused with the game's own words; a free node is taken.
      expect(await teach(teacher, "play", { group: "g1", role: "operator" })).toMatchObject({ ok: false, error: "Ada is already the operator." });
      expect(await teach(teacher, "play", { group: "g1", node: "n4" })).toMatchObject({ ok: true });
      await until(() => row(teacher, "s0").node === "n4", "the console to show the teacher's seat");
      expect(row(teacher, "s0")).toMatchObject({ host: true, group: "g1", role: "node", node: "n4" });
      await until(() => watch.state.players.get(watch.sessionId)?.node === "n4", "the teacher's game seat");
      expect(watch.state.players.get(watch.sessionId)).toMatchObject({ role: "node", node: "n4", host: true });
      await until(() => ada.state.nodes.get("n4")?.player === "Ms Rivera", "n4 to show who plays it");

      // Nobody else may have that node now.
      expect(await teach(teacher, "assign", { student: "s3", node: "n4" })).toMatchObject({ ok: false, error: "Ms Rivera is already playing n4." });

      // Still the host: the round starts from the game screen; and the node is theirs to act as.
      expect(await send(watch, "control", { op: "start" })).toMatchObject({ ok: true });
      expect(await send(watch, "action", { action: { type: "crash-self" } })).toMatchObject({ ok: true, action: "crash-self" });
      await until(() => ada.state.nodes.get("n4")?.up === false, "n4 to be down");

      // Giving the seat back: the teacher only hosts again, and n4 is free for a student.
      expect(await teach(teacher, "stop-playing")).toMatchObject({ ok: true });
      await until(() => watch.state.players.get(watch.sessionId)?.role === "host", "the teacher to only host again");
      expect(row(teacher, "s0")).toMatchObject({ group: "", role: "host", node: "" });
      expect(await send(watch, "action", { action: { type: "restart-self" } })).toMatchObject({ ok: false });
      expect(await teach(teacher, "assign", { student: "s3", node: "n4" })).toMatchObject({ ok: true });
      expect(await teach(teacher, "stop-playing")).toMatchObject({ ok: false, error: "You are not playing in any group." });
      // A student may not take the teacher's powers.
      expect(await teach(students[1], "play", { group: "g1", role: "client" })).toMatchObject({ ok: false, error: "Only the teacher can take a seat as the teacher." });
    } finally {
      await leaveAll([...games, ...students, teacher]);
    }
  });

  it("keeps the seats the roster names when a group's game refuses a new one", async () => {
    // Redis: the operator may remove a replica, after which the game has no such node though the level still names it.
    const teacher = await createClass(client(ctx.url), { level: "redis-cluster/failover", groupSize: 2 });
    const students: ClassRoomClient[] = [];
    const games: GameRoomClient[] = [];
    try {
      for (const name of ["Ada", "Bo", "Cy"]) students.push(await joinClass(client(ctx.url), teacher.state.code, name));
      expect(students.map((s) => [me(s).group, me(s).role])).toEqual([["g1", "operator"], ["g1", "chaos"], ["g2", "operator"]]);
      const watch1 = await watchGroup(client(ctx.url), teacher, "g1");
      const watch2 = await watchGroup(client(ctx.url), teacher, "g2");
      const ada = await joinMyGame(client(ctx.url), students[0]);
      const bo = await joinMyGame(client(ctx.url), students[1]);
      games.push(watch1, watch2, ada, bo);
      expect(await teach(teacher, "play", { group: "g2", node: "n1" })).toMatchObject({ ok: true });
      await until(() => watch2.state.players.get(watch2.sessionId)?.node === "n1", "the teacher on n1 of g2");

      expect(await send(watch1, "control", { op: "start" })).toMatchObject({ ok: true });
      expect(await send(ada, "action", { action: { type: "remove-member", node: "n6" } })).toMatchObject({ ok: true });
      await until(() => watch1.state.nodes.size === 5 && !watch1.state.nodes.has("n6"), "n6 to leave g1's cluster");

      // The teacher moving to g1's n6 is refused by g1's game, and they still play n1 in g2, as their row says.
      const refused = await teach(teacher, "play", { group: "g1", node: "n6" });
      expect(refused).toMatchObject({ ok: false });
      expect(refused.error).toContain('There is no node "n6"');
      expect(row(teacher, "s0")).toMatchObject({ group: "g2", role: "node", node: "n1" });
      await send(watch2, "control", { op: "speed", speed: 1 }); // answered after the next patch: watch2's state is current
      expect(watch2.state.players.get(watch2.sessionId)).toMatchObject({ role: "node", node: "n1", host: true });
      expect(watch2.state.nodes.get("n1")?.player).toBe("Ms Rivera");
      expect(watch1.state.players.get(watch1.sessionId)).toMatchObject({ role: "host" });

      // A student's refused seat is not handed out later either: Bo's ticket still gives the seat the roster shows.
      const moved = await teach(teacher, "assign", { student: "s2", node: "n6" });
      expect(moved).toMatchObject({ ok: false });
      expect(moved.error).toContain('There is no node "n6"');
      expect(row(teacher, "s2")).toMatchObject({ group: "g1", role: "chaos" });
      const boAgain = await joinMyGame(client(ctx.url), students[1]); // a reload: the same ticket again
      games.push(boAgain);
      expect(boAgain.state.players.get(boAgain.sessionId)).toMatchObject({ name: "Bo", role: "chaos" });
      // The teacher's own ticket into g2 still gives n1, too.
      const watch2Again = await watchGroup(client(ctx.url), teacher, "g2");
      games.push(watch2Again);
      expect(watch2Again.state.players.get(watch2Again.sessionId)).toMatchObject({ role: "node", node: "n1", host: true });
    } finally {
      await leaveAll([...games, ...students, teacher]);
    }
  });

  it("takes a node of the one large cluster without naming a group", async () => {
    const teacher = await createClass(client(ctx.url), { level: "consul/gossip-tuning", mode: "whole" });
    const students: ClassRoomClient[] = [];
    try {
      for (const name of ["Ada", "Bo"]) students.push(await joinClass(client(ctx.url), teacher.state.code, name));
      expect(await teach(teacher, "play", { node: "n8" })).toMatchObject({ ok: true });
      await until(() => row(teacher, "s0").node === "n8", "the teacher's seat");
      expect(row(teacher, "s0")).toMatchObject({ group: "g1", role: "node" });
      // The next student gets a free node, not the teacher's.
      students.push(await joinClass(client(ctx.url), teacher.state.code, "Cy"));
      await until(() => me(students[2]).node !== "", "Cy's node");
      expect(students.map((s) => me(s).node)).not.toContain("n8");
    } finally {
      await leaveAll([...students, teacher]);
    }
  });

  it("gives the teacher watching a group a seat token, which opens that game's exports", async () => {
    const teacher = await createClass(client(ctx.url));
    const student = await joinClass(client(ctx.url), teacher.state.code, "Ada");
    const watch = await watchGroup(client(ctx.url), teacher, "g1");
    try {
      const reply = (await watch.request("seat")) as SeatReply | ResultMessage;
      expect(reply).toMatchObject({ type: "seat", ok: true, name: "Ms Rivera" });
      const token = (reply as SeatReply).rejoinToken;
      const csv = await fetch(`${ctx.url}/api/rooms/${watch.state.code}/results.csv?token=${encodeURIComponent(token)}`);
      expect(csv.status).toBe(200);
      expect(await csv.text()).toContain(watch.state.code);
      // A student's page has no such token: the exports stay the teacher's.
      const ada = await joinMyGame(client(ctx.url), student);
      expect(await ada.request("seat")).toMatchObject({ ok: false });
      await ada.leave();
    } finally {
      await leaveAll([watch, student, teacher]);
    }
  });
});
