// The headless runner behind `npm run sim` (GUIDE §4): runs a level with bots in every role and reports.
// Like TigerBeetle's VOPR, the seed decides everything and is always printed, so any run — in particular one that
// breaks an invariant — can be reproduced exactly with the same command line.
//
// Exit codes: 0 the run finished (whatever the outcome); 1 bad arguments or a bad level; 2 an invariant was violated;
// 3 the simulation crashed (threw), which is a bug as well.

import { randomInt } from "node:crypto";
import { performance } from "node:perf_hooks";
import { LevelError } from "../../shared/levels/errors";
import { Round } from "../../shared/levels/round";
import { formatReport } from "./format-report";
import { readLevelFile } from "./level-file";
import type { SystemDefinition } from "../../shared/sim/types";
import { parseSimArgs, SIM_USAGE, type SimArgs, UsageError } from "./sim-args";

export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 1;
export const EXIT_INVARIANT = 2;
/** The simulation itself threw: a bug in the kernel or a system, reported with the command that reproduces it. */
export const EXIT_CRASH = 3;

function reproduceCommand(args: SimArgs, seed: number): string {
  const sets = Object.entries(args.overrides).map(([k, v]) => ` --set ${k}=${typeof v === "string" ? v : JSON.stringify(v)}`);
  const duration = args.durationMs !== null ? ` --duration ${args.durationMs}ms` : "";
  return `npm run sim -- ${args.file} --seed ${seed} --chaos ${args.chaos}${duration}${sets.join("")}`;
}

/** Where the runner writes; a test passes its own to read what a user would see. */
export interface SimIo {
  out(text: string): void;
  err(text: string): void;
  /** Looks up a level's system (defaults to the registry); tests inject deliberately broken systems. */
  findSystem?: (name: string) => SystemDefinition | undefined;
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
  const report = round.report(performance.now() - started);

  if (args.json) io.out(JSON.stringify(report));
  else io.out(formatReport(report, round.objectives(), round.level.title));

  const broken = report.invariants.filter((inv) => !inv.ok);
  if (broken.length > 0) {
    io.err(`\nINVARIANT VIOLATED: ${broken.map((inv) => `${inv.name}${inv.first ? ` (${inv.first})` : ""}`).join("; ")}`);
    io.err(`This is a bug in the simulated system. Reproduce it with:\n  ${reproduceCommand(args, seed)}`);
    return EXIT_INVARIANT;
  }
  return EXIT_OK;
}
