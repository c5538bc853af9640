// Consul's service-discovery level played through the UI in real Chromium. Ada hosts and is the operator, Cy a
// client. Ada's Consul controls show the gossip settings in force; she shortens the health-check interval and
// registers web on n6 by picking the node in the form. Cy asks DNS for web.service.consul and sees the addresses
// it serves: n4 and n5 at first, then n6 too once its check has passed. A service nobody registered is NXDOMAIN.
// Then the gossip picture: Ada, now the chaos agent, crashes the client agent n7 while Ria watches with reduced
// motion on a smaller screen. The agents' member lists show n7 suspected (a countdown) and then declared dead, on
// the canvas (its data-* facts) and in the node table's words.

import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { canvasFacts, createRoom, joinRoom, panelStatus, pickRole, unnamedControls, waitForStartScreen } from "./flows";
import { type Harness, OUTPUT, startHarness } from "./harness";

const PORT = 2662;
const LEVEL = "consul/service-discovery";
const SLOW = { timeout: 60_000, interval: 500 };

function tableWords(page: Page): Promise<string | null> {
  return page.locator("#node-table-summary").textContent();
}

/** Asks DNS through the client panel and returns the answer's line once it arrives. */
async function queryDns(page: Page, name: string): Promise<string> {
  const before = await page.locator(".results li").count();
  await page.getByLabel("DNS name").fill(name);
  await page.getByRole("button", { name: "Query DNS" }).click();
  await expect.poll(() => page.locator(".results li").count(), SLOW).toBe(before + 1);
  return (await page.locator(".results li").first().locator(".result-line").textContent()) ?? "";
}

