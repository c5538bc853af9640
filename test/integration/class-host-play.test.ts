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
