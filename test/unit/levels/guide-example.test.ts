// The worked example in levels/README.md is a real level: an author who copies it gets a file that loads, whose
// solution wins and whose naive play loses, as the guide promises.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseLevelText } from "../../../shared/levels/load";
import { playSteps } from "../../../shared/levels/play";

const GUIDE = "levels/README.md";

function exampleText(): string {
  const block = /```json\n([\s\S]*?)\n```/.exec(readFileSync(GUIDE, "utf8"));
  if (!block) throw new Error(`${GUIDE} has no json block: the worked example is missing`);
  return block[1];
}

describe("the level guide's worked example", () => {
  const level = parseLevelText(exampleText(), `${GUIDE} (worked example)`);

  it("is a valid level, saved where the guide says", () => {
    expect(level.id).toBe("etcd/bring-it-back");
    expect(exampleText()).toContain('"$schema": "../level.schema.json"');
  });

  for (const seed of [1, 2, 3, 4, 5]) {
    it(`its solution wins and its naive play loses (seed ${seed})`, () => {
      expect(playSteps({ level, seed, chaos: "level" }, level.solution).round.outcome).toBe("won");
      expect(playSteps({ level, seed, chaos: "level" }, level.naive).round.outcome).toBe("lost");
    });
  }
});
