// CockroachDB's lease level played through the UI in real Chromium. Ada hosts and is the operator, Cy a client, Bo
// the chaos agent. The keyspace picture shows two ranges whose leases n1 takes (the zone config prefers zone a). Cy
// moves money and reads every balance; Ada drops the lease preference and moves r1's lease to n3, and every screen
// shows the new leaseholder. Bo crashes n1 while it holds r2's lease: the lease is stranded until it expires, then
// another node takes it. Bo restarts n1 and skews n2's clock two seconds ahead: n2 stops itself, and its clock is
// drawn beyond the maximum offset. Ada slows the round while people act and speeds it up while a lease expires, so
// all of it happens before the level's own script crashes n1 at 20 s. Last, the nine-node region level as a node
// player with reduced motion: regions, zones and the player's own line. The scene reports what it draws in data-*
// attributes on the canvas host.

import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { canvasFacts, createRoom, joinRoom, nodeTable, nodeTableSummary, panelStatus, pickRole, unnamedControls, waitForStartScreen } from "./flows";
import { type Harness, OUTPUT, startHarness } from "./harness";

const PORT = 2672;
const SLOW = { timeout: 90_000, interval: 250 };
/** The host panel's speed steps (host-panel.ts), slowest first. */
const SPEEDS = [0.02, 0.05, 0.1, 0.25, 0.5, 1, 2];

/** The round clock in the top bar (m:ss of simulated time), in seconds. */
async function roundSeconds(page: Page): Promise<number> {
  const [m, s] = ((await page.locator(".topbar-inner .timer").textContent()) ?? "").split(" ")[0].split(":").map(Number);
  return m * 60 + s;
}

/** The host's speed slider, moved with the keyboard as a person would. */
async function setSpeed(page: Page, speed: number): Promise<void> {
  const host = page.locator("[data-panel=host]");
  await host.getByLabel("Speed", { exact: true }).focus();
  await page.keyboard.press("Home");
  for (let i = 0; i < SPEEDS.indexOf(speed); i++) await page.keyboard.press("ArrowRight");
  await expect.poll(() => host.locator(".status").textContent()).toMatch(new RegExp(`^Speed ${speed}×`));
}

/** The client's newest answer line once there are `count` answers. */
async function answer(page: Page, count: number): Promise<string> {
  await expect.poll(() => page.locator(".results li").count(), SLOW).toBe(count);
  return (await page.locator(".results li").first().locator(".result-line").textContent()) ?? "";
}

