// Leadership transfer (Raft thesis §3.10, etcd's MsgTransferLeader / MsgTimeoutNow).

import { describe, expect, it } from "vitest";
import { ERR_TRANSFERRING } from "../../../shared/raft";
import { clusterOf, elect } from "./raft-network";

describe("leadership transfer", () => {
  it("hands leadership to an up-to-date follower at once, cutting through the other followers' lease", () => {
    const net = clusterOf(["n1", "n2", "n3"]);
    elect(net, "n1");
    net.tickAll(3);
    const term = net.node("n1").term;
    net.on("n1", (r) => r.transferLeader("n2"));
    expect(net.leaders()).toEqual(["n2"]);
    expect(net.node("n2").term).toBe(term + 1);
    // n3 heard from n1 moments ago (it is in the lease), yet it voted: the request came from a transfer.
    expect(net.node("n3").vote).toBe("n2");
    expect(net.delivered.some((m) => m.type === "MsgTimeoutNow" && m.to === "n2")).toBe(true);
    // No pre-vote: the transferee campaigns directly.
    expect(net.delivered.some((m) => m.type === "MsgPreVote" && m.from === "n2")).toBe(false);
  });

  it("catches a lagging transferee up before telling it to campaign", () => {
    const net = clusterOf(["n1", "n2", "n3"]);
    elect(net, "n1");
    net.isolate("n3");
    for (let i = 0; i < 5; i++) net.on("n1", (r) => r.propose(`v${i}`));
    const last = net.node("n1").log.lastIndex();
    net.heal();
    net.on("n1", (r) => r.transferLeader("n3"));
    expect(net.leaders()).toEqual(["n3"]);
    expect(net.node("n3").log.entry(last)?.data).toBe("v4");
    const timeoutNow = net.delivered.findIndex((m) => m.type === "MsgTimeoutNow");
    const lastAppend = net.delivered.findIndex((m) => m.type === "MsgAppResp" && m.from === "n3" && m.index === last);
    expect(lastAppend).toBeGreaterThanOrEqual(0);
    expect(timeoutNow).toBeGreaterThan(lastAppend);
  });

  it("a follower forwards the request to its leader", () => {
    const net = clusterOf(["n1", "n2", "n3"]);
    elect(net, "n1");
    net.on("n3", (r) => r.transferLeader("n3"));
    expect(net.leaders()).toEqual(["n3"]);
  });

  it("the leader refuses proposals while transferring, and gives up after an election timeout", () => {
    const net = clusterOf(["n1", "n2", "n3"]);
    elect(net, "n1");
    net.cut("n1", "n3");
    net.on("n1", (r) => r.transferLeader("n3"));
    expect(net.node("n1").leadTransferee).toBe("n3");
    expect(net.on("n1", (r) => r.propose("x"))).toBe(ERR_TRANSFERRING);
    net.tick("n1", 10);
    expect(net.node("n1").leadTransferee).toBe("");
    expect(net.leaders()).toEqual(["n1"]);
    expect(net.on("n1", (r) => r.propose("x"))).toBeUndefined();
  });

  it("a transfer to a non-member or to the leader itself does nothing", () => {
    const net = clusterOf(["n1", "n2", "n3"]);
    elect(net, "n1");
    net.on("n1", (r) => r.transferLeader("n9"));
    net.on("n1", (r) => r.transferLeader("n1"));
    expect(net.leaders()).toEqual(["n1"]);
    expect(net.node("n1").leadTransferee).toBe("");
  });
});
