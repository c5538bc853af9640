// Seeds 76..100 of the bank chaos run (chaos.ts): crashes, partitions and clock skew within the max
// offset; every balance read sees the opening total, the history is serializable, every invariant holds, and the
// healed cluster serves transfers and reads again. A failing seed reproduces with runChaos(seed).

import { describe, expect, it } from "vitest";
import { runChaos } from "./chaos";

describe("CockroachDB bank under chaos, seeds 76-100", () => {
  for (let seed = 76; seed <= 100; seed++) {
    it(`seed ${seed}`, () => {
      const r = runChaos(seed);
      expect(r.failures, `seed ${seed} (${r.settings})`).toEqual([]);
      expect(r.transfersOk).toBeGreaterThan(20);
    });
  }
});
