// `npm run level -- check [level-file ...] [--seeds 5]`: what a level author runs before sharing a level. It
// validates each file (errors name the file, the path inside it and what was expected) and proves it: the level's
// `solution` must win and its `naive` play must lose, on every seed from 1 to --seeds. With no file it checks every
// shipped level. Prints a table, one row per file, then what went wrong in detail.
// Exit codes: 0 every level is valid and proven; 1 bad arguments, an invalid level, or one that is not proven.

import { readdirSync } from "node:fs";
import path from "node:path";

import { LevelError } from "../../shared/levels/errors";
import { playSteps } from "../../shared/levels/play";
import type { Level } from "../../shared/levels/schema";
import { readLevelFile } from "./level-file";
import { textTable } from "./text-table";

const USAGE = "usage: npm run level -- check [level-file ...] [--seeds N]   (no file: every shipped level; N: seeds 1..N to prove on, default 5)";

interface Proof {
  solutionWins: number;
  naiveLoses: number;
  failures: string[];
}

function prove(level: Level, seeds: number): Proof {
  const proof: Proof = { solutionWins: 0, naiveLoses: 0, failures: [] };
  for (let seed = 1; seed <= seeds; seed++) {
    const solved = playSteps({ level, seed, chaos: "level" }, level.solution).round;
    if (solved.outcome === "won") proof.solutionWins++;
    else proof.failures.push(`seed ${seed}: the solution did not win (${solved.outcome}: ${solved.outcomeText || "no outcome by the time limit"})`);
    const naive = playSteps({ level, seed, chaos: "level" }, level.naive).round;
    if (naive.outcome === "lost") proof.naiveLoses++;
    else proof.failures.push(`seed ${seed}: the naive play did not lose (${naive.outcome}: ${naive.outcomeText || "no outcome by the time limit"})`);
  }
  return proof;
}

/** Every shipped level file, levels/<system>/<slug>.json. */
function shippedLevelFiles(): string[] {
  const root = path.resolve(import.meta.dirname, "../../levels");
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(path.join(root, d.name)).filter((f) => f.endsWith(".json")).map((f) => path.relative(process.cwd(), path.join(root, d.name, f))))
    .sort();
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
  if (files.length === 0) files.push(...shippedLevelFiles());
  const rows: string[][] = [];
  const details: string[] = [];
  for (const file of files) {
    let level: Level;
    try {
      level = readLevelFile(file);
    } catch (error) {
      if (!(error instanceof LevelError)) throw error;
      const lines = error.message.split("\n");
      rows.push([file, "NO", "-", "-", `${lines.length} problem${lines.length === 1 ? "" : "s"}, below`]);
      details.push(...lines);
      continue;
    }
    const started = performance.now();
    const proof = prove(level, seeds);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const proven = proof.failures.length === 0;
    rows.push([file, "yes", `${proof.solutionWins}/${seeds}`, `${proof.naiveLoses}/${seeds}`, proven ? `proven (${seconds} s)` : "NOT PROVEN, below"]);
    details.push(...proof.failures.map((f) => `${file}: ${f}`));
  }
  console.log(textTable(["level", "valid", "solution wins", "naive loses", "result"], rows, new Set([2, 3])));
  if (details.length > 0) console.error(`\n${details.join("\n")}`);
  const ok = details.length === 0;
  return ok ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
