// The five safety checks must notice a violation, not just stay quiet on a correct run: here each is shown a
// cluster state that breaks its property, made by hand from real members, and one is broken inside a running
// simulation, where the checks look only at the members the kernel says have moved.

import { describe, expect, it } from "vitest";
import { type InvariantView, type Message, type NodeContext, Simulation, type SystemDefinition } from "../../../shared/sim";
import { ETCD_DEFAULTS, EtcdNode, etcd, parseEtcdConfig, raftSafetyInvariants } from "../../../shared/systems/etcd";
import type { Entry } from "../../../shared/raft";
import { leaderOf, runUntilTrue } from "./sim-harness";

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

  it("catch a member that breaks Raft inside its own handler, on the running kernel", () => {
    // A member that, when told to, declares itself leader of the given term without winning it.
    class Usurper extends EtcdNode {
      override onCommand(ctx: NodeContext, command: Message): void {
        if (command.kind !== "usurp") return super.onCommand(ctx, command);
        this.raft.becomeFollower((command.term as number) - 1, "");
        this.raft.becomeCandidate();
        this.raft.becomeLeader();
      }
    }
    const broken: SystemDefinition = {
      ...etcd,
      createNode: (id, config, durable, members) => new Usurper(id, parseEtcdConfig(config), durable as undefined, members),
      applyAction: (host, action) => (action.type === "usurp" ? host.command(action.node as string, { kind: "usurp", term: action.term }) : etcd.applyAction(host, action)),
    };
    const sim = new Simulation({ system: broken, nodes: IDS, network: { latencyMs: 2, jitterMs: 1 }, seed: 4 });
    expect(runUntilTrue(sim, () => leaderOf(sim) !== null, 5000, 10)).not.toBeNull();
    sim.runUntil(sim.now + 500);
    const leader = leaderOf(sim) as string;
    const term = sim.summarize().term as number;
    expect(sim.invariantReport().every((i) => i.ok)).toBe(true);
    const usurper = IDS.find((id) => id !== leader) as string;
    sim.apply({ type: "action", action: { type: "usurp", node: usurper, term } });
    const election = sim.invariantReport().find((i) => i.name === "election-safety");
    expect(election).toMatchObject({ ok: false, violations: 1, first: `${leader} and ${usurper} were both elected leader in term ${term}` });
  });
});
