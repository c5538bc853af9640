// The built client works under the server's Content-Security-Policy (server/http/security-headers.ts): the start
// screen, a round drawn by Phaser over the game's WebSocket, the debrief (replayed in a Web Worker), the level
// editor's live preview (another worker) and the class console with its QR code, with no CSP violation reported by
// Chromium along the way. And the policy does bite: an inline script injected into the page is refused.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { CONTENT_SECURITY_POLICY } from "../../server/http/security-headers";
import { createRoom, pickRole, startAtTopSpeed, waitForStartScreen } from "./flows";
import { type Harness, startHarness } from "./harness";

const PORT = 2724;

/** Every violation Chromium reports, from the page's own event and from the console. */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(`console: ${m.text()}`);
  });
  await page.exposeFunction("__cspViolation", (text: string) => seen.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __cspViolation(t: string): void }).__cspViolation(`${e.violatedDirective}: ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  await page.reload();
  return seen;
}

describe("the client under the Content-Security-Policy", () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness(PORT);
  });
  afterAll(async () => {
    await harness?.close();
  });

  it("the page is served with the policy", async () => {
    const res = await fetch(harness.baseUrl);
    expect(res.headers.get("content-security-policy")).toBe(CONTENT_SECURITY_POLICY);
  });

  it("plays a round and opens its debrief (a Web Worker) without a violation", async () => {
    const page = await harness.open();
    const violations = await watchViolations(page);
    await waitForStartScreen(page);
    await createRoom(page, "Ada", "etcd/first-steps");
    await pickRole(page, /chaos agent/i);
    await startAtTopSpeed(page);
    // The canvas is drawn (Phaser's textures come from data: and blob: URLs) and the round runs to its end.
    await page.locator("#canvas-host canvas").waitFor();
    await page.getByRole("button", { name: "Debrief" }).waitFor({ timeout: 120_000 });
    await page.getByRole("button", { name: "Debrief" }).click();
    await page.getByRole("dialog", { name: /^Debrief: / }).locator(".timeline-chart").waitFor({ timeout: 120_000 });
    expect(violations).toEqual([]);

    // The policy is in force: an injected inline script does not run, and is reported.
    const ran = await page.evaluate(() => {
      const s = document.createElement("script");
      s.textContent = "window.__inlineRan = true";
      document.body.append(s);
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(ran).toBe(false);
    await expect.poll(() => violations.some((v) => v.startsWith("script-src"))).toBe(true);
  });

  it("opens the level editor and its live preview (another Web Worker) without a violation", async () => {
    const page = await harness.open();
    const violations = await watchViolations(page);
    await waitForStartScreen(page);
    await page.getByLabel("Your name").fill("Ada");
    await page.getByRole("button", { name: "Create a level" }).click();
    await page.getByRole("heading", { name: "Level editor" }).waitFor({ timeout: 60_000 });
    await expect.poll(() => page.locator("#ed-preview-status").textContent(), { timeout: 60_000 }).toMatch(/^Seed 1: /);
    expect(violations).toEqual([]);
  });

  it("shows the class console with its QR code without a violation", async () => {
    const page = await harness.open();
    const violations = await watchViolations(page);
    await waitForStartScreen(page);
    await page.getByLabel("Your name").fill("Ms Rivera");
    await page.getByText("Run a class (for teachers)").click();
    await page.getByLabel("Level for the class").selectOption("etcd/leader-election");
    await page.getByRole("button", { name: "Run a class" }).click();
    await page.getByRole("heading", { name: "Class console" }).waitFor();
    await page.getByRole("img", { name: /QR code that opens .*\?class=/ }).waitFor();
    expect(violations).toEqual([]);
  });
});
