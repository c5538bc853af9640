// The proof of an uploaded level, the same one `npm run level -- check` makes: on each seed the level's `solution`
// must win and its `naive` play must lose, played by shared/levels/play.ts against the level's own chaos. This file
// only plays and words the result; proof-runner.ts runs it off the server's event loop, under a time budget.

import { playSteps } from "../../shared/levels/play";
import type { Level, PlayerStep } from "../../shared/levels/schema";

/** Seeds 1..PROOF_SEEDS, as `level check --seeds 3` does. */
export const PROOF_SEEDS = 3;

export interface PlayVerdict {
  outcome: "won" | "lost" | "unfinished";
  /** Why the round ended as it did, in the level's words ("" when nothing decided it before the time limit). */
  reason: string;
}

export interface SeedProof {
  seed: number;
  solution: PlayVerdict;
  naive: PlayVerdict;
}

export interface LevelProof {
  /** True when the solution won on every seed; false when it failed on one; null when the proof did not get that far. */
  solutionWins: boolean | null;
  /** True when the naive play lost on every seed; false when it did not on one; null when the proof did not get that far. */
  naiveLoses: boolean | null;
  /** The seeds played, in order (fewer than PROOF_SEEDS when the proof stopped early). */
  seeds: SeedProof[];
  /** What failed, one sentence each ("the solution lost on seed 2: ..."); [] for a proven level. */
  problems: string[];
}

function play(level: Level, seed: number, steps: readonly PlayerStep[]): PlayVerdict {
  const round = playSteps({ level, seed, chaos: "level" }, steps).round;
  return { outcome: round.outcome, reason: round.outcomeText };
}

/** Plays one seed: the solution, then the naive play. */
export function proveSeed(level: Level, seed: number): SeedProof {
  return { seed, solution: play(level, seed, level.solution), naive: play(level, seed, level.naive) };
}

/**
 * The proof so far. `complete` says whether every seed was played: a verdict that the seeds played cannot settle
 * (everything passed so far, but seeds are missing) is null, with `stopped` as the reason.
 */
export function summarizeProof(seeds: readonly SeedProof[], complete: boolean, stopped = ""): LevelProof {
  const problems: string[] = [];
  for (const s of seeds) {
    if (s.solution.outcome !== "won") problems.push(`the solution ${s.solution.outcome === "lost" ? "lost" : "did not win"} on seed ${s.seed}: ${why(s.solution)}`);
    if (s.naive.outcome !== "lost") problems.push(`the naive play ${s.naive.outcome === "won" ? "won" : "did not lose"} on seed ${s.seed}: ${why(s.naive)}`);
  }
  const solutionFailed = seeds.some((s) => s.solution.outcome !== "won");
  const naiveFailed = seeds.some((s) => s.naive.outcome !== "lost");
  if (!complete) problems.push(stopped || "the proof did not finish");
  return {
    solutionWins: solutionFailed ? false : complete ? true : null,
    naiveLoses: naiveFailed ? false : complete ? true : null,
    seeds: [...seeds],
    problems,
  };
}

function why(verdict: PlayVerdict): string {
  return verdict.reason || "no outcome by the time limit";
}
