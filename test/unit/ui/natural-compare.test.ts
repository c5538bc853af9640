// Node ids, rack names and keys are listed in a human order (n2 before n10) everywhere on screen. naturalCompare
// keeps one collator instead of calling localeCompare with options (which set one up per call: a third of each
// frame with 64 nodes); the order must be exactly localeCompare's.

import { describe, expect, it } from "vitest";
import { naturalCompare } from "../../../client/net/state";

const IDS = ["n10", "n2", "n1", "n21", "n3", "N2", "rack-b", "rack-a", "rack-10", "rack-9", "k1", "k01", "", "a", "B", "n2a", "n2b", "é", "e", "z9", "z10"];

describe("naturalCompare", () => {
  it("puts numbered ids in numeric order", () => {
    expect(["n10", "n2", "n1", "n21", "n3"].sort(naturalCompare)).toEqual(["n1", "n2", "n3", "n10", "n21"]);
  });

  it("orders every pair exactly as localeCompare with the same locale and options", () => {
    for (const a of IDS) for (const b of IDS) expect(Math.sign(naturalCompare(a, b)), `${a} vs ${b}`).toBe(Math.sign(a.localeCompare(b, "en", { numeric: true })));
  });
});
