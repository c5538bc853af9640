// The Cassandra quorum level played through the UI in real Chromium. Ada hosts and runs the cluster as operator, Bo
// is a client: the token ring is drawn (the scene says so in data-* attributes), Bo picks a key and sees its
// replicas, Ada raises the consistency levels and both screens show it, Bo writes and reads through coordinators
// he picks and reads the answers. Then, as the chaos agent, Ada takes a replica down and brings it back; Bo's read
// through that replica comes back marked STALE, with the value a correct read would have returned.

import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { canvasFacts, joinRoom, pickRole, readJoinCode, unnamedControls, waitForStartScreen } from "./flows";
import { type Harness, OUTPUT, startHarness } from "./harness";

const PORT = 2633;
const LEVEL = "cassandra/quorum";

async function createLevelRoom(page: Page, name: string): Promise<string> {
  await waitForStartScreen(page);
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Level", { exact: true }).selectOption(LEVEL);
  await page.getByRole("button", { name: "Create room" }).click();
  return readJoinCode(page);
}

/** What the ring scene reports about its drawing (data-* on the canvas host). */
/** The replicas of the picked key as the key list states them: node id -> stale or not. */
function replicaRows(page: Page): Promise<{ node: string; stale: boolean; text: string }[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLLIElement>(".key-detail li")).map((li) => ({
      node: li.dataset.node ?? "",
      stale: li.dataset.stale === "true",
      text: li.textContent ?? "",
    })),
  );
}

