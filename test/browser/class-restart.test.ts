// A server restart in the middle of a lesson, as the class sees it: the teacher's console and two students' pages
// stay open while the server goes down and comes back on the same database. Without anyone reloading, every page
// finds its way back: the students to their seats, their group's game and the open question (with their own vote
// still marked), the teacher to the console with the roster connected again. Screenshots go to test-output/.

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventLogText, runClass, unnamedControls, waitForStartScreen } from "./flows";
import { type Harness, OUTPUT, startHarness } from "./harness";

const PORT = 2697;
const SLOW = { timeout: 90_000, interval: 250 };

async function joinClass(page: Page, name: string, code: string): Promise<void> {
  await waitForStartScreen(page);
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Join code").fill(code);
  await page.getByRole("button", { name: "Join room" }).click();
  await page.locator(".class-bar").waitFor();
  await page.locator("#topbar .phase-chip").waitFor();
}

/** The console's roster: student name -> the "connected" cell's words. */
async function rosterConnections(teacher: Page): Promise<Record<string, string>> {
  return teacher.evaluate(() => {
    const out: Record<string, string> = {};
    document.querySelectorAll<HTMLTableRowElement>(".roster tbody tr[data-student]").forEach((row) => {
      const name = row.querySelector("th[scope=row]")?.textContent?.trim() ?? "";
      out[name] = Array.from(row.querySelectorAll("td")).map((td) => td.textContent ?? "").find((t) => /Connected|Away/.test(t)) ?? "";
    });
    return out;
  });
}

describe("a class across a server restart, in the browser", () => {
  let harness: Harness;

  beforeAll(async () => {
    const database = path.join(mkdtempSync(path.join(tmpdir(), "split-brain-class-restart-")), "split-brain.db");
    harness = await startHarness(PORT, { database });
  });

  afterAll(async () => {
    await harness?.close();
  });

  it("brings the teacher and the students back to their seats and the open question without a reload", async () => {
    const teacher = await harness.open({ viewport: { width: 1920, height: 1080 } });
    const code = await runClass(teacher, "Ms Rivera", "etcd/leader-election");

    const ana = await harness.open();
    await joinClass(ana, "Ana", code);
    const ben = await harness.open();
    await joinClass(ben, "Ben", code);
    await expect.poll(() => rosterConnections(teacher)).toEqual({ Ana: "● Connected", Ben: "● Connected" });
    const seats = { ana: await ana.locator(".class-bar .class-me").textContent(), ben: await ben.locator(".class-bar .class-me").textContent() };

    await teacher.getByLabel("Question").fill("n1 crashes. Who leads next?");
    await teacher.getByLabel("Choice A").fill("n2 or another node, soon");
    await teacher.getByLabel("Choice B").fill("Nobody, ever");
    await teacher.getByRole("button", { name: "Ask the class" }).click();
    await ana.getByRole("button", { name: /^A: n2 or another/ }).click();
    await expect.poll(() => ana.locator(".poll-card .status").textContent()).toContain("You voted A");

    // The server goes down and comes back. Nobody touches a page.
    await harness.restartServer();

    // Each student's page rejoins the class by itself: same seat, the question still open, Ana's vote still hers.
    for (const [page, seat] of [
      [ana, seats.ana],
      [ben, seats.ben],
    ] as const) {
      await expect.poll(() => page.locator(".class-bar .class-connection").textContent(), SLOW).toBe("");
      await expect.poll(() => page.locator(".class-bar .class-me").textContent(), SLOW).toBe(seat);
      await page.getByRole("button", { name: /^A: n2 or another/ }).waitFor();
    }
    await expect.poll(() => ana.locator(".poll-card .status").textContent(), SLOW).toContain("You voted A");
    expect(await ana.getByRole("button", { name: /^A: n2 or another/ }).getAttribute("aria-pressed")).toBe("true");
    // Their group's game is back too (brought back from its stored inputs), and their page is in it again.
    await expect.poll(() => eventLogText(ana), SLOW).toContain("The server restarted");
    await ana.locator("#canvas-host[data-picture]").waitFor();
    await ana.screenshot({ path: path.join(OUTPUT, "class-restart-student.png") });

    // The teacher's console is back: the same code, both students connected again, one vote in.
    await expect.poll(() => rosterConnections(teacher), SLOW).toEqual({ Ana: "● Connected", Ben: "● Connected" });
    expect(((await teacher.locator(".class-code").textContent()) ?? "").trim()).toBe(code);
    await teacher.screenshot({ path: path.join(OUTPUT, "class-restart-console.png") });
    expect(await unnamedControls(teacher)).toEqual([]);
    expect(await unnamedControls(ana)).toEqual([]);
  });
});
