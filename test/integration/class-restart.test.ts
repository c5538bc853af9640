// A class survives its server: stopped mid-lesson (nothing more is written once it stops, as with a kill) and
// started again on the same database, the class comes back under its code with its roster, teams, groups and open
// question; its groups' games come back from their journals, paused where they were, with every acknowledged action;
// the teacher and the students come back with their rejoin tokens to the same seats, and the lesson goes on. The
// database keeps the roster, the question's votes and the points of ended rounds for later.

import { Client } from "@colyseus/sdk";
import { afterAll, describe, expect, it } from "vitest";
import { restartableServer } from "./restartable-server";
import { openStore } from "../../server/store";
import type { ClassState } from "../../server/rooms/schema/class/ClassState";
import { type ClassRoomClient, createClass, type GameRoomClient, group, joinClass, joinMyGame, me, mine, say, teach, watchGroup } from "./class-helpers";
import { sleep, until } from "./helpers";

const { url, database, start, stop } = restartableServer(2687, "class-restart");

afterAll(stop);

/** A page coming back to its class with the token the class gave it (what the browser keeps in localStorage). */
async function rejoin(code: string, token: string): Promise<ClassRoomClient> {
  const room = await new Client(url).join<ClassState>("class", { code, rejoin: token });
  await until(() => mine(room) !== undefined && room.state.roster.size > 0, "the class's state after a rejoin");
  return room;
}

