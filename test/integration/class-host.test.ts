// Every teacher power works, and a student who tries one is told only the teacher can.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLASS_CLOSE, CLASS_CONTROL_WORDS, type ClassControlOp } from "../../shared/protocol/class-messages";
import { boot, client, until } from "./helpers";
import { type ClassRoomClient, closed, createClass, group, joinClass, joinMyGame, leaveAll, me, mine, say, teach, watchGroup } from "./class-helpers";

let ctx: Awaited<ReturnType<typeof boot>>;
beforeAll(async () => {
  ctx = await boot(2782);
});
afterAll(async () => {
  await ctx.server.close();
});

/** A class and its students, joined in order (so with groups of 5 the first five share g1). */
async function classOf(names: string[], extra: Record<string, unknown> = {}) {
  const teacher = await createClass(client(ctx.url), extra);
  const students: ClassRoomClient[] = [];
  for (const name of names) students.push(await joinClass(client(ctx.url), teacher.state.code, name));
  return { teacher, students, leave: () => leaveAll([...students, teacher]) };
}

/** A valid payload for each power, so a refusal can only be about who asks. */
const SAMPLE: Record<ClassControlOp, Record<string, unknown>> = {
  assign: { student: "s1", role: "client" },
  "form-groups": { size: 4 },
  mode: { mode: "whole" },
  "allow-choice": { allowed: true },
  lock: {},
  unlock: {},
  remove: { student: "s1" },
  broadcast: { text: "hi" },
  spotlight: { student: "s1" },
  start: {},
  pause: {},
  resume: {},
  step: {},
  restart: {},
  speed: { speed: 2 },
  level: { level: "minio/parity" },
  "poll-open": { question: "Who wins?", choices: ["a", "b"] },
  "poll-close": {},
  "poll-reveal": {},
  play: { group: "g1", role: "chaos" },
  "stop-playing": {},
};

