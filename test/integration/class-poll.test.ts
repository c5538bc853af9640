// Predict, then reveal: the teacher pauses and asks; students vote on their own screens; nobody sees the tallies
// until the teacher reveals them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boot, client, until } from "./helpers";
import { createClass, group, joinClass, leaveAll, mine, say, teach } from "./class-helpers";

let ctx: Awaited<ReturnType<typeof boot>>;
beforeAll(async () => {
  ctx = await boot(2784);
});
afterAll(async () => {
  await ctx.server.close();
});

describe("predict and reveal", () => {
  it("collects one vote each, keeps the tallies hidden until the reveal, then shows them", async () => {
    const teacher = await createClass(client(ctx.url));
    const [ada, bo, cy] = [
      await joinClass(client(ctx.url), teacher.state.code, "Ada"),
      await joinClass(client(ctx.url), teacher.state.code, "Bo"),
      await joinClass(client(ctx.url), teacher.state.code, "Cy"),
    ];
    await teach(teacher, "start");
    expect(await teach(teacher, "pause")).toMatchObject({ ok: true });
    await until(() => group(teacher, "g1").paused, "the round paused");

    expect(await say(ada, "vote", { poll: "p1", choice: 0 })).toMatchObject({ ok: false, error: "There is no question to answer yet." });
    expect(await teach(teacher, "poll-open", { question: "n1 crashes now. Who leads next?", choices: ["n2", "n3", "nobody for a while"] })).toMatchObject({ ok: true });
    await until(() => ada.state.poll.open && bo.state.poll.id === "p1", "the question on the students' screens");
    expect([...ada.state.poll.choices]).toEqual(["n2", "n3", "nobody for a while"]);

    expect(await say(ada, "vote", { poll: "p1", choice: 2 })).toEqual({ type: "vote", ok: true });
    expect(await say(bo, "vote", { poll: "p1", choice: 0 })).toMatchObject({ ok: true });
    expect(await say(cy, "vote", { poll: "p1", choice: 0 })).toMatchObject({ ok: true });
    // Changing one's mind is allowed while the question is open; still one vote each.
    expect(await say(bo, "vote", { poll: "p1", choice: 2 })).toMatchObject({ ok: true });
    expect(await say(cy, "vote", { poll: "p1", choice: 3 })).toMatchObject({ ok: false, error: "Pick one of the 3 choices (0 to 2)." });
    expect(await say(cy, "vote", { poll: "p0", choice: 1 })).toMatchObject({ ok: false, error: expect.stringMatching(/no longer asked/) });
    expect(await say(teacher, "vote", { poll: "p1", choice: 1 })).toMatchObject({ ok: false, error: "The teacher asks the question; the students answer it." });
    expect(await say(ada, "vote", { choice: "n2" })).toMatchObject({ ok: false, error: expect.stringMatching(/^Bad "vote" message: poll: /) });

    // Before the reveal: a count for the teacher's progress bar, each student's own choice, and no tallies.
    await until(() => teacher.state.poll.votes === 3 && mine(bo).vote === 2, "three votes");
    expect(mine(ada)).toMatchObject({ votedPoll: "p1", vote: 2 });
    expect([...ada.state.mine.keys()]).toEqual([mine(ada).studentId]);
    expect(teacher.state.poll.tallies.length).toBe(0);
    expect(ada.state.poll.tallies.length).toBe(0);

    expect(await teach(teacher, "poll-close")).toMatchObject({ ok: true });
    expect(await say(cy, "vote", { poll: "p1", choice: 1 })).toMatchObject({ ok: false, error: "Voting on this question is closed." });
    expect(teacher.state.poll.tallies.length).toBe(0);

    expect(await teach(teacher, "poll-reveal")).toMatchObject({ ok: true });
    await until(() => ada.state.poll.revealed && ada.state.poll.tallies.length === 3, "the tallies on the students' screens");
    expect([...ada.state.poll.tallies]).toEqual([1, 0, 2]);
    expect(await teach(teacher, "poll-reveal")).toMatchObject({ ok: false, error: "The answers are already shown." });
    expect(await teach(teacher, "resume")).toMatchObject({ ok: true });

    // The next question starts clean.
    expect(await teach(teacher, "poll-open", { question: "Did it?", choices: ["yes", "no"] })).toMatchObject({ ok: true });
    await until(() => ada.state.poll.id === "p2" && mine(ada).vote === -1 && ada.state.poll.tallies.length === 0, "a fresh question");
    expect(await teach(teacher, "poll-open", { question: "One choice", choices: ["only"] })).toMatchObject({ ok: false, error: expect.stringMatching(/choices: .*at least 2 choices/) });
    await leaveAll([ada, bo, cy, teacher]);
  });
});
