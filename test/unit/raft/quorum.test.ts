import { describe, expect, it } from "vitest";
import { committedIndex, quorumSize, voteResult } from "../../../shared/raft";
import { Rng } from "../../../shared/sim/rng";

describe("quorum arithmetic", () => {
  it("a quorum is a strict majority", () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(quorumSize)).toEqual([1, 2, 2, 3, 3, 4, 4]);
  });

  it("the committed index is the highest index a majority holds", () => {
    const acked: Record<string, number> = { a: 5, b: 3, c: 9, d: 1, e: 3 };
    expect(committedIndex(["a", "b", "c", "d", "e"], (id) => acked[id])).toBe(3);
    expect(committedIndex(["a", "b", "c"], (id) => acked[id])).toBe(5);
    expect(committedIndex(["a", "d"], (id) => acked[id])).toBe(1);
    expect(committedIndex(["c"], (id) => acked[id])).toBe(9);
  });

  it("the committed index is the quorum-th highest acknowledgement, for any voters and acknowledgements", () => {
    // The definition, spelt out: sort high to low, take the quorum-th.
    const reference = (acks: number[]) => [...acks].sort((a, b) => b - a)[quorumSize(acks.length) - 1];
    const rng = new Rng(3);
    for (let i = 0; i < 2000; i++) {
      const acks = Array.from({ length: rng.int(1, 10) }, () => rng.int(0, 20));
      const voters = acks.map((_, v) => `v${v}`);
      expect(committedIndex(voters, (id) => acks[Number(id.slice(1))])).toBe(reference(acks));
    }
    expect(committedIndex([], () => 7)).toBe(0);
  });

  it("a vote is won by a majority, lost once a majority is out of reach, pending otherwise", () => {
    const voters = ["a", "b", "c", "d", "e"];
    const v = (entries: [string, boolean][]) => voteResult(voters, new Map(entries));
    expect(v([["a", true]])).toBe("pending");
    expect(v([["a", true], ["b", true], ["c", true]])).toBe("won");
    expect(v([["a", true], ["b", false], ["c", false]])).toBe("pending");
    expect(v([["a", true], ["b", false], ["c", false], ["d", false]])).toBe("lost");
    // Votes from non-voters do not count.
    expect(v([["a", true], ["b", true], ["x", true], ["y", true]])).toBe("pending");
  });
});
