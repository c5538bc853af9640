// How replicas come back in line (FACTS §3.5–3.6): hinted handoff within max_hint_window, anti-entropy repair
// (which needs every replica up), commit-log replay after a crash, and streaming when a node joins (bootstrap) or
// leaves (decommission). Every test ends by reading the values back through the cluster, as a client would.

import { describe, expect, it } from "vitest";
import { Cluster, expectType } from "./harness";

const KEYS = Array.from({ length: 40 }, (_, i) => `key${i}`);

/** Keys among KEYS that `node` replicates. */
function keysOn(c: Cluster, node: string): string[] {
  return KEYS.filter((k) => c.replicas(k).includes(node));
}

/** Keys whose replicas disagree about the newest cell, among those any node holds. */
function disagreeing(c: Cluster, keys: readonly string[] = KEYS): string[] {
  return keys.filter((k) => {
    const cells = c.replicas(k).map((r) => JSON.stringify(c.cell(r, k) ?? null));
    return new Set(cells).size > 1;
  });
}

/** The first node other than `avoid`, as the coordinator of a batch of writes. */
function coordinatorFor(c: Cluster, avoid: string): string {
  return c.sim.nodes.find((n) => n !== avoid) as string;
}

function writeAll(c: Cluster, coord: string, keys: readonly string[], tag: string): void {
  for (const k of keys) expectType(c.write(coord, k, `${tag}-${k}`), "ok");
}

