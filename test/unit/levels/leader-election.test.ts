// The first level is a contest, not a formality: against the chaos plan, an operator who does not replace failed
// members loses whatever else they do, while either lever the briefing names wins (the operator replacing members,
// or node players restarting their own nodes), and so does the operator bot when nobody plays.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseLevelText } from "../../../shared/levels/load";
import { playSteps } from "../../../shared/levels/play";
import { Round } from "../../../shared/levels/round";
import type { PlayerStep } from "../../../shared/levels/schema";

const FILE = "levels/etcd/leader-election.json";
const level = parseLevelText(readFileSync(FILE, "utf8"), FILE);
const SEEDS = [1, 2, 3, 4];

const operator = (at: number, action: PlayerStep["action"]): PlayerStep => ({ at, role: "operator", action });

const losing: Record<string, PlayerStep[]> = {
  "writes keys and nothing else": [6000, 10_000, 15_000, 20_000].map((at, i) => operator(at, { type: "put", key: "k1", value: `v${i}` })),
  "removes dead members but never adds new ones": level.solution.filter((s) => s.action.type === "remove-member"),
  "adds new members without removing the dead ones": level.naive,
};

describe("levels/etcd/leader-election.json", () => {
  for (const [what, steps] of Object.entries(losing)) {
    it(`an operator who ${what} loses`, () => {
      for (const seed of SEEDS) expect(playSteps({ level, seed, chaos: "level" }, steps).round.outcome).toBe("lost");
    });
  }

  it("node players restarting their crashed nodes win too (the second lever)", () => {
    const restarts: PlayerStep[] = [10_000, 15_000, 20_000, 25_000].map((at) => ({ at, role: "node", node: "@down", action: { type: "restart-self" } }));
    for (const seed of SEEDS) expect(playSteps({ level, seed, chaos: "level" }, restarts).round.outcome).toBe("won");
  });

  it("with nobody playing, the operator bot holds off the chaos plan", () => {
    for (const seed of SEEDS) {
      const round = new Round({ level, seed, chaos: "level" });
      round.advanceTo(level.timeLimitMs);
      expect(round.outcomeText).toMatch(/^Won/);
      expect(round.inputs.filter((i) => i.role === "operator" && i.action.type === "add-member").length).toBeGreaterThanOrEqual(4);
    }
  });
});