describe("CockroachDB: leases, clocks and regions through the UI", () => {
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

  it("draws the ranges and their leaseholders, serves a client, moves a lease, strands one, and stops a skewed node", async () => {
    const ada = await harness.open();
    await waitForStartScreen(ada);
    const code = await createRoom(ada, "Ada", "cockroach/lease-before-maintenance");
    await pickRole(ada, /operator/i);
    const cy = await harness.open();
    await waitForStartScreen(cy);
    await joinRoom(cy, "Cy", code);
    await pickRole(cy, /client/i);
    const bo = await harness.open();
    await waitForStartScreen(bo);
    await joinRoom(bo, "Bo", code);
    await pickRole(bo, /chaos agent/i);
    await ada.locator("[data-panel=operator]").waitFor();
    await cy.locator("[data-panel=client]").waitFor();
    await bo.locator("[data-panel=chaos]").waitFor();

    // Two ranges over the accounts, three replicas each; the zone config prefers zone a, so n1 holds both leases.
    const start = { picture: "keyspace", ranges: "2", spans: "r1:[/Min, /accounts/0020),r2:[/accounts/0020, /Max)", replicas: "r1:n1+n2+n3,r2:n1+n2+n3" };
    await expect.poll(() => canvasFacts(ada)).toMatchObject(start);
    await expect.poll(() => canvasFacts(cy)).toMatchObject(start);
    expect(await canvasFacts(ada)).toMatchObject({ stopped: "", down: "", unavailable: "", regions: "1" });
    await ada.getByRole("button", { name: "Start round" }).click();
    await expect.poll(() => ada.locator(".phase-chip").textContent()).toBe("Running");
    await expect.poll(async () => (await canvasFacts(ada)).leaseholders, SLOW).toBe("r1:n1,r2:n1");
    await setSpeed(ada, 0.1);

    // The node table and its summary say the same in words; the legend explains the picture's marks.
    const columns = ["Node", "State", "Region / zone", "Ranges", "Leases", "Raft leaders", "Intents", "Clock offset", "Played by"];
    await expect.poll(async () => Object.keys((await nodeTable(ada)).n1 ?? {})).toEqual(columns);
    await expect.poll(async () => (await nodeTable(ada)).n1).toMatchObject({ "Region / zone": "region1/a", Ranges: "2: r1, r2", Leases: "2: r1, r2", "Clock offset": "0 ms" });
    expect((await nodeTable(ada)).n2).toMatchObject({ "Region / zone": "region1/b", Leases: "none" });
    expect(await nodeTableSummary(ada)).toMatch(/^2 ranges: r1 \[\/Min, \/accounts\/0020\): lease n1, Raft leader n\d.*; r2 \[\/accounts\/0020, \/Max\): lease n1, .*Survives zone failure with 3 replicas, leases preferred in a\. Total balance 1000\./);
    const legend = (await ada.locator("ul.legend").textContent()) ?? "";
    expect(legend).toMatch(/key: the leaseholder/);
    expect(legend).toMatch(/crown: the range's Raft leader/);
    expect(legend).toMatch(/KV batch to a leaseholder/);
    expect(legend).not.toMatch(/log: committed/);
    await ada.screenshot({ path: path.join(OUTPUT, "cockroach-keyspace.png") });

    // Cy moves 10 from account 3 to account 30 (one range to the other) and reads every balance: the total holds.
    await cy.getByLabel("From account").fill("3");
    await cy.getByLabel("To account").fill("30");
    await cy.getByLabel("Amount").fill("10");
    await cy.getByRole("button", { name: "Transfer", exact: true }).click();
    expect(await answer(cy, 1)).toMatch(/^transfer 10 from account 3 to account 30( via n\d)?: committed in \d+ ms$/);
    await cy.getByRole("button", { name: "Read balances" }).click();
    expect(await answer(cy, 2)).toMatch(/^read accounts → 40 balances, total 1000( via n\d)? in \d+ ms$/);
    await cy.screenshot({ path: path.join(OUTPUT, "cockroach-client.png") });

    // Ada drops the lease preference (or the allocator would bring the lease back to zone a) and moves r1's lease to n3.
    const operator = ada.locator("[data-panel=operator]");
    await operator.getByLabel("Lease preference").selectOption("");
    await ada.getByRole("button", { name: "Set lease preference" }).click();
    await expect.poll(() => panelStatus(ada, "operator")).toMatch(/^CONFIGURE ZONE USING lease_preferences = '\[\]'/);
    await operator.getByLabel("Range (r)").fill("1");
    await operator.getByLabel("To node").selectOption("n3");
    await ada.getByRole("button", { name: "Transfer lease" }).click();
    await expect.poll(() => panelStatus(ada, "operator")).toMatch(/^ALTER RANGE 1 RELOCATE LEASE TO n3/);
    for (const page of [ada, cy, bo]) await expect.poll(async () => (await canvasFacts(page)).leaseholders, SLOW).toBe("r1:n3,r2:n1");
    await expect.poll(async () => (await nodeTable(ada)).n3?.Leases).toBe("1: r1");
    await ada.screenshot({ path: path.join(OUTPUT, "cockroach-lease-moved.png") });

    // Bo crashes n1 while it holds r2's lease: nobody may take the lease until it has expired (6 s), then n2 or n3
    // does. Ada speeds the round up meanwhile.
    expect((await canvasFacts(bo)).down).toBe("");
    const chaos = bo.locator("[data-panel=chaos]");
    await chaos.getByLabel("Node", { exact: true }).selectOption("n1");
    await bo.getByRole("button", { name: "Crash n1" }).click();
    await expect.poll(async () => (await canvasFacts(bo)).down, SLOW).toBe("n1");
    expect((await canvasFacts(bo)).leaseholders).toBe("r1:n3,r2:n1");
    await expect.poll(() => nodeTableSummary(bo)).toMatch(/r2 \[\/accounts\/0020, \/Max\): lease n1 \(down: it must expire first\)/);
    await bo.screenshot({ path: path.join(OUTPUT, "cockroach-lease-stranded.png") });
    await setSpeed(ada, 2);
    await expect.poll(async () => (await canvasFacts(bo)).leaseholders, SLOW).toMatch(/^r1:n3,r2:n[23]$/);
    await setSpeed(ada, 0.25);
    await bo.getByRole("button", { name: "Restart n1" }).click();
    await expect.poll(async () => (await canvasFacts(bo)).down, SLOW).toBe("");
    // Each node measures the others' clocks by a ping a second and forgets a measurement after 10 s, so n3's reading
    // of n1 went stale while n1 was down. Until n3 has measured n1 again, n2 is the only node n3 knows the clock of,
    // and finding n2 far off would (as in CockroachDB) stop n3 too. Give the pings three simulated seconds.
    const back = await roundSeconds(bo);
    await expect.poll(() => roundSeconds(bo), SLOW).toBeGreaterThanOrEqual(back + 3);

    // Bo skews n2's clock two seconds ahead, beyond the 500 ms maximum offset: n2 finds itself too far from the
    // others and stops itself; n1 and n3 still make a quorum of every range.
    await chaos.getByLabel("Node", { exact: true }).selectOption("n2");
    await chaos.getByLabel("Clock skew (ms)").fill("2000");
    await bo.getByRole("button", { name: "Skew clock" }).click();
    await expect.poll(async () => (await canvasFacts(bo)).stopped, SLOW).toBe("n2");
    expect((await canvasFacts(bo)).clocks).toMatch(/n2:\+2000/);
    expect((await canvasFacts(bo)).unavailable).toBe("");
    expect((await canvasFacts(bo)).stopped).toBe("n2");
    await expect.poll(async () => (await nodeTable(bo)).n2?.["Clock offset"]).toBe("+2000 ms: stopped itself");
    expect(await nodeTableSummary(bo)).toMatch(/Stopped over clock offset: n2\./);
    await bo.screenshot({ path: path.join(OUTPUT, "cockroach-clock-stopped.png") });

    expect(await unnamedControls(ada)).toEqual([]);
    expect(await unnamedControls(bo)).toEqual([]);
    expect(await unnamedControls(cy)).toEqual([]);
  }, 300_000); // a long scenario played at a quarter of real time in places: on a loaded machine it takes minutes

  it("groups nine nodes by region for a node player who prefers reduced motion", async () => {
    const dee = await harness.open({ reducedMotion: "reduce", viewport: { width: 1280, height: 720 } });
    await waitForStartScreen(dee);
    await createRoom(dee, "Dee", "cockroach/region-outage");
    await dee.getByLabel("Node to play").selectOption("n5");
    await pickRole(dee, /play node/i);
    await expect.poll(() => canvasFacts(dee)).toMatchObject({ picture: "keyspace", ranges: "2", regions: "3", motion: "reduced" });
    await dee.getByRole("button", { name: "Start round" }).click();
    await expect.poll(async () => (await canvasFacts(dee)).leaseholders, SLOW).toMatch(/^r1:n[123],r2:n[123]$/);
    // Dee is n5 in us-west, zone b: no replica of the bank's ranges yet (zone survival keeps them in us-east).
    const who = dee.locator("[data-panel=node] p.hint").first();
    await expect.poll(() => who.textContent()).toMatch(/^You are n5 in us-west\/b: you hold 0 replicas and no lease; your clock is on true time \(limit 500 ms\)\.$/);
    // Messages fly in full motion elsewhere; here they are still lines with counts.
    await expect.poll(async () => Number((await canvasFacts(dee)).inFlight ?? 0), SLOW).toBeGreaterThan(0);
    expect((await canvasFacts(dee)).flying).toBe("0");
    await dee.screenshot({ path: path.join(OUTPUT, "cockroach-regions.png") });
    expect(await unnamedControls(dee)).toEqual([]);
  });
});
