// The etcd plug-in on the real simulation kernel: elections, failover, client requests served linearizably,
// restarts, and the operator's and node player's actions.

import { describe, expect, it } from "vitest";
import { ActionError, type HistoryEntry, type Simulation } from "../../../shared/sim";
import { etcdSim, firstLeaderEvent, leaderOf, runUntilTrue } from "./sim-harness";

function roles(sim: Simulation): Record<string, string> {
  return Object.fromEntries(sim.nodes.map((n) => [n, sim.inspect(n).role]));
}

/** Sends a request as its own process and runs until it completes; returns its completion entry. */
function request(sim: Simulation, target: string, op: { f: string; key: string; value?: unknown }, timeoutMs = 2000): HistoryEntry {
  const process = sim.freshProcess();
  sim.clientRequest(process, target, op, timeoutMs);
  const done = () => sim.history.some((h) => h.process === process && h.type !== "invoke");
  runUntilTrue(sim, done, timeoutMs + 10);
  const entry = sim.history.find((h) => h.process === process && h.type !== "invoke");
  if (!entry) throw new Error(`request ${JSON.stringify(op)} to ${target} never completed`);
  return entry;
}

function followers(sim: Simulation): string[] {
  return sim.nodes.filter((n) => sim.inspect(n).role === "follower");
}

function expectSafe(sim: Simulation): void {
  for (const inv of sim.invariantReport()) expect(inv, inv.first).toMatchObject({ ok: true });
}

describe("elections on the kernel", () => {
  it("a 5-node cluster elects exactly one leader, never before the election timeout", () => {
    let quick = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const sim = etcdSim(5, seed);
      sim.runUntil(5000);
      const firstCampaign = sim.timeline.find((e) => e.kind === "pre-vote" || e.kind === "election");
      // No member may campaign before it has gone ElectionTimeout (10 ticks of 100 ms) without a leader.
      expect(firstCampaign?.t).toBeGreaterThanOrEqual(1000);
      const first = firstLeaderEvent(sim, 0);
      expect(first).toBeDefined();
      expect(first?.t).toBeLessThanOrEqual(4000);
      if ((first?.t ?? Infinity) <= 2100) quick++;
      const r = roles(sim);
      expect(Object.values(r).filter((x) => x === "leader")).toHaveLength(1);
      expect(Object.values(r).filter((x) => x === "follower")).toHaveLength(4);
      const leader = leaderOf(sim) as string;
      for (const n of sim.nodes) expect(sim.inspect(n).detail?.lead).toBe(leader);
      expectSafe(sim);
    }
    // Randomized timeouts make split votes the exception: most clusters elect within one timeout range.
    expect(quick).toBeGreaterThanOrEqual(16);
  });

  it("a leader cut off from every follower steps down within two election timeouts (CheckQuorum)", () => {
    const sim = etcdSim(3, 4);
    sim.runUntil(3000);
    const old = leaderOf(sim) as string;
    sim.apply({ type: "partition", groups: [[old]] });
    const steppedDown = runUntilTrue(sim, () => sim.inspect(old).role !== "leader", 2100, 10);
    expect(steppedDown).not.toBeNull();
    expect(sim.timeline.some((e) => e.kind === "step-down" && e.node === old)).toBe(true);
    expectSafe(sim);
  });

  it("a follower that was partitioned rejoins without raising the term or deposing the leader (PreVote)", () => {
    const sim = etcdSim(3, 5);
    sim.runUntil(3000);
    const leader = leaderOf(sim) as string;
    const term = sim.inspect(leader).stats.term;
    const lonely = followers(sim)[0];
    sim.apply({ type: "partition", groups: [[lonely]] });
    sim.runUntil(13_000);
    expect(sim.inspect(lonely).stats.term).toBe(term);
    sim.apply({ type: "heal" });
    sim.runUntil(16_000);
    expect(leaderOf(sim)).toBe(leader);
    expect(sim.inspect(leader).stats.term).toBe(term);
    expect(sim.inspect(lonely).detail?.lead).toBe(leader);
    expectSafe(sim);
  });

  it("forcing a follower's timeout does not depose a healthy leader with PreVote, and does without it", () => {
    for (const preVote of [true, false]) {
      const sim = etcdSim(3, 6, { config: { preVote } });
      sim.runUntil(3000);
      const leader = leaderOf(sim) as string;
      const term = sim.inspect(leader).stats.term;
      sim.apply({ type: "action", action: { type: "timeout", node: followers(sim)[0] } });
      sim.runUntil(3500);
      if (preVote) {
        expect(leaderOf(sim)).toBe(leader);
        expect(sim.inspect(leader).stats.term).toBe(term);
      } else {
        // The forced candidate's higher term reaches the leader in an answer to its heartbeat: it steps down.
        expect(sim.timeline.some((e) => e.kind === "step-down" && e.node === leader)).toBe(true);
        sim.runUntil(6000);
        expect(sim.inspect(leaderOf(sim) as string).stats.term).toBeGreaterThan(term);
      }
      expectSafe(sim);
    }
  });

});

