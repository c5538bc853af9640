// A CockroachDB room with real SDK clients: a client's transfer between two accounts commits, and a read of
// "accounts" (the client panel's "Read balances") returns every balance, summing to the bank's opening total. The
// operator's lease transfer goes through, and a survival goal the cluster cannot meet is refused in words.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClientResultMessage } from "../../shared/protocol/messages";
import { boot, client, control, createGame, type GameRoomClient, joinGame, send, takeRole, until } from "./helpers";

let ctx: Awaited<ReturnType<typeof boot>>;
beforeAll(async () => {
  ctx = await boot(2663);
});
afterAll(async () => {
  await ctx.server.close();
});

/** Sends a client action and resolves with the answer to it (the `client-result` with that `f`). */
function request(room: GameRoomClient, f: string, action: Record<string, unknown>): Promise<ClientResultMessage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer to ${f}`)), 10_000);
    const off = room.onMessage("client-result", (r: ClientResultMessage) => {
      if (r.f !== f) return;
      clearTimeout(timer);
      off();
      resolve(r);
    });
    send(room, "action", { action }).then((res) => {
      if (!res.ok) {
        clearTimeout(timer);
        off();
        reject(new Error(`${f} refused: ${res.error}`));
      }
    }, reject);
  });
}

describe("a CockroachDB room", () => {
  it("commits a client's transfer and reads balances that add up to the bank's total", async () => {
    // lease-before-maintenance: 40 accounts of 25, so 1000 in all; three nodes in zones a, b, c of one region.
    const host = await createGame(client(ctx.url), "Host", { level: "cockroach/lease-before-maintenance", seed: 4 });
    expect(await takeRole(host, "operator")).toMatchObject({ ok: true });
    const cy = await joinGame(client(ctx.url), host.state.code, "Cy");
    expect(await takeRole(cy, "client")).toMatchObject({ ok: true });
    const s = host.state;
    expect(s.system).toBe("cockroach");
    expect(s.actions.get("client")).toBe("transfer,get");
    await control(host, "speed", { speed: 4 });
    await control(host, "start");
    await until(() => Number(s.summary.get("totalBalance")) === 1000, "the bank's total in the summary", 10_000);

    // Leases take a moment after the start: retry until the transfer commits.
    let moved: ClientResultMessage | undefined;
    for (let i = 0; i < 20 && !moved?.ok; i++) moved = await request(cy, "transfer", { type: "transfer", fromAccount: 3, toAccount: 7, amount: 5 });
    expect(moved).toMatchObject({ ok: true, value: { from: 3, to: 7, amount: 5 } });
    expect(moved?.note).toMatch(/ via n[123] /);
    // The same account twice is refused in words.
    const same = await send(cy, "action", { action: { type: "transfer", fromAccount: 2, toAccount: 2, amount: 1 } });
    expect(same).toMatchObject({ ok: false, error: "a transfer needs two different accounts" });

    // "Read balances": every account, summing to 1000.
    let read: ClientResultMessage | undefined;
    for (let i = 0; i < 20 && !read?.ok; i++) read = await request(cy, "read", { type: "get", key: "accounts" });
    expect(read?.ok).toBe(true);
    const balances = read?.value as Record<string, number>;
    expect(Object.keys(balances)).toHaveLength(40);
    expect(Object.values(balances).reduce((a, b) => a + b, 0)).toBe(1000);
    expect(read?.note).toMatch(/^SELECT id, balance FROM accounts AS OF .*: total 1000/);

    // The operator: one region cannot survive a region failure; a lease moves to another replica.
    const region = await send(host, "action", { action: { type: "set-config", setting: "survival", value: "region" } });
    expect(region.ok).toBe(false);
    expect(region.error).toMatch(/at least 3 regions are required for surviving a region failure/);
    const unknownRange = await send(host, "action", { action: { type: "transfer-lease", range: 99, to: "n2" } });
    expect(unknownRange.ok).toBe(false);
    expect(unknownRange.error).toMatch(/^there is no range r99; the ranges are r1/);
    // n1 holds every lease (lease preference: zone a); r1's lease moves to n2 on request.
    expect(await send(host, "action", { action: { type: "transfer-lease", range: 1, to: "n2" } })).toMatchObject({ ok: true });
    await cy.leave();
    await host.leave();
  });
});
