// Joining a class: the code and a name, no account. Names are checked; a locked class turns newcomers away; each
// student is seated in a group and lands in that group's game with exactly the seat the class gave them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boot, client, until } from "./helpers";
import { closed, createClass, joinClass, joinMyGame, me, say, teach } from "./class-helpers";

let ctx: Awaited<ReturnType<typeof boot>>;
beforeAll(async () => {
  ctx = await boot(2781);
});
afterAll(async () => {
  await ctx.server.close();
});

describe("joining a class", () => {
  it("shows students in the roster as they arrive and seats each in a group with a role", async () => {
    const teacher = await createClass(client(ctx.url));
    expect(teacher.state.mode).toBe("groups");
    // The level's seats, so the console offers exactly those (etcd/leader-election: five members, every role).
    expect(teacher.state.nodes).toBe("n1,n2,n3,n4,n5");
    expect(teacher.state.roles).toBe("operator,chaos,client,node");
    expect(me(teacher)).toMatchObject({ studentId: "s0", name: "Ms Rivera", host: true, role: "host", group: "" });
    const ada = await joinClass(client(ctx.url), teacher.state.code, "  Ada  ");
    await until(() => teacher.state.roster.has(me(ada).studentId), "the teacher to see Ada");
    expect(teacher.state.roster.get(me(ada).studentId)).toMatchObject({ name: "Ada", group: "g1", role: "operator", team: "operators", connected: true });
    const bo = await joinClass(client(ctx.url), teacher.state.code.toLowerCase(), "Bo");
    expect(me(bo)).toMatchObject({ group: "g1", role: "chaos", team: "chaos" });
    const cy = await joinClass(client(ctx.url), teacher.state.code, "Cy");
    expect(me(cy)).toMatchObject({ group: "g1", role: "node", node: "n1" });

    // Each lands in the group's game with exactly that seat, under their class name.
    const adaGame = await joinMyGame(client(ctx.url), ada);
    const cyGame = await joinMyGame(client(ctx.url), cy);
    expect(adaGame.state.code).toBe(teacher.state.groups[0].gameCode);
    expect(adaGame.state.players.get(adaGame.sessionId)).toMatchObject({ name: "Ada", role: "operator", host: false });
    expect(cyGame.state.players.get(cyGame.sessionId)).toMatchObject({ name: "Cy", role: "node", node: "n1" });
    await until(() => cyGame.state.nodes.get("n1")?.player === "Cy", "Cy on n1");

    // In a class the game room does not hand out roles itself.
    expect(await say(cyGame, "role", { role: "chaos" })).toMatchObject({ ok: false, error: "In a class, roles are set on the class screen: ask your teacher." });
    // Only one's own ticket is visible: another student's view holds their entry alone.
    expect([...ada.state.mine.keys()]).toEqual([me(ada).studentId]);
    await Promise.all([adaGame.leave(), cyGame.leave(), ada.leave(), bo.leave(), cy.leave(), teacher.leave()]);
  });

  it("refuses bad names with the reason, and a wrong code", async () => {
    const teacher = await createClass(client(ctx.url));
    const code = teacher.state.code;
    await expect(client(ctx.url).join("class", { code, name: "   " })).rejects.toThrow(/name: Type a name \(1 to 24 characters\)/);
    await expect(client(ctx.url).join("class", { code, name: "A".repeat(25) })).rejects.toThrow(/at most 24 characters; this one has 25/);
    await expect(client(ctx.url).join("class", { code, name: "<b>Bob</b>" })).rejects.toThrow(/letters, digits, spaces and ' - \. _ only; "<" is not allowed/);
    await expect(client(ctx.url).join("class", { code, name: "Ada\u0000" })).rejects.toThrow(/U\+0000 is not allowed/);
    await expect(client(ctx.url).join("class", { code })).rejects.toThrow(/name: expected a name to join with|a name to join with/);
    const other = code === "ZZZZZ" ? "YYYYY" : "ZZZZZ";
    await expect(client(ctx.url).join("class", { code: other, name: "Eve" })).rejects.toThrow(`No class has the code ${other}`);
    // Names from any script, with marks, digits and the allowed punctuation are fine.
    for (const name of ["José Ñúñez", "O'Brien-Smith Jr.", "李小龙", "अनामिका", "user_42"]) {
      const s = await joinClass(client(ctx.url), code, name);
      expect(me(s).name).toBe(name);
      await s.leave();
    }
    await teacher.leave();
  });

  it("turns newcomers away while locked, with the reason, and lets them in once unlocked", async () => {
    const teacher = await createClass(client(ctx.url));
    expect(await teach(teacher, "lock")).toMatchObject({ ok: true, action: "lock" });
    await until(() => teacher.state.locked, "the lock to show");
    await expect(client(ctx.url).join("class", { code: teacher.state.code, name: "Late" })).rejects.toThrow("The class is locked: ask your teacher to let you in.");
    expect(await teach(teacher, "unlock")).toMatchObject({ ok: true });
    const late = await joinClass(client(ctx.url), teacher.state.code, "Late");
    expect(me(late).group).toBe("g1");
    await Promise.all([late.leave(), teacher.leave()]);
  });

  it("keeps a group's game closed to anyone without a ticket from the class", async () => {
    const teacher = await createClass(client(ctx.url));
    const gameCode = teacher.state.groups[0].gameCode;
    await expect(client(ctx.url).join("game", { code: gameCode, name: "Mallory" })).rejects.toThrow(`belongs to the class ${teacher.state.code}`);
    await expect(client(ctx.url).join("game", { code: gameCode, ticket: "forged" })).rejects.toThrow(/belongs to the class/);
    await teacher.leave();
  });

  it("ends the class for everyone when the teacher leaves on purpose", async () => {
    const teacher = await createClass(client(ctx.url));
    const ada = await joinClass(client(ctx.url), teacher.state.code, "Ada");
    const game = await joinMyGame(client(ctx.url), ada);
    const adaClosed = closed(ada);
    const gameClosed = closed(game);
    await teacher.leave();
    expect(await adaClosed).toMatchObject({ reason: "The teacher ended the class." });
    expect(await gameClosed).toMatchObject({ reason: "The class has ended." });
    await expect(client(ctx.url).join("class", { code: teacher.state.code, name: "Late" })).rejects.toThrow(/No class has the code/);
  });
});