describe("hinted handoff", () => {
  it("hints are stored for a down replica and replayed once it is back; then its replicas agree (divergentKeys 0)", () => {
    const c = new Cluster({ seed: 2, config: { readConsistency: "QUORUM", writeConsistency: "QUORUM" } });
    c.run(10_000);
    writeAll(c, "n1", KEYS, "a");
    c.apply({ type: "crash", node: "n4" });
    c.untilConvicted(["n1", "n2", "n3", "n5"], ["n4"]);
    const coord = coordinatorFor(c, "n4");
    writeAll(c, coord, KEYS, "b");
    const missed = keysOn(c, "n4");
    expect(missed.length).toBeGreaterThan(0);
    expect(c.node(coord).hints.count("n4")).toBe(missed.length);
    c.run(2000);
    expect(c.summary().divergentKeys).toBe(missed.length);
    expect(c.summary().hintsPending).toBe(missed.length);

    c.apply({ type: "restart", node: "n4" });
    const t = c.runUntilTrue(() => c.summary().hintsPending === 0, 30_000, 100);
    expect(t, "every hint delivered").not.toBeNull();
    c.run(2000);
    expect(c.summary().divergentKeys).toBe(0);
    expect(disagreeing(c)).toEqual([]);
    for (const k of missed) expect(c.value("n4", k)).toBe(`b-${k}`);
    expect(c.events("hints-delivered").some((e) => e.node === coord && e.peer === "n4")).toBe(true);
    expect(c.violations()).toEqual([]);
  });

  it("hints survive a restart of the coordinator that keeps them (they are on disk)", () => {
    const c = new Cluster({ seed: 3, config: { writeConsistency: "QUORUM" } });
    c.run(10_000);
    c.apply({ type: "crash", node: "n4" });
    c.untilConvicted(["n1", "n2", "n3", "n5"], ["n4"]);
    writeAll(c, "n1", KEYS, "b");
    const kept = c.node("n1").hints.count("n4");
    expect(kept).toBeGreaterThan(0);
    c.apply({ type: "crash", node: "n1" });
    c.apply({ type: "restart", node: "n1" });
    expect(c.node("n1").hints.count("n4")).toBe(kept);
    c.apply({ type: "restart", node: "n4" });
    expect(c.runUntilTrue(() => c.summary().hintsPending === 0, 30_000, 100)).not.toBeNull();
    for (const k of keysOn(c, "n4")) expect(c.value("n4", k)).toBe(`b-${k}`);
  });

  it("no hints are kept for a replica once it has been down longer than max_hint_window; repair then restores it", () => {
    const c = new Cluster({ seed: 4, config: { writeConsistency: "QUORUM", maxHintWindowMs: 5000 } });
    c.run(10_000);
    c.apply({ type: "crash", node: "n4" });
    c.untilConvicted(["n1", "n2", "n3", "n5"], ["n4"]);
    const mine = keysOn(c, "n4");
    // Just convicted: within the window, so hints are kept.
    writeAll(c, "n1", mine, "early");
    expect(c.node("n1").hints.count("n4")).toBe(mine.length);
    c.run(6000);
    // Down for longer than the window now: acknowledged, but no new hint.
    writeAll(c, "n1", mine, "late");
    expect(c.node("n1").hints.count("n4")).toBe(mine.length);

    c.apply({ type: "restart", node: "n4" });
    expect(c.runUntilTrue(() => c.summary().hintsPending === 0, 30_000, 100)).not.toBeNull();
    c.run(2000);
    // The early hints arrived; the late writes never will.
    for (const k of mine) expect(c.value("n4", k)).toBe(`early-${k}`);
    expect(c.summary().divergentKeys).toBe(mine.length);

    c.action({ type: "repair", node: "n4" });
    c.run(1000);
    expect(c.events("repair-done").some((e) => e.node === "n4")).toBe(true);
    for (const k of mine) expect(c.value("n4", k)).toBe(`late-${k}`);
    expect(c.summary().divergentKeys).toBe(0);
  });

  it("the window counts the downtime each coordinator has seen: one restarted since keeps hints, one that saw it all does not", () => {
    // Cassandra's Gossiper marks the endpoints it loads from system.peers down when it starts, so a coordinator that
    // restarted counts a replica's downtime from its own start (getEndpointDowntime).
    const c = new Cluster({ seed: 5, config: { writeConsistency: "QUORUM", maxHintWindowMs: 10_000 } });
    c.run(30_000);
    const mine = keysOn(c, "n4").filter((k) => !c.replicas(k).includes("n1") && !c.replicas(k).includes("n2"));
    expect(mine.length).toBeGreaterThan(0);
    c.apply({ type: "crash", node: "n4" });
    c.untilConvicted(["n1", "n2", "n3", "n5"], ["n4"]);
    c.run(11_000);
    c.apply({ type: "crash", node: "n1" });
    c.run(1000);
    c.apply({ type: "restart", node: "n1" });
    c.run(5000);
    // n1 has heard from everyone but n4, which it has believed down for 5 s since it restarted.
    for (const n of ["n2", "n3", "n5"]) expect(c.believesUp("n1", n)).toBe(true);
    expect(c.believesUp("n1", "n4")).toBe(false);
    writeAll(c, "n1", mine, "b");
    expect(c.node("n1").hints.count("n4")).toBe(mine.length);
    // n2 has seen n4 down for more than the window.
    writeAll(c, "n2", mine, "c");
    expect(c.node("n2").hints.count("n4")).toBe(0);
  });
});

