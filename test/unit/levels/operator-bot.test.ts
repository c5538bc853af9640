// The operator bot replaces failed members the way etcd's runbook does (remove the dead member, then add a new one
// under a fresh name), at a person's pace, only while nobody holds the operator seat; and the round's view of the
// cluster follows the membership, so "@down" never names a member that is already gone.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { POLL_MS, REACT_MS, STEP_MS } from "../../../shared/levels/bots/operator-bot";
import { parseLevelText } from "../../../shared/levels/load";
import { resolveNode } from "../../../shared/levels/node-ref";
import { Round, type RoundInput } from "../../../shared/levels/round";
import type { Level } from "../../../shared/levels/schema";
import { Rng } from "../../../shared/sim/rng";

const FILE = "levels/etcd/leader-election.json";
const level = parseLevelText(readFileSync(FILE, "utf8"), FILE);
const chaosRole = level.roles.chaos;
if (!chaosRole) throw new Error(`${FILE} has no chaos role`);

/** The level with no script and a chaos plan that crashes three members, 6 s apart: more than 5 members can lose. */
const threeCrashes: Level = {
  ...level,
  script: [],
  objectives: [{ id: "hold", type: "survive" }],
  lose: [{ id: "no-leader", type: "no-leader-for", ms: 8000 }],
  roles: {
    ...level.roles,
    chaos: {
      ...chaosRole,
      budget: 3,
      plan: [
        { at: 6000, action: { type: "crash", node: "@follower" } },
        { at: 12_000, action: { type: "crash", node: "@leader" } },
        { at: 18_000, action: { type: "crash", node: "@follower" } },
      ],
    },
  },
};

const SEEDS = [1, 2, 3, 4, 5, 6];

function nodeOf(input: RoundInput): string {
  return (input.action as { node: string }).node;
}

function operatorInputs(round: Round): RoundInput[] {
  return round.inputs.filter((i) => i.role === "operator");
}

