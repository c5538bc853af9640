// `npm run sim -- <level-file> [--seed N] [--duration 120s] [--chaos none|level|random] [--set path=value ...] [--json]`
// See run-sim.ts for what it does and its exit codes.

import { useNodeTraceHasher } from "../node-trace-hasher";
import { runSim } from "./run-sim";

useNodeTraceHasher(); // the same trace hash as the browser's, computed natively
process.exitCode = runSim(process.argv.slice(2));
