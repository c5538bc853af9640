// Single-voter membership changes: a ConfChange entry takes effect when applied, one at a time; a removed
// leader steps down.

import { describe, expect, it } from "vitest";
import { ERR_CONF_PENDING, Raft } from "../../../shared/raft";
import { clusterOf, elect, testConfig } from "./raft-network";

describe("membership changes", () => {
  it("adds a voter: the new node starts empty, receives the whole log and applies its own addition", () => {
    const net = clusterOf(["n1", "n2", "n3"]);
    elect(net, "n1");
    net.add(new Raft(testConfig("n4")));
    expect(net.on("n1", (r) => r.propose({ change: "add", node: "n4" }, "conf"))).toBeUndefined();
    expect(net.node("n1").conf.voters).toEqual(["n1", "n2", "n3", "n4"]);
    net.tickAll(2);
    const n4 = net.node("n4");
    expect(n4.log.all()).toEqual(net.node("n1").log.all());
    expect(n4.conf.voters).toEqual(["n1", "n2", "n3", "n4"]);
    expect(net.events.get("n1")?.some((e) => e.kind === "conf-applied" && e.asLeader)).toBe(true);
    // Four voters: a quorum is three, so the leader with one follower cannot commit.
    net.isolate("n3");
    net.isolate("n4");
    const before = net.node("n1").log.committed;
    net.on("n1", (r) => r.propose("x"));
    expect(net.node("n1").log.committed).toBe(before);
  });

  it("takes effect when applied, not when appended", () => {
    const net = clusterOf(["n1", "n2", "n3"]);
    elect(net, "n1");
    net.isolate("n1");
    net.on("n1", (r) => r.propose({ change: "add", node: "n4" }, "conf"));
    expect(net.node("n1").log.lastTerm()).toBe(net.node("n1").term);
    expect(net.node("n1").log.entry(net.node("n1").log.lastIndex())?.type).toBe("conf");
    expect(net.node("n1").conf.voters).toEqual(["n1", "n2", "n3"]);
    // A second change must wait for the first to be applied.
    expect(net.on("n1", (r) => r.propose({ change: "remove", node: "n2" }, "conf"))).toBe(ERR_CONF_PENDING);
    net.heal();
    net.tickAll(1);
    expect(net.node("n1").conf.voters).toEqual(["n1", "n2", "n3", "n4"]);
    expect(net.on("n1", (r) => r.propose({ change: "remove", node: "n2" }, "conf"))).toBeUndefined();
  });

  it("removes a follower: the quorum shrinks and the cluster commits without it", () => {
    const net = clusterOf(["n1", "n2", "n3"]);
    elect(net, "n1");
    net.on("n1", (r) => r.propose({ change: "remove", node: "n3" }, "conf"));
    expect(net.node("n1").conf.voters).toEqual(["n1", "n2"]);
    net.isolate("n3");
    net.on("n1", (r) => r.propose("after"));
    expect(net.node("n1").log.committed).toBe(net.node("n1").log.lastIndex());
  });

  it("removes the leader: it steps down and never campaigns again; the others elect a new leader", () => {
    const net = clusterOf(["n1", "n2", "n3"]);
    elect(net, "n1");
    net.on("n1", (r) => r.propose({ change: "remove", node: "n1" }, "conf"));
    const n1 = net.node("n1");
    expect(n1.state).toBe("follower");
    expect(n1.promotable()).toBe(false);
    expect(net.events.get("n1")?.some((e) => e.kind === "step-down")).toBe(true);
    net.tickAll(40);
    const leaders = net.leaders();
    expect(leaders).toHaveLength(1);
    expect(leaders[0]).not.toBe("n1");
    expect(net.node(leaders[0]).conf.voters).toEqual(["n2", "n3"]);
  });

  it("refuses changes that make no sense, saying why", () => {
    const net = clusterOf(["n1", "n2", "n3"]);
    elect(net, "n1");
    expect(net.on("n1", (r) => r.propose({ change: "add", node: "n2" }, "conf"))).toBe("n2 is already a member");
    expect(net.on("n1", (r) => r.propose({ change: "remove", node: "n7" }, "conf"))).toBe("n7 is not a member");
    net.on("n1", (r) => r.propose({ change: "remove", node: "n3" }, "conf"));
    expect(net.on("n1", (r) => r.propose({ change: "add", node: "n3" }, "conf"))).toMatch(/cannot rejoin/);
  });
});