describe("Cassandra: the quorum level through the UI", () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness(PORT);
  });

  // Every page renders WebGL on the CPU: close a test's pages before the next one starts.
  afterEach(async () => {
    await harness?.closePages();
  });

  afterAll(async () => {
    await harness?.close();
  });

  it("draws the ring, shows a key's replicas, changes consistency, and answers a client's write and read", async () => {
    const ada = await harness.open();
    const code = await createLevelRoom(ada, "Ada");
    await pickRole(ada, /operator/i);
    const bo = await harness.open();
    await waitForStartScreen(bo);
    await joinRoom(bo, "Bo", code);
    await pickRole(bo, /client/i);
    await ada.locator("[data-panel=operator]").waitFor();
    await bo.locator("[data-panel=client]").waitFor();

    // The ring: five owners, four tokens each (this level's num_tokens), one arc per token (the lowest one's range
    // wraps round the top, so it is drawn as two).
    await expect.poll(() => canvasFacts(bo)).toMatchObject({ picture: "token-ring", ringOwners: "n1,n2,n3,n4,n5" });
    expect(Number((await canvasFacts(bo)).ringArcs)).toBeGreaterThanOrEqual(20);
    // The operator sees only what this level lets the operator do.
    await expect.poll(() => ada.getByRole("button", { name: "Set consistency" }).isVisible()).toBe(true);
    expect(await ada.getByRole("button", { name: "Set replication" }).isVisible()).toBe(false);
    expect(await ada.getByRole("button", { name: "Run repair" }).isVisible()).toBe(true);

    await ada.getByRole("button", { name: "Start round" }).click();
    await expect.poll(() => ada.locator(".phase-chip").textContent()).toBe("Running");

    // Bo picks k1 in the key list (a toggle button): the ring marks it and its three replicas, the list says who.
    await bo.getByRole("button", { name: "k1", exact: true }).click();
    await expect.poll(() => bo.getByRole("button", { name: "k1", exact: true }).getAttribute("aria-pressed")).toBe("true");
    await expect.poll(async () => (await canvasFacts(bo)).pickedKey).toBe("k1");
    const replicas = (await canvasFacts(bo)).keyReplicas.split(",");
    expect(new Set(replicas).size).toBe(3);
    await expect.poll(async () => (await replicaRows(bo)).map((r) => r.node)).toEqual(replicas);
    expect(await bo.getByLabel("Key", { exact: true }).inputValue()).toBe("k1");

    // Ada raises both levels to QUORUM; both screens show it.
    await ada.getByLabel("Reads at").selectOption("QUORUM");
    await ada.getByLabel("Writes at").selectOption("QUORUM");
    await ada.getByRole("button", { name: "Set consistency" }).click();
    await expect.poll(() => ada.locator("[data-panel=operator] .status").textContent()).toBe("Clients now read at QUORUM and write at QUORUM.");
    await expect.poll(() => bo.locator("#node-table-summary").textContent()).toContain("Reads at QUORUM, writes at QUORUM.");
    await expect.poll(() => eventLog(bo)).toMatch(/QUORUM/);

    // Bo writes through n2 and reads through n4, and sees each answer with its coordinator, latency and note.
    await bo.getByLabel("Coordinator").selectOption("n2");
    await bo.getByLabel("Value").fill("bo-1");
    await bo.getByRole("button", { name: "Put" }).click();
    await expect.poll(() => bo.locator(".results li").first().textContent()).toMatch(/write k1 = "bo-1" via n2: ok in \d+ ms/);
    await bo.getByLabel("Coordinator").selectOption("n4");
    await bo.getByRole("button", { name: "Get" }).click();
    await expect.poll(() => bo.locator(".results li").first().textContent()).toMatch(/read k1 → "[^"]+" via n4 in \d+ ms/);
    expect(await bo.locator(".results li").first().getAttribute("data-stale")).toBe("false");
    expect(await bo.locator(".results li .note-line").first().textContent()).toMatch(/QUORUM/);

    // Every control on both screens has a name a screen reader can say.
    expect(await unnamedControls(ada)).toEqual([]);
    expect(await unnamedControls(bo)).toEqual([]);

    // Traffic on the ring for the pictures.
    await bo.waitForFunction(() => Number(document.getElementById("canvas-host")?.dataset.flying ?? 0) > 0, undefined, { timeout: 20_000 });
    await ada.screenshot({ path: path.join(OUTPUT, "cassandra-operator.png") });
    await bo.screenshot({ path: path.join(OUTPUT, "cassandra-client.png") });
  });

  it("marks a read through a replica that missed a write as STALE, with the newer value", async () => {
    const ada = await harness.open();
    const code = await createLevelRoom(ada, "Ada");
    await pickRole(ada, /chaos agent/i);
    const bo = await harness.open();
    await waitForStartScreen(bo);
    await joinRoom(bo, "Bo", code);
    await pickRole(bo, /client/i);
    await ada.locator("[data-panel=chaos]").waitFor();
    await bo.locator("[data-panel=client]").waitFor();

    // Slow the round down (keyboard on the slider, as a host would): everything below happens long before the
    // level's own crash of n3 at 5 s.
    const speed = ada.getByLabel("Speed");
    await speed.focus();
    for (let i = 0; i < 4; i++) await speed.press("ArrowLeft");
    await expect.poll(() => ada.locator("output").textContent()).toBe("0.02×");
    await ada.getByRole("button", { name: "Start round" }).click();

    // A key that n3 holds but does not coordinate as primary, found in the key list.
    let key = "";
    for (const name of await bo.locator(".key-button").allTextContents()) {
      const k = name.replace(/\s*⚠$/, "");
      await bo.getByRole("button", { name: k, exact: true }).click();
      const rows = await replicaRows(bo);
      if (rows.some((r) => r.node === "n3") && rows[0]?.node !== "n3") {
        key = k;
        break;
      }
    }
    expect(key, "a key with n3 among its replicas").not.toBe("");
    const coordinator = (await replicaRows(bo)).map((r) => r.node).find((n) => n !== "n3") ?? "n1";

    // Ada crashes n3; Bo writes the key at ONE through another replica; n3 misses it.
    await ada.getByLabel("Node", { exact: true }).selectOption("n3");
    await ada.getByRole("button", { name: "Crash n3" }).click();
    await expect.poll(() => ada.locator("[data-panel=chaos] .status").textContent()).toBe("Crashed n3.");
    await bo.getByLabel("Coordinator").selectOption(coordinator);
    await bo.getByLabel("Value").fill("bo-fresh");
    await bo.getByRole("button", { name: "Put" }).click();
    await expect.poll(() => bo.locator(".results li").first().textContent()).toMatch(new RegExp(`write ${key} = "bo-fresh" via ${coordinator}: ok`));
    // The key list (and the ring) show n3's copy as stale.
    await expect.poll(async () => (await replicaRows(bo)).find((r) => r.node === "n3")?.stale).toBe(true);
    await expect.poll(async () => (await canvasFacts(bo)).staleReplicas).toContain("n3");
    await bo.screenshot({ path: path.join(OUTPUT, "cassandra-stale-replica.png") });

    // n3 comes back without the write; Bo reads through it at ONE and gets the old value, marked STALE. The host
    // pauses meanwhile, so no bot's write to the same key slips in between the restart and Bo's read.
    await ada.getByRole("button", { name: "Pause" }).click();
    await expect.poll(() => ada.locator(".phase-chip").textContent()).toBe("Paused");
    await ada.getByRole("button", { name: "Restart n3" }).click();
    await expect.poll(() => ada.locator("[data-panel=chaos] .status").textContent()).toBe("Restarted n3.");
    await bo.getByLabel("Coordinator").selectOption("n3");
    await bo.getByRole("button", { name: "Get" }).click();
    await expect.poll(() => bo.locator("[data-panel=client] .status").textContent()).toBe(`Sent: get ${key} through n3.`);
    await ada.getByRole("button", { name: "Resume" }).click();
    const answer = bo.locator(".results li").first();
    await expect.poll(() => answer.getAttribute("data-stale")).toBe("true");
    expect(await answer.textContent()).toMatch(new RegExp(`read ${key} → .* via n3`));
    expect(await answer.locator(".stale-mark").textContent()).toBe("⚠ STALE");
    // The newer value is Bo's, or a bot's write to the same key made since.
    expect(await answer.locator(".stale-line").textContent()).toMatch(/a correct read would have returned "[^"]+" or newer/);
    await bo.screenshot({ path: path.join(OUTPUT, "cassandra-stale-read.png") });
  });
});

async function eventLog(page: Page): Promise<string> {
  return (await page.locator(".event-log").textContent()) ?? "";
}