describe("anti-entropy repair", () => {
  /** n4 misses writes to every key while down, with hints off so nothing else brings them back. */
  function behind(seed: number) {
    const c = new Cluster({ seed, config: { writeConsistency: "QUORUM", hintedHandoff: false } });
    c.run(10_000);
    writeAll(c, "n1", KEYS, "a");
    c.apply({ type: "crash", node: "n4" });
    c.untilConvicted(["n1", "n2", "n3", "n5"], ["n4"]);
    writeAll(c, "n1", KEYS, "b");
    c.apply({ type: "restart", node: "n4" });
    c.runUntilTrue(() => c.sim.nodes.every((a) => c.sim.nodes.every((b) => c.believesUp(a, b))), 10_000);
    c.run(1000);
    return c;
  }

  it("brings every replica of the repaired node's ranges to the newest cell", () => {
    const c = behind(6);
    const mine = keysOn(c, "n4");
    expect(disagreeing(c, mine).sort()).toEqual([...mine].sort());
    c.action({ type: "repair", node: "n4" });
    c.run(1000);
    expect(disagreeing(c)).toEqual([]);
    for (const k of mine) for (const r of c.replicas(k)) expect(c.value(r, k), `${r} ${k}`).toBe(`b-${k}`);
    expect(c.summary().divergentKeys).toBe(0);
    expect(c.violations()).toEqual([]);
  });

  it("repairing another node fixes only the ranges it shares with the stale one", () => {
    const c = behind(7);
    const other = ["n1", "n2", "n3", "n5"].find((n) => keysOn(c, "n4").some((k) => !c.replicas(k).includes(n))) as string;
    c.action({ type: "repair", node: other });
    c.run(1000);
    const shared = KEYS.filter((k) => c.replicas(k).includes("n4") && c.replicas(k).includes(other));
    const notShared = KEYS.filter((k) => c.replicas(k).includes("n4") && !c.replicas(k).includes(other));
    expect(disagreeing(c, shared)).toEqual([]);
    expect(disagreeing(c, notShared).sort()).toEqual([...notShared].sort());
  });

  it("refuses when a replica of its ranges is down, and streams nothing", () => {
    const c = behind(8);
    c.apply({ type: "crash", node: "n2" });
    c.untilConvicted(["n4"], ["n2"]);
    const since = c.now;
    c.action({ type: "repair", node: "n4" });
    c.run(15_000);
    const failed = c.events("repair-failed", since).filter((e) => e.node === "n4");
    expect(failed).toHaveLength(1);
    expect(failed[0].text).toMatch(/n2 is down/);
    expect(c.events("repair-done", since)).toEqual([]);
    for (const k of keysOn(c, "n4")) expect(c.value("n4", k)).toBe(`a-${k}`);
  });

  it("fails when a replica it believes up never answers", () => {
    const c = behind(9);
    c.apply({ type: "crash", node: "n2" });
    const since = c.now;
    c.action({ type: "repair", node: "n4" });
    c.run(15_000);
    const failed = c.events("repair-failed", since).filter((e) => e.node === "n4");
    expect(failed).toHaveLength(1);
    expect(failed[0].text).toMatch(/no answer from n2/);
  });

  it("cannot be started on a node that is down", () => {
    const c = behind(10);
    c.apply({ type: "crash", node: "n4" });
    expect(() => c.action({ type: "repair", node: "n4" })).toThrow(/n4 is down/);
  });

  it("on every node at once (no node named) leaves no key divergent", () => {
    const c = behind(11);
    c.action({ type: "repair" });
    c.run(2000);
    expect(disagreeing(c)).toEqual([]);
    expect(c.summary().divergentKeys).toBe(0);
  });
});

describe("the commit log", () => {
  it("a crash loses the memtable, and the restart replays the commit log: no acknowledged write is lost on a replica", () => {
    const c = new Cluster({ seed: 12, config: { writeConsistency: "ALL", memtableFlushCells: 7 } });
    c.run(5000);
    writeAll(c, "n1", KEYS, "a");
    writeAll(c, "n2", KEYS.slice(0, 13), "b");
    const mine = keysOn(c, "n3");
    const before = new Map(mine.map((k) => [k, c.cell("n3", k)]));
    const stats = c.sim.inspect("n3").stats;
    expect(stats.sstables).toBeGreaterThan(0);
    expect(stats.memtable).toBeGreaterThan(0);
    c.apply({ type: "crash", node: "n3" });
    c.run(100);
    c.apply({ type: "restart", node: "n3" });
    for (const k of mine) expect(c.cell("n3", k), k).toEqual(before.get(k));
    // And a read at ONE through n3, which asks n3 itself first, returns each of them.
    c.setConsistency("ONE", undefined);
    c.run(3000);
    for (const k of mine) {
      const want = KEYS.slice(0, 13).includes(k) ? `b-${k}` : `a-${k}`;
      expect(expectType(c.read("n3", k), "ok").completion, k).toMatchObject({ value: want });
    }
    expect(c.violations()).toEqual([]);
  });
});

