// The Round as the room and the runner use it: bots fill the seats nobody holds, act() enforces the role table,
// the level's allowed actions and the chaos budget, refused actions change nothing, and the round stops once
// its outcome is decided.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LevelError } from "../../../shared/levels/errors";
import { parseLevelText } from "../../../shared/levels/load";
import { Round } from "../../../shared/levels/round";
import { SAFETY_PHASE } from "../../../shared/levels/random-faults";
import { clusterNodes } from "../../../shared/levels/schema";
import { ActionError } from "../../../shared/sim/types";

const FILE = "levels/etcd/leader-election.json";
const level = parseLevelText(readFileSync(FILE, "utf8"), FILE);

/** The node the timeline last named leader before time t. */
function leaderBefore(round: Round, t: number): string | undefined {
  return round.sim.timeline.filter((e) => e.kind === "leader" && e.t < t).at(-1)?.node;
}

function refusal(fn: () => void): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ActionError);
    return (error as Error).message;
  }
  throw new Error("expected the action to be refused");
}

describe("bots", () => {
  it("with nobody playing, the script crashes the leader at 5 s and the chaos bot plays its plan, paying its budget", () => {
    const round = new Round({ level, seed: 21, chaos: "level" });
    round.advanceTo(15_000);
    const crashes = round.inputs.filter((i) => i.action.type === "crash");
    expect(crashes.map((c) => [c.t, c.by])).toEqual([
      [5000, "script"],
      [9000, "bot"],
      [14000, "bot"],
    ]);
    const [first, second, third] = crashes.map((c) => (c.action as { node: string }).node);
    // The plan names its targets by what they are when due: the leader, the leader, then a follower.
    expect(first).toBe(leaderBefore(round, 5000));
    expect(second).toBe(leaderBefore(round, 9000));
    expect(third).not.toBe(leaderBefore(round, 14000));
    expect(round.chaosBudget).toBe(2);
  });

  it("the workload runs from the start: the history has reads and writes from bot processes", () => {
    const round = new Round({ level, seed: 22, chaos: "none" });
    round.advanceTo(3000);
    const fs = new Set(round.sim.history.map((h) => h.f));
    expect(fs.has("read") && fs.has("write")).toBe(true);
    expect(round.sim.history.some((h) => h.type === "ok")).toBe(true);
  });

  it("chaos none keeps the level's script but no chaos bot: the round is won with the budget untouched", () => {
    const round = new Round({ level, seed: 23, chaos: "none" });
    round.advanceTo(level.timeLimitMs);
    const chaos = round.inputs.filter((i) => i.role === "chaos");
    expect(chaos.map((i) => [i.t, i.by, i.action.type])).toEqual([[5000, "script", "crash"]]);
    // The operator bot still plays its seat: it replaces the member the script crashed.
    const crashed = (chaos[0].action as { node: string }).node;
    expect(round.inputs.filter((i) => i.role === "operator").map((i) => [i.by, i.action])).toEqual([
      ["bot", { type: "remove-member", node: crashed }],
      ["bot", { type: "add-member", node: "n6" }],
    ]);
    expect(round.chaosBudget).toBe(4);
    expect(round.outcome).toBe("won");
    expect(round.objectives().filter((o) => o.kind === "goal").every((o) => o.met)).toBe(true);
  });

  it("a person in the chaos seat replaces the chaos bot", () => {
    const round = new Round({ level, seed: 24, chaos: "level" });
    round.setHumans([{ role: "chaos" }]);
    round.advanceTo(20_000);
    expect(round.inputs.filter((i) => i.role === "chaos" && i.by === "bot")).toEqual([]);
  });

  it("random chaos draws faults from the seed, then heals and restarts everything for the last part of the round", () => {
    const longer = { ...level, lose: [], objectives: [{ type: "survive" as const, id: "hold" }] };
    const round = new Round({ level: longer, seed: 25, chaos: "random" });
    round.advanceTo(level.timeLimitMs);
    const random = round.inputs.filter((i) => i.by === "random");
    expect(random.length).toBeGreaterThan(3);
    expect(random[0].t).toBeGreaterThanOrEqual(1000);
    const healAt = Math.floor(level.timeLimitMs * SAFETY_PHASE);
    expect(random.filter((i) => i.t > healAt)).toEqual([]);
    expect(random.find((i) => i.t === healAt)?.action).toEqual({ type: "heal" });
    // Every member is back; a member the operator bot removed meanwhile is no longer one, and stays down.
    const members = round.cluster().nodes;
    expect(members.length).toBeGreaterThanOrEqual(clusterNodes(level).length);
    expect(members.every((n) => round.sim.isUp(n))).toBe(true);
    expect(round.sim.networkState().cuts).toEqual([]);
  });
});

