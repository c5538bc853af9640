// PFAIL -> FAIL needs a majority of the masters that serve slots (FACTS §1.4): one master's suspicion, or every
// replica's, is not enough; a second master's report within node_timeout*2 is.

import { describe, expect, it } from "vitest";
import { Cluster } from "./harness";

const failedEvents = (c: Cluster) => c.sim.timeline.filter((e) => e.kind === "node-failed");

describe("failure detection", () => {
  it("keeps a node PFAIL, not FAIL, while only one master cannot reach it", () => {
    const c = new Cluster({ seed: 2 });
    c.run(2000);
    c.apply({ type: "cut", from: "n1", to: "n2" });
    c.run(20_000);
    expect(c.node("n2").peers.get("n1")?.pfail).toBe(true);
    expect(failedEvents(c)).toEqual([]);
    expect(c.node("n1").role).toBe("master");
    expect(c.sim.timeline.some((e) => e.kind === "election")).toBe(false);
  });

  it("does not count reports from replicas", () => {
    const c = new Cluster({ seed: 3 });
    c.run(2000);
    for (const r of ["n4", "n5", "n6"]) c.apply({ type: "cut", from: "n1", to: r });
    c.run(20_000);
    expect(["n4", "n5", "n6"].every((r) => c.node(r).peers.get("n1")?.pfail)).toBe(true);
    expect(failedEvents(c)).toEqual([]);
  });

  it("marks FAIL once a majority of masters (2 of 3) report it, and every node learns it from the broadcast", () => {
    const c = new Cluster({ seed: 4 });
    c.run(2000);
    c.apply({ type: "cut", from: "n1", to: "n2" });
    c.run(10_000);
    expect(failedEvents(c)).toEqual([]);
    c.apply({ type: "cut", from: "n1", to: "n3" });
    while (failedEvents(c).length === 0 && c.now < 30_000) c.run(1);
    expect(failedEvents(c).length).toBe(1);
    // The FAIL broadcast reaches every node at once (one hop), before anyone acts on it.
    c.run(5);
    for (const id of ["n2", "n3", "n4", "n5", "n6"]) expect(c.node(id).peers.get("n1")?.fail, id).toBe(true);
    c.run(5000);
    expect(c.sim.timeline.filter((e) => e.kind === "leader").map((e) => e.node)).toEqual(["n4"]);
  });

  it("lets a master cut off from the majority stop serving (CLUSTERDOWN) after the node timeout", () => {
    const c = new Cluster({ seed: 5 });
    c.run(2000);
    c.apply({ type: "partition", groups: [["n1"], ["n2", "n3", "n4", "n5", "n6"]] });
    c.run(8000);
    expect(c.node("n1").clusterOk).toBe(false);
    const answer = c.write("n1", "hello", "late"); // slot 866: n1's own
    expect(answer.type).toBe("fail");
    expect(answer.type === "fail" && answer.error).toMatch(/^CLUSTERDOWN/);
  });
});
