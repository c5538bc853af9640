// What `npm run sim` prints and the exit codes it ends with, shared by a fresh run (run-sim.ts) and a replay
// (run-replay.ts).

import type { Round } from "../../shared/levels/round";
import type { RunReport } from "../../shared/levels/report";
import type { SystemDefinition } from "../../shared/sim/types";
import { formatReport } from "./format-report";

export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 1;
export const EXIT_INVARIANT = 2;
/** The simulation itself threw: a bug in the kernel or a system, reported with the command that reproduces it. */
export const EXIT_CRASH = 3;
/** A replay file did not come to the trace hash it recorded: the simulation or the level changed since. */
export const EXIT_DIVERGED = 4;

/** Where the runner writes; a test passes its own to read what a user would see. */
export interface SimIo {
  out(text: string): void;
  err(text: string): void;
  /** Looks up a level's system (defaults to the registry); tests inject deliberately broken systems. */
  findSystem?: (name: string) => SystemDefinition | undefined;
}

/** Prints a finished run's report (JSON or the readable summary) and returns it. */
export function printReport(round: Round, wallMs: number, json: boolean, io: SimIo): RunReport {
  const report = round.report(wallMs);
  if (json) io.out(JSON.stringify(report));
  else io.out(formatReport(report, round.objectives(), round.level.title));
  return report;
}

/** EXIT_INVARIANT, with the broken invariants and the command that reproduces them, or EXIT_OK. */
export function invariantsExit(report: RunReport, reproduce: string, io: SimIo): number {
  const broken = report.invariants.filter((inv) => !inv.ok);
  if (broken.length === 0) return EXIT_OK;
  io.err(`\nINVARIANT VIOLATED: ${broken.map((inv) => `${inv.name}${inv.first ? ` (${inv.first})` : ""}`).join("; ")}`);
  io.err(`This is a bug in the simulated system. Reproduce it with:\n  ${reproduce}`);
  return EXIT_INVARIANT;
}
