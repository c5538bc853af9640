// Random fault schedules once found hard, pinned as named scenarios (inputs and their times, so they keep their
// meaning when the generator in chaos.ts changes). All are clusters without PreVote in which a member with a stale
// log kept starting elections after the network healed: each election raised the term and reset the others'
// timers (etcd resets them on any higher term), so the member with the longest log had to time out first, a coin
// flip per round. Raft promises a leader eventually, not within a bound: the fuzz's recovery window grew from 5 s
// to 10 s (176, 509, 966), and to 30 s for clusters without PreVote (662, which needed 10.1 s).
// 176, 509 and 966 were found when an action that could not see the nodes went through any member; every action now
// takes the one path that checks it against the leader first, so some of their inputs are refused (176's last
// transfer; 966's transfers, its second addition and the partitions that name that member). They keep their inputs
// and assert the same guarantees.

import { describe, expect, it } from "vitest";
import { checkHistory } from "../../../shared/checkers";
import { ActionError, type SimInput, Simulation } from "../../../shared/sim";
import { etcd } from "../../../shared/systems/etcd";

interface Scenario {
  nodes: number;
  latencyMs: number;
  jitterMs: number;
  loss: number;
  duplicate: number;
  preVote: boolean;
  seed: number;
  inputs: (SimInput & { t: number })[];
}

const WORKLOAD = { clients: 3, rate: 10, keys: ["k1", "k2", "k3"], mix: { read: 2, write: 2, cas: 1 }, timeoutMs: 1500 };
const HEALED_AT = 15_000;

function play(s: Scenario): Simulation {
  const sim = new Simulation({
    system: etcd,
    nodes: Array.from({ length: s.nodes }, (_, i) => `n${i + 1}`),
    config: { preVote: s.preVote },
    network: { latencyMs: s.latencyMs, jitterMs: s.jitterMs, loss: s.loss, duplicate: s.duplicate },
    seed: s.seed,
  });
  sim.startWorkload(WORKLOAD);
  for (const { t, ...input } of s.inputs) {
    sim.runUntil(t);
    try {
      sim.apply(input as SimInput);
    } catch (e) {
      if (!(e instanceof ActionError)) throw e;
    }
  }
  sim.runUntil(HEALED_AT);
  sim.apply({ type: "heal" });
  sim.apply({ type: "duplicate", rate: 0 });
  for (const n of sim.nodes) {
    if (!sim.isUp(n)) sim.apply({ type: "restart", node: n });
    for (const m of sim.nodes) if (m !== n) sim.apply({ type: "loss", from: n, to: m, rate: 0, oneWay: true });
  }
  sim.runUntil(HEALED_AT + 10_000);
  // As in the fuzz: clusters without PreVote get longer to settle their duelling elections.
  while (!s.preVote && sim.summarize().leader === null && sim.now < HEALED_AT + 30_000) sim.runUntil(sim.now + 500);
  return sim;
}

function expectSafeAndLive(sim: Simulation): void {
  for (const inv of sim.invariantReport()) expect(inv, inv.first).toMatchObject({ ok: true });
  expect(sim.summarize().leader).not.toBeNull();
  const lin = checkHistory(sim.history);
  expect(lin.status, lin.explanation).not.toBe("violation");
}

