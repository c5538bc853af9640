// What every browser test needs: the client built by Vite (into a temporary folder, so a running `npm start` is
// never disturbed), a real game server on its own port serving it, and Debian's Chromium driven by
// playwright-core. Each test file calls startHarness() once and close() at the end.

import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";
import { build } from "vite";
import { startServer, type RunningServer } from "../../server/app";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const OUTPUT = path.join(ROOT, "test-output");

/** The flags the project's machines need for headless Chromium (no GPU, no network chatter, no sandbox as root). */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A 2019 school laptop's screen: the UI must be readable and complete at this size. */
export const VIEWPORT = { width: 1366, height: 768 };

export interface Harness {
  baseUrl: string;
  browser: Browser;
  /** A fresh browser context (its own storage, like a separate student's laptop) and a page at the game. */
  open(options?: BrowserContextOptions): Promise<Page>;
  /** Close every page opened so far (the server and the browser stay up). */
  closePages(): Promise<void>;
  /**
   * Stops the server as a crash would leave things (nothing more is written) and starts it again on the same port
   * and database: the pages stay open and must find their way back. Needs `database` given to startHarness.
   */
  restartServer(): Promise<void>;
  close(): Promise<void>;
}

export async function buildClient(outDir: string): Promise<void> {
  await build({
    configFile: path.join(ROOT, "vite.config.ts"),
    logLevel: "warn",
    build: { outDir, emptyOutDir: true },
  });
}

/** `database`: a SQLite file, for a test that restarts the server (default: in memory, gone with the server). */
export async function startHarness(port: number, options: { database?: string } = {}): Promise<Harness> {
  const outDir = mkdtempSync(path.join(tmpdir(), "split-brain-client-"));
  mkdirSync(OUTPUT, { recursive: true });
  await buildClient(outDir);
  // The editor's save waits for the proof's verdict: a generous budget (plus the 60 s boot guard) keeps a loaded
  // machine from turning it into "not finished in time", and stays under the browser tests' 180 s timeout.
  const start = () => startServer({ port, host: "127.0.0.1", staticDir: outDir, proofBudgetMs: 100_000, database: options.database });
  let server: RunningServer = await start();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
  const contexts: BrowserContext[] = [];
  const baseUrl = `http://127.0.0.1:${server.port}/`;
  return {
    baseUrl,
    browser,
    async open(options = {}) {
      const context = await browser.newContext({ viewport: VIEWPORT, ...options });
      contexts.push(context);
      const page = await context.newPage();
      page.on("pageerror", (error) => console.error(`[page error] ${error.message}`));
      await page.goto(baseUrl);
      return page;
    },
    async restartServer() {
      if (options.database === undefined) throw new Error("restartServer needs startHarness(port, { database })");
      await server.close();
      server = await start();
    },
    async closePages() {
      for (const context of contexts.splice(0)) await context.close().catch(() => undefined);
    },
    async close() {
      for (const context of contexts.splice(0)) await context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}
