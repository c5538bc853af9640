// The proof made for an uploaded level: on seeds 1..3 the solution must win and the naive play lose, played on a
// worker thread with a wall-clock budget, and every failure said in words ("the naive play won on seed 1: ...").

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PROOF_SEEDS, summarizeProof } from "../../../server/http/level-proof";
import { proveOffThread } from "../../../server/http/proof-runner";
import { parseLevel } from "../../../shared/levels/load";

// A verdict must not depend on how loaded the machine is: these proofs get a generous budget (the server's default is
// PROOF_BUDGET_MS), and the tests a timeout above the thread's boot guard (60 s) plus that budget.
const GENEROUS = 120_000;
const PATIENT = { timeout: 200_000 };

const firstSteps = parseLevel(JSON.parse(readFileSync("levels/etcd/first-steps.json", "utf8")), "first-steps");

describe("a level's proof on a worker thread", () => {
  it("proves a shipped level on every seed", PATIENT, async () => {
    const proof = await proveOffThread(firstSteps, GENEROUS);
    expect(proof).toMatchObject({ solutionWins: true, naiveLoses: true, problems: [] });
    expect(proof.seeds.map((s) => [s.seed, s.solution.outcome, s.naive.outcome])).toEqual([
      [1, "won", "lost"],
      [2, "won", "lost"],
      [3, "won", "lost"],
    ]);
  });

  it("says on which seed a naive play that wins did so, and why", PATIENT, async () => {
    const proof = await proveOffThread({ ...firstSteps, naive: firstSteps.solution }, GENEROUS);
    expect(proof.solutionWins).toBe(true);
    expect(proof.naiveLoses).toBe(false);
    expect(proof.problems).toHaveLength(PROOF_SEEDS);
    expect(proof.problems[0]).toMatch(/^the naive play won on seed 1: \S/);
  });

  // Deterministic however busy the machine: the thread plays only once told to, after the budget has started, and a
  // result read after the deadline does not count, so no seed (each takes far more than 1 ms) can be in time.
  it("stops a proof that overruns its budget and says how far it got", async () => {
    const proof = await proveOffThread(firstSteps, 1);
    expect(proof).toMatchObject({ solutionWins: null, naiveLoses: null, seeds: [] });
    expect(proof.problems).toEqual(["the proof did not finish in time (0.001 s): it played 0 of 3 seeds"]);
  });

  it("runs one proof at a time, lets three wait, and turns a fifth away with a reason", async () => {
    const proofs = Array.from({ length: 5 }, () => proveOffThread(firstSteps, 1));
    const fifth = await Promise.race([proofs[4], ...proofs.slice(0, 4).map((p) => p.then(() => "an earlier proof ended first"))]);
    expect(fifth).toMatchObject({ solutionWins: null, naiveLoses: null, problems: [expect.stringMatching(/^the proof did not run: the server is busy/)] });
    for (const proof of await Promise.all(proofs.slice(0, 4))) expect(proof.problems[0]).toMatch(/did not finish in time/);
  });
});

describe("the proof's verdicts", () => {
  const won = { outcome: "won" as const, reason: "All goals met." };
  const lost = { outcome: "lost" as const, reason: "The cluster went 15 s without a leader." };
  const open = { outcome: "unfinished" as const, reason: "" };

  it("names each failure with its seed", () => {
    const proof = summarizeProof([{ seed: 1, solution: won, naive: lost }, { seed: 2, solution: lost, naive: open }], true);
    expect(proof).toMatchObject({ solutionWins: false, naiveLoses: false });
    expect(proof.problems).toEqual([
      "the solution lost on seed 2: The cluster went 15 s without a leader.",
      "the naive play did not lose on seed 2: no outcome by the time limit",
    ]);
  });

  it("leaves a verdict open when the seeds played cannot settle it", () => {
    const partial = summarizeProof([{ seed: 1, solution: won, naive: won }], false, "stopped");
    expect(partial).toMatchObject({ solutionWins: null, naiveLoses: false });
    expect(partial.problems).toEqual(["the naive play won on seed 1: All goals met.", "stopped"]);
  });
});
