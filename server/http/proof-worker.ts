// The body of a proof thread (proof-runner.ts starts it): receives one validated level, plays it seed by seed and
// posts each seed's result as soon as it is known, so a proof stopped by its time budget still reports the seeds
// it finished. It touches nothing but the level it was given.

import { parentPort, workerData } from "node:worker_threads";
import type { Level } from "../../shared/levels/schema";
import { useNodeTraceHasher } from "../node-trace-hasher";
import { PROOF_SEEDS, proveSeed, type SeedProof } from "./level-proof";

useNodeTraceHasher(); // a thread has its own modules: without this, its simulations hash in plain TypeScript

export type ProofMessage = { type: "ready" } | { type: "seed"; result: SeedProof } | { type: "done" };
/** What the runner answers to "ready": start playing (its budget has started). */
export type ProofCommand = { type: "go" };

const port = parentPort;
if (!port) throw new Error("proof-worker.ts runs as a worker thread (see proof-runner.ts)");
const level = (workerData as { level: Level }).level;
// Loaded: the runner starts the level's budget when it reads "ready", then says "go". Playing only after "go" means
// no seed is played on time the budget does not count.
port.once("message", (_go: ProofCommand) => {
  for (let seed = 1; seed <= PROOF_SEEDS; seed++) {
    port.postMessage({ type: "seed", result: proveSeed(level, seed) } satisfies ProofMessage);
  }
  port.postMessage({ type: "done" } satisfies ProofMessage);
});
port.postMessage({ type: "ready" } satisfies ProofMessage);