describe("teacher powers", () => {
  it("refuses every teacher power to a student, and nothing changes", async () => {
    const { teacher, students: [ada, bo], leave } = await classOf(["Ada", "Bo"]);
    for (const op of Object.keys(SAMPLE) as ClassControlOp[]) {
      const result = await teach(bo, op, SAMPLE[op]);
      expect(result).toEqual({ type: "class-control", ok: false, action: op, error: `Only the teacher can ${CLASS_CONTROL_WORDS[op]}.` });
    }
    // Even a malformed one gets the same answer, not a hint about the payload.
    expect(await say(bo, "class-control", { op: "remove" })).toMatchObject({ ok: false, error: "Only the teacher can remove a student." });
    expect(await say(bo, "class-control", 42)).toMatchObject({ ok: false, error: "Only the teacher can use the class controls." });
    expect(teacher.state).toMatchObject({ locked: false, mode: "groups", allowChoice: false, spotlight: "", levelId: "etcd/leader-election" });
    expect(teacher.state.broadcast.text).toBe("");
    expect(teacher.state.poll.id).toBe("");
    expect(me(ada)).toMatchObject({ role: "operator", group: "g1" });
    expect(group(teacher, "g1").phase).toBe("lobby");
    // And bad input from the teacher is refused with the reason, harming nothing.
    expect(await teach(teacher, "speed", { speed: 1000 })).toMatchObject({ ok: false, error: expect.stringMatching(/speed: .*at most 100/) });
    expect(await teach(teacher, "explode")).toMatchObject({ ok: false, error: expect.stringMatching(/unknown op "explode"/) });
    expect(await say(teacher, "nonsense", {})).toMatchObject({ ok: false, error: expect.stringMatching(/Unknown message type "nonsense"/) });
    await leave();
  });

  it("assigns a role, a team and a group; the game rooms follow", async () => {
    const { teacher, students: [ada, bo, cy], leave } = await classOf(["Ada", "Bo", "Cy"], { groupSize: 2 });
    expect(me(cy).group).toBe("g2");
    const adaGame = await joinMyGame(client(ctx.url), ada);
    expect(adaGame.state.players.get(adaGame.sessionId)?.role).toBe("operator");

    // A role in the same group changes the seat live in the game room.
    expect(await teach(teacher, "assign", { student: me(ada).studentId, role: "node", node: "n2", team: "Red" })).toMatchObject({ ok: true, action: "assign" });
    await until(() => adaGame.state.players.get(adaGame.sessionId)?.node === "n2", "Ada on n2 in the game");
    expect(me(ada)).toMatchObject({ role: "node", node: "n2", team: "Red" });
    // The game's own seat rules apply: Bo is the chaos agent of g1, so nobody else in g1 can be.
    expect(await teach(teacher, "assign", { student: me(ada).studentId, role: "chaos" })).toMatchObject({ ok: false, error: "Bo is already the chaos agent." });
    expect(await teach(teacher, "assign", { student: me(ada).studentId, group: "g9" })).toMatchObject({ ok: false, error: 'There is no group "g9"; the groups are g1, g2.' });
    expect(await teach(teacher, "assign", { student: "s99", role: "client" })).toMatchObject({ ok: false, error: 'There is no student "s99" in this class.' });

    // A new group moves them: the old game says why, the new ticket seats them in g2.
    const moved = closed(adaGame);
    expect(await teach(teacher, "assign", { student: me(ada).studentId, group: "g2", role: "chaos" })).toMatchObject({ ok: true });
    expect(await moved).toMatchObject({ reason: "You moved to group g2." });
    await until(() => mine(ada).gameCode === group(teacher, "g2").gameCode, "Ada's ticket to g2");
    expect(me(ada)).toMatchObject({ group: "g2", role: "chaos", team: "Red" });
    const g2 = await joinMyGame(client(ctx.url), ada);
    expect(g2.state.players.get(g2.sessionId)).toMatchObject({ name: "Ada", role: "chaos" });
    expect(me(bo).group).toBe("g1");
    await g2.leave();
    await leave();
  });

  it("forms groups of a size, switches to one cluster, and lets students choose roles when allowed", async () => {
    const { teacher, students, leave } = await classOf(["A", "B", "C", "D", "E"]);
    expect(new Set(students.map((s) => me(s).group))).toEqual(new Set(["g1"]));
    expect(await teach(teacher, "form-groups", { size: 2 })).toMatchObject({ ok: true });
    await until(() => teacher.state.groups.length === 3, "three groups");
    expect(teacher.state.groupSize).toBe(2);
    const sizes = teacher.state.groups.map((g) => [...teacher.state.roster.values()].filter((s) => s.group === g.id).length);
    expect(sizes).toEqual([2, 2, 1]);
    expect(new Set(teacher.state.groups.map((g) => g.gameCode)).size).toBe(3);
    for (const s of students) await until(() => mine(s).gameCode === group(teacher, me(s).group).gameCode, "each ticket to its group");

    // Students choose only once the teacher allows it.
    const a = students[0];
    expect(await say(a, "choose-role", { role: "client" })).toMatchObject({ ok: false, error: "Your teacher assigns the roles in this class." });
    expect(await teach(teacher, "allow-choice", { allowed: true })).toMatchObject({ ok: true });
    expect(await say(a, "choose-role", { role: "client" })).toMatchObject({ type: "choose-role", ok: true });
    expect(me(a).role).toBe("client");
    expect(await say(a, "choose-role", { role: "node" })).toMatchObject({ ok: false, error: expect.stringMatching(/Say which node to play/) });

    expect(await teach(teacher, "mode", { mode: "whole" })).toMatchObject({ ok: true });
    await until(() => teacher.state.groups.length === 1 && teacher.state.mode === "whole", "one cluster");
    const everyone = [...teacher.state.roster.values()].filter((s) => !s.host);
    expect(everyone.every((s) => s.group === "g1")).toBe(true);
    expect(await teach(teacher, "form-groups", { size: 3 })).toMatchObject({ ok: false, error: "The class plays one cluster: switch to groups first (mode)." });
    await leave();
  });

  it("removes a student with a reason, broadcasts and spotlights", async () => {
    const { teacher, students: [ada, bo], leave } = await classOf(["Ada", "Bo"]);
    const boGame = await joinMyGame(client(ctx.url), bo);
    const boClass = closed(bo);
    const boGameClosed = closed(boGame);
    expect(await teach(teacher, "remove", { student: me(bo).studentId })).toMatchObject({ ok: true, action: "remove" });
    expect(await boClass).toEqual({ code: CLASS_CLOSE.removed, reason: "The teacher removed you from the class." });
    expect(await boGameClosed).toMatchObject({ reason: "The teacher removed you from the class." });
    await until(() => teacher.state.roster.size === 2, "Bo off the roster");

    expect(await teach(teacher, "broadcast", { text: "  Look at n3!  " })).toMatchObject({ ok: true });
    await until(() => ada.state.broadcast.text === "Look at n3!", "the broadcast on Ada's screen");
    expect(ada.state.broadcast.at).toBeGreaterThan(0);
    expect(await teach(teacher, "spotlight", { student: me(ada).studentId })).toMatchObject({ ok: true });
    await until(() => ada.state.spotlight === me(ada).studentId, "the spotlight");
    expect(await teach(teacher, "spotlight", { student: "s42" })).toMatchObject({ ok: false });
    expect(await teach(teacher, "spotlight", { student: "" })).toMatchObject({ ok: true });
    expect(await teach(teacher, "remove", { student: "s0" })).toMatchObject({ ok: false, error: "That is you, the teacher." });
    await leave();
  });

  it("starts, pauses, steps, speeds and restarts every group at once or one group", async () => {
    const { teacher, leave } = await classOf(["A", "B", "C"], { groupSize: 2 });
    const [w1, w2] = [await watchGroup(client(ctx.url), teacher, "g1"), await watchGroup(client(ctx.url), teacher, "g2")];
    expect(w1.state.players.get(w1.sessionId)).toMatchObject({ host: true, role: "host", name: "Ms Rivera" });

    expect(await teach(teacher, "speed", { speed: 0.5 })).toMatchObject({ ok: true });
    expect(await teach(teacher, "start")).toMatchObject({ ok: true });
    await until(() => w1.state.phase === "running" && w2.state.phase === "running" && w1.state.speed === 0.5 && w2.state.speed === 0.5, "both running at 0.5");
    expect(await teach(teacher, "pause")).toMatchObject({ ok: true });
    await until(() => w1.state.paused && w2.state.paused, "both paused");
    expect(group(teacher, "g1").paused).toBe(true);
    // Pausing what is paused everywhere says so.
    expect(await teach(teacher, "pause")).toMatchObject({ ok: false, error: "g1: The round is already paused. g2: The round is already paused." });

    const before = w2.state.simTime;
    expect(await teach(teacher, "step", { group: "g2" })).toMatchObject({ ok: true });
    expect(await teach(teacher, "resume", { group: "g1" })).toMatchObject({ ok: true });
    expect(await teach(teacher, "speed", { speed: 3, group: "g1" })).toMatchObject({ ok: true });
    await until(() => !w1.state.paused && w1.state.speed === 3, "g1 resumed at 3");
    expect(w2.state.paused).toBe(true);
    expect(w2.state.speed).toBe(0.5);
    await until(() => w2.state.simTime >= before, "g2's step");
    expect(await teach(teacher, "pause", { group: "g7" })).toMatchObject({ ok: false, error: 'There is no group "g7"; the groups are g1, g2.' });

    expect(await teach(teacher, "restart")).toMatchObject({ ok: true });
    await until(() => w1.state.phase === "lobby" && w2.state.phase === "lobby" && group(teacher, "g2").phase === "lobby", "both back in the lobby");
    await Promise.all([w1.leave(), w2.leave()]);
    await leave();
  });

  it("changes the level: new game rooms on the new level, roles kept where the level has them", async () => {
    const { teacher, students: [op, chaos, n1], leave } = await classOf(["Op", "Chaos", "Nodey"]);
    expect(await teach(teacher, "assign", { student: me(n1).studentId, node: "n5" })).toMatchObject({ ok: true });
    const oldCode = group(teacher, "g1").gameCode;
    const game = await joinMyGame(client(ctx.url), n1);
    const moved = closed(game);
    expect(await teach(teacher, "level", { level: "etcd/nope" })).toMatchObject({ ok: false, error: expect.stringMatching(/There is no level "etcd\/nope"\. The levels are: .*minio\/parity/) });
    expect(await teach(teacher, "level", { level: "minio/parity" })).toMatchObject({ ok: true, action: "level" });
    expect(await moved).toMatchObject({ reason: 'The teacher changed the level to "Three drives in a row".' });
    await until(() => teacher.state.levelId === "minio/parity" && group(teacher, "g1").gameCode !== oldCode, "the new level's room");
    expect(teacher.state.nodes).toBe("n1,n2,n3,n4");
    expect(me(op)).toMatchObject({ role: "operator" });
    expect(me(chaos)).toMatchObject({ role: "chaos" });
    // MinIO's level has four servers: n5 is gone, so Nodey takes the first free one.
    expect(me(n1)).toMatchObject({ role: "node", node: "n1" });
    await until(() => mine(n1).gameCode === group(teacher, "g1").gameCode, "Nodey's new ticket");
    const again = await joinMyGame(client(ctx.url), n1);
    expect(again.state.levelId).toBe("minio/parity");
    expect(again.state.players.get(again.sessionId)).toMatchObject({ role: "node", node: "n1" });
    await again.leave();
    await leave();
  });
});
