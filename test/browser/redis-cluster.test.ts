// The Redis Cluster reshard level played through the UI in real Chromium. Ada hosts and is the chaos agent, Bo the
// operator, Cy a client. The slot map shows three masters' ranges; Bo adds n4 and reshards slots from n1 to it;
// Ada's and Bo's screens both show the slots migrating and then n4 serving them, and the clients' requests for
// moved keys drawn as MOVED / ASK hops; Cy writes and reads a key and sees the answer. The scene reports what it
// draws in data-* attributes on the canvas host.

import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { canvasFacts, createRoom, joinRoom, nodeTable, nodeTableSummary, panelStatus, pickRole, unnamedControls, waitForStartScreen } from "./flows";
import { type Harness, OUTPUT, startHarness } from "./harness";

const PORT = 2652;
const LEVEL = "redis-cluster/reshard";
/** Slots 0..499 hold the workload keys k2 (slot 449) and k6 (slot 325): moving them makes clients follow MOVED / ASK. */
const MOVE = 500;

/** The legend's entries, as their text, and the masters whose looks it names. */
async function legend(page: Page): Promise<{ text: string; masters: string[]; entries: string[] }> {
  return page.evaluate(() => {
    const list = document.querySelector("ul.legend");
    return {
      text: list?.textContent ?? "",
      masters: Array.from(list?.querySelectorAll<HTMLElement>("[data-master-look]") ?? []).map((li) => li.dataset.masterLook ?? ""),
      entries: Array.from(list?.querySelectorAll<HTMLElement>("[data-legend]") ?? []).map((li) => li.dataset.legend ?? ""),
    };
  });
}

function served(f: Record<string, string>, node: string): number {
  const m = new RegExp(`(?:^|,)${node}:(\\d+)`).exec(f.served ?? "");
  return m ? Number(m[1]) : -1;
}

