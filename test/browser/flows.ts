// The steps a person takes through the UI, shared by the browser tests. Every step goes through what a player sees:
// labelled fields, buttons by their accessible names, the node table that is the diagram's text alternative.

import { expect } from "vitest";
import type { Page } from "playwright-core";

const WAIT = { timeout: 60_000 };

/** A teacher runs a class of `level` from the start screen; resolves with its code once the console shows it. */
export async function runClass(page: Page, name: string, level: string): Promise<string> {
  await waitForStartScreen(page);
  await page.getByLabel("Your name").fill(name);
  await page.getByText("Run a class (for teachers)").click();
  await page.getByLabel("Level for the class").selectOption(level);
  await page.getByRole("button", { name: "Run a class" }).click();
  await page.getByRole("heading", { name: "Class console" }).waitFor();
  const code = async () => ((await page.locator(".class-code").textContent()) ?? "").trim();
  await expect.poll(code).toMatch(/^[A-HJ-KM-NP-Z2-9]{5}$/);
  return code();
}

/** The start screen is ready when its name field has focus (it takes focus as soon as it appears). */
export async function waitForStartScreen(page: Page): Promise<void> {
  await page.waitForFunction(() => document.activeElement?.getAttribute("name") === "name", undefined, WAIT);
}

/** Creates a room for `level` (the first level, etcd's leader election, unless another is named). */
export async function createRoom(page: Page, name: string, level = "etcd/leader-election"): Promise<string> {
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Level", { exact: true }).selectOption(level);
  await page.getByRole("button", { name: "Create room" }).click();
  return readJoinCode(page);
}

export async function readJoinCode(page: Page): Promise<string> {
  const code = (await page.locator(".big-code").textContent(WAIT))?.trim() ?? "";
  await page.waitForFunction(() => (document.querySelector(".big-code")?.textContent ?? "").trim().length === 5, undefined, WAIT);
  return (await page.locator(".big-code").textContent())?.trim() ?? code;
}

export async function joinRoom(page: Page, name: string, typedCode: string): Promise<void> {
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Join code").fill(typedCode);
  await page.getByRole("button", { name: "Join room" }).click();
  await page.getByRole("heading", { name: "Pick your role" }).waitFor(WAIT);
}

export async function pickRole(page: Page, buttonName: RegExp): Promise<void> {
  await page.getByRole("button", { name: buttonName }).click();
  await page.locator("#screen").waitFor({ state: "hidden", ...WAIT });
}

/** As the host of a room in its lobby: starts the round and sets the speed to its highest (End on the slider). */
export async function startAtTopSpeed(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Start round" }).click();
  const speed = page.getByLabel("Speed");
  await speed.focus();
  await speed.press("End");
}

/** The node table (the diagram's text alternative): node id -> state ("leader", "follower", "down", ...). */
export async function nodeStates(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const out: Record<string, string> = {};
    document.querySelectorAll<HTMLTableRowElement>("#node-table tbody tr").forEach((row) => {
      out[row.dataset.node ?? ""] = row.dataset.state ?? "";
    });
    return out;
  });
}

export async function waitForLeader(page: Page, not: string[] = []): Promise<string> {
  const handle = await page.waitForFunction(
    (excluded) => {
      const row = Array.from(document.querySelectorAll<HTMLTableRowElement>("#node-table tbody tr")).find(
        (r) => r.dataset.state === "leader" && !excluded.includes(r.dataset.node ?? ""),
      );
      return row?.dataset.node ?? false;
    },
    not,
    { timeout: 90_000, polling: 100 },
  );
  const leader = await handle.jsonValue();
  expect(typeof leader).toBe("string");
  return leader as string;
}

export async function eventLogText(page: Page): Promise<string> {
  return (await page.locator(".event-log").textContent()) ?? "";
}

/** Every interactive element's accessible name, computed the way assistive technology does for these cases. */
export async function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const text = (el: Element | null) => (el?.textContent ?? "").replace(/\s+/g, " ").trim();
    const nameOf = (el: HTMLElement): string => {
      const aria = el.getAttribute("aria-label");
      if (aria?.trim()) return aria.trim();
      const by = el.getAttribute("aria-labelledby");
      if (by) {
        const joined = by.split(/\s+/).map((id) => text(document.getElementById(id))).join(" ").trim();
        if (joined) return joined;
      }
      const labels = (el as HTMLInputElement).labels;
      if (labels && labels.length > 0) {
        const joined = Array.from(labels).map(text).join(" ").trim();
        if (joined) return joined;
      }
      if (el.tagName === "BUTTON" || el.getAttribute("role") === "button") return text(el);
      return el.getAttribute("title")?.trim() ?? "";
    };
    const controls = Array.from(document.querySelectorAll<HTMLElement>("button, input, select, textarea, [role='button'], canvas"));
    return controls
      .filter((el) => !(el as HTMLInputElement).hidden && el.getClientRects().length > 0)
      .filter((el) => nameOf(el) === "")
      .map((el) => el.outerHTML.slice(0, 120));
  });
}

/** What the scene says it draws: the data-* facts on the canvas host (docs: Picture.facts()). */
export function canvasFacts(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => ({ ...(document.getElementById("canvas-host")?.dataset ?? {}) }) as Record<string, string>);
}

/** The status line of a control panel (chaos, operator, client, host, ...): what the last action did. */
export function panelStatus(page: Page, panel: string): Promise<string | null> {
  return page.locator(`[data-panel=${panel}] .status`).textContent();
}

/** The node table (the diagram as a table): node id -> column title -> cell text. */
export function nodeTable(page: Page): Promise<Record<string, Record<string, string>>> {
  return page.evaluate(() => {
    const titles = Array.from(document.querySelectorAll("#node-table thead th")).map((th) => th.textContent ?? "");
    const out: Record<string, Record<string, string>> = {};
    document.querySelectorAll<HTMLTableRowElement>("#node-table tbody tr").forEach((row) => {
      const cells: Record<string, string> = {};
      Array.from(row.children).forEach((cell, i) => {
        cells[titles[i]] = cell.textContent ?? "";
      });
      out[row.dataset.node ?? ""] = cells;
    });
    return out;
  });
}

/** The line above the node table that sums the cluster up in words. */
export async function nodeTableSummary(page: Page): Promise<string> {
  return (await page.locator("#node-table-summary").textContent()) ?? "";
}
