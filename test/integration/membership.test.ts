// The operator replaces a failed member the way etcd's runbook says: remove it, then add a fresh one. The room
// offers the name to use, because a removed member's name can never come back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boot, client, control, createGame, joinGame, send, takeRole, until } from "./helpers";

let ctx: Awaited<ReturnType<typeof boot>>;
beforeAll(async () => {
  ctx = await boot(2618);
});
afterAll(async () => {
  await ctx.server.close();
});

describe("replacing a failed member", () => {
  it("removes the crashed member from the ring and adds the suggested new one", async () => {
    const host = await createGame(client(ctx.url), "Host");
    const op = await joinGame(client(ctx.url), host.state.code, "Op");
    await takeRole(host, "chaos");
    await takeRole(op, "operator");
    expect(op.state.nextMemberId).toBe("n6");
    await control(host, "speed", { speed: 2 });
    await control(host, "start");
    await until(() => host.state.leader !== "", "a leader to be elected");
    // Before the level's own crash at 5 s: take a follower down, so the leader stays and can change membership.
    const victim = [...host.state.nodes.keys()].find((id) => id !== host.state.leader)!;
    expect(await send(host, "action", { action: { type: "crash", node: victim } })).toMatchObject({ ok: true });
    expect(await send(op, "action", { action: { type: "remove-member", node: victim } })).toMatchObject({ ok: true });
    await until(() => !op.state.nodes.has(victim), `${victim} to leave the ring`);

    // Its name is spent: re-adding it is refused in words, and the suggestion moves past it.
    const again = await send(op, "action", { action: { type: "add-member", node: victim } });
    expect(again.ok).toBe(false);
    expect(again.error).toMatch(/removed/);
    expect(op.state.nextMemberId).toBe("n6");

    expect(await send(op, "action", { action: { type: "add-member", node: op.state.nextMemberId } })).toMatchObject({ ok: true });
    await until(() => op.state.nodes.get("n6")?.up === true, "n6 to join");
    await until(() => op.state.nextMemberId === "n7", "the next suggestion to be n7");
    await Promise.all([host.leave(), op.leave()]);
  });
});
