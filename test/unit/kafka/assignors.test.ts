// The classic protocol's assignors (FACTS §2.6): RangeAssignor's exact output, and the CooperativeStickyAssignor's
// rule that a partition never goes straight from one owner to another (the owner revokes it, a second round moves it).

import { describe, expect, it } from "vitest";
import { cooperativeAssign, rangeAssign, stickyTarget } from "../../../shared/systems/kafka/group/assignors";

const parts = (n: number) => Array.from({ length: n }, (_, i) => `t-${i}`);

describe("RangeAssignor", () => {
  it("gives floor(P/C) consecutive partitions each and one more to the first P % C (javadoc: 3 partitions, 2 consumers)", () => {
    expect(rangeAssign(["C1", "C0"], parts(3))).toEqual({ C0: ["t-0", "t-1"], C1: ["t-2"] });
  });

  it("sorts members lexicographically, so c10 comes before c2", () => {
    expect(rangeAssign(["c1", "c2", "c10"], parts(7))).toEqual({ c1: ["t-0", "t-1", "t-2"], c10: ["t-3", "t-4"], c2: ["t-5", "t-6"] });
  });

  it("leaves members without partitions when there are more members than partitions", () => {
    expect(rangeAssign(["a", "b", "c"], parts(2))).toEqual({ a: ["t-0"], b: ["t-1"], c: [] });
  });

  it("sorts partitions numerically (t-10 after t-9)", () => {
    expect(rangeAssign(["a", "b"], parts(11).reverse())).toEqual({ a: parts(6), b: parts(11).slice(6) });
  });
});

describe("CooperativeStickyAssignor", () => {
  const owned = { c1: ["t-0", "t-1", "t-2", "t-3"], c2: ["t-4", "t-5", "t-6", "t-7"], c3: ["t-8", "t-9", "t-10", "t-11"], c4: [] };

  it("computes a balanced target that keeps what members own", () => {
    const target = stickyTarget(owned, parts(12));
    for (const m of ["c1", "c2", "c3", "c4"]) expect(target[m]).toHaveLength(3);
    expect(target.c1.every((p) => owned.c1.includes(p))).toBe(true);
    expect(target.c2.every((p) => owned.c2.includes(p))).toBe(true);
    expect(target.c4).toEqual(["t-3", "t-7", "t-11"]);
  });

  it("first round: the new member gets nothing still owned by another; owners revoke only the moving partitions", () => {
    const round1 = cooperativeAssign(owned, parts(12));
    expect(round1).toEqual({ c1: ["t-0", "t-1", "t-2"], c2: ["t-4", "t-5", "t-6"], c3: ["t-8", "t-9", "t-10"], c4: [] });
    const revoked = Object.entries(owned).flatMap(([m, ps]) => ps.filter((p) => !round1[m].includes(p)));
    expect(revoked).toEqual(["t-3", "t-7", "t-11"]);
  });

  it("second round: the revoked partitions, now unowned, go to the new member and nothing else moves", () => {
    const round1 = cooperativeAssign(owned, parts(12));
    const round2 = cooperativeAssign(round1, parts(12));
    expect(round2).toEqual({ c1: ["t-0", "t-1", "t-2"], c2: ["t-4", "t-5", "t-6"], c3: ["t-8", "t-9", "t-10"], c4: ["t-3", "t-7", "t-11"] });
  });

  it("hands out every partition when nobody owns anything (a new group)", () => {
    const a = cooperativeAssign({ x: [], y: [], z: [] }, parts(7));
    expect(Object.values(a).flat().sort()).toEqual(parts(7).sort());
    expect(Object.values(a).map((ps) => ps.length).sort()).toEqual([2, 2, 3]);
  });
});