describe("Consul: service discovery through the UI", () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness(PORT);
  });

  afterEach(async () => {
    await harness?.closePages();
  });

  afterAll(async () => {
    await harness?.close();
  });

  it("the operator registers web on n6 and a client's DNS query sees its address", async () => {
    const ada = await harness.open();
    await waitForStartScreen(ada);
    const code = await createRoom(ada, "Ada", LEVEL);
    await pickRole(ada, /operator/i);
    const cy = await harness.open();
    await waitForStartScreen(cy);
    await joinRoom(cy, "Cy", code);
    await pickRole(cy, /client/i);
    await ada.locator("[data-panel=operator]").waitFor();
    await cy.locator("[data-panel=client]").waitFor();

    // The Consul controls: only what the level allows (no ACL form here), starting from the settings in force.
    const consul = ada.locator("[data-section=consul]");
    await expect.poll(() => consul.isVisible()).toBe(true);
    expect(await ada.getByRole("group", { name: "Client token ACL" }).isVisible()).toBe(false);
    await expect.poll(() => consul.locator("[data-consul=in-force]").textContent()).toMatch(/^In force: probe 1000 ms \(timeout 500 ms, 3 indirect\), suspicion x4/);
    expect(await ada.getByLabel("New value (ms)").inputValue()).toBe("1000");
    // The client sees a DNS form filled with the level's service name, and KV put/get.
    expect(await cy.getByLabel("DNS name").inputValue()).toBe("web.service.consul");
    expect(await cy.getByRole("button", { name: "Put" }).isVisible()).toBe(true);

    await ada.getByRole("button", { name: "Start round" }).click();
    await expect.poll(() => ada.locator(".phase-chip").textContent()).toBe("Running");

    // Ada shortens the check interval (so a new instance passes sooner), then registers web on n6.
    await ada.getByLabel("Agent setting").selectOption("check-interval");
    await expect.poll(() => ada.getByLabel("New value (ms)").inputValue()).toBe("10000");
    await ada.getByLabel("New value (ms)").fill("2000");
    await ada.getByRole("button", { name: "Set on every agent" }).click();
    await expect.poll(() => panelStatus(ada, "operator"), SLOW).toBe("Set check-interval to 2000 ms on every running agent.");
    await expect.poll(() => consul.locator("[data-consul=in-force]").textContent(), SLOW).toMatch(/checks every 2000 ms/);
    // A value out of range is refused before anything is sent.
    await ada.getByLabel("New value (ms)").fill("5");
    await ada.getByRole("button", { name: "Set on every agent" }).click();
    await expect.poll(() => panelStatus(ada, "operator")).toBe("check-interval is a whole number of milliseconds from 100 to 3600000.");

    await ada.getByLabel("Service", { exact: true }).fill("web");
    await ada.getByLabel("On node").selectOption("n6");
    expect(await ada.locator("[data-group=consul-services] select option[value=n6]").textContent()).toBe("n6 (client agent)");
    await ada.getByRole("button", { name: "Register", exact: true }).click();
    await expect.poll(() => panelStatus(ada, "operator"), SLOW).toMatch(/^Registered web on n6 \(port 8080\)\. Its health check starts critical/);
    // Twice is refused in the server's words.
    await ada.getByRole("button", { name: "Register", exact: true }).click();
    await expect.poll(() => panelStatus(ada, "operator"), SLOW).toBe("Refused: web is already registered on n6");

    // Cy asks DNS: the addresses served, with how the answer was reached.
    const first = await queryDns(cy, "web.service.consul");
    expect(first).toMatch(/^dns web\.service\.consul → n\d(, n\d)* via n\d in \d+ ms$/);
    expect(await cy.locator(".results li").first().locator(".note-line").textContent()).toMatch(/^web\.service\.consul: A n\d(, n\d)*( \(1 critical instance left out\))? \(answered by n[123], stale allowed\)$/);
    // Once n6's check has passed and its agent has synced it, DNS serves it too.
    let answer = first;
    for (let i = 0; i < 40 && !/→ .*n6/.test(answer); i++) {
      await cy.waitForTimeout(500);
      answer = await queryDns(cy, "web.service.consul");
    }
    expect(answer).toMatch(/^dns web\.service\.consul → (n[4-6], )*n6(, n[4-6])* via n\d in \d+ ms$/);
    await cy.screenshot({ path: path.join(OUTPUT, "consul-client-dns.png") });

    // KV put and get keep working beside DNS, on the level's KV key (the bots write it too: the read may be newer).
    expect(await cy.getByLabel("Key", { exact: true }).inputValue()).toBe("config/web");
    await cy.getByLabel("Value", { exact: true }).fill("cy-blue");
    await cy.getByRole("button", { name: "Put" }).click();
    await expect.poll(() => cy.locator(".results li").first().locator(".result-line").textContent(), SLOW).toMatch(/^write config\/web = "cy-blue" via n\d: ok in \d+ ms$/);
    await cy.getByRole("button", { name: "Get" }).click();
    await expect.poll(() => cy.locator(".results li").first().locator(".result-line").textContent(), SLOW).toMatch(/^read config\/web → "[\w-]+" via n\d in \d+ ms$/);

    // A service nobody registered: no healthy instance, NXDOMAIN.
    expect(await queryDns(cy, "db.service.consul")).toMatch(/^dns db\.service\.consul → no healthy instance: NXDOMAIN via n\d in \d+ ms$/);
    expect(await cy.locator(".results li").first().locator(".note-line").textContent()).toMatch(/NXDOMAIN \(no such service\)/);

    // Every control on both screens has a name a screen reader can say.
    expect(await unnamedControls(ada)).toEqual([]);
    expect(await unnamedControls(cy)).toEqual([]);
    await ada.screenshot({ path: path.join(OUTPUT, "consul-operator.png") });
    await cy.screenshot({ path: path.join(OUTPUT, "consul-client.png") });
  });

  it("draws every agent's member list: a crashed agent is suspected, counted down, then dead to all", async () => {
    const ada = await harness.open();
    await waitForStartScreen(ada);
    const code = await createRoom(ada, "Ada", LEVEL);
    await pickRole(ada, /chaos agent/i);
    const ria = await harness.open({ reducedMotion: "reduce", viewport: { width: 1280, height: 720 } });
    await waitForStartScreen(ria);
    await joinRoom(ria, "Ria", code);
    await pickRole(ria, /spectator/i);
    await ada.locator("[data-panel=chaos]").waitFor();

    // Servers and client agents, no Raft term for anyone in the centre: the picture names the servers.
    await expect.poll(() => canvasFacts(ada)).toMatchObject({ picture: "gossip", servers: "n1 n2 n3" });
    await ada.getByRole("button", { name: "Start round" }).click();
    await expect.poll(async () => (await canvasFacts(ada)).leader, SLOW).toMatch(/^n[123]$/);
    await expect.poll(() => tableWords(ada), SLOW).toMatch(/^Servers n1, n2, n3; Raft leader n[123]\. All 7 running agents see every member alive\./);
    // Probes ripple out of their senders; with reduced motion they are still rings and nothing flies.
    await expect.poll(async () => Number((await canvasFacts(ada)).ripples), SLOW).toBeGreaterThan(0);
    await expect.poll(async () => Number((await canvasFacts(ria)).ripples), SLOW).toBeGreaterThan(0);
    expect(await canvasFacts(ria)).toMatchObject({ motion: "reduced", flying: "0" });
    await ada.screenshot({ path: path.join(OUTPUT, "consul-gossip-calm.png") });

    await ada.getByLabel("Node", { exact: true }).selectOption("n7");
    await ada.getByRole("button", { name: "Crash n7" }).click();
    await expect.poll(() => panelStatus(ada, "chaos")).toBe("Crashed n7.");
    await expect.poll(async () => (await canvasFacts(ada)).down, SLOW).toContain("n7");

    // Someone's probe of n7 goes unanswered: n7 is suspected, with a countdown (an arc; for Ria words alone).
    await expect.poll(async () => (await canvasFacts(ada)).suspects, SLOW).toContain("n7");
    const suspected = await canvasFacts(ada);
    expect(suspected.timers).toMatch(/\bn7 \d+\.\d s\b/);
    expect(Number(suspected.timerArcs)).toBeGreaterThan(0);
    expect(Number(suspected.suspectViews)).toBeGreaterThan(0);
    await expect.poll(() => tableWords(ada), SLOW).toMatch(/n7 \(down\) is (suspected by \d agents? \(the first timer runs out in \d+\.\d s\)|dead to)/);
    await ada.screenshot({ path: path.join(OUTPUT, "consul-gossip-suspect.png") });
    await expect.poll(async () => (await canvasFacts(ria)).timers, SLOW).toMatch(/\bn7 \d+ s\b/);
    expect((await canvasFacts(ria)).timerArcs).toBe("0");
    await ria.screenshot({ path: path.join(OUTPUT, "consul-gossip-suspect-still.png") });

    // The suspicion runs out unrefuted: n7 is declared dead, and the news spreads until every running agent agrees.
    await expect.poll(async () => (await canvasFacts(ada)).dead, SLOW).toContain("n7");
    await expect.poll(() => tableWords(ada), SLOW).toMatch(/n7 \(down\) is dead to all \d running agents\./);
    expect((await canvasFacts(ada)).suspects).not.toContain("n7");
    expect(await ada.locator("#node-table tr[data-node=n7]").getAttribute("data-state")).toBe("down");
    await ada.screenshot({ path: path.join(OUTPUT, "consul-gossip-dead.png") });
    await ria.screenshot({ path: path.join(OUTPUT, "consul-gossip-dead-still.png") });
  });
});