describe("client requests", () => {
  it("before any leader exists, a request fails at once with etcd's error", () => {
    const sim = etcdSim(3, 1);
    sim.runUntil(100);
    const done = request(sim, "n1", { f: "write", key: "k", value: "v" });
    expect(done).toMatchObject({ type: "fail", error: "etcdserver: no leader" });
  });

  it("a write sent to a follower is forwarded, committed and acknowledged; reads anywhere then see it", () => {
    const sim = etcdSim(5, 2);
    sim.runUntil(3000);
    const [f1, f2] = followers(sim);
    expect(request(sim, f1, { f: "write", key: "k", value: "v1" })).toMatchObject({ type: "ok", value: "v1" });
    expect(request(sim, f2, { f: "read", key: "k" })).toMatchObject({ type: "ok", value: "v1" });
    expect(request(sim, leaderOf(sim) as string, { f: "read", key: "k" })).toMatchObject({ type: "ok", value: "v1" });
    expect(request(sim, f2, { f: "read", key: "missing" })).toMatchObject({ type: "ok", value: null });
    expectSafe(sim);
  });

  it("a compare-and-swap writes only when the value matches", () => {
    const sim = etcdSim(3, 3);
    sim.runUntil(3000);
    const n = followers(sim)[0];
    request(sim, n, { f: "write", key: "k", value: 1 });
    expect(request(sim, n, { f: "cas", key: "k", value: [1, 2] })).toMatchObject({ type: "ok" });
    const refused = request(sim, n, { f: "cas", key: "k", value: [1, 3] });
    expect(refused.type).toBe("fail");
    expect(refused.error).toMatch(/compare failed/);
    expect(request(sim, n, { f: "read", key: "k" })).toMatchObject({ type: "ok", value: 2 });
    expect(request(sim, n, { f: "cas", key: "new", value: [null, 7] })).toMatchObject({ type: "ok" });
  });

  it("a write to a leader cut off from its followers is never reported as failed: its outcome is unknown", () => {
    const sim = etcdSim(3, 4);
    sim.runUntil(3000);
    const leader = leaderOf(sim) as string;
    request(sim, leader, { f: "write", key: "k", value: "before" });
    sim.apply({ type: "partition", groups: [[leader]] });
    const done = request(sim, leader, { f: "write", key: "k", value: "lost" }, 1500);
    expect(done).toMatchObject({ type: "info" });
    sim.apply({ type: "heal" });
    sim.runUntil(sim.now + 4000);
    // The new leader never had the entry; the old one's copy was overwritten, so nobody ever reads it.
    for (const n of sim.nodes) expect(request(sim, n, { f: "read", key: "k" })).toMatchObject({ type: "ok", value: "before" });
    expectSafe(sim);
  });

  it("a read waits for a quorum round: a leader cut off from its followers never answers one", () => {
    const sim = etcdSim(3, 5);
    sim.runUntil(3000);
    const leader = leaderOf(sim) as string;
    sim.apply({ type: "partition", groups: [[leader]] });
    const done = request(sim, leader, { f: "read", key: "k" }, 800);
    expect(done.type).not.toBe("ok");
  });

  it("when the network delivers every message twice, each write is still applied once", () => {
    const sim = etcdSim(3, 14, { network: { latencyMs: 2, jitterMs: 1, duplicate: 1 } });
    sim.runUntil(3000);
    const f = followers(sim)[0];
    const revision = () => sim.inspect(f).detail?.revision as number;
    const before = revision();
    for (let i = 0; i < 5; i++) expect(request(sim, f, { f: "write", key: "k", value: i })).toMatchObject({ type: "ok" });
    sim.runUntil(sim.now + 300);
    // One revision per write: a proposal forwarded twice reached the log twice but was applied once.
    expect(revision()).toBe(before + 5);
    expect(sim.inspect(f).detail?.keys).toMatchObject({ k: { value: 4, version: 5 } });
    expectSafe(sim);
  });

  it("refuses requests etcd does not understand, saying why", () => {
    const sim = etcdSim(3, 6);
    sim.runUntil(3000);
    expect(request(sim, "n1", { f: "increment", key: "k" })).toMatchObject({ type: "fail", error: 'etcd does not support "increment": use read, write or cas' });
    expect(request(sim, "n1", { f: "cas", key: "k", value: 5 })).toMatchObject({ type: "fail", error: "a cas needs a value [expected, new]" });
  });
});

describe("crash and restart", () => {
  it("a restarted member keeps its term, vote and log, and rebuilds its store by re-applying the log", () => {
    const sim = etcdSim(3, 8);
    sim.runUntil(3000);
    const f = followers(sim)[0];
    request(sim, leaderOf(sim) as string, { f: "write", key: "a", value: 1 });
    const before = sim.inspect(f);
    sim.apply({ type: "crash", node: f });
    request(sim, leaderOf(sim) as string, { f: "write", key: "b", value: 2 });
    sim.apply({ type: "restart", node: f });
    // Back from disk: same term and log as at the crash.
    expect(sim.inspect(f).stats.term).toBe(before.stats.term);
    expect(sim.inspect(f).log).toEqual(before.log);
    sim.runUntil(sim.now + 500);
    expect(sim.inspect(f).detail?.keys).toMatchObject({ a: { value: 1 }, b: { value: 2 } });
    expect(request(sim, f, { f: "read", key: "b" })).toMatchObject({ type: "ok", value: 2 });
    expectSafe(sim);
  });
});