describe("act", () => {
  it("spends the chaos budget, lets heal cost nothing as the level says, and refuses once it is spent", () => {
    const round = new Round({ level, seed: 26, chaos: "level" });
    round.setHumans([{ role: "chaos" }]);
    round.advanceTo(3000);
    expect(round.chaosBudget).toBe(4);
    round.act("chaos", { type: "crash", node: "n1" });
    round.act("chaos", { type: "cut", from: "n2", to: "n3" });
    round.act("chaos", { type: "heal" });
    round.act("chaos", { type: "latency", from: "n4", to: "n5", ms: 200 });
    round.act("chaos", { type: "restart", node: "n1" });
    expect(round.sim.isUp("n1")).toBe(true);
    expect(round.chaosBudget).toBe(0);
    const before = round.inputs.length;
    expect(refusal(() => round.act("chaos", { type: "crash", node: "n2" }))).toBe('the chaos budget is spent: 0 left, and "crash" costs 1');
    expect(round.inputs.length).toBe(before);
    expect(round.sim.isUp("n2")).toBe(true);
    round.act("chaos", { type: "heal" });
  });

  it("refuses, in plain words, what the role table or the level does not allow, and what makes no sense now", () => {
    const round = new Round({ level, seed: 27, chaos: "none" });
    round.advanceTo(2000);
    expect(refusal(() => round.act("client", { type: "crash", node: "n1" }))).toBe('As a client you cannot "crash": only the chaos agent can.');
    expect(refusal(() => round.act("chaos", { type: "skew", node: "n1", ms: 50 }))).toMatch(/^this level does not allow "skew" for the chaos role/);
    expect(refusal(() => round.act("chaos", { type: "crash", node: "n7" }))).toMatch(/unknown node "n7"/);
    expect(refusal(() => round.act("chaos", { type: "explode" }))).toMatch(/^not a valid action/);
    expect(refusal(() => round.act("node", { type: "restart-self" }))).toMatch(/pick a node first/);
    round.act("chaos", { type: "crash", node: "n2" });
    expect(refusal(() => round.act("chaos", { type: "crash", node: "n2" }))).toBe("node n2 is already down");
    expect(round.chaosBudget).toBe(3);
  });

  it("a node player restarts their own crashed node and is recorded with the node", () => {
    const round = new Round({ level, seed: 28, chaos: "none" });
    round.setHumans([{ role: "node", node: "n3" }]);
    round.advanceTo(2000);
    round.act("node", { type: "crash-self" }, { node: "n3" });
    expect(round.sim.isUp("n3")).toBe(false);
    round.advanceTo(2500);
    round.act("node", { type: "restart-self" }, { node: "n3" });
    expect(round.sim.isUp("n3")).toBe(true);
    expect(round.inputs.map((i) => [i.t, i.role, i.node, i.action.type, i.by])).toEqual([
      [2000, "node", "n3", "crash-self", "player"],
      [2500, "node", "n3", "restart-self", "player"],
    ]);
  });

  it("a client's own write lands in the history under a process of its own and completes", () => {
    const round = new Round({ level, seed: 29, chaos: "none" });
    round.setHumans([{ role: "client" }]);
    round.advanceTo(3000);
    const from = round.sim.history.length;
    round.act("client", { type: "put", key: "k1", value: "hello" });
    const invoke = round.sim.history[from];
    expect(invoke).toMatchObject({ type: "invoke", f: "write", key: "k1", value: "hello", time: 3000 });
    const botProcesses = new Set(round.sim.history.slice(0, from).map((h) => h.process));
    expect(botProcesses.has(invoke.process)).toBe(false);
    round.advanceTo(3500);
    const done = round.sim.history.slice(from + 1).filter((h) => h.process === invoke.process);
    expect(done).toHaveLength(1);
    expect(done[0].type).toBe("ok");
    expect(round.inputs.at(-1)).toMatchObject({ t: 3000, role: "client", action: { type: "put", key: "k1", value: "hello" }, by: "player" });
  });
});

