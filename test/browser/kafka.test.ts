// The Kafka acks level played through the UI in real Chromium. Ada hosts and is the chaos agent, Bo the operator,
// Cy a client. The partition logs are drawn (the scene says so in data-* attributes): n1 leads events-0 with all
// three replicas in sync; Bo sets acks=all and min.insync.replicas=2 from the Kafka controls; Ada crashes the
// leader and both her screen and Bo's show another broker leading once the controller fences n1; Cy sends a
// message and sees the partition and offset it got, then polls and sees the committed records.

import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { canvasFacts, createRoom, joinRoom, panelStatus, pickRole, unnamedControls, waitForStartScreen } from "./flows";
import { type Harness, OUTPUT, startHarness } from "./harness";

const PORT = 2648;
const LEVEL = "kafka/acks";
const SLOW = { timeout: 60_000, interval: 500 };

/** What the scene reports about its drawing (data-* on the canvas host). */
describe("Kafka: the acks level through the UI", () => {
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

  it("draws the partition logs, sets acks=all and min.insync.replicas=2, fails over, and sends and polls", async () => {
    const ada = await harness.open();
    await waitForStartScreen(ada);
    const code = await createRoom(ada, "Ada", LEVEL);
    await pickRole(ada, /chaos agent/i);
    const bo = await harness.open();
    await waitForStartScreen(bo);
    await joinRoom(bo, "Bo", code);
    await pickRole(bo, /operator/i);
    const cy = await harness.open();
    await waitForStartScreen(cy);
    await joinRoom(cy, "Cy", code);
    await pickRole(cy, /client/i);
    await ada.locator("[data-panel=chaos]").waitFor();
    await bo.locator("[data-panel=operator]").waitFor();
    await cy.locator("[data-panel=client]").waitFor();
    expect((await canvasFacts(ada)).picture).toBe("partition-log");
    // The operator's Kafka controls start from the settings in force.
    await expect.poll(() => bo.getByLabel("Producer acks").inputValue()).toBe("1");
    expect(await bo.getByLabel("min.insync.replicas", { exact: true }).inputValue()).toBe("1");

    await ada.getByRole("button", { name: "Start round" }).click();
    await expect.poll(() => ada.locator(".phase-chip").textContent()).toBe("Running");

    // Three brokers; n1 leads events-0 with every replica in sync, and the records it takes show as LEO and HW.
    await expect.poll(() => canvasFacts(ada), SLOW).toMatchObject({ brokers: "n1,n2,n3", leaders: "events-0:n1", offline: "", outOfIsr: "" });
    expect((await canvasFacts(ada)).isr.split(":")[1].split(" ").sort()).toEqual(["n1", "n2", "n3"]);
    await expect.poll(async () => (await canvasFacts(bo)).logs, SLOW).toMatch(/events-0@n1=([1-9]\d*)\/\d+/);
    await ada.screenshot({ path: path.join(OUTPUT, "kafka-start.png") });

    // Bo makes sends wait for every in-sync replica, and refuses them when fewer than two are in sync. The settings go
    // through the active controller, which the quorum elects a moment after the start.
    await expect.poll(async () => (await canvasFacts(bo)).controller, SLOW).not.toBe("");
    await bo.getByLabel("Producer acks").selectOption("all");
    await bo.getByRole("button", { name: "Set acks" }).click();
    await expect.poll(() => panelStatus(bo, "operator")).toMatch(/^Producers now use acks=all: a send is acknowledged once every in-sync replica has it\.$/);
    await bo.getByLabel("min.insync.replicas", { exact: true }).fill("2");
    await bo.getByRole("button", { name: "Set min.insync.replicas" }).click();
    await expect.poll(() => panelStatus(bo, "operator")).toMatch(/^min\.insync\.replicas is now 2: with acks=all, a send fails/);
    for (const page of [ada, bo]) await expect.poll(() => canvasFacts(page), SLOW).toMatchObject({ acks: "all (-1)", minInsyncReplicas: "2" });

    // Ada crashes the leader: both screens show it down, then another broker leading events-0 from the ISR.
    await ada.getByLabel("Node", { exact: true }).selectOption("n1");
    await ada.getByRole("button", { name: "Crash n1" }).click();
    await expect.poll(() => panelStatus(ada, "chaos")).toBe("Crashed n1.");
    await expect.poll(async () => (await canvasFacts(bo)).downBrokers).toBe("n1");
    await ada.screenshot({ path: path.join(OUTPUT, "kafka-leader-down.png") });
    for (const page of [ada, bo]) await expect.poll(async () => (await canvasFacts(page)).leaders, { timeout: 90_000, interval: 500 }).toMatch(/^events-0:n[23]$/);
    const leader = (await canvasFacts(bo)).leaders.split(":")[1];
    expect((await canvasFacts(ada)).leaders).toBe(`events-0:${leader}`);
    await bo.screenshot({ path: path.join(OUTPUT, "kafka-failover.png") });

    // Cy sends: the answer names the partition and the offset the message got. Then a poll reads committed records.
    await cy.getByLabel("Key", { exact: true }).fill("k1");
    await cy.getByLabel("Value", { exact: true }).fill("cy-hello");
    await cy.getByRole("button", { name: "Send" }).click();
    const sent = cy.locator(".results li").first();
    await expect.poll(() => sent.locator(".result-line").textContent(), SLOW).toMatch(/^send k1 = "cy-hello" → partition 0, offset \d+ via n[23]: ok in \d+ ms$/);
    await cy.getByRole("button", { name: "Poll" }).click();
    await expect.poll(() => cy.locator(".results li").count(), SLOW).toBe(2);
    const polled = cy.locator(".results li").first();
    await expect.poll(() => polled.locator(".result-line").textContent(), SLOW).toMatch(/^poll k1 → \d+ records? from partition 0, offsets \d+–\d+ via n[23] in \d+ ms$/);
    expect(await polled.locator(".records-line").textContent()).toMatch(/p0@\d+ "/);

    // The table says the same in words.
    expect(await bo.locator(".node-table-wrap .hint").first().textContent()).toMatch(/acks=all \(-1\), min\.insync\.replicas=2/);

    // Every control on the three screens has a name a screen reader can say.
    expect(await unnamedControls(ada)).toEqual([]);
    expect(await unnamedControls(bo)).toEqual([]);
    expect(await unnamedControls(cy)).toEqual([]);

    await ada.screenshot({ path: path.join(OUTPUT, "kafka-chaos.png") });
    await bo.screenshot({ path: path.join(OUTPUT, "kafka-operator.png") });
    await cy.screenshot({ path: path.join(OUTPUT, "kafka-client.png") });
  });

  it("draws the consumer group of the rebalance level with every partition assigned", async () => {
    const bo = await harness.open();
    await waitForStartScreen(bo);
    await createRoom(bo, "Bo", "kafka/rebalance");
    await pickRole(bo, /operator/i);
    await bo.locator("[data-panel=operator]").waitFor();
    await bo.getByRole("button", { name: "Start round" }).click();
    await expect.poll(() => canvasFacts(bo), SLOW).toMatchObject({ picture: "partition-log", groupState: "Stable", generation: "1" });
    const owned = (await canvasFacts(bo)).assignment.split(",").flatMap((m) => m.split(":")[1].split(" "));
    expect(owned.map(Number).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(await bo.getByLabel("Rebalance protocol").inputValue()).toBe("eager");
    expect(await unnamedControls(bo)).toEqual([]);
    await bo.screenshot({ path: path.join(OUTPUT, "kafka-rebalance.png") });
  });
});
