// `npm run level -- check <level-file ...> [--seeds 5]`: what a level author runs before sharing a level. It
// validates each file (errors name the file, the path inside it and what was expected) and proves it: the level's
// `solution` must win and its `naive` play must lose, on every seed from 1 to --seeds.
// Exit codes: 0 every level is valid and proven; 1 bad arguments, an invalid level, or one that is not proven.

import { LevelError } from "../../shared/levels/errors";
import { playSteps } from "../../shared/levels/play";
import type { Level } from "../../shared/levels/schema";
import { readLevelFile } from "./level-file";

const USAGE = "usage: npm run level -- check <level-file ...> [--seeds N]   (N: seeds 1..N to prove on, default 5)";

function prove(level: Level, seeds: number): string[] {
  const failures: string[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const solved = playSteps({ level, seed, chaos: "level" }, level.solution).round;
    if (solved.outcome !== "won") failures.push(`seed ${seed}: the solution did not win (${solved.outcome}: ${solved.outcomeText || "no outcome by the time limit"})`);
    const naive = playSteps({ level, seed, chaos: "level" }, level.naive).round;
    if (naive.outcome !== "lost") failures.push(`seed ${seed}: the naive play did not lose (${naive.outcome}: ${naive.outcomeText || "no outcome by the time limit"})`);
  }
  return failures;
}

function main(argv: readonly string[]): number {
  const [command, ...rest] = argv;
  if (command !== "check") {
    console.error(command === undefined ? USAGE : `level: unknown command ${JSON.stringify(command)}\n${USAGE}`);
    return 1;
  }
  let seeds = 5;
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === "--seeds") {
      const n = Number(rest[++i]);
      if (!Number.isInteger(n) || n < 1 || n > 1000) {
        console.error(`level: --seeds: expected a whole number from 1 to 1000, got ${JSON.stringify(rest[i] ?? "")}`);
        return 1;
      }
      seeds = n;
    } else if (rest[i].startsWith("-")) {
      console.error(`level: unknown option ${rest[i]}\n${USAGE}`);
      return 1;
    } else files.push(rest[i]);
  }
  if (files.length === 0) {
    console.error(`level: name at least one level file\n${USAGE}`);
    return 1;
  }
  let ok = true;
  for (const file of files) {
    let level: Level;
    try {
      level = readLevelFile(file);
    } catch (error) {
      if (!(error instanceof LevelError)) throw error;
      console.error(error.message);
      ok = false;
      continue;
    }
    const failures = prove(level, seeds);
    if (failures.length === 0) console.log(`${file}: valid; the solution wins and the naive play loses on seeds 1..${seeds}`);
    else {
      ok = false;
      for (const failure of failures) console.error(`${file}: ${failure}`);
    }
  }
  return ok ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
