// `npm run sim -- <level-file> [--seed N] [--duration 120s] [--chaos none|level|random] [--set path=value ...] [--json]`
// See run-sim.ts for what it does and its exit codes.

import { runSim } from "./run-sim";

process.exitCode = runSim(process.argv.slice(2));
