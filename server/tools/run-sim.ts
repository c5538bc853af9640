// The headless runner behind `npm run sim` (GUIDE §4): runs a level with bots in every role and reports.
// Like TigerBeetle's VOPR, the seed decides everything and is always printed, so any run — in particular one that
// breaks an invariant — can be reproduced exactly with the same command line.
//
// Exit codes: 0 the run finished (whatever the outcome); 1 bad arguments or a bad level; 2 an invariant was violated;
// 3 the simulation crashed (threw), which is a bug as well; 4 a replay file (--replay) did not come to its recorded
// trace hash.

import { randomInt } from "node:crypto";
import { performance } from "node:perf_hooks";
import { LevelError } from "../../shared/levels/errors";
import { Round } from "../../shared/levels/round";
import { EXIT_BAD_INPUT, EXIT_CRASH, EXIT_OK, invariantsExit, printReport, type SimIo } from "./sim-report";
import { readLevelFile } from "./level-file";
import { runReplay } from "./run-replay";
import { parseSimArgs, SIM_USAGE, type SimArgs, UsageError } from "./sim-args";

export { EXIT_BAD_INPUT, EXIT_CRASH, EXIT_DIVERGED, EXIT_INVARIANT, EXIT_OK, type SimIo } from "./sim-report";

function reproduceCommand(args: SimArgs, seed: number): string {
  const sets = Object.entries(args.overrides).map(([k, v]) => ` --set ${k}=${typeof v === "string" ? v : JSON.stringify(v)}`);
  const duration = args.durationMs !== null ? ` --duration ${args.durationMs}ms` : "";
  return `npm run sim -- ${args.file} --seed ${seed} --chaos ${args.chaos}${duration}${sets.join("")}`;
}

const STDIO: SimIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** Runs the command line `argv` (without "node sim.ts") and returns the exit code. */
export function runSim(argv: readonly string[], io: SimIo = STDIO): number {
  let args: SimArgs;
  try {
    args = parseSimArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message) io.err(`sim: ${error.message}\n`);
    io.err(SIM_USAGE);
    return error.message ? EXIT_BAD_INPUT : EXIT_OK;
  }
  if (args.replay !== null) return runReplay(args.replay, args.file || null, args.json, io);
  const seed = args.seed ?? randomInt(0, 2 ** 31 - 1);
  let round: Round;
  try {
    const level = readLevelFile(args.file, io.findSystem);
    round = new Round({ level, seed, chaos: args.chaos, overrides: args.overrides, fileName: args.file, findSystem: io.findSystem });
  } catch (error) {
    if (error instanceof LevelError || error instanceof RangeError) {
      io.err(`sim: ${error.message}`);
      return EXIT_BAD_INPUT;
    }
    throw error;
  }
  if (!args.json) io.out(`seed ${seed} (reproduce: ${reproduceCommand(args, seed)})`);

  const started = performance.now();
  try {
    round.advanceTo(args.durationMs ?? round.level.timeLimitMs);
  } catch (error) {
    io.err(`SIMULATION CRASHED at ${round.now} ms: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    io.err(`This is a bug. Reproduce it with:\n  ${reproduceCommand(args, seed)}`);
    return EXIT_CRASH;
  }
  const report = printReport(round, performance.now() - started, args.json, io);
  return invariantsExit(report, reproduceCommand(args, seed), io);
}
