// InvariantView.changed lets a system check only the nodes that moved. That is only sound if the kernel never
// leaves out a node that changed, so this is what is checked here, against the nodes' own state after every round.

import { describe, expect, it } from "vitest";
import type { Invariant, InvariantView, NodeId } from "../../../shared/sim/types";
import { type EchoNode, echoSim, echoSystem } from "./echo-system";

interface Round {
  changed: readonly NodeId[] | undefined;
  copy: NodeId[];
}

/** Records every round's `changed` list, and every node that moved without being named in it. */
function watcher() {
  const rounds: Round[] = [];
  const unnamed: string[] = [];
  const last = new Map<NodeId, string>();
  const machines = new WeakMap<EchoNode, number>();
  const stateOf = (view: InvariantView, id: NodeId): string => {
    const n = view.node(id) as EchoNode | undefined;
    if (!n) return "absent";
    // The machine itself (a restart makes a new one), whether it is up, and everything it has done.
    if (!machines.has(n)) machines.set(n, rounds.length);
    return JSON.stringify([machines.get(n), view.isUp(id), n.count, n.store, n.received.length, n.timerFires.length, n.clockReadings.length]);
  };
  const invariant: Invariant = {
    name: "changed-names-every-moved-node",
    check(view) {
      const changed = view.changed;
      rounds.push({ changed, copy: [...(changed ?? [])] });
      const ids = new Set([...view.nodes, ...last.keys()]);
      for (const id of ids) {
        const now = stateOf(view, id);
        if (last.get(id) !== now && !changed?.includes(id)) unnamed.push(`round ${rounds.length} at ${view.now} ms: ${id} changed but was not named`);
        last.set(id, now);
      }
      return [];
    },
  };
  return { invariant, rounds, unnamed };
}

describe("InvariantView.changed", () => {
  it("names every node that moved since the last round, through traffic, timers, clients, faults and membership", () => {
    const w = watcher();
    const { sim } = echoSim({
      system: echoSystem(() => [w.invariant]),
      nodes: ["n1", "n2", "n3", "n4"],
      echo: { tickMs: 40, tickJitterMs: 15, slowMs: 25 },
      network: { latencyMs: 3, jitterMs: 2, duplicate: 0.05 },
    });
    sim.startWorkload({ clients: 3, rate: 20, keys: ["a", "b"], mix: { read: 1, write: 1, slow: 1 }, timeoutMs: 300 });
    sim.runUntil(500);
    sim.apply({ type: "crash", node: "n2" });
    sim.runUntil(800);
    sim.apply({ type: "action", action: { type: "add", node: "n5" } });
    sim.apply({ type: "action", action: { type: "send", node: "n5", to: "n1", n: 2 } });
    sim.runUntil(1100);
    sim.apply({ type: "restart", node: "n2" });
    sim.apply({ type: "action", action: { type: "remove", node: "n3" } });
    sim.apply({ type: "action", action: { type: "clock", node: "n4" } });
    sim.runUntil(2000);
    expect(w.rounds.length).toBeGreaterThan(500);
    expect(w.unnamed).toEqual([]);
    // Usually one node moves at a time; the list is what moved, not every node.
    const single = w.rounds.filter((r) => r.copy.length <= 1).length;
    expect(single / w.rounds.length).toBeGreaterThan(0.9);
  });

  it("names exactly the node a message was delivered to, and a crashed or restarted node", () => {
    const w = watcher();
    const { sim } = echoSim({ system: echoSystem(() => [w.invariant]), network: { latencyMs: 10, jitterMs: 0 } });
    sim.apply({ type: "action", action: { type: "send", node: "n1", to: "n2" } });
    expect(w.rounds.at(-1)?.copy).toEqual(["n1"]);
    sim.runUntil(10);
    expect(w.rounds.at(-1)?.copy).toEqual(["n2"]);
    sim.apply({ type: "crash", node: "n3" });
    expect(w.rounds.at(-1)?.copy).toEqual(["n3"]);
    sim.apply({ type: "heal" });
    expect(w.rounds.at(-1)?.copy).toEqual([]);
    sim.apply({ type: "restart", node: "n3" });
    expect(w.rounds.at(-1)?.copy).toEqual(["n3"]);
  });

  it("never changes a list once a round has seen it", () => {
    const w = watcher();
    const { sim } = echoSim({ system: echoSystem(() => [w.invariant]), echo: { tickMs: 20 } });
    sim.runUntil(300);
    sim.apply({ type: "crash", node: "n1" });
    sim.runUntil(600);
    for (const r of w.rounds) expect(r.changed === undefined ? [] : [...r.changed]).toEqual(r.copy);
  });
});
