// A Consul room with real SDK clients: the operator registers a service instance on an agent, and a client's DNS
// question for the service answers with the registered instances (once the new one's check has passed); a setting
// Consul does not have, or a value out of its range, is refused in words and changes nothing.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClientResultMessage } from "../../shared/protocol/messages";
import { boot, client, control, createGame, type GameRoomClient, joinGame, send, takeRole, until } from "./helpers";

let ctx: Awaited<ReturnType<typeof boot>>;
beforeAll(async () => {
  ctx = await boot(2661);
});
afterAll(async () => {
  await ctx.server.close();
});

/** Sends a DNS question as the client and resolves with its answer (the `client-result`). */
function ask(room: GameRoomClient, name: string): Promise<ClientResultMessage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer to dns ${name}`)), 10_000);
    const off = room.onMessage("client-result", (r: ClientResultMessage) => {
      if (r.f !== "dns") return;
      clearTimeout(timer);
      off();
      resolve(r);
    });
    send(room, "action", { action: { type: "dns", name } }).then((res) => {
      if (!res.ok) {
        clearTimeout(timer);
        off();
        reject(new Error(`dns refused: ${res.error}`));
      }
    }, reject);
  });
}

describe("a Consul room", () => {
  it("takes register-service, answers DNS with the registered instances, and refuses a bad setting", async () => {
    const host = await createGame(client(ctx.url), "Host", { level: "consul/service-discovery", seed: 7 });
    expect(await takeRole(host, "operator")).toMatchObject({ ok: true });
    const cy = await joinGame(client(ctx.url), host.state.code, "Cy");
    expect(await takeRole(cy, "client")).toMatchObject({ ok: true });
    const s = host.state;
    expect(s.system).toBe("consul");
    expect(s.actions.get("operator")).toBe("register-service,deregister-service,set-config");
    expect(s.actions.get("client")).toBe("dns,put,get");
    expect(s.summary.get("gossip")).toMatch(/^probe 1000 ms \(timeout 500 ms, 3 indirect\), suspicion x4/);

    await control(host, "speed", { speed: 4 });
    await control(host, "start");
    await until(() => s.leader !== "", "a Consul leader", 20_000);

    // Before anything is registered, web is on n4 and n5; an unknown service is NXDOMAIN.
    const first = await ask(cy, "web.service.consul");
    expect(first).toMatchObject({ ok: true });
    expect([...(first.value as string[])].sort()).toEqual(["n4", "n5"]);
    expect(first.note).toMatch(/^web\.service\.consul: A n[45], n[45] \(answered by n[123], stale allowed\)$/);
    const none = await ask(cy, "db.service.consul");
    expect(none).toMatchObject({ ok: true, value: [] });
    expect(none.note).toMatch(/NXDOMAIN \(no such service\)/);

    // The operator registers web on n6; twice is refused in words.
    expect(await send(host, "action", { action: { type: "register-service", service: "web", node: "n6", port: 8080 } })).toMatchObject({ ok: true });
    const twice = await send(host, "action", { action: { type: "register-service", service: "web", node: "n6" } });
    expect(twice).toMatchObject({ ok: false, error: "web is already registered on n6" });
    // A client may not register services.
    expect(await send(cy, "action", { action: { type: "register-service", service: "web", node: "n7" } })).toMatchObject({ ok: false });

    // Once its check has run and the agent has synced it, DNS serves n6 too (n4 dies at 15 s: it may have left).
    let answer: string[] = [];
    for (let i = 0; i < 40 && !answer.includes("n6"); i++) {
      answer = (await ask(cy, "web.service.consul")).value as string[];
      if (!answer.includes("n6")) await new Promise((r) => setTimeout(r, 250));
    }
    expect(answer).toContain("n6");
    for (const a of answer) expect(["n4", "n5", "n6"]).toContain(a);

    // A setting Consul does not have, and a value out of range, are refused in words; nothing changes.
    const gossip = s.summary.get("gossip");
    const unknown = await send(host, "action", { action: { type: "set-config", setting: "probe-intervall", value: 500 } });
    expect(unknown.ok).toBe(false);
    expect(unknown.error).toMatch(/^Consul has no setting "probe-intervall"; the settings are probe-interval, probe-timeout, suspicion-mult/);
    const tooFast = await send(host, "action", { action: { type: "set-config", setting: "probe-interval", value: 5 } });
    expect(tooFast).toMatchObject({ ok: false, error: "probe-interval must be a duration from 10 ms to 600000 ms, got 5" });
    expect(s.summary.get("gossip")).toBe(gossip);
    // A good one applies on every running agent and shows in the summary.
    expect(await send(host, "action", { action: { type: "set-config", setting: "probe-interval", value: 500 } })).toMatchObject({ ok: true });
    await until(() => /^probe 500 ms/.test(s.summary.get("gossip") ?? ""), "the new probe interval in the summary", 10_000);
    await cy.leave();
    await host.leave();
  });
});
