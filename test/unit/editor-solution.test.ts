// "Use my play as the solution" (client/ui/editor/solution-recording.ts, preview-run.ts): a test-played round's
// journal becomes the level's solution steps, people's actions only, nodes named by what they were when that was
// the intent; and the steps recorded from a real round win that level when played again.

import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { journalOf, literalJournal, previewPlay, solutionFromReplay } from "../../client/ui/editor/preview-run";
import { stepsFromJournal } from "../../client/ui/editor/solution-recording";
import type { JournalEntry } from "../../shared/levels/journal";
import { parseLevelText } from "../../shared/levels/load";
import { playSteps } from "../../shared/levels/play";

const ROOT = path.resolve(import.meta.dirname, "../..");
const level = (id: string) => parseLevelText(readFileSync(path.join(ROOT, "levels", `${id}.json`), "utf8"), `${id}.json`);

const journal: JournalEntry[] = [
  { kind: "seats", t: 0, humans: [{ role: "chaos" }] },
  { kind: "act", t: 4000, role: "chaos", action: { type: "crash", node: "n2" } },
  { kind: "step", t: 4100 },
  { kind: "act", t: 9000, role: "chaos", action: { type: "restart", node: "n2" } },
  { kind: "act", t: 9500, role: "chaos", action: { type: "crash", node: "n3" } },
  { kind: "act", t: 12000, role: "node", node: "n3", action: { type: "restart-self" } },
];

describe("a test-played round as solution steps", () => {
  it("keeps people's actions with their times and roles, and nothing else", () => {
    expect(stepsFromJournal(journal)).toEqual([
      { at: 4000, role: "chaos", action: { type: "crash", node: "n2" } },
      { at: 9000, role: "chaos", action: { type: "restart", node: "n2" } },
      { at: 9500, role: "chaos", action: { type: "crash", node: "n3" } },
      { at: 12000, role: "node", node: "n3", action: { type: "restart-self" } },
    ]);
  });

  it("names the leader and the one crashed node by reference, other nodes by id", () => {
    const before = (t: number) =>
      t < 5000 ? { leader: "n2", down: [] } : t < 9200 ? { leader: "n1", down: ["n2"] } : t < 10_000 ? { leader: "n1", down: [] } : { leader: "n1", down: ["n3"] };
    expect(stepsFromJournal(journal, before)).toEqual([
      { at: 4000, role: "chaos", action: { type: "crash", node: "@leader" } },
      { at: 9000, role: "chaos", action: { type: "restart", node: "@down" } },
      // n3 was a follower: which follower matters to the player, so the id stays.
      { at: 9500, role: "chaos", action: { type: "crash", node: "n3" } },
      { at: 12000, role: "node", node: "@down", action: { type: "restart-self" } },
    ]);
  });

  it("keeps ids when two nodes are down: @down could mean either", () => {
    const steps = stepsFromJournal([{ kind: "act", t: 1, role: "chaos", action: { type: "restart", node: "n1" } }], () => ({ leader: null, down: ["n1", "n2"] }));
    expect(steps[0].action).toEqual({ type: "restart", node: "n1" });
  });

  it("records a real round so that its steps win the level on the round's seed and on others", () => {
    const firstSteps = level("etcd/first-steps");
    // The round as a room records it: the solution's play on seed 4, its journal, its outcome.
    const played = playSteps({ level: firstSteps, seed: 4, chaos: "level" }, [
      { at: 4000, role: "chaos", action: { type: "crash", node: "@leader" } },
      { at: 9000, role: "chaos", action: { type: "restart", node: "@down" } },
    ]).round;
    expect(played.outcome).toBe("won");
    const inputs = journalOf(played);
    expect(inputs.filter((e) => e.kind === "act").map((e) => e.kind === "act" && (e.action as { node?: string }).node)).not.toContain("@leader"); // resolved ids
    const steps = solutionFromReplay({ round: 1, level: firstSteps, seed: 4, chaos: "level", simTimeMs: played.now, outcome: played.outcome, traceHash: "", inputs });
    expect(steps).toEqual([
      { at: 4000, role: "chaos", action: { type: "crash", node: "@leader" } },
      { at: 9000, role: "chaos", action: { type: "restart", node: "@down" } },
    ]);
    const recorded = { ...firstSteps, solution: steps };
    for (const seed of [1, 2, 3]) expect(playSteps({ level: recorded, seed, chaos: "level" }, steps).round.outcome).toBe("won");
  });
});

describe("the live preview's plays", () => {
  it("plays the naive inputs and the solution and debriefs each, faithfully", () => {
    const firstSteps = level("etcd/first-steps");
    const naive = previewPlay(firstSteps, 1, "naive");
    const solution = previewPlay(firstSteps, 1, "solution");
    expect(naive.debrief.outcome).toBe("lost");
    expect(solution.debrief.outcome).toBe("won");
    expect(solution.debrief.faithful).toBe(true);
    expect(solution.debrief.series.marks.map((m) => m.kind)).toEqual(expect.arrayContaining(["fault", "repair", "goal"]));
    // The preview draws no messages: they are left out of what crosses from the worker.
    expect(solution.debrief.messages).toEqual([]);
  });

  it("plays steps that name nodes by id in one replay, to the outcome playing them gives", () => {
    for (const id of ["cassandra/quorum", "redis-cluster/failover"]) {
      const l = level(id);
      expect(literalJournal(l.solution)).not.toBeNull();
      const played = playSteps({ level: l, seed: 2, chaos: "level" }, l.solution).round;
      const previewed = previewPlay(l, 2, "solution").debrief;
      expect([previewed.outcome, previewed.endMs, previewed.outcomeText]).toEqual([played.outcome, played.now, played.outcomeText]);
    }
    expect(literalJournal(level("etcd/first-steps").solution)).toBeNull(); // @leader: resolved only by playing
    expect(literalJournal([])).toEqual([{ kind: "seats", t: 0, humans: [] }]);
  });

  it("plays a step refused when due the long way, and says why it was refused", () => {
    const l = level("etcd/first-steps");
    const steps = [{ at: 3000, role: "chaos" as const, action: { type: "restart" as const, node: "n2" } }];
    const preview = previewPlay({ ...l, solution: steps }, 1, "solution");
    expect(preview.refused).toEqual([expect.stringMatching(/^3\.0 s restart: /)]);
  });
});
