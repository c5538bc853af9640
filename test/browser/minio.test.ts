// The MinIO bitrot level played through the UI in real Chromium. Ada hosts and is the chaos agent, Bo the operator,
// Cy a client. The racks are drawn (the scene says so in data-* attributes); Ada fails a drive and both her screen
// and Bo's show it failed; Bo replaces it and heals; Ada flips a bit in the archive's shard and Cy, picking the
// archive in the object list, sees that shard marked corrupt until Bo's deep heal rebuilds it; Cy puts an object
// and reads it back, and sees the same sha256 both times.

import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { canvasFacts, createRoom, joinRoom, panelStatus, pickRole, unnamedControls, waitForStartScreen } from "./flows";
import { type Harness, OUTPUT, startHarness } from "./harness";

const PORT = 2634;
const LEVEL = "minio/bitrot";

/** What the scene reports about its drawing (data-* on the canvas host). */
describe("MinIO: the bitrot level through the UI", () => {
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

  it("draws the racks, fails and replaces a drive, heals, shows a rotten shard, and puts and gets an object", async () => {
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

    // Four servers of four drives, none failed.
    await expect.poll(() => canvasFacts(ada)).toMatchObject({ picture: "drive-rack", racks: "n1,n2,n3,n4", drives: "16", failedDrives: "" });
    // The operator's storage classes go from EC:0 to half the 16-drive set; the level's class is selected.
    await expect.poll(() => bo.getByLabel("Parity", { exact: true }).inputValue()).toBe("EC:4");
    expect(await bo.locator("[data-group=storage-class] option").allTextContents()).toEqual(["EC:0", "EC:1", "EC:2", "EC:3", "EC:4", "EC:5", "EC:6", "EC:7", "EC:8"]);

    await ada.getByRole("button", { name: "Start round" }).click();
    await expect.poll(() => ada.locator(".phase-chip").textContent()).toBe("Running");

    // Ada fails n2's third drive: both screens draw it failed.
    await ada.getByLabel("Server", { exact: true }).selectOption("n2");
    await ada.getByLabel("Drive", { exact: true }).selectOption("3");
    await ada.getByRole("button", { name: "Fail drive" }).click();
    await expect.poll(() => panelStatus(ada, "chaos")).toBe("n2/d3 failed: every shard on it is gone.");
    await expect.poll(async () => (await canvasFacts(ada)).failedDrives).toBe("n2/d3");
    await expect.poll(async () => (await canvasFacts(bo)).failedDrives).toBe("n2/d3");
    // The chaos agent is offered only working drives; the operator only failed ones.
    expect(await ada.locator("[data-group=drives] select").nth(1).locator("option").allTextContents()).not.toContain("d3 (failed)");
    await bo.getByLabel("Server", { exact: true }).selectOption("n2");
    expect(await bo.getByLabel("Failed drive", { exact: true }).locator("option").allTextContents()).toEqual(["d3 (failed)"]);
    // Bo picks the archive: its shard on the failed drive is drawn there, lost with it.
    await bo.locator(".key-button[data-key='archive-2019']").click();
    await expect.poll(async () => (await canvasFacts(bo)).shards).toMatch(/n2\/d3=[DP]\d+:failed-drive/);
    await expect.poll(() => bo.locator(".key-detail li[data-node='n2/d3']").textContent()).toMatch(/on n2\/d3: ○ failed drive/);
    await bo.screenshot({ path: path.join(OUTPUT, "minio-failed-drive.png") });

    // Bo replaces it and starts a heal: the archive's shard comes back on the new drive. A normal heal rebuilds
    // what is missing; it does not read every shard, so it cannot find bitrot that happens later.
    await bo.getByRole("button", { name: "Replace drive" }).click();
    await expect.poll(() => panelStatus(bo, "operator")).toMatch(/^Put a new, empty drive in n2\/d3/);
    await expect.poll(async () => (await canvasFacts(ada)).failedDrives).toBe("");
    await expect.poll(async () => (await canvasFacts(bo)).failedDrives).toBe("");
    await bo.getByRole("button", { name: "Start heal" }).click();
    await expect.poll(() => panelStatus(bo, "operator")).toMatch(/^Started a heal/);
    await expect.poll(async () => (await canvasFacts(bo)).shards, { timeout: 30_000 }).toMatch(/n2\/d3=[DP]\d+:intact/);

    // Ada flips a bit in the archive's shard on n1/d1. Cy finds the archive in the object list (it is no workload
    // key) and sees that shard marked corrupt, on the diagram and in words.
    await ada.getByLabel("Server", { exact: true }).selectOption("n1");
    await ada.getByLabel("Drive", { exact: true }).selectOption("1");
    await ada.getByLabel("Object (optional)").fill("archive-2019");
    await ada.getByRole("button", { name: "Flip a bit" }).click();
    await expect.poll(() => panelStatus(ada, "chaos")).toMatch(/^Flipped a bit in archive-2019's shard on n1\/d1/);
    await cy.locator(".key-button[data-key='archive-2019']").click();
    await expect.poll(async () => (await canvasFacts(cy)).pickedKey).toBe("archive-2019");
    await expect.poll(async () => (await canvasFacts(cy)).shards.split(",").length).toBe(16);
    expect((await canvasFacts(cy)).shards).toMatch(/=D1:/);
    expect((await canvasFacts(cy)).shards).toMatch(/=P4:/);
    await expect.poll(async () => (await canvasFacts(cy)).shards).toMatch(/n1\/d1=[DP]\d+:corrupt/);
    await expect.poll(() => cy.locator(".key-detail li[data-node='n1/d1']").textContent()).toMatch(/on n1\/d1: ⚠ corrupt/);
    await cy.screenshot({ path: path.join(OUTPUT, "minio-object-shards.png") });

    // Bo starts a deep heal, which reads every shard and checks its hashes: the rotten shard is rebuilt.
    await bo.getByLabel("Deep: verify every shard").check();
    await bo.getByRole("button", { name: "Start heal" }).click();
    await expect.poll(() => panelStatus(bo, "operator")).toMatch(/^Started a deep heal/);
    await expect.poll(async () => (await canvasFacts(cy)).shards, { timeout: 30_000 }).toMatch(/n1\/d1=[DP]\d+:intact/);
    // Cy's screen saw the shard come back, rebuilt from the others (drawn flowing into its slot).
    expect((await canvasFacts(cy)).rebuilt.split(",")).toContain("n1/d1");

    // Cy puts an object and reads it back: the same sha256, shortened, both times, with the server's note.
    await cy.getByLabel("Key", { exact: true }).fill("notes");
    await cy.getByLabel("Value", { exact: true }).fill("hello erasure coding");
    await cy.getByRole("button", { name: "Put" }).click();
    const put = cy.locator(".results li").first();
    await expect.poll(() => put.locator(".result-line").textContent(), { timeout: 30_000 }).toMatch(/^put notes = sha256 [0-9a-f]{8}…[0-9a-f]{4}( via n\d)?: ok in \d+ ms$/);
    const hash = /sha256 ([0-9a-f]{8}…[0-9a-f]{4})/.exec((await put.textContent()) ?? "")?.[1];
    await cy.getByRole("button", { name: "Get" }).click();
    await expect.poll(() => cy.locator(".results li").count()).toBe(2);
    const got = cy.locator(".results li").first();
    await expect.poll(() => got.locator(".result-line").textContent(), { timeout: 30_000 }).toMatch(new RegExp(`^get notes → sha256 ${hash}( via n\\d)? in \\d+ ms$`));
    expect(await got.getAttribute("data-ok")).toBe("true");
    expect((await got.locator(".note-line").textContent())?.length ?? 0).toBeGreaterThan(0);

    // Every control on the three screens has a name a screen reader can say.
    expect(await unnamedControls(ada)).toEqual([]);
    expect(await unnamedControls(bo)).toEqual([]);
    expect(await unnamedControls(cy)).toEqual([]);

    await ada.screenshot({ path: path.join(OUTPUT, "minio-chaos.png") });
    await bo.screenshot({ path: path.join(OUTPUT, "minio-operator.png") });
    await cy.screenshot({ path: path.join(OUTPUT, "minio-client.png") });
  });

  it("adds a server pool from the operator's panel: eight racks in two pools", async () => {
    const bo = await harness.open();
    await waitForStartScreen(bo);
    await createRoom(bo, "Bo", "minio/expansion");
    await pickRole(bo, /operator/i);
    await bo.locator("[data-panel=operator]").waitFor();
    await expect.poll(() => canvasFacts(bo)).toMatchObject({ picture: "drive-rack", racks: "n1,n2,n3,n4", pools: "1:n1 n2 n3 n4" });
    await bo.getByRole("button", { name: "Start round" }).click();
    await bo.getByLabel("Servers in the new pool").fill("4");
    await bo.getByRole("button", { name: "Add server pool" }).click();
    await expect.poll(() => panelStatus(bo, "operator")).toMatch(/^Added a server pool: n5, n6, n7, n8\./);
    await expect.poll(() => canvasFacts(bo)).toMatchObject({ racks: "n1,n2,n3,n4,n5,n6,n7,n8", drives: "16", pools: "1:n1 n2 n3 n4,2:n5 n6 n7 n8" });
    expect(await unnamedControls(bo)).toEqual([]);
    await bo.screenshot({ path: path.join(OUTPUT, "minio-two-pools.png") });
  });
});
