// A node's inbox and private detail reach only the person playing that node.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boot, client, control, createGame, joinGame, takeRole, until } from "./helpers";

let ctx: Awaited<ReturnType<typeof boot>>;
beforeAll(async () => {
  ctx = await boot(2616);
});
afterAll(async () => {
  await ctx.server.close();
});

describe("private inbox", () => {
  it("shows each node player their own node's inbox and nobody else's", async () => {
    const host = await createGame(client(ctx.url), "Host");
    const p1 = await joinGame(client(ctx.url), host.state.code, "P1");
    const p2 = await joinGame(client(ctx.url), host.state.code, "P2");
    const watcher = await joinGame(client(ctx.url), host.state.code, "Watcher");
    await takeRole(p1, "node", "n1");
    await takeRole(p2, "node", "n2");
    await control(host, "speed", { speed: 4 });
    await control(host, "start");
    await until(() => host.state.leader !== "", "a leader to be elected");
    await control(host, "pause");

    // Step until a message is on its way to n1 (a heartbeat, an append or an answer to the leader). A `result`
    // arrives after the patch, so each step's state is in hand when the step is answered.
    let steps = 0;
    const toN1 = () => [...host.state.messages.values()].find((m) => m.to === "n1");
    while (!toN1() && steps < 500) {
      await control(host, "step");
      steps++;
    }
    const message = toN1();
    expect(message, "a message in flight to n1").toBeDefined();

    await until(() => p1.state.inbox.get("n1")?.messages.has(message!.id) === true, "P1 to see it in n1's inbox");
    const entry = p1.state.inbox.get("n1")!.messages.get(message!.id)!;
    expect(entry).toMatchObject({ from: message!.from, kind: message!.kind, arriveAt: message!.arriveAt });
    // The node's player reads what the message says (every Raft message carries its sender's term).
    expect(entry.text).toMatch(/term \d+/);
    expect(p1.state.inbox.get("n1")!.detail.length).toBeGreaterThan(0);

    // P1 sees only n1; P2 only n2; the host and a spectator see no inbox at all.
    expect([...p1.state.inbox.keys()]).toEqual(["n1"]);
    await until(() => p2.state.inbox.has("n2"), "P2 to see n2's inbox");
    expect([...p2.state.inbox.keys()]).toEqual(["n2"]);
    // The map itself is private: players without a node do not receive it at all.
    expect(host.state.inbox?.size ?? 0).toBe(0);
    expect(watcher.state.inbox?.size ?? 0).toBe(0);

    // Giving up the node takes the inbox away.
    await takeRole(p1, "spectator");
    await until(() => (p1.state.inbox?.size ?? 0) === 0, "P1's inbox to disappear");
    await Promise.all([host.leave(), p1.leave(), p2.leave(), watcher.leave()]);
  });
});