describe("the operator bot", () => {
  for (const seed of SEEDS) {
    it(`replaces each of three crashed members, so a leader stays and the round is won (seed ${seed})`, () => {
      const round = new Round({ level: threeCrashes, seed, chaos: "level" });
      round.advanceTo(threeCrashes.timeLimitMs);
      expect(round.outcomeText).toMatch(/^Won/);

      const crashes = round.inputs.filter((i) => i.action.type === "crash");
      expect(crashes).toHaveLength(3);
      const ops = operatorInputs(round);
      expect(ops.every((i) => i.by === "bot")).toBe(true);
      // Remove the dead member, then add a fresh one: three times, in that order.
      expect(ops.map((i) => i.action.type)).toEqual(["remove-member", "add-member", "remove-member", "add-member", "remove-member", "add-member"]);
      expect(ops.filter((i) => i.action.type === "remove-member").map(nodeOf)).toEqual(crashes.map(nodeOf));
      expect(ops.filter((i) => i.action.type === "add-member").map(nodeOf)).toEqual(["n6", "n7", "n8"]);
      // At a person's pace: it reacts after a delay, and leaves time between commands.
      for (const [k, crash] of crashes.entries()) expect(ops[2 * k].t - crash.t).toBeGreaterThanOrEqual(REACT_MS);
      for (let k = 1; k < ops.length; k++) expect(ops[k].t - ops[k - 1].t).toBeGreaterThanOrEqual(STEP_MS);

      // The cluster agrees: the dead are removed, the new members joined, and all five members run.
      const timeline = round.sim.timeline;
      for (const node of crashes.map(nodeOf)) expect(timeline.some((e) => e.kind === "member-removed" && e.node === node)).toBe(true);
      for (const node of ["n6", "n7", "n8"]) expect(timeline.some((e) => e.kind === "member-added" && e.node === node)).toBe(true);
      const cluster = round.cluster();
      expect(cluster.removed).toEqual(crashes.map(nodeOf));
      expect(cluster.nodes).toHaveLength(5);
      expect(cluster.nodes.every((n) => round.sim.isUp(n))).toBe(true);
      expect(cluster.leader).not.toBeNull();
    });
  }

  it("without it (a person in the seat who does nothing), the same three crashes leave no leader and the round is lost", () => {
    for (const seed of SEEDS.slice(0, 3)) {
      const round = new Round({ level: threeCrashes, seed, chaos: "level" });
      round.setHumans([{ role: "operator" }]);
      round.advanceTo(threeCrashes.timeLimitMs);
      expect(operatorInputs(round)).toEqual([]);
      expect(round.outcomeText).toBe("Lost: no leader for 8 s in a row.");
    }
  });

  it("picks up when the seat is freed, replacing a member that went down while a person held it", () => {
    const round = new Round({ level: threeCrashes, seed: 7, chaos: "level" });
    round.setHumans([{ role: "operator" }]);
    round.advanceTo(9000);
    expect(operatorInputs(round)).toEqual([]);
    round.setHumans([]);
    round.advanceTo(11_000);
    const [crash] = round.inputs.filter((i) => i.action.type === "crash");
    const crashed = nodeOf(crash);
    const ops = operatorInputs(round);
    expect(ops.map((i) => i.action)).toEqual([
      { type: "remove-member", node: crashed },
      { type: "add-member", node: "n6" },
    ]);
    // It saw the crash while watching, so it acts at its next look instead of reacting from scratch.
    expect(ops[0].t).toBeGreaterThanOrEqual(9000);
    expect(ops[0].t).toBeLessThanOrEqual(9000 + POLL_MS);
  });

  it("does not play a level whose operator cannot change membership", () => {
    const noMembership: Level = { ...threeCrashes, roles: { ...threeCrashes.roles, operator: { actions: ["put", "transfer-leader"] } } };
    const round = new Round({ level: noMembership, seed: 8, chaos: "level" });
    round.advanceTo(noMembership.timeLimitMs);
    expect(operatorInputs(round)).toEqual([]);
    expect(round.outcome).toBe("lost");
  });

  it("waits for a leader: a member due for replacement while the cluster elects one is removed after the election", () => {
    // The leader crashes just before the bot would replace the follower that crashed first.
    const plan = [
      { at: 6000, action: { type: "crash" as const, node: "@follower" } },
      { at: 6000 + REACT_MS - 100, action: { type: "crash" as const, node: "@leader" } },
    ];
    const racing: Level = { ...threeCrashes, roles: { ...threeCrashes.roles, chaos: { ...chaosRole, budget: 3, plan } } };
    const round = new Round({ level: racing, seed: 12, chaos: "level" });
    round.advanceTo(20_000);
    const elected = round.sim.timeline.filter((e) => e.kind === "leader" && e.t > plan[1].at).map((e) => e.t);
    expect(elected.length).toBeGreaterThan(0);
    const [first] = operatorInputs(round);
    expect(first.action.type).toBe("remove-member");
    expect(first.t).toBeGreaterThan(elected[0]);
    // It waited rather than trying: no refusal was noted.
    expect(round.notes.filter((n) => n.text.startsWith("the operator bot"))).toEqual([]);
  });
});

describe("membership as the round sees it", () => {
  it('"@down" stops naming a crashed member once it is removed, and its name is not used again', () => {
    const round = new Round({ level, seed: 10, chaos: "none" });
    round.setHumans([{ role: "operator" }]);
    round.advanceTo(8000);
    const crashed = nodeOf(round.inputs[0]);
    expect(resolveNode("@down", round.cluster(), new Rng(1))).toEqual({ ok: true, value: crashed });
    round.act("operator", { type: "remove-member", node: crashed });
    round.advanceTo(8500);
    expect(round.cluster().nodes).not.toContain(crashed);
    expect(round.cluster().removed).toEqual([crashed]);
    expect(resolveNode("@down", round.cluster(), new Rng(1))).toEqual({ ok: false, reason: "there is no crashed node right now" });
    // The simulation still runs the dead machine: a removed member is not deleted, only no longer a member.
    expect(round.sim.nodes).toContain(crashed);
  });

  it("an added member is a node like the others: a node player may play it, and client requests may go to it", () => {
    const round = new Round({ level, seed: 11, chaos: "none" });
    round.setHumans([{ role: "operator" }, { role: "node", node: "n6" }]);
    round.advanceTo(8000);
    round.act("operator", { type: "add-member", node: "n6" });
    round.advanceTo(9000);
    expect(round.cluster().nodes).toContain("n6");
    round.act("node", { type: "crash-self" }, { node: "n6" });
    expect(round.sim.isUp("n6")).toBe(false);
    round.act("node", { type: "restart-self" }, { node: "n6" });
    expect(round.sim.isUp("n6")).toBe(true);
  });
});