describe("pinned fault schedules", () => {
  it("seed 662: a two-member cluster whose behind member keeps campaigning recovers once the other times out first", () => {
    const sim = play({
      nodes: 3, latencyMs: 1, jitterMs: 4, loss: 0.01, duplicate: 0.02, preVote: false, seed: 662,
      inputs: [
        { t: 2978, type: "action", action: { type: "remove-member", node: "n3" } },
        { t: 5349, type: "partition", groups: [["n2"]] },
        { t: 5654, type: "loss", from: "n1", to: "n2", rate: 0.5 },
        { t: 6902, type: "action", action: { type: "timeout", node: "n2" } },
        { t: 6964, type: "action", action: { type: "remove-member", node: "n1" } },
        { t: 9796, type: "crash", node: "n2" },
        { t: 13288, type: "crash", node: "n1" },
      ],
    });
    expectSafeAndLive(sim);
    expect(sim.summarize().leader).toBe("n2");
  });

  it("seed 176: a removed member and a one-way cut leave two stale candidates; the cluster still recovers", () => {
    expectSafeAndLive(
      play({
        nodes: 5, latencyMs: 10, jitterMs: 2, loss: 0, duplicate: 0.02, preVote: false, seed: 176,
        inputs: [
          { t: 580, type: "crash", node: "n5" },
          { t: 1695, type: "cut", from: "n3", to: "n1", oneWay: true },
          { t: 2854, type: "cut", from: "n3", to: "n4", oneWay: false },
          { t: 3115, type: "latency", from: "n3", to: "n2", ms: 200 },
          { t: 7040, type: "restart", node: "n5" },
          { t: 7411, type: "partition", groups: [["n3"], ["n1", "n5", "n4", "n2"]] },
          { t: 7790, type: "partition", groups: [["n5", "n2"], ["n3", "n4", "n1"]] },
          { t: 8129, type: "cut", from: "n2", to: "n1", oneWay: false },
          { t: 8213, type: "partition", groups: [["n2"], ["n4", "n3", "n1", "n5"]] },
          { t: 8585, type: "action", action: { type: "remove-member", node: "n2" } },
          { t: 9185, type: "partition", groups: [["n1", "n5", "n2"], ["n4", "n3"]] },
          { t: 14357, type: "action", action: { type: "transfer-leader", to: "n3" } },
        ],
      }),
    );
  });

  it("seed 509: the leader applied a removal its follower had not; the follower's stale elections delay recovery", () => {
    expectSafeAndLive(
      play({
        nodes: 3, latencyMs: 12, jitterMs: 3, loss: 0.05, duplicate: 0.02, preVote: false, seed: 509,
        inputs: [
          { t: 2245, type: "action", action: { type: "remove-member", node: "n3" } },
          { t: 3986, type: "cut", from: "n2", to: "n1", oneWay: false },
          { t: 5893, type: "heal" },
          { t: 6839, type: "cut", from: "n3", to: "n1", oneWay: true },
          { t: 8736, type: "partition", groups: [["n1"], ["n2", "n3"]] },
          { t: 9713, type: "partition", groups: [["n3", "n2"], ["n1"]] },
          { t: 12110, type: "partition", groups: [["n3"], ["n1", "n2"]] },
          { t: 13129, type: "action", action: { type: "timeout", node: "n2" } },
          { t: 13550, type: "crash", node: "n3" },
        ],
      }),
    );
  });

  it("seed 966: a member added, then partitions; transfers and a second addition refused for want of a leader; it recovers", () => {
    expectSafeAndLive(
      play({
        nodes: 3, latencyMs: 13, jitterMs: 0, loss: 0.01, duplicate: 0, preVote: false, seed: 966,
        inputs: [
          { t: 2472, type: "action", action: { type: "add-member", node: "n4" } },
          { t: 4240, type: "partition", groups: [["n1", "n3"], ["n4", "n2"]] },
          { t: 8119, type: "action", action: { type: "transfer-leader", to: "n3" } },
          { t: 9459, type: "action", action: { type: "timeout", node: "n3" } },
          { t: 9553, type: "action", action: { type: "add-member", node: "n5" } },
          { t: 10792, type: "action", action: { type: "transfer-leader", to: "n4" } },
          { t: 11195, type: "partition", groups: [["n4", "n3", "n5"], ["n1", "n2"]] },
          { t: 11215, type: "crash", node: "n1" },
          { t: 11255, type: "heal" },
          { t: 12375, type: "partition", groups: [["n4", "n2", "n5", "n3"], ["n1"]] },
          { t: 12601, type: "restart", node: "n1" },
        ],
      }),
    );
  });
});
