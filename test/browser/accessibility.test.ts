// The game without a mouse and without motion: a keyboard-only player creates a room, takes the chaos role, starts
// the round and crashes a node; another joins by code from the keyboard alone. Every control has an accessible
// name. With prefers-reduced-motion, messages are shown as still lines with counts, never as moving glyphs.

import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { createRoom, pickRole, readJoinCode, unnamedControls, waitForStartScreen } from "./flows";
import { type Harness, OUTPUT, startHarness } from "./harness";

const PORT = 2592;

/** Press Tab until the focused element's text or label matches, as a keyboard user would; fail after `max`. */
async function tabTo(page: Page, name: RegExp, max = 60): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return "";
      const label = (el as HTMLInputElement).labels?.[0]?.textContent ?? "";
      return `${el.getAttribute("aria-label") ?? ""} ${label} ${el.tagName === "BUTTON" ? el.textContent : ""}`.trim();
    });
    seen.push(focused);
    if (name.test(focused)) return;
  }
  throw new Error(`Tab never reached ${name}; focus went through: ${seen.join(" | ")}`);
}

describe("accessibility", () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness(PORT);
  });

  // Every open page renders WebGL on the CPU (SwiftShader): close a test's pages before the next one starts.
  afterEach(async () => {
    await harness?.closePages();
  });

  afterAll(async () => {
    await harness?.close();
  });

  it("plays from the keyboard alone: create, join by code, take chaos, start, crash", async () => {
    const host = await harness.open();
    // The name field has focus on arrival.
    await waitForStartScreen(host);
    await host.keyboard.type("Kim");
    await tabTo(host, /^Create room$/);
    await host.keyboard.press("Enter");
    const code = await readJoinCode(host);

    const guest = await harness.open();
    await waitForStartScreen(guest);
    await guest.keyboard.type("Lee");
    await tabTo(guest, /Join code/);
    await guest.keyboard.type(code.toLowerCase());
    await guest.keyboard.press("Enter");
    await guest.getByRole("heading", { name: "Pick your role" }).waitFor();

    // The role picker opens with focus on its first choice; Tab reaches the chaos agent.
    await tabTo(host, /chaos agent/i);
    await host.keyboard.press("Enter");
    await host.locator("[data-panel=chaos]").waitFor();

    await tabTo(host, /^Start round$/);
    await host.keyboard.press("Enter");
    await expect.poll(() => host.locator(".phase-chip").textContent()).toBe("Running");
    // Slow the round right down (Home on the speed slider), so it is still on however long the keys below take on a
    // loaded machine.
    await tabTo(host, /^Speed$/);
    await host.keyboard.press("Home");
    await expect.poll(() => host.locator("output").textContent()).toBe("0.02×");

    // Choose a node with the arrow keys in the labelled select, then reach the crash button.
    await tabTo(host, /^Node$/);
    await host.keyboard.press("ArrowDown");
    await expect.poll(() => host.getByLabel("Node", { exact: true }).inputValue()).toBe("n1");
    // The button takes the chosen node's name at once (a screen reader says "Crash n1").
    await expect.poll(() => host.locator("[data-panel=chaos] button").filter({ hasText: /^Crash/ }).first().textContent()).toBe("Crash n1");
    await tabTo(host, /^Crash n1$/, 5);
    await host.keyboard.press("Enter");
    await expect.poll(() => host.locator("[data-panel=chaos] .status").textContent()).toBe("Crashed n1.");
    await expect.poll(() => host.locator('#node-table tr[data-node="n1"]').getAttribute("data-state")).toBe("down");
  });

  it("names every control for screen readers, on the start screen and in the game", async () => {
    const page = await harness.open();
    expect(await unnamedControls(page)).toEqual([]);
    await createRoom(page, "Sam");
    expect(await unnamedControls(page)).toEqual([]);
    await pickRole(page, /chaos agent/i);
    await page.locator("[data-panel=chaos]").waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    // The canvas is an image with a name, and its text alternative (the node table) lists the nodes.
    expect(await page.locator("#canvas-host canvas").getAttribute("aria-label")).toMatch(/cluster diagram/i);
    expect(await page.locator("#node-table tbody tr").count()).toBe(5);
    expect(await page.locator(".event-log").getAttribute("aria-live")).toBe("polite");
  });

  it("shows no moving messages when the player prefers reduced motion", async () => {
    const still = await harness.open({ reducedMotion: "reduce" });
    await createRoom(still, "Ria");
    await pickRole(still, /spectator/i);
    await still.getByRole("button", { name: "Start round" }).click();

    const moving = await harness.open();
    await moving.getByLabel("Your name").fill("Max");
    await moving.getByLabel("Join code").fill((await still.locator(".code-chip strong").textContent()) ?? "");
    await moving.getByRole("button", { name: "Join room" }).click();
    await pickRole(moving, /spectator/i);

    const counts = (page: Page) =>
      page.evaluate(() => {
        const host = document.getElementById("canvas-host");
        return { inFlight: Number(host?.dataset.inFlight ?? 0), flying: Number(host?.dataset.flying ?? 0), motion: host?.dataset.motion };
      });
    // Both screens see the same traffic; only the full-motion one animates it.
    await moving.waitForFunction(() => Number(document.getElementById("canvas-host")?.dataset.flying ?? 0) > 0, undefined, { timeout: 30_000 });
    let sawTraffic = false;
    for (let i = 0; i < 20; i++) {
      const c = await counts(still);
      expect(c.motion).toBe("reduced");
      expect(c.flying).toBe(0);
      if (c.inFlight > 0) sawTraffic = true;
      await still.waitForTimeout(100);
    }
    expect(sawTraffic).toBe(true);
    await expect.poll(() => still.locator("#node-table-summary").textContent()).toMatch(/in flight|No messages/);
    await still.screenshot({ path: path.join(OUTPUT, "reduced-motion.png") });
  });
});
