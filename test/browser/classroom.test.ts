// A class in four browsers: a teacher runs a class from the start screen and projects the console; three students
// (two laptops and a touch tablet, one of them arriving by the class's link) join with the code and a name and land
// in their group's game. The teacher forms groups, seats a student on a node, starts every group, pauses, asks a
// question; the students vote on their own screens (one changes their mind); the teacher reveals the tally, which
// every student sees with their own vote marked; then the rounds resume fast and end, and the students' screens
// show the outcome. Screenshots of each screen go to test-output/.

import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { runClass, unnamedControls, waitForStartScreen } from "./flows";
import { type Harness, OUTPUT, startHarness } from "./harness";

const PORT = 2693;
const PROJECTOR = { width: 1920, height: 1080 };
const TABLET = { viewport: { width: 1024, height: 768 }, hasTouch: true, isMobile: true };

/** A screenshot once the game's diagram (if a game is open) has drawn its first frame. */
async function shot(page: Page, name: string): Promise<void> {
  if (await page.locator("#topbar .phase-chip").count()) await page.locator("#canvas-host[data-picture]").waitFor();
  await page.screenshot({ path: path.join(OUTPUT, `classroom-${name}.png`) });
}

/** The console's group cards: group id -> the phase word shown on it. */
async function groupPhases(teacher: Page): Promise<Record<string, string>> {
  return teacher.evaluate(() => {
    const out: Record<string, string> = {};
    document.querySelectorAll<HTMLElement>(".group-card").forEach((card) => {
      out[card.dataset.group ?? ""] = card.dataset.phase ?? "";
    });
    return out;
  });
}

async function joinClass(page: Page, name: string, code?: string): Promise<void> {
  await waitForStartScreen(page);
  await page.getByLabel("Your name").fill(name);
  if (code) await page.getByLabel("Join code").fill(code);
  await page.getByRole("button", { name: "Join room" }).click();
  // The class seats the student and their group's game opens, with the class bar above it.
  await page.locator(".class-bar").waitFor();
  await page.locator("#topbar .phase-chip").waitFor();
}

