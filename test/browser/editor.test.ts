// The level editor, as a teacher uses it: start from a shipped level, change a setting, add a chaos step on the
// timeline with the keyboard, rewrite the briefing, read the live preview's verdict, test-play the level in a real
// room, record that play as the solution, save it, and open its share link in another browser, where a new room
// plays it under its title. Screenshots go to test-output/editor-*.png.

import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { pickRole, readJoinCode, startAtTopSpeed, unnamedControls, waitForLeader, waitForStartScreen } from "./flows";
import { type Harness, OUTPUT, startHarness } from "./harness";

const PORT = 2713;
const LONG = { timeout: 120_000 };

describe("the level editor", () => {
  let harness: Harness;
  let page: Page;
  let shareUrl = "";

  beforeAll(async () => {
    harness = await startHarness(PORT);
    page = await harness.open();
  });

  afterAll(async () => {
    await harness?.close();
  });

  it("builds a level from a template: a setting, a chaos step placed by keyboard, a new briefing", async () => {
    await waitForStartScreen(page);
    await page.getByLabel("Your name").fill("Ada");
    await page.getByRole("button", { name: "Create a level" }).click();
    await page.getByRole("heading", { name: "Level editor" }).waitFor(LONG);
    await expect.poll(() => page.getByLabel("Title", { exact: true }).inputValue()).toBe("My first steps: break it, watch it heal");
    expect(new URL(page.url()).search).toBe("?edit");

    // A setting the template leaves at etcd's default, then changed in its own field.
    await page.getByLabel("New setting").fill("electionMs");
    await page.getByLabel("Value", { exact: true }).fill("1000");
    await page.getByRole("button", { name: "Add setting" }).click();
    await page.getByLabel("electionMs", { exact: true }).fill("1200");

    // A chaos step, by keyboard only: add it, then move its marker with the arrow keys.
    await page.getByRole("button", { name: "Add a chaos step" }).focus();
    await page.keyboard.press("Enter");
    const marker = page.locator("#ed-marker-0");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("ed-marker-0");
    expect(await marker.getAttribute("aria-label")).toBe("Step 1: crash @leader at 11 s");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Shift+ArrowRight");
    expect(await marker.getAttribute("aria-label")).toBe("Step 1: crash @leader at 17 s");
    const at = page.getByLabel("At (seconds)");
    expect(await at.inputValue()).toBe("17");
    // The step's time is also a field: typing moves the marker.
    await at.fill("20");
    await at.press("Tab");
    await expect.poll(() => page.locator("#ed-marker-0").getAttribute("aria-label")).toBe("Step 1: crash @leader at 20 s");

    // A bad value is reported at its field, in words, and announced in the problem count.
    await page.getByLabel("Time limit (seconds)").fill("0.5");
    await expect.poll(() => page.locator("#ed-timeLimitMs-error").textContent()).toMatch(/expected a number at least 1000/);
    expect(await page.locator(".ed-problem-count").textContent()).toMatch(/problems? to fix/);
    await page.getByLabel("Time limit (seconds)").fill("45");
    await expect.poll(() => page.locator(".ed-problem-count").textContent()).toBe("No problems: the level is valid.");

    // A second step, removed again from its marker with Delete.
    await page.getByRole("button", { name: "Add a chaos step" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Step 2: crash @leader at 25 s");
    await page.keyboard.press("Delete");
    await expect.poll(() => page.locator(".ed-marker").count()).toBe(1);

    await page.getByLabel("Briefing").fill("Three etcd members. Crash the leader, watch a new one win the election, then bring the crashed member back. At 20 s the chaos bot strikes the leader too, if nobody plays chaos.");
    await page.getByLabel("Title", { exact: true }).fill("Crash and come back");
    expect(await unnamedControls(page)).toEqual([]);
  });

  it("shows the live preview: the naive play loses and the solution wins, when and why", async () => {
    const naive = page.locator(".ed-play[data-play=naive]");
    const solution = page.locator(".ed-play[data-play=solution]");
    await expect.poll(() => naive.getAttribute("data-state"), LONG).toBe("ok");
    await expect.poll(() => solution.getAttribute("data-state"), LONG).toBe("ok");
    expect(await naive.locator(".verdict").textContent()).toBe("✓ Lost at 45.0 s, as it must.");
    expect(await naive.locator(".why").textContent()).toMatch(/^Time is up: /);
    expect(await solution.locator(".verdict").textContent()).toMatch(/^✓ Won at \d+\.\d s, as it must\.$/);
    expect(await naive.locator(".timeline-chart .mark-fault").count()).toBe(1); // the planned crash at 20 s
    await expect.poll(() => page.locator("#ed-preview-status").textContent()).toMatch(/^Seed 1: the solution wins and the naive play loses\./);
    await page.screenshot({ path: path.join(OUTPUT, "editor-form.png") });
    await page.locator("#ed-chaos").screenshot({ path: path.join(OUTPUT, "editor-timeline.png") });
  });

  it("test-plays the level in a room and records the play as the solution", async () => {
    await page.getByRole("button", { name: "Test-play" }).click();
    await page.getByRole("heading", { name: "Pick your role" }).waitFor(LONG);
    await pickRole(page, /chaos agent/i);
    expect(await page.locator(".topbar .level").textContent()).toBe("Crash and come back");
    await startAtTopSpeed(page);

    const crashed = await waitForLeader(page);
    await page.getByLabel("Node", { exact: true }).selectOption(crashed);
    await page.getByRole("button", { name: `Crash ${crashed}` }).click();
    await waitForLeader(page, [crashed]);
    await page.getByLabel("Node", { exact: true }).selectOption(crashed);
    await page.getByRole("button", { name: `Restart ${crashed}` }).click();

    const use = page.getByRole("button", { name: "Use my play as the solution" });
    await expect.poll(() => use.isEnabled(), LONG).toBe(true);
    await page.screenshot({ path: path.join(OUTPUT, "editor-testplay.png") });
    await use.click();

    await page.getByRole("heading", { name: "Level editor" }).waitFor(LONG);
    await expect.poll(() => page.locator("#ed-save-status").textContent()).toBe("Your play is now the solution: 2 steps. The preview plays it on its seed.");
    // Who was crashed is said by what it was then, so the solution works on seeds where another member leads.
    const words = await page.locator("[data-list=solution] .ed-step-words li").allTextContents();
    expect(words).toEqual([expect.stringMatching(/^\d+\.\d s · chaos: crash node @leader$/), expect.stringMatching(/^\d+\.\d s · chaos: restart node @down$/)]);
    await expect.poll(() => page.locator(".ed-play[data-play=solution]").getAttribute("data-state"), LONG).toBe("ok");
  });

  // The save answers once the server has proved the level: that may take the proof thread's boot guard (60 s) plus
  // the harness's proof budget (100 s) on a loaded machine, so this wait and this test are longer than the others.
  it("saves the level and gives a share link that opens it in another browser, in a new room", { timeout: 240_000 }, async () => {
    await page.getByRole("button", { name: "Save to server" }).click();
    await expect.poll(() => page.locator("#ed-save-status").textContent(), { timeout: 170_000 }).toMatch(/^Saved as etcd\/my-crash-and-come-back-[a-z0-9]{6}\. The server checked it: the solution wins and the naive play loses\./);
    shareUrl = (await page.locator("#ed-share-link").getAttribute("href")) ?? "";
    expect(shareUrl).toMatch(new RegExp(`^${harness.baseUrl}\\?level=etcd(%2F|/)my-crash-and-come-back-[a-z0-9]{6}$`));
    await page.screenshot({ path: path.join(OUTPUT, "editor-saved.png") });

    // The draft outlives a reload, share link included.
    await page.reload();
    await page.getByRole("heading", { name: "Level editor" }).waitFor(LONG);
    await expect.poll(() => page.getByLabel("Title", { exact: true }).inputValue()).toBe("Crash and come back");
    expect(await page.locator("#ed-share-link").getAttribute("href")).toMatch(/my-crash-and-come-back-[a-z0-9]{6}$/);

    const other = await harness.open();
    await other.goto(shareUrl);
    await waitForStartScreen(other);
    expect(await other.locator(".shared-level").textContent()).toBe("Shared with you: “Crash and come back”. Type your name and press Create room, or open it in the level editor.");
    const picked = other.getByLabel("Level", { exact: true });
    expect(await picked.locator("option:checked").textContent()).toBe("Crash and come back — etcd · Tutorial: the controls, and what a leader is · difficulty 1");
    expect(await picked.locator("optgroup[label='Made here'] option").count()).toBeGreaterThan(0);
    await other.screenshot({ path: path.join(OUTPUT, "editor-share-link.png") });
    await other.getByLabel("Your name").fill("Bea");
    await other.getByRole("button", { name: "Create room" }).click();
    expect(await readJoinCode(other)).toMatch(/^[A-Z0-9]{5}$/);
    await pickRole(other, /^Be spectator$/i);
    await expect.poll(() => other.locator(".topbar .level").textContent()).toBe("Crash and come back");
    expect(await other.locator(".briefing, #info").first().textContent()).toContain("At 20 s the chaos bot strikes the leader too");
    // Every open game renders WebGL on the CPU: close this one before the next test.
    await other.close();
  });

  it("opens a shared level in the editor from its link", async () => {
    const editor = await harness.open();
    await editor.goto(shareUrl);
    await waitForStartScreen(editor);
    await editor.getByRole("link", { name: "open it in the level editor" }).click();
    await editor.getByRole("heading", { name: "Level editor" }).waitFor(LONG);
    await expect.poll(() => editor.getByLabel("Title", { exact: true }).inputValue()).toBe("Crash and come back");
    await expect.poll(() => editor.locator("#ed-save-status").textContent()).toMatch(/^Opened etcd\/my-crash-and-come-back-[a-z0-9]{6}\. Saving it makes a copy with an id of its own\.$/);
    expect(new URL(editor.url()).search).toBe("?edit");
    await editor.close();
  });

  it("downloads the level as a file, refuses a broken upload, and loads a good one", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download JSON" }).click()]);
    expect(download.suggestedFilename()).toBe("crash-and-come-back.json");
    const file = JSON.parse(readFileSync((await download.path()) ?? "", "utf8")) as Record<string, unknown>;
    expect(file.$schema).toBe("../level.schema.json");
    expect(file.title).toBe("Crash and come back");

    const upload = page.getByLabel("Upload JSON");
    await upload.setInputFiles({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from('{ "title": "x",\n  "system": }') });
    await expect.poll(() => page.locator("#ed-save-status").textContent()).toMatch(/^broken\.json is not valid JSON: .*\(line 2, column \d+\)\. Nothing was changed\.$/);
    expect(await page.getByLabel("Title", { exact: true }).inputValue()).toBe("Crash and come back");

    await upload.setInputFiles({ name: "renamed.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify({ ...file, title: "Uploaded again", difficulty: 9 })) });
    await expect.poll(() => page.locator("#ed-save-status").textContent()).toBe("Loaded renamed.json. It has 1 problem, shown at its field.");
    expect(await page.getByLabel("Title", { exact: true }).inputValue()).toBe("Uploaded again");
    expect(await page.locator("#ed-difficulty-error").textContent()).toBe("expected a number at most 5, got 9");
    await page.getByLabel("Difficulty").selectOption("2");
    await expect.poll(() => page.locator(".ed-problem-count").textContent()).toBe("No problems: the level is valid.");
  });

  it("fits a 1280×720 laptop and a tablet held upright", async () => {
    const overflow = () => page.evaluate(() => {
      const screen = document.getElementById("screen");
      return screen ? screen.scrollWidth - screen.clientWidth : -1;
    });
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.locator("#ed-heading").scrollIntoViewIfNeeded();
    expect(await overflow()).toBe(0);
    await page.screenshot({ path: path.join(OUTPUT, "editor-1280.png") });
    await page.setViewportSize({ width: 820, height: 1180 });
    expect(await overflow()).toBe(0);
    await page.locator("#ed-chaos").scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(OUTPUT, "editor-tablet.png") });
    // Finger-sized: every button of the timeline at least 44 px tall.
    const heights = await page.locator("#ed-chaos button").evaluateAll((buttons) => buttons.map((b) => b.getBoundingClientRect().height));
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(44);
  });
});
