// ReadIndex (Raft thesis §6.4, etcd ReadOnlySafe): a read is released only after a heartbeat round that a
// quorum answered, at the commit index the leader had when the read arrived.

import { describe, expect, it } from "vitest";
import { ERR_NO_LEADER } from "../../../shared/raft";
import { clusterOf, elect } from "./raft-network";

describe("ReadIndex", () => {
  it("the leader releases a read at its commit index after a quorum answers a heartbeat", () => {
    const net = clusterOf(["n1", "n2", "n3"]);
    elect(net, "n1");
    net.on("n1", (r) => r.readIndex("r1"));
    expect(net.readStates.get("n1")).toEqual([{ index: net.node("n1").log.committed, context: "r1" }]);
    expect(net.delivered.some((m) => m.type === "MsgHeartbeat" && m.context === "r1")).toBe(true);
  });

  it("an isolated leader cannot release a read", () => {
    const net = clusterOf(["n1", "n2", "n3"]);
    elect(net, "n1");
    net.isolate("n1");
    net.on("n1", (r) => r.readIndex("r1"));
    net.tick("n1", 5);
    expect(net.readStates.get("n1")).toEqual([]);
  });

  it("a follower forwards the read and gets the leader's read index back", () => {
    const net = clusterOf(["n1", "n2", "n3"]);
    elect(net, "n1");
    net.on("n2", (r) => r.readIndex("r2"));
    expect(net.readStates.get("n2")).toEqual([{ index: net.node("n1").log.committed, context: "r2" }]);
  });

  it("a follower with no leader refuses the read at once", () => {
    const net = clusterOf(["n1", "n2", "n3"]);
    expect(net.on("n2", (r) => r.readIndex("r"))).toBe(ERR_NO_LEADER);
  });

  it("a new leader holds reads until it has committed an entry of its own term", () => {
    const net = clusterOf(["n1", "n2", "n3"]);
    net.drop((m) => m.type === "MsgApp");
    elect(net, "n1");
    net.on("n1", (r) => r.readIndex("early"));
    net.tick("n1", 2);
    expect(net.readStates.get("n1")).toEqual([]);
    net.heal();
    net.tick("n1", 1);
    const n1 = net.node("n1");
    expect(n1.log.term(n1.log.committed)).toBe(n1.term);
    expect(net.readStates.get("n1")).toEqual([{ index: n1.log.committed, context: "early" }]);
  });
});