describe("a class: predict, then reveal", () => {
  let harness: Harness;
  let teacher: Page;
  let ana: Page;
  let ben: Page;
  let cleo: Page;
  let code = "";

  beforeAll(async () => {
    harness = await startHarness(PORT);
  });

  afterAll(async () => {
    await harness?.close();
  });

  it("lets a teacher run a class from the start screen, with the code, link and QR code on the console", async () => {
    teacher = await harness.open({ viewport: PROJECTOR });
    code = await runClass(teacher, "Ms Rivera", "etcd/leader-election");
    expect(await teacher.locator(".short-link").textContent()).toContain(`/?class=${code}`);
    expect(await teacher.getByRole("img", { name: /QR code that opens .*\?class=/ }).count()).toBe(1);
    // A reload comes back to the class: the address now carries its code.
    expect(new URL(teacher.url()).searchParams.get("class")).toBe(code);
    expect(await unnamedControls(teacher)).toEqual([]);
  });

  it("seats students who join with the code and a name, one by the class link on a tablet", async () => {
    ana = await harness.open();
    await joinClass(ana, "Ana", code.toLowerCase());
    cleo = await harness.open();
    await joinClass(cleo, "Cleo", code);
    ben = await harness.open(TABLET);
    await ben.goto(`${harness.baseUrl}?class=${code}`);
    await waitForStartScreen(ben);
    expect(await ben.getByLabel("Join code").inputValue()).toBe(code);
    await joinClass(ben, "Ben");

    await expect.poll(() => teacher.locator(".roster tbody tr[data-student]").count()).toBe(3);
    for (const name of ["Ana", "Ben", "Cleo"]) await teacher.locator(".roster th[scope=row]", { hasText: name }).waitFor();
    // Each student's bar names the class and their seat in it.
    await expect.poll(() => ana.locator(".class-bar .class-me").textContent()).toMatch(/^Ana · Group 1 · Operator/);
  });

  it("forms groups of two and seats Ben on a node", async () => {
    await teacher.getByLabel("Students per group").fill("2");
    await teacher.getByRole("button", { name: "Form groups" }).click();
    await expect.poll(() => teacher.locator(".group-card").count()).toBe(2);

    await teacher.getByLabel("Role for Ben").selectOption("node");
    await teacher.getByLabel("Node for Ben").selectOption("n2");
    await teacher.getByRole("button", { name: "Apply the changes for Ben" }).click();
    await expect.poll(() => teacher.locator(".roster-panel .status").textContent()).toBe("Ben's seat is updated.");
    await expect.poll(() => ben.locator(".class-bar .class-me").textContent()).toContain("Node n2");
    await expect.poll(() => ben.locator("#topbar .me").textContent()).toContain("Node n2");
    // Every student has a game open: the one their group plays.
    for (const page of [ana, ben, cleo]) await page.locator("#topbar .phase-chip").waitFor();
  });

  it("starts every group, pauses them, and asks a question that the students answer on their own screens", async () => {
    await teacher.getByRole("button", { name: "Start (all groups)", exact: true }).click();
    await expect.poll(async () => Object.values(await groupPhases(teacher))).toEqual(["running", "running"]);
    await teacher.getByRole("button", { name: "Pause (all groups)" }).click();
    await expect.poll(async () => Object.values(await groupPhases(teacher))).toEqual(["paused", "paused"]);
    await expect.poll(() => ana.locator("#topbar .phase-chip").textContent()).toBe("Paused");

    await teacher.getByLabel("Question").fill("The leader is about to crash. What happens to writes?");
    await teacher.getByLabel("Choice A").fill("They keep working");
    await teacher.getByLabel("Choice B").fill("They stop until a new leader is elected");
    await teacher.getByRole("button", { name: "Add a choice" }).click();
    await teacher.getByLabel("Choice C").fill("They are lost");
    await teacher.getByRole("button", { name: "Ask the class" }).click();

    for (const page of [ana, ben, cleo]) await page.getByRole("button", { name: /^B: They stop/ }).waitFor();
    // On the tablet every control of the class bar is a finger's size, and every control has a name.
    const small = await ben.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>(".class-bar button, .class-bar select"))
        .filter((el) => el.getClientRects().length > 0 && el.getBoundingClientRect().height < 44)
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    expect(small).toEqual([]);
    expect(await unnamedControls(ben)).toEqual([]);
    await shot(ben, "student-question-tablet");
    await ana.getByRole("button", { name: /^B: They stop/ }).click();
    await ben.getByRole("button", { name: /^B: They stop/ }).tap();
    await cleo.getByRole("button", { name: /^A: They keep/ }).click();
    // Cleo changes her mind: the vote moves, it does not count twice.
    await expect.poll(() => cleo.locator(".poll-card .status").textContent()).toContain("You voted A");
    await cleo.getByRole("button", { name: /^C: They are lost/ }).click();
    await expect.poll(() => cleo.getByRole("button", { name: /^C: They are lost/ }).getAttribute("aria-pressed")).toBe("true");
    expect(await cleo.getByRole("button", { name: /^A: They keep/ }).getAttribute("aria-pressed")).toBe("false");
    await expect.poll(() => teacher.locator(".vote-progress").textContent()).toBe("3 of 3 students voted");
    // Nobody sees the answers before the reveal, the teacher included.
    expect(await teacher.locator(".poll-panel .tally").isHidden()).toBe(true);
    await shot(teacher, "console-voting");
  });

  it("reveals the tally on every screen, each student's own vote marked", async () => {
    await teacher.getByRole("button", { name: "Close voting" }).click();
    await expect.poll(() => ana.locator(".poll-card").getAttribute("data-stage")).toBe("closed");
    await teacher.getByRole("button", { name: "Reveal the answers" }).click();

    await expect.poll(() => teacher.locator(".poll-panel .tally li").allTextContents()).toEqual([
      expect.stringMatching(/They keep working\s*0 votes · 0%$/),
      expect.stringMatching(/They stop until a new leader is elected\s*▲ most votes\s*2 votes · 67%$/),
      expect.stringMatching(/They are lost\s*1 vote · 33%$/),
    ]);
    for (const [page, mine] of [
      [ana, 1],
      [ben, 1],
      [cleo, 2],
    ] as const) {
      await expect.poll(() => page.locator(".poll-card").getAttribute("data-stage")).toBe("revealed");
      await expect.poll(() => page.locator(".poll-card .tally li[data-mine=true]").count()).toBe(1);
      expect(await page.locator(".poll-card .tally li").nth(mine).getAttribute("data-mine")).toBe("true");
    }
    await shot(ana, "student-revealed");
    await shot(teacher, "console-revealed");
  });

  it("broadcasts a message, resumes fast, and every student's game ends with its outcome", async () => {
    await teacher.getByLabel("Message to the class").fill("Watch the leader: who takes over?");
    await teacher.getByRole("button", { name: "Send to everyone" }).click();
    for (const page of [ana, ben, cleo]) await expect.poll(() => page.locator(".class-bar .broadcast").textContent()).toBe("Teacher: Watch the leader: who takes over?");

    await teacher.getByLabel("Speed (all groups)").selectOption("50");
    await expect.poll(() => teacher.locator(".all-groups .status").textContent()).toMatch(/^Speed 50×/);
    await teacher.getByRole("button", { name: "Resume (all groups)" }).click();
    await expect.poll(async () => Object.values(await groupPhases(teacher)).every((p) => p === "won" || p === "lost"), { timeout: 120_000 }).toBe(true);
    for (const page of [ana, ben, cleo]) {
      await expect.poll(() => page.locator("#topbar .phase-chip").textContent(), { timeout: 60_000 }).toMatch(/^(Won|Lost)$/);
    }
    // Scores per team and per player, on the console and on each student's bar.
    await expect.poll(() => teacher.locator(".team-scores li").count()).toBeGreaterThan(0);
    await expect.poll(() => teacher.locator(".player-scores li").count()).toBe(3);
    await expect.poll(() => cleo.locator(".class-bar .class-me").textContent()).toMatch(/Score \d+/);
    await shot(ana, "student-end");
    await shot(ben, "student-end-tablet");
    await shot(teacher, "console-end");
    // The console's lower half (roster, messages, scores, arrangement), as the teacher scrolls to it.
    await teacher.locator(".roster-panel").screenshot({ path: path.join(OUTPUT, "classroom-console-roster.png") });
    await teacher.locator(".console-lower").screenshot({ path: path.join(OUTPUT, "classroom-console-scores.png") });
  });

  it("lets the teacher watch a group's game and come back to the console", async () => {
    await teacher.getByRole("button", { name: "Watch Group 1's game" }).click();
    await teacher.locator("#topbar .phase-chip").waitFor();
    await expect.poll(() => teacher.locator(".class-bar .class-me").textContent()).toBe("Teacher · watching Group 1");
    await teacher.locator("[data-panel=host]").waitFor();
    await shot(teacher, "teacher-watching");
    await teacher.getByRole("button", { name: "Back to the class console" }).click();
    await teacher.getByRole("heading", { name: "Class console" }).waitFor();
  });
});