/** Who sits where, as the teacher's console shows it. */
function seating(teacher: ClassRoomClient) {
  return [...teacher.state.roster.values()]
    .map((s) => ({ id: s.studentId, name: s.name, team: s.team, group: s.group, role: s.role, node: s.node, host: s.host }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

function cluster(game: GameRoomClient) {
  const s = game.state;
  const nodes = [...s.nodes.values()].map((n) => ({ id: n.id, up: n.up, role: n.role, term: n.term }));
  return { simTime: s.simTime, phase: s.phase, paused: s.paused, leader: s.leader, nodes };
}

describe("a class across a server restart", () => {
  it("comes back with its roster, groups, question and games; everyone returns to their seat by token", async () => {
    await start();
    const teacher = await createClass(new Client(url), { seed: 99, groupSize: 3 });
    const code = teacher.state.code;
    const names = ["Ada", "Bo", "Cy", "Dee", "Eli", "Fay"];
    const students: ClassRoomClient[] = [];
    for (const name of names) students.push(await joinClass(new Client(url), code, name));
    expect(await teach(teacher, "form-groups", { size: 3 })).toMatchObject({ ok: true });
    await until(() => teacher.state.groups.length === 2, "two groups of three");
    // The chaos agent of the first group gets a team of the teacher's choosing.
    const agent = students.findIndex((s) => me(s).role === "chaos" && me(s).group === "g1");
    const ada = students[agent];
    expect(await teach(teacher, "assign", { student: me(ada).studentId, team: "Red team" })).toMatchObject({ ok: true });
    expect(await teach(teacher, "lock")).toMatchObject({ ok: true });
    await until(() => me(ada).team === "Red team" && teacher.state.locked, "the team and the lock");

    // The group plays: its chaos agent crashes the leader (acknowledged), then the teacher pauses every group and
    // asks a question.
    const adaGroup = me(ada).group;
    const adaGame = await joinMyGame(new Client(url), ada);
    const watch = await watchGroup(new Client(url), teacher, adaGroup);
    expect(await teach(teacher, "start", { group: adaGroup })).toMatchObject({ ok: true });
    await until(() => watch.state.simTime > 1500 && watch.state.leader !== "", "a leader in Ada's group");
    const victim = watch.state.leader;
    expect(await say(adaGame, "action", { action: { type: "crash", node: victim } })).toMatchObject({ ok: true });
    await until(() => watch.state.nodes.get(victim)?.up === false, "the crash to land");
    expect(await teach(teacher, "pause")).toMatchObject({ ok: true });
    await until(() => watch.state.paused, "the pause");
    expect(await teach(teacher, "poll-open", { question: "Who leads next?", choices: ["n2", "n3", "nobody yet"] })).toMatchObject({ ok: true });
    await until(() => mine(students[1]).votedPoll === "" && students[1].state.poll.open, "the question on Bo's screen");
    expect(await say(students[1], "vote", { poll: "p1", choice: 2 })).toMatchObject({ ok: true });
    expect(await say(students[2], "vote", { poll: "p1", choice: 0 })).toMatchObject({ ok: true });
    await until(() => teacher.state.poll.votes === 2, "two votes counted");
    await sleep(200); // a patch or two more: the views settle on the paused round

    const before = { seating: seating(teacher), groups: [...teacher.state.groups].map((g) => ({ id: g.id, gameCode: g.gameCode })), game: cluster(watch) };
    const tokens = new Map([[teacher, mine(teacher).rejoinToken], ...students.map((s) => [s, mine(s).rejoinToken] as const)]);
    expect([...tokens.values()].every((t) => t.length >= 16)).toBe(true);

    // The server goes down mid-lesson. Nobody leaves on purpose; the pages just lose it.
    for (const room of [teacher, ...students, adaGame, watch]) room.reconnection.enabled = false;
    await stop();
    await start();

    // The teacher comes back first: the same class, seating, groups (same game codes), lock and question.
    const teacher2 = await rejoin(code, tokens.get(teacher) as string);
    expect(me(teacher2)).toMatchObject({ host: true, connected: true });
    expect(seating(teacher2)).toEqual(before.seating);
    expect([...teacher2.state.groups].map((g) => ({ id: g.id, gameCode: g.gameCode }))).toEqual(before.groups);
    expect(teacher2.state.locked).toBe(true);
    expect(teacher2.state.poll).toMatchObject({ id: "p1", question: "Who leads next?", open: true, revealed: false, votes: 2 });
    expect(mine(teacher2).rejoinToken).toBe(tokens.get(teacher));

    // A locked class turns a newcomer away, and a made-up token brings nobody back.
    await expect(new Client(url).join("class", { code, name: "Gus" })).rejects.toThrow(/locked/);
    await expect(new Client(url).join("class", { code, rejoin: "not-a-token-anyone-was-given" })).rejects.toThrow(/does not know that rejoin token/);

    // Every student comes back to their own seat; Bo's vote is still his.
    const back: ClassRoomClient[] = [];
    for (const s of students) back.push(await rejoin(code, tokens.get(s) as string));
    for (const [i, s] of back.entries()) {
      expect(me(s)).toMatchObject({ name: names[i], connected: true });
      await until(() => mine(s).ticket !== "" && mine(s).gameCode !== "", `${names[i]}'s new ticket`);
    }
    expect(mine(back[1])).toMatchObject({ votedPoll: "p1", vote: 2 }); // Bo's own vote, on his own screen
    await until(() => [...teacher2.state.roster.values()].every((s) => s.connected), "everyone connected");

    // Ada's game is back where it was saved, paused, her crash in it; her new ticket seats her as chaos again.
    const adaGame2 = await joinMyGame(new Client(url), back[agent]);
    expect(adaGame2.state.players.get(adaGame2.sessionId)).toMatchObject({ name: names[agent], role: "chaos" });
    expect(mine(back[agent]).gameCode).toBe(group(teacher2, adaGroup).gameCode);
    const watch2 = await watchGroup(new Client(url), teacher2, adaGroup);
    await sleep(200);
    expect(cluster(watch2)).toEqual(before.game);
    expect([...watch2.state.feed].map((f) => f.text).join("\n")).toContain("The server restarted and the game is back where it was saved, paused");

    // The lesson goes on: the teacher reveals the tally and resumes; the round runs again.
    expect(await teach(teacher2, "poll-reveal")).toMatchObject({ ok: true });
    await until(() => teacher2.state.poll.revealed && [...teacher2.state.poll.tallies].join() === "1,0,1", "the tally");
    expect(await teach(teacher2, "resume")).toMatchObject({ ok: true });
    await until(() => watch2.state.simTime > before.game.simTime + 500, "the round running again");

    // What lasts: the roster with teams and groups, and the question with every vote and its close.
    const store = openStore(database);
    try {
      const session = store.classes.byCode(code);
      expect(session).toMatchObject({ code, endedAt: null, level: teacher.state.levelId });
      const roster = store.classes.roster(session?.id ?? -1);
      expect(roster.map((r) => r.name).sort()).toEqual([...names].sort());
      expect(roster.find((r) => r.name === names[agent])).toMatchObject({ team: "Red team", group: adaGroup });
      const [poll] = store.classes.polls(session?.id ?? -1);
      expect(poll).toMatchObject({ question: "Who leads next?", tally: [1, 0, 1] });
      expect(poll.closedAt).not.toBeNull();
      expect(poll.votes.map((v) => v.voter).sort()).toEqual(["Bo", "Cy"]);
    } finally {
      store.close();
    }
    // The teacher downloads it: a row per student with their team, group and answer, and the tally; nobody else can.
    const csvUrl = `${url}/api/classes/${code}/results.csv`;
    expect((await fetch(csvUrl)).status).toBe(401);
    expect((await fetch(`${csvUrl}?token=${encodeURIComponent(tokens.get(students[1]) as string)}`)).status).toBe(403);
    const csv = await fetch(`${csvUrl}?token=${encodeURIComponent(tokens.get(teacher) as string)}`);
    expect(csv.status).toBe(200);
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0]).toBe("class,student,team,group,points,Q1: Who leads next?");
    const answers = ["", "nobody yet", "n2", "", "", ""]; // Bo and Cy voted
    for (const [i, s] of back.entries()) expect(lines).toContain(`${code},${names[i]},${me(s).team},${me(s).group},0,${answers[i]}`);
    expect(lines).toContain(`${code},${names[agent]},Red team,${adaGroup},0,${answers[agent]}`);
    expect(lines.at(-1)).toBe(`${code},(all votes),,,,n2: 1; n3: 0; nobody yet: 1`);

    // The teacher ends the class: it is over for good, and a restart does not bring it back.
    await teacher2.leave(true);
    await until(() => back.every((s) => !s.connection.isOpen), "the class to close for everyone");
    await stop();
    await start();
    await expect(new Client(url).join("class", { code, rejoin: tokens.get(students[0]) as string })).rejects.toThrow(/No class has the code/);
    for (const room of [adaGame2, watch2]) if (room.connection.isOpen) await room.leave();
  });
});
