// Every level in levels/ is valid, and proven: its `solution` wins and its `naive` play loses, on several seeds
// (so a level does not depend on one lucky draw of election timeouts).

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseLevelText } from "../../../shared/levels/load";
import { playSteps } from "../../../shared/levels/play";
import type { Level } from "../../../shared/levels/schema";

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

function levelFiles(): string[] {
  return readdirSync("levels", { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(path.join("levels", d.name)).filter((f) => f.endsWith(".json")).map((f) => `levels/${d.name}/${f}`))
    .sort();
}

const files = levelFiles();

describe("level files", () => {
  it("there is at least the first level", () => {
    expect(files).toContain("levels/etcd/leader-election.json");
  });

  for (const file of files) {
    describe(file, () => {
      // Parsed inside the tests, so an invalid file fails as a test with the loader's message.
      let parsed: Level | undefined;
      const load = (): Level => (parsed ??= parseLevelText(readFileSync(file, "utf8"), file));

      it("is a valid level whose id is its path (levels/<system>/<slug>.json)", () => {
        expect(`levels/${load().id}.json`).toBe(file);
      });

      for (const seed of SEEDS) {
        it(`the solution wins (seed ${seed})`, () => {
          const level = load();
          const { round } = playSteps({ level, seed, chaos: "level" }, level.solution);
          expect(round.outcomeText).toMatch(/^Won/);
          expect(round.outcome).toBe("won");
        });

        it(`the naive play loses (seed ${seed})`, () => {
          const level = load();
          const { round } = playSteps({ level, seed, chaos: "level" }, level.naive);
          expect(round.outcome).toBe("lost");
        });
      }
    });
  }
});
