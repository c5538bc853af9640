// The debrief, as a player uses it: play a short round of etcd's first steps as host and chaos agent (crash the
// leader, never restart it, lose at the time limit), open the debrief from the outcome banner, read what decided
// it, the chart, the messages and the actions, scrub to a moment after the crash, and fork from there with the
// crashed node restarted, which turns the loss into a win. Screenshots go to test-output/debrief-*.png.

import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { createRoom, pickRole, startAtTopSpeed, unnamedControls, waitForLeader } from "./flows";
import { type Harness, OUTPUT, startHarness, VIEWPORT } from "./harness";

const PORT = 2701;

/** The whole debrief in one picture: the dialog fills the window, so a tall window shows all of it. */
async function fullShot(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: VIEWPORT.width, height: 2600 });
  await page.screenshot({ path: path.join(OUTPUT, name) });
  await page.setViewportSize(VIEWPORT);
}

describe("the debrief of a round", () => {
  let harness: Harness;
  let page: Page;
  let dialog: Locator;
  let crashed = "";

  beforeAll(async () => {
    harness = await startHarness(PORT);
    page = await harness.open();
  });

  afterAll(async () => {
    await harness?.close();
  });

  it("plays a round to its end: the chaos agent crashes the leader and nobody restarts it", async () => {
    await createRoom(page, "Ada", "etcd/first-steps");
    await pickRole(page, /chaos agent/i);
    await startAtTopSpeed(page);
    await expect.poll(() => page.locator("[data-panel=host] output").first().textContent()).toBe("10×");

    crashed = await waitForLeader(page);
    await page.getByLabel("Node", { exact: true }).selectOption(crashed);
    await page.getByRole("button", { name: `Crash ${crashed}` }).click();
    await expect.poll(() => page.locator("[data-panel=chaos] .status").textContent()).toBe(`Crashed ${crashed}.`);
    // The second goal needs the crashed member back: without it the round runs out of time.
    await page.getByRole("button", { name: "Debrief" }).waitFor({ timeout: 120_000 });
  });

  it("opens the debrief: what decided it, the chart, the messages and who did what", async () => {
    await page.getByRole("button", { name: "Debrief" }).click();
    dialog = page.getByRole("dialog", { name: /^Debrief: / });
    await dialog.locator(".timeline-chart").waitFor({ timeout: 120_000 });

    await expect.poll(() => dialog.locator(".debrief-outcome").first().textContent()).toMatch(/Round 1: ✗ Lost at 45\.0 s\./);
    const moments = await dialog.locator(".debrief-moments li").allTextContents();
    expect(moments[0]).toMatch(new RegExp(`the chaos agent crashed ${crashed}, the leader\\. No leader for \\d\\.\\d s until n\\d won term \\d+\\.`));
    expect(moments.at(-1)).toMatch(/The round was lost at 45\.0 s/);
    expect(await dialog.locator(".error[role=alert]").isHidden()).toBe(true); // the replay is the round played

    // The chart: a crash mark, the no-leader band, and its summary in words for screen readers.
    expect(await dialog.locator(".timeline-chart .mark-fault").count()).toBe(1);
    expect(await dialog.locator(".debrief-timeline .chart-summary").textContent()).toMatch(/^The round ran 45\.0 s and was lost\. \d+% of \d+ client operations succeeded/);

    // The messages of the first election after the crash: votes, and messages to the crashed node dropped.
    const diagram = dialog.locator(".debrief-messages");
    expect(await diagram.locator(".msg").count()).toBeGreaterThan(3);
    expect(await diagram.locator(".msg-text").allTextContents()).toContain("Vote");
    expect(await diagram.locator("figcaption").textContent()).toMatch(/messages? in this window|Showing the first/);

    const actions = await dialog.locator(".debrief-actions tbody tr").allTextContents();
    expect(actions).toEqual([expect.stringMatching(new RegExp(`^\\d+\\.\\d sthe chaos agentcrash ${crashed}$`))]);
    expect(await unnamedControls(page)).toEqual([]);

    await page.screenshot({ path: path.join(OUTPUT, "debrief-overview.png") });
    await fullShot(page, "debrief-full.png");
  });

  it("scrubs to a moment after the crash, and shows the cluster then", async () => {
    // The crash moment's time button takes the scrubber there; two seconds on, no one has restarted the node.
    await dialog.locator(".debrief-moments li").first().getByRole("button").click();
    const scrubber = dialog.getByLabel("Replay time");
    const crashAt = Number(await scrubber.inputValue());
    await scrubber.fill(String(crashAt + 2000));
    await expect.poll(() => dialog.locator(`.cluster-table tr[data-node=${crashed}]`).getAttribute("data-state")).toBe("down");
    await expect.poll(() => dialog.locator(".cluster-facts").textContent()).toMatch(/^Leader: n\d, term \d+ · no link cut$/);
    await expect.poll(() => dialog.locator(".timeline-chart .cursor").getAttribute("visibility")).toBe("visible");
    await dialog.locator(".debrief-replay").screenshot({ path: path.join(OUTPUT, "debrief-scrubbed.png") });
  });

  it("forks from there with the crashed node restarted, and the round is won", async () => {
    await dialog.getByLabel("What if, at this moment:").selectOption({ label: `Restart ${crashed}` });
    await dialog.getByRole("button", { name: "Fork from here" }).click();
    const fork = dialog.locator(".fork-result");
    await fork.waitFor({ timeout: 120_000 });
    expect(await fork.locator("h3").textContent()).toMatch(new RegExp(`^What if: Restart ${crashed} at \\d+\\.\\d s$`));
    expect(await fork.locator(".debrief-outcome").textContent()).toMatch(/^The outcome changes\. Played: lost at 45\.0 s\. This what-if: won at \d+\.\d s\./);
    expect(await fork.locator(".moments li").allTextContents()).toContainEqual(expect.stringMatching(new RegExp(`in this what-if, ${crashed} restarted\\.`)));
    expect(await fork.locator(".timeline-chart .mark-repair").count()).toBe(1);
    await fullShot(page, "debrief-fork.png");
  });
});