describe("Redis Cluster: the reshard level through the UI", () => {
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

  it("draws the slot map, adds a master, reshards slots to it on every screen, and serves a client", async () => {
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

    // Three masters share the 16384 slots; no replicas, nothing uncovered, the cluster is ok.
    const start = { picture: "slot-map", masters: "n1,n2,n3", owners: "n1:0-5460,n2:5461-10922,n3:10923-16383", uncovered: "0", replicas: "", migrating: "" };
    await expect.poll(() => canvasFacts(ada)).toMatchObject(start);
    await expect.poll(() => canvasFacts(bo)).toMatchObject(start);
    await expect.poll(async () => (await canvasFacts(ada)).clusterState).toBe("ok");
    await ada.screenshot({ path: path.join(OUTPUT, "redis-slot-map.png") });

    // The legend names each master's look and the slot map's marks, not the Raft log strip.
    await expect.poll(async () => (await legend(ada)).masters).toEqual(["n1", "n2", "n3"]);
    const key = await legend(ada);
    expect(key.entries).toEqual(["migrating", "uncovered", "replica-in-sync", "replica-lag", "flags", "hop"]);
    expect(key.text).toMatch(/n1: master n1's slots, sky blue, plain/);
    expect(key.text).toMatch(/UNCOVERED/);
    expect(key.text).toMatch(/PFAIL\?.*FAIL.*CLUSTERDOWN/);
    expect(key.text).toMatch(/MOVED \/ ASK: client redirected/);
    expect(key.text).not.toMatch(/log: committed/);

    // The node table says the same in words: Redis's columns, not the token ring's, and the cluster's line above.
    const columns = ["Node", "Up / down", "Role", "Slots served", "Replica of", "Replication lag", "Migrating / importing", "Flags", "Played by"];
    await expect.poll(async () => Object.keys((await nodeTable(ada)).n1 ?? {})).toEqual(columns);
    await expect.poll(async () => (await nodeTable(ada)).n1).toMatchObject({
      "Up / down": "up",
      Role: "master",
      "Slots served": "0–5460 (5461 slots)",
      "Replica of": "none",
      "Migrating / importing": "none",
      Flags: "none",
    });
    expect((await nodeTable(ada)).n3["Slots served"]).toBe("10923–16383 (5461 slots)");
    expect(await nodeTableSummary(ada)).toMatch(
      /^Cluster state: ok\. 3 masters serve the 16384 hash slots; no slots uncovered\. No slots migrating\. No acknowledged writes lost\./,
    );
    await ada.getByRole("button", { name: "Show nodes as a table" }).click();
    await ada.screenshot({ path: path.join(OUTPUT, "redis-node-table.png") });
    await ada.getByRole("button", { name: "Hide the table" }).click();

    await ada.getByRole("button", { name: "Start round" }).click();
    await expect.poll(() => ada.locator(".phase-chip").textContent()).toBe("Running");

    // Bo adds n4: an empty master, on both screens.
    await bo.getByRole("button", { name: "Add master" }).click();
    await expect.poll(() => panelStatus(bo, "operator")).toMatch(/^Asked n4 to join the cluster as a master with no slots/);
    await expect.poll(async () => (await canvasFacts(ada)).masters).toBe("n1,n2,n3,n4");
    await expect.poll(async () => (await canvasFacts(bo)).masters).toBe("n1,n2,n3,n4");
    expect(served(await canvasFacts(bo), "n4")).toBe(0);

    // Bo reshards 500 slots from n1 to n4. Until n1 has met n4 the server refuses, saying why; Bo tries again.
    await expect.poll(() => bo.getByLabel("To master").locator("option").allTextContents()).toContain("n4 (0 slots)");
    await bo.getByLabel("From master").selectOption("n1");
    await bo.getByLabel("To master").selectOption("n4");
    await bo.getByLabel("Slots to move").fill(String(MOVE));
    for (let attempt = 0; ; attempt++) {
      await bo.getByRole("button", { name: "Reshard" }).click();
      await expect.poll(() => panelStatus(bo, "operator")).not.toBe("Sending…");
      const said = (await panelStatus(bo, "operator")) ?? "";
      if (/^Moving 500 slots from n1 to n4, one at a time/.test(said)) break;
      expect(said).toMatch(/^Refused: n1 does not know n4 yet/);
      expect(attempt).toBeLessThan(30);
      await bo.waitForTimeout(1000);
    }

    // Both screens show the reshard: a slot MIGRATING from n1 to n4 for a moment (Bo's screen, caught as it
    // happens), and the reshard's arrow from n1 to n4, running and then done (Ada's screen keeps it a moment).
    await expect.poll(async () => (await canvasFacts(bo)).migrating, { timeout: 30_000, interval: 50 }).toMatch(/n1>n4:\d+/);
    await bo.screenshot({ path: path.join(OUTPUT, "redis-reshard-operator.png") });
    await expect.poll(async () => (await canvasFacts(ada)).reshards, { timeout: 30_000, interval: 100 }).toMatch(/n1>n4:500:(running|done)/);
    await ada.screenshot({ path: path.join(OUTPUT, "redis-reshard-chaos.png") });

    // Then n4 serves slots 0-499 and n1 the rest of its range, on both screens.
    for (const page of [ada, bo]) {
      await expect.poll(async () => (await canvasFacts(page)).owners, { timeout: 90_000, interval: 500 }).toBe("n4:0-499,n1:500-5460,n2:5461-10922,n3:10923-16383");
      expect(served(await canvasFacts(page), "n4")).toBe(MOVE);
    }
    // The table and the legend follow: n4 is a master serving 0-499, n1 the rest of its range.
    await expect.poll(async () => (await nodeTable(bo)).n4?.["Slots served"]).toBe("0–499 (500 slots)");
    expect((await nodeTable(bo)).n1["Slots served"]).toBe("500–5460 (4961 slots)");
    await expect.poll(async () => (await legend(bo)).masters).toEqual(["n1", "n2", "n3", "n4"]);
    // The clients asking for k2 or k6 were redirected: the screen draws the hop (client -> wrong node -> right node).
    await expect.poll(async () => (await canvasFacts(ada)).lastHop, { timeout: 30_000 }).toMatch(/^(MOVED|ASK) \d+: n\d>n1>n4$/);
    await ada.screenshot({ path: path.join(OUTPUT, "redis-hop.png") });

    // Cy writes a key and reads it back through the cluster.
    await cy.getByLabel("Key", { exact: true }).fill("user34");
    await cy.getByLabel("Value", { exact: true }).fill("hello-slots");
    // The client's buttons and answers read as the Redis commands they are.
    await cy.getByRole("button", { name: "SET", exact: true }).click();
    await expect.poll(() => panelStatus(cy, "client")).toBe('Sent: SET user34 = "hello-slots".');
    const put = cy.locator(".results li").first();
    await expect.poll(() => put.locator(".result-line").textContent(), { timeout: 30_000 }).toMatch(/^SET user34 = "hello-slots"( via n\d)?: OK in \d+ ms$/);
    await cy.getByRole("button", { name: "GET", exact: true }).click();
    await expect.poll(() => cy.locator(".results li").count()).toBe(2);
    const got = cy.locator(".results li").first();
    await expect.poll(() => got.locator(".result-line").textContent(), { timeout: 30_000 }).toMatch(/^GET user34 → "hello-slots"( via n\d)? in \d+ ms$/);
    // The note under each answer is the client library's route: straight to n4, or redirected there first.
    expect(await put.locator(".note-line").textContent()).toMatch(/^(Route: n4 answered|Redirected: n\d: (MOVED|ASK) 39 n4:\d+ → .*n4 answered)$/);
    // user34 lives in slot 39, now n4's: whoever carried the request, n4 answered it.
    expect(await got.locator(".note-line").textContent()).toMatch(/n4 answered$/);

    expect(await unnamedControls(ada)).toEqual([]);
    expect(await unnamedControls(bo)).toEqual([]);
    expect(await unnamedControls(cy)).toEqual([]);
    await ada.screenshot({ path: path.join(OUTPUT, "redis-after-reshard.png") });
    await bo.screenshot({ path: path.join(OUTPUT, "redis-operator.png") });
    await cy.screenshot({ path: path.join(OUTPUT, "redis-client.png") });
  });

  it("shows replicas under their masters, a crashed master failed, and its replica taking its slots", async () => {
    const ada = await harness.open();
    await waitForStartScreen(ada);
    const code = await createRoom(ada, "Ada", "redis-cluster/failover");
    await pickRole(ada, /chaos agent/i);
    await ada.locator("[data-panel=chaos]").waitFor();
    await expect.poll(() => canvasFacts(ada)).toMatchObject({ picture: "slot-map", masters: "n1,n2,n3", replicas: "n4>n1,n5>n2,n6>n3", down: "", flagged: "" });
    // Dee plays n4, n1's replica: her panel says so, with her private view of the cluster.
    const dee = await harness.open();
    await waitForStartScreen(dee);
    await joinRoom(dee, "Dee", code);
    await dee.getByLabel("Node to play").selectOption("n4");
    await pickRole(dee, /play node/i);
    const who = dee.locator("[data-panel=node] p.hint").first();
    await expect.poll(() => who.textContent()).toMatch(/^You are n4: up, a replica of n1, (in sync|\d+ bytes behind)\.$/);
    await expect.poll(() => dee.locator("[data-panel=node] [data-detail=clusterState]").textContent()).toBe("Your cluster state: ok");
    // One line per node it knows, with its role and config epoch.
    const known = await dee.locator("[data-panel=node] [data-detail=knownNodes]").allTextContents();
    expect(known).toHaveLength(5);
    expect(known).toContain("Nodes you know: n1: master, configEpoch 1");
    expect(known.some((k) => /^Nodes you know: n\d: replica of n\d, configEpoch \d+$/.test(k))).toBe(true);
    expect(await dee.locator("[data-panel=node] [data-detail=settings]").textContent()).toMatch(/cluster-node-timeout \d+, cluster-require-full-coverage (yes|no)/);
    // The table: replicas under their masters, in sync or lagging; nothing flagged.
    await expect.poll(async () => (await nodeTable(ada)).n4).toMatchObject({ Role: "replica", "Slots served": "none (replica)", "Replica of": "n1", Flags: "none" });
    expect((await nodeTable(ada)).n4["Replication lag"]).toMatch(/^(in sync|\d+ bytes behind)$/);
    expect((await legend(ada)).masters).toEqual(["n1", "n2", "n3"]);
    await ada.getByRole("button", { name: "Start round" }).click();
    await ada.getByLabel("Node", { exact: true }).selectOption("n1");
    await ada.getByRole("button", { name: "Crash" }).click();
    await expect.poll(async () => (await canvasFacts(ada)).down).toBe("n1");
    // The other nodes first suspect n1, then agree it failed: its slots have no running master meanwhile.
    await expect.poll(async () => (await canvasFacts(ada)).flagged, { timeout: 60_000, interval: 100 }).toMatch(/n1:fail/);
    await ada.screenshot({ path: path.join(OUTPUT, "redis-master-failed.png") });
    await expect.poll(async () => (await nodeTable(ada)).n1).toMatchObject({ "Up / down": "down (crashed)", Role: "master", "Slots served": "none: down (claimed 0–5460)" });
    await expect.poll(async () => (await nodeTable(ada)).n1?.Flags, { timeout: 60_000, interval: 100 }).toBe("FAIL");
    // n4 wins the election and serves n1's slots; n1 is drawn down.
    await expect.poll(async () => (await canvasFacts(ada)).owners, { timeout: 60_000, interval: 250 }).toBe("n4:0-5460,n2:5461-10922,n3:10923-16383");
    expect((await canvasFacts(ada)).masters.split(",")).toContain("n4");
    expect((await canvasFacts(ada)).uncovered).toBe("0");
    // The table and Dee's panel tell the same: n4 is now the master of n1's slots.
    await expect.poll(async () => (await nodeTable(ada)).n4).toMatchObject({ Role: "master", "Slots served": "0–5460 (5461 slots)", "Replica of": "none" });
    expect(await nodeTableSummary(ada)).toMatch(/ 3 masters serve the 16384 hash slots; no slots uncovered\./);
    await expect.poll(() => who.textContent()).toBe("You are n4: up, a master serving slots 0–5460 (5461 slots).");
    expect(await unnamedControls(ada)).toEqual([]);
    expect(await unnamedControls(dee)).toEqual([]);
    await ada.getByRole("button", { name: "Show nodes as a table" }).click();
    await ada.screenshot({ path: path.join(OUTPUT, "redis-failover.png") });
    await dee.screenshot({ path: path.join(OUTPUT, "redis-node-player.png") });
  });
});
