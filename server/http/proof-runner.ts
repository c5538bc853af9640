// Runs a level's proof (level-proof.ts) on a worker thread, so a long or hostile level never blocks the event loop
// that the game rooms share, under a wall-clock budget and a memory cap: when either runs out, the thread is
// terminated and the answer says how far the proof got. One proof runs at a time (the machine has two cores and the
// rooms need one); a few more may wait their turn, and beyond that the answer says the server is busy.

import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { Level } from "../../shared/levels/schema";
import { type LevelProof, PROOF_SEEDS, type SeedProof, summarizeProof } from "./level-proof";
import type { ProofCommand, ProofMessage } from "./proof-worker";

/** How long one proof may take once its thread has loaded the game's code: the level's own cost. */
export const PROOF_BUDGET_MS = 15_000;
/**
 * How long the thread may take to load the code (TypeScript, compiled on first use) before the budget starts. It
 * depends on the machine and its load, never on the level, so it is kept out of the level's budget.
 */
const BOOT_BUDGET_MS = 60_000;
/** Heap for one proof thread: several times what a shipped level's round uses. */
const PROOF_HEAP_MB = 256;
const MAX_RUNNING = 1;
const MAX_WAITING = 3;

// The server runs TypeScript through tsx; a worker thread started from source needs the same loader. tsx's
// register() is what `tsx` itself does at startup, done here inside the thread before it loads proof-worker.ts.
const TSX_API = pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm/api")).href;
const WORKER_ENTRY = new URL("./proof-worker.ts", import.meta.url).href;
const BOOT = `import(${JSON.stringify(TSX_API)}).then(({ register }) => { register(); return import(${JSON.stringify(WORKER_ENTRY)}); });`;

let running = 0;
const waiting: (() => void)[] = [];

/** Proves `level` (already validated and within the upload bounds) without blocking the caller's thread. */
export async function proveOffThread(level: Level, budgetMs = PROOF_BUDGET_MS): Promise<LevelProof> {
  if (!(await takeTurn())) {
    return summarizeProof([], false, "the proof did not run: the server is busy proving other uploads (the level is saved; upload it again later to prove it)");
  }
  try {
    return await runWorker(level, budgetMs);
  } finally {
    passTurn();
  }
}

async function takeTurn(): Promise<boolean> {
  if (running < MAX_RUNNING) {
    running++;
    return true;
  }
  if (waiting.length >= MAX_WAITING) return false;
  // passTurn() hands its turn over without releasing it, so nobody can slip in between.
  await new Promise<void>((resolve) => waiting.push(resolve));
  return true;
}

function passTurn(): void {
  const next = waiting.shift();
  if (next) next();
  else running--;
}

function runWorker(level: Level, budgetMs: number): Promise<LevelProof> {
  return new Promise((resolve) => {
    const seeds: SeedProof[] = [];
    const worker = new Worker(BOOT, { eval: true, workerData: { level }, resourceLimits: { maxOldGenerationSizeMb: PROOF_HEAP_MB } });
    let settled = false;
    const finish = (proof: LevelProof) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(proof);
    };
    const played = () => `it played ${seeds.length} of ${PROOF_SEEDS} seeds`;
    const overran = () => finish(summarizeProof(seeds, false, `the proof did not finish in time (${budgetMs / 1000} s): ${played()}`));
    let timer = setTimeout(() => {
      finish(summarizeProof([], false, `the proof could not start within ${BOOT_BUDGET_MS / 1000} s: the server is overloaded (the level is saved; upload it again later to prove it)`));
    }, BOOT_BUDGET_MS);
    let deadline = Infinity;
    worker.on("message", (message: ProofMessage) => {
      if (message.type === "ready") {
        clearTimeout(timer);
        deadline = performance.now() + budgetMs;
        timer = setTimeout(overran, budgetMs);
        worker.postMessage({ type: "go" } satisfies ProofCommand);
        return;
      }
      // A result that comes after the deadline does not count, even when its message is read before the timer
      // fires (a busy event loop reads both late): the verdict depends on the clock, not on the event order.
      if (performance.now() > deadline) return overran();
      if (message.type === "seed") seeds.push(message.result);
      else finish(summarizeProof(seeds, true));
    });
    worker.on("error", (error: Error & { code?: string }) => {
      const why = error.code === "ERR_WORKER_OUT_OF_MEMORY" ? `it ran out of memory (${PROOF_HEAP_MB} MB)` : error.message;
      finish(summarizeProof(seeds, false, `the proof stopped: ${why}; ${played()}`));
    });
    worker.on("exit", () => finish(summarizeProof(seeds, false, `the proof stopped unexpectedly: ${played()}`)));
  });
}