describe("operator and node-player actions", () => {
  it("adds a member: the new node joins empty, catches up and becomes a voter", () => {
    const sim = etcdSim(3, 9);
    sim.runUntil(3000);
    request(sim, "n1", { f: "write", key: "k", value: "x" });
    sim.apply({ type: "action", action: { type: "add-member", node: "n4" } });
    sim.runUntil(sim.now + 500);
    const leader = leaderOf(sim) as string;
    expect(sim.inspect(leader).detail?.voters).toEqual(["n1", "n2", "n3", "n4"]);
    expect(sim.inspect("n4").role).toBe("follower");
    expect(sim.inspect("n4").log).toEqual(sim.inspect(leader).log);
    expect(sim.inspect("n4").detail?.voters).toEqual(["n1", "n2", "n3", "n4"]);
    expect(request(sim, "n4", { f: "read", key: "k" })).toMatchObject({ type: "ok", value: "x" });
    expect(sim.timeline.some((e) => e.kind === "member-added" && e.node === "n4")).toBe(true);
    expectSafe(sim);
  });

  it("removes the leader: it steps down and stops, and the others elect a new leader", () => {
    const sim = etcdSim(3, 10);
    sim.runUntil(3000);
    const old = leaderOf(sim) as string;
    sim.apply({ type: "action", action: { type: "remove-member", node: old } });
    sim.runUntil(sim.now + 4000);
    expect(sim.inspect(old).role).toBe("removed");
    expect(sim.timeline.some((e) => e.kind === "member-removed" && e.node === old)).toBe(true);
    expect(sim.timeline.some((e) => e.kind === "step-down" && e.node === old)).toBe(true);
    const next = leaderOf(sim) as string;
    expect(next).not.toBeNull();
    expect(next).not.toBe(old);
    expect(sim.inspect(next).detail?.voters).toEqual(sim.nodes.filter((n) => n !== old));
    expect(request(sim, old, { f: "read", key: "k" })).toMatchObject({ type: "fail", error: "etcdserver: the member has been permanently removed from the cluster" });
    expectSafe(sim);
  });

  it("refuses actions that make no sense, in plain words, and changes nothing", () => {
    const sim = etcdSim(3, 11);
    const refuse = (action: Record<string, unknown>, message: RegExp) => {
      const before = sim.traceHash();
      expect(() => sim.apply({ type: "action", action: action as { type: string } })).toThrow(ActionError);
      expect(() => sim.apply({ type: "action", action: action as { type: string } })).toThrow(message);
      expect(sim.traceHash()).toBe(before);
    };
    sim.runUntil(100);
    refuse({ type: "transfer-leader", to: "n2" }, /no leader to transfer leadership from/);
    refuse({ type: "add-member", node: "n4" }, /no leader/);
    sim.runUntil(3000);
    const leader = leaderOf(sim) as string;
    refuse({ type: "transfer-leader", to: leader }, /already the leader/);
    refuse({ type: "transfer-leader", to: "n9" }, /unknown node "n9"/);
    refuse({ type: "add-member", node: "n2" }, /n2 is already a member/);
    refuse({ type: "add-member", node: "N 4" }, /a node id such as n1/);
    refuse({ type: "remove-member", node: "n7" }, /unknown node "n7"/);
    refuse({ type: "timeout" }, /needs "node"/);
    refuse({ type: "reboot", node: "n1" }, /etcd has no action "reboot"/);
    sim.apply({ type: "crash", node: followers(sim)[0] });
    // Two of three members remain: removing a running one would leave one of two running, no quorum.
    const running = sim.nodes.filter((n) => sim.isUp(n) && n !== leader)[0] ?? leader;
    refuse({ type: "remove-member", node: running }, /unhealthy cluster/);
    refuse({ type: "add-member", node: "n4" }, /unhealthy cluster/);
  });

  it("a removed member's name cannot be added again", () => {
    const sim = etcdSim(3, 12);
    sim.runUntil(3000);
    const f = followers(sim)[0];
    sim.apply({ type: "action", action: { type: "remove-member", node: f } });
    sim.runUntil(sim.now + 1000);
    expect(() => sim.apply({ type: "action", action: { type: "add-member", node: f } })).toThrow(/removed from this cluster/);
  });

  it("a put and a get from the operator become client requests in the history", () => {
    const sim = etcdSim(3, 13);
    sim.runUntil(3000);
    sim.apply({ type: "action", action: { type: "put", key: "k", value: "hello" } });
    sim.runUntil(sim.now + 100);
    sim.apply({ type: "action", action: { type: "get", key: "k" } });
    sim.runUntil(sim.now + 100);
    const completions = sim.history.filter((h) => h.type !== "invoke");
    expect(completions.map((h) => [h.f, h.type, h.value])).toEqual([
      ["write", "ok", "hello"],
      ["read", "ok", "hello"],
    ]);
  });
});
