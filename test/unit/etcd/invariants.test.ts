// The five safety checks must notice a violation, not just stay quiet on a correct run: here each is shown a
// cluster state that breaks its property, made by hand from real members.

import { describe, expect, it } from "vitest";
import type { InvariantView } from "../../../shared/sim";
import { ETCD_DEFAULTS, EtcdNode, raftSafetyInvariants } from "../../../shared/systems/etcd";
import type { Entry } from "../../../shared/systems/etcd/raft";

const IDS = ["n1", "n2", "n3"];

function cluster(): Map<string, EtcdNode> {
  return new Map(IDS.map((id) => [id, new EtcdNode(id, ETCD_DEFAULTS, undefined, IDS)]));
}

function viewOf(nodes: Map<string, EtcdNode>): InvariantView {
  return { now: 0, nodes: [...nodes.keys()], isUp: () => true, node: (id) => nodes.get(id) };
}

function check(name: string) {
  const inv = raftSafetyInvariants().find((i) => i.name === name);
  if (!inv) throw new Error(`no invariant ${name}`);
  return inv;
}

function lead(n: EtcdNode): void {
  n.raft.becomeCandidate();
  n.raft.becomeLeader();
}

/** Replaces a member's log from `index` on with entries of `term` (as a buggy follower or leader might). */
function overwrite(n: EtcdNode, index: number, term: number, data: string): void {
  const e: Entry = { term, index, type: "normal", data };
  n.raft.log.append([e]);
}

describe("Raft safety invariants", () => {
  it("all five hold on a freshly bootstrapped cluster", () => {
    const view = viewOf(cluster());
    for (const inv of raftSafetyInvariants()) expect(inv.check(view), inv.name).toEqual([]);
  });

  it("election safety: two leaders of one term", () => {
    const nodes = cluster();
    const inv = check("election-safety");
    lead(nodes.get("n1") as EtcdNode);
    expect(inv.check(viewOf(nodes))).toEqual([]);
    lead(nodes.get("n2") as EtcdNode);
    expect(inv.check(viewOf(nodes))).toEqual(["n1 and n2 were both elected leader in term 2"]);
    // Reported once, not after every event.
    expect(inv.check(viewOf(nodes))).toEqual([]);
  });

  it("leader append-only: a leader that loses an entry of its own log", () => {
    const nodes = cluster();
    const n1 = nodes.get("n1") as EtcdNode;
    const inv = check("leader-append-only");
    lead(n1);
    n1.raft.propose("x");
    expect(inv.check(viewOf(nodes))).toEqual([]);
    overwrite(n1, n1.raft.log.lastIndex(), n1.raft.term, "y");
    expect(inv.check(viewOf(nodes))[0]).toMatch(/n1, leader of term 2, overwrote or deleted entries at or before index 5/);
  });

  it("log matching: the same index and term holding different entries", () => {
    const nodes = cluster();
    const inv = check("log-matching");
    overwrite(nodes.get("n1") as EtcdNode, 4, 2, "a");
    overwrite(nodes.get("n2") as EtcdNode, 4, 2, "b");
    expect(inv.check(viewOf(nodes))).toEqual(["n1 and n2 hold different entries at index 4 with the same term 2"]);
  });

  it("leader completeness: a new leader without a committed entry", () => {
    const nodes = cluster();
    const inv = check("leader-completeness");
    const n1 = nodes.get("n1") as EtcdNode;
    overwrite(n1, 4, 1, "committed");
    n1.raft.log.commitTo(4);
    expect(inv.check(viewOf(nodes))).toEqual([]);
    const n2 = nodes.get("n2") as EtcdNode;
    n2.raft.becomeFollower(1, "");
    lead(n2);
    expect(inv.check(viewOf(nodes))[0]).toMatch(/n2, leader of term 2, lacks entry 4, committed in term 1/);
  });

  it("state machine safety: two members applying different entries at one index", () => {
    const nodes = cluster();
    const inv = check("state-machine-safety");
    for (const [id, data] of [["n1", "a"], ["n2", "b"]] as const) {
      const n = nodes.get(id) as EtcdNode;
      overwrite(n, 4, 1, data);
      n.raft.log.commitTo(4);
      n.raft.log.appliedTo(4);
    }
    expect(inv.check(viewOf(nodes))).toEqual(["n1 and n2 applied different entries at index 4"]);
  });
});