describe("bootstrap and decommission", () => {
  it("a new node streams the data of its ranges before it serves, so every value is still found, at ONE through it too", () => {
    const c = new Cluster({ seed: 13, nodes: 4, config: { writeConsistency: "QUORUM", readConsistency: "QUORUM" } });
    c.run(5000);
    writeAll(c, "n1", KEYS, "a");
    c.run(1000);
    c.action({ type: "add-member", node: "n5" });
    // While it joins it refuses clients.
    expect(c.read("n5", KEYS[0]).completion).toMatchObject({ type: "fail", error: "connection refused" });
    const joined = c.runUntilTrue(() => c.events("joined").some((e) => e.node === "n5"), 30_000, 100);
    expect(joined, "n5 joined").not.toBeNull();
    // Let the ring change reach every node.
    c.run(5000);
    const taken = keysOn(c, "n5");
    expect(taken.length).toBeGreaterThan(0);
    for (const k of taken) expect(c.value("n5", k), k).toBe(`a-${k}`);
    for (const k of KEYS) expect(expectType(c.read(c.sim.nodes[KEYS.indexOf(k) % 5], k), "ok").completion, k).toMatchObject({ value: `a-${k}` });
    c.setConsistency("ONE", undefined);
    c.run(3000);
    for (const k of taken) expect(expectType(c.read("n5", k), "ok").completion, k).toMatchObject({ value: `a-${k}` });
    expect(c.violations()).toEqual([]);
  });

  it("writes made while a node joins reach it too (it is a pending replica)", () => {
    const c = new Cluster({ seed: 14, nodes: 4, config: { writeConsistency: "QUORUM" } });
    c.run(5000);
    c.action({ type: "add-member", node: "n5" });
    c.run(2000);
    expect(c.node("n5").status).toBe("BOOTSTRAPPING");
    writeAll(c, "n1", KEYS, "during");
    expect(c.runUntilTrue(() => c.node("n5").status === "NORMAL", 30_000, 100)).not.toBeNull();
    c.run(5000);
    for (const k of keysOn(c, "n5")) expect(c.value("n5", k), k).toBe(`during-${k}`);
  });

  it("a decommissioned node streams its data away; every value remains readable at QUORUM, and it serves no more", () => {
    const c = new Cluster({ seed: 15, config: { writeConsistency: "QUORUM", readConsistency: "QUORUM" } });
    c.run(5000);
    writeAll(c, "n1", KEYS, "a");
    c.run(1000);
    const had = keysOn(c, "n2");
    expect(had.length).toBeGreaterThan(0);
    c.action({ type: "remove-member", node: "n2" });
    const left = c.runUntilTrue(() => c.node("n2").status === "LEFT", 30_000, 100);
    expect(left, "n2 left").not.toBeNull();
    c.run(5000);
    for (const n of ["n1", "n3", "n4", "n5"]) expect(c.node(n).ring().ring.nodes(), n).not.toContain("n2");
    for (const k of KEYS) {
      expect(c.replicas(k)).not.toContain("n2");
      const coord = ["n1", "n3", "n4", "n5"][KEYS.indexOf(k) % 4];
      expect(expectType(c.read(coord, k), "ok").completion, k).toMatchObject({ value: `a-${k}` });
    }
    // The keys it held now have three replicas again, each holding the value.
    for (const k of had) for (const r of c.replicas(k)) expect(c.value(r, k), `${r} ${k}`).toBe(`a-${k}`);
    expect(c.read("n2", KEYS[0]).completion).toMatchObject({ type: "fail", error: "connection refused" });
    expect(c.summary().divergentKeys).toBe(0);
    expect(c.violations()).toEqual([]);
  });

  it("removing a dead node (removenode) takes it out of every ring; a repair then restores the third replica", () => {
    const c = new Cluster({ seed: 16, config: { writeConsistency: "QUORUM", readConsistency: "QUORUM" } });
    c.run(5000);
    writeAll(c, "n1", KEYS, "a");
    c.apply({ type: "crash", node: "n2" });
    c.untilConvicted(["n1", "n3", "n4", "n5"], ["n2"]);
    c.action({ type: "remove-member", node: "n2" });
    c.run(5000);
    for (const n of ["n1", "n3", "n4", "n5"]) expect(c.node(n).ring().ring.nodes(), n).not.toContain("n2");
    c.action({ type: "repair" });
    c.run(2000);
    for (const k of KEYS) for (const r of c.replicas(k)) expect(c.value(r, k), `${r} ${k}`).toBe(`a-${k}`);
  });

  it("a node that crashes while joining resumes its bootstrap when it restarts, and joins with the data", () => {
    const c = new Cluster({ seed: 20, nodes: 4, config: { writeConsistency: "QUORUM", readConsistency: "QUORUM" } });
    c.run(5000);
    writeAll(c, "n1", KEYS, "a");
    c.action({ type: "add-member", node: "n5" });
    c.run(2000);
    expect(c.node("n5").status).toBe("BOOTSTRAPPING");
    c.apply({ type: "crash", node: "n5" });
    c.run(3000);
    c.apply({ type: "restart", node: "n5" });
    expect(c.runUntilTrue(() => c.node("n5").status === "NORMAL", 30_000, 100), "n5 joined").not.toBeNull();
    c.run(5000);
    const taken = keysOn(c, "n5");
    expect(taken.length).toBeGreaterThan(0);
    for (const k of taken) expect(c.value("n5", k), k).toBe(`a-${k}`);
    for (const k of KEYS) expect(expectType(c.read("n5", k), "ok").completion, k).toMatchObject({ value: `a-${k}` });
  });

  it("a node that crashes while leaving comes back as a normal member (decommission is not resumed), and can leave again", () => {
    const c = new Cluster({ seed: 21, config: { writeConsistency: "QUORUM", readConsistency: "QUORUM" } });
    c.run(5000);
    writeAll(c, "n1", KEYS, "a");
    c.action({ type: "remove-member", node: "n3" });
    c.run(2000);
    expect(c.node("n3").status).toBe("LEAVING");
    c.apply({ type: "crash", node: "n3" });
    c.run(1000);
    c.apply({ type: "restart", node: "n3" });
    c.run(10_000);
    for (const n of c.sim.nodes) expect(c.node(n).ring().ring.nodes(), n).toContain("n3");
    for (const n of c.sim.nodes) expect(c.node(n).gossiper.states.get("n3")?.status, n).toBe("NORMAL");
    expect(expectType(c.read("n3", KEYS[0]), "ok").completion).toMatchObject({ value: `a-${KEYS[0]}` });
    c.action({ type: "remove-member", node: "n3" });
    expect(c.runUntilTrue(() => c.node("n3").status === "LEFT", 30_000, 100), "n3 left").not.toBeNull();
    c.run(5000);
    for (const k of KEYS) expect(expectType(c.read("n1", k), "ok").completion, k).toMatchObject({ value: `a-${k}` });
  });

  for (const seed of [17, 18, 19]) {
    it(`a node removed while down does not rejoin when it restarts: it learns it was removed and serves no more (seed ${seed})`, () => {
      const c = new Cluster({ seed, config: { writeConsistency: "QUORUM", readConsistency: "QUORUM" } });
      c.run(5000);
      c.apply({ type: "crash", node: "n2" });
      c.untilConvicted(["n1", "n3", "n4", "n5"], ["n2"]);
      c.action({ type: "remove-member", node: "n2" });
      c.run(5000);
      writeAll(c, "n1", KEYS, "b");
      c.apply({ type: "restart", node: "n2" });
      c.run(10_000);
      expect(c.node("n2").status).toBe("LEFT");
      expect(c.events("member-removed").some((e) => e.node === "n2" && /learns it was removed/.test(e.text))).toBe(true);
      for (const n of ["n1", "n3", "n4", "n5"]) {
        expect(c.node(n).ring().ring.nodes(), n).not.toContain("n2");
        expect(c.believesUp(n, "n2"), n).toBe(false);
      }
      expect(c.read("n2", KEYS[0]).completion).toMatchObject({ type: "fail", error: "connection refused" });
      // Its old data never comes back into the ring: every read sees the writes made after it was removed.
      for (const k of KEYS) expect(expectType(c.read("n1", k), "ok").completion, k).toMatchObject({ value: `b-${k}` });
    });
  }
});
