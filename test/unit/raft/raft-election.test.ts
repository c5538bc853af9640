// Elections in the pure core: randomized timeouts, PreVote, CheckQuorum and its lease, and the answer to a
// stale leader. Each test stages a situation on a tiny deterministic network and checks what etcd guarantees.

import { describe, expect, it } from "vitest";
import { Raft } from "../../../shared/raft";
import { clusterOf, elect, RaftNetwork, storageOf, testConfig } from "./raft-network";

describe("election timeout", () => {
  it("is drawn uniformly from [ET, 2·ET−1] ticks and re-drawn on becomeFollower and becomeCandidate", () => {
    let draw = 0;
    const r = new Raft(testConfig("n1", { randomInt: (n) => draw++ % n }), storageOf(["n1", "n2", "n3"], [1], 1, 1));
    const seen = new Set<number>();
    for (let i = 0; i < 20; i++) {
      if (i % 2 === 0) r.becomeFollower(r.term + 1, "");
      else r.becomeCandidate();
      seen.add(r.randomizedElectionTimeout);
    }
    expect([...seen].sort((a, b) => a - b)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
  });

  it("a follower that hears nothing campaigns after exactly its randomized timeout", () => {
    const r = new Raft(testConfig("n1"), storageOf(["n1", "n2", "n3"], [1], 1, 1));
    const timeout = r.randomizedElectionTimeout;
    for (let i = 1; i < timeout; i++) {
      r.tick();
      expect(r.state).toBe("follower");
    }
    r.tick();
    expect(r.state).toBe("pre-candidate");
    // The pre-vote asks about term 2 without moving the node's own term.
    expect(r.term).toBe(1);
    const msgs = r.ready().msgs;
    expect(msgs.map((m) => [m.type, m.to, m.term])).toEqual([
      ["MsgPreVote", "n2", 2],
      ["MsgPreVote", "n3", 2],
    ]);
  });

  it("a node outside the configuration never campaigns", () => {
    const r = new Raft(testConfig("n9"), storageOf(["n1", "n2", "n3"], [1], 1, 1));
    for (let i = 0; i < 100; i++) r.tick();
    expect(r.state).toBe("follower");
    expect(r.term).toBe(1);
  });
});

describe("elections on a network", () => {
  it("a three-node cluster elects one leader, through a pre-vote and then a vote at term + 1", () => {
    const net = clusterOf(["n1", "n2", "n3"]);
    net.tickAll(25);
    expect(net.leaders()).toHaveLength(1);
    const leader = net.node(net.leaders()[0]);
    expect(leader.term).toBe(2);
    for (const id of ["n1", "n2", "n3"]) expect(net.node(id).lead).toBe(leader.id);
    // The bootstrap log holds one conf entry per member (term 1); the leader's empty entry follows it and is
    // committed everywhere.
    for (const id of ["n1", "n2", "n3"]) expect(net.node(id).log.all().map((e) => e.term)).toEqual([1, 1, 1, 2]);
    for (const id of ["n1", "n2", "n3"]) expect(net.node(id).log.committed).toBe(4);
  });

  it("a candidate whose log is behind cannot win", () => {
    const net = new RaftNetwork();
    const voters = ["n1", "n2", "n3"];
    net.add(new Raft(testConfig("n1"), storageOf(voters, [1], 2, 1)));
    net.add(new Raft(testConfig("n2"), storageOf(voters, [1, 2], 2, 1)));
    net.add(new Raft(testConfig("n3"), storageOf(voters, [1, 2], 2, 1)));
    net.on("n1", (r) => r.campaignNow());
    expect(net.node("n1").state).not.toBe("leader");
    expect(net.node("n1").term).toBe(2);
  });
});

describe("PreVote", () => {
  it("a partitioned node that rejoins does not bump the term or depose the leader", () => {
    const net = clusterOf(["n1", "n2", "n3"]);
    elect(net, "n1");
    const term = net.node("n1").term;
    net.isolate("n3");
    net.tickAll(100);
    expect(net.node("n3").term).toBe(term);
    net.heal();
    net.tickAll(30);
    expect(net.leaders()).toEqual(["n1"]);
    expect(net.node("n1").term).toBe(term);
    expect(net.node("n3").state).toBe("follower");
    expect(net.node("n3").lead).toBe("n1");
  });

  it("without PreVote the same rejoining node does depose the leader (what PreVote prevents)", () => {
    const net = clusterOf(["n1", "n2", "n3"], { preVote: false });
    elect(net, "n1");
    const term = net.node("n1").term;
    net.isolate("n3");
    net.tickAll(100);
    expect(net.node("n3").term).toBeGreaterThan(term + 2);
    net.heal();
    net.tickAll(30);
    // The stale leader is answered at n3's higher term and steps down; the cluster moves to a new term.
    expect(net.node("n1").term).toBeGreaterThan(term);
  });

  it("a pre-vote that fails leaves the candidate's term unchanged and it becomes a follower again", () => {
    const net = new RaftNetwork();
    const voters = ["n1", "n2", "n3"];
    net.add(new Raft(testConfig("n1"), storageOf(voters, [1], 2, 1)));
    net.add(new Raft(testConfig("n2"), storageOf(voters, [1, 2], 2, 1)));
    net.add(new Raft(testConfig("n3"), storageOf(voters, [1, 2], 2, 1)));
    net.on("n1", (r) => r.campaignNow());
    expect(net.node("n1").state).toBe("follower");
    expect(net.node("n1").term).toBe(2);
    expect(net.events.get("n1")?.some((e) => e.kind === "pre-vote-failed")).toBe(true);
  });
});

describe("CheckQuorum", () => {
  it("an isolated leader steps down at the first quorum check that finds a whole silent period", () => {
    const net = clusterOf(["n1", "n2", "n3"]);
    elect(net, "n1");
    net.isolate("n1");
    // The check runs every election timeout (10 ticks). At tick 10 the followers were heard from during the
    // period (they voted and acknowledged); at tick 20 nobody was, so the leader steps down.
    net.tick("n1", 19);
    expect(net.node("n1").state).toBe("leader");
    net.tick("n1", 1);
    expect(net.node("n1").state).toBe("follower");
    expect(net.events.get("n1")?.some((e) => e.kind === "step-down")).toBe(true);
    net.tick("n2", 40);
    net.tick("n3", 40);
    const newLeaders = net.leaders();
    expect(newLeaders).toHaveLength(1);
    expect(newLeaders[0]).not.toBe("n1");
  });

  it("a leader that hears from a quorum stays leader", () => {
    const net = clusterOf(["n1", "n2", "n3"]);
    elect(net, "n1");
    net.isolate("n3");
    net.tickAll(50);
    expect(net.leaders()).toEqual(["n1"]);
  });

  it("a follower in its leader's lease ignores a higher-term vote request, unless it comes from a transfer", () => {
    const net = clusterOf(["n1", "n2", "n3"]);
    elect(net, "n1");
    const n2 = net.node("n2");
    const term = n2.term;
    n2.step({ type: "MsgVote", from: "n3", to: "n2", term: term + 5, logTerm: 99, index: 99 });
    expect(n2.term).toBe(term);
    expect(n2.ready().msgs).toEqual([]);
    n2.step({ type: "MsgVote", from: "n3", to: "n2", term: term + 5, logTerm: 99, index: 99, context: "transfer" });
    expect(n2.term).toBe(term + 5);
    expect(n2.vote).toBe("n3");
  });

  it("a stale leader's append is answered at the higher term, and that answer makes it step down", () => {
    const net = clusterOf(["n1", "n2", "n3"]);
    elect(net, "n1");
    const n1 = net.node("n1");
    const n2 = net.node("n2");
    n2.becomeFollower(n1.term + 3, "");
    n2.ready();
    n2.step({ type: "MsgHeartbeat", from: "n1", to: "n2", term: n1.term, commit: 0 });
    const [answer] = n2.ready().msgs;
    expect(answer).toMatchObject({ type: "MsgAppResp", to: "n1", term: n1.term + 3 });
    n1.step(answer);
    expect(n1.state).toBe("follower");
    expect(n1.term).toBe(n2.term);
  });
});
