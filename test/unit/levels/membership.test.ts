// The membership log reads removals from the timeline, and a new member gets a name the cluster never used.

import { describe, expect, it } from "vitest";
import { freshMemberId, MembershipLog } from "../../../shared/levels/membership";

describe("MembershipLog", () => {
  it("a member-removed event takes the node out of the members; nothing else does", () => {
    const log = new MembershipLog();
    const timeline: { kind: string; node?: string }[] = [
      { kind: "crash", node: "n1" },
      { kind: "leader", node: "n2" },
    ];
    log.update(timeline);
    expect(log.members(["n1", "n2", "n3"])).toEqual(["n1", "n2", "n3"]);
    timeline.push({ kind: "member-removed", node: "n1" }, { kind: "node-added", node: "n4" });
    log.update(timeline);
    expect(log.members(["n1", "n2", "n3", "n4"])).toEqual(["n2", "n3", "n4"]);
    expect(log.removed()).toEqual(["n1"]);
    expect(log.isRemoved("n1")).toBe(true);
  });

  it("reads each entry once, and a node added back after its removal is a member again", () => {
    const log = new MembershipLog();
    const timeline: { kind: string; node?: string }[] = [{ kind: "node-removed", node: "a" }];
    log.update(timeline);
    log.update(timeline);
    expect(log.removed()).toEqual(["a"]);
    timeline.push({ kind: "member-removed", node: "b" }, { kind: "member-added", node: "a" });
    log.update(timeline);
    expect(log.removed()).toEqual(["b"]);
    expect(log.members(["a", "b", "c"])).toEqual(["a", "c"]);
  });
});

describe("freshMemberId", () => {
  it("continues the cluster's numbering, past every name used, removed ones included", () => {
    expect(freshMemberId(["n1", "n2", "n3", "n4", "n5"])).toBe("n6");
    expect(freshMemberId(["n2", "n3", "n4", "n5", "n6", "n1"])).toBe("n7");
    expect(freshMemberId(["n1", "n3", "n10"])).toBe("n11");
    expect(freshMemberId(["db-1", "db-2"])).toBe("db-3");
  });

  it("falls back to n<k> for names without a number", () => {
    expect(freshMemberId(["alpha", "beta"])).toBe("n1");
    expect(freshMemberId([])).toBe("n1");
  });

  it("gives a valid node id (what add-member accepts)", () => {
    for (const used of [["n1"], ["db-9"], ["x"]]) expect(freshMemberId(used)).toMatch(/^[a-z][a-z0-9-]{0,15}$/);
  });
});