describe("time and outcome", () => {
  it("stops at the moment the outcome is decided and refuses actions afterwards", () => {
    // An operator who does nothing (a person in the seat, so no operator bot) loses to the chaos plan.
    const round = new Round({ level, seed: 30, chaos: "level" });
    round.setHumans([{ role: "operator" }]);
    round.advanceTo(level.timeLimitMs);
    expect(round.outcome).toBe("lost");
    expect(round.outcomeText).toBe("Lost: no leader for 8 s in a row after 5 s.");
    const stoppedAt = round.now;
    expect(stoppedAt).toBeLessThan(level.timeLimitMs);
    expect(round.objectives().find((o) => o.id === "no-leader")?.atMs).toBe(stoppedAt);
    round.advanceTo(level.timeLimitMs + 10_000);
    expect(round.now).toBe(stoppedAt);
    expect(refusal(() => round.act("chaos", { type: "heal" }))).toBe("the round is over (lost)");
  });

  it("never runs past the time limit", () => {
    const round = new Round({ level, seed: 31, chaos: "none" });
    round.advanceTo(level.timeLimitMs * 3);
    expect(round.now).toBe(level.timeLimitMs);
    expect(round.outcome).not.toBe("unfinished");
  });

  it("stepOne does exactly one thing: the next kernel event, or the round's own next duty", () => {
    const round = new Round({ level, seed: 32, chaos: "none" });
    round.advanceTo(1000);
    const events = round.sim.eventCount;
    const next = round.sim.nextEventTime() ?? Number.POSITIVE_INFINITY;
    expect(round.stepOne()).toBe(true);
    if (next <= 1050) expect(round.sim.eventCount).toBe(events + 1);
    else expect(round.now).toBe(1050);
  });

  it("lists its objectives in plain words, goals then losing conditions", () => {
    const round = new Round({ level, seed: 33 });
    expect(round.objectives().map((o) => [o.id, o.kind, o.text])).toEqual([
      ["new-leader", "goal", "Get a new leader elected within 5 s of the crash"],
      ["writes", "goal", "Commit 400 writes after 5 s"],
      ["hold", "goal", "Hold out until the time limit (1 min)"],
      ["no-leader", "lose", "No leader for 8 s in a row after 5 s"],
      ["safety", "lose", "A safety invariant is broken"],
    ]);
  });
});

describe("overrides (--set)", () => {
  it("change a value the level has, and show in the report", () => {
    const round = new Round({ level, seed: 34, overrides: { "cluster.config.electionMs": 1500, "roles.chaos.budget": 1 } });
    expect(round.level.cluster.config.electionMs).toBe(1500);
    expect(round.chaosBudget).toBe(1);
    expect(round.report(0).overrides).toEqual({ "cluster.config.electionMs": 1500, "roles.chaos.budget": 1 });
    expect(level.cluster.config.electionMs).toBe(1000);
  });

  it("take cluster.<setting> as short for cluster.config.<setting>, and a system setting the level leaves at its default", () => {
    const round = new Round({ level, seed: 36, overrides: { "cluster.electionMs": 2000, "cluster.config.preVote": false } });
    expect(round.level.cluster.config.electionMs).toBe(2000);
    expect(round.level.cluster.config.preVote).toBe(false);
    const bare = { ...level, cluster: { ...level.cluster, config: {} } };
    expect(new Round({ level: bare, seed: 36, overrides: { "cluster.heartbeatMs": 50 } }).level.cluster.config.heartbeatMs).toBe(50);
  });

  it("refuse a path the level does not have, a value of the wrong kind, and a value the schema rejects", () => {
    const attempt = (overrides: Record<string, unknown>) => {
      try {
        new Round({ level, seed: 35, overrides, fileName: FILE });
      } catch (error) {
        expect(error).toBeInstanceOf(LevelError);
        return (error as Error).message;
      }
      throw new Error("expected the override to be refused");
    };
    expect(attempt({ "cluster.config.electionMS": 1500 })).toBe(
      `${FILE} (with --set cluster.config.electionMS): cluster.config: etcd has no setting "electionMS"; the settings are heartbeatMs, electionMs, preVote, checkQuorum`,
    );
    expect(attempt({ "cluster.electionMS": 1500 })).toMatch(/etcd has no setting "electionMS"/);
    expect(attempt({ "network.latencyMS": 5 })).toBe(`${FILE}: --set network.latencyMS: the level has no network.latencyMS (network has: latencyMs, jitterMs, loss, duplicate, clientLatencyMs)`);
    expect(attempt({ "cluster.config.electionMs": "fast" })).toBe(`${FILE}: --set cluster.config.electionMs: expected a number (the level has 1000), got "fast"`);
    expect(attempt({ difficulty: 9 })).toBe(`${FILE} (with --set difficulty): difficulty: expected a number at most 5, got 9`);
    expect(attempt({ "objectives[1].count": 0 })).toMatch(/objectives\[1\]\.count: expected a number at least 1, got 0$/);
  });
});
