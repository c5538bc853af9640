// Gossip and failure detection on a running cluster (gms/Gossiper, FailureDetector; FACTS §3.5): every node hears
// every other's heartbeat through one-peer-per-second gossip, convicts a silent node once phi passes 8 (about 18 s of
// silence with 1 s gossip), sees a returning node up again within a few rounds, and spreads cluster settings to
// nodes that were down when they changed.

import { describe, expect, it } from "vitest";
import { CONVICT_MS, Cluster } from "./harness";

const NODES = ["n1", "n2", "n3", "n4", "n5"];

/** When each observer marked `peer` down (a marked-down event) at or after `since`, in ms after `since`. */
function convictions(c: Cluster, peer: string, since: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of c.events("marked-down", since)) if (e.peer === peer && !out.has(e.node as string)) out.set(e.node as string, e.t - since);
  return out;
}

describe("failure detection by gossip", () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`a crashed node is convicted by every other node after about 18 s of silence, never before 15 s (seed ${seed})`, () => {
      const c = new Cluster({ seed });
      // A minute of gossip first, so the detectors' windows hold real intervals rather than the 2 s initial value.
      c.run(60_000);
      c.apply({ type: "crash", node: "n3" });
      const crashedAt = c.now;
      c.untilConvicted(NODES.filter((n) => n !== "n3"), ["n3"], 40_000);
      const at = convictions(c, "n3", crashedAt);
      expect([...at.keys()].sort()).toEqual(["n1", "n2", "n4", "n5"]);
      for (const [observer, ms] of at) {
        // phi > 8 needs 8 · ln 10 ≈ 18.4 mean intervals of silence; the last heartbeat reached each observer a
        // little after the crash, and the mean interval is a little over the 1 s gossip period.
        expect(ms, `${observer} convicted n3 after ${ms} ms`).toBeGreaterThanOrEqual(15_000);
        expect(ms, `${observer} convicted n3 after ${ms} ms`).toBeLessThanOrEqual(30_000);
      }
      // Nobody convicted anyone else meanwhile.
      expect(c.events("marked-down").filter((e) => e.peer !== "n3")).toEqual([]);
    });
  }

  it("a healthy cluster convicts nobody, however long it runs", () => {
    const c = new Cluster({ seed: 9 });
    c.run(300_000);
    expect(c.events("marked-down")).toEqual([]);
    for (const a of NODES) for (const b of NODES) expect(c.believesUp(a, b), `${a} about ${b}`).toBe(true);
  });

  it("clock skew moves no node's failure detector: it measures silence with the monotonic clock", () => {
    const c = new Cluster({ seed: 3 });
    c.run(30_000);
    // n2's wall clock jumps a minute ahead at the moment it is cut off: the jump is not a minute of silence.
    c.apply({ type: "skew", node: "n2", ms: 60_000 });
    c.apply({ type: "partition", groups: [["n2"]] });
    const cutAt = c.now;
    c.untilConvicted(["n2"], ["n1", "n3", "n4", "n5"], 40_000);
    const byN2 = c.events("marked-down", cutAt).filter((e) => e.node === "n2");
    expect(byN2.length).toBe(4);
    for (const e of byN2) expect(e.t - cutAt, `n2 convicted ${e.peer} ${e.t - cutAt} ms after the cut`).toBeGreaterThanOrEqual(15_000);
    // A clock set back does not blind a detector either: n4, ten seconds behind, still convicts the cut-off n2.
    c.apply({ type: "skew", node: "n4", ms: -10_000 });
    c.untilConvicted(["n4"], ["n2"], 40_000);
  });

  it("the threshold is phi_convict_threshold: a lower one convicts sooner", () => {
    const c = new Cluster({ seed: 1, config: { phiConvictThreshold: 4 } });
    c.run(60_000);
    c.apply({ type: "crash", node: "n3" });
    const crashedAt = c.now;
    c.untilConvicted(["n1", "n2", "n4", "n5"], ["n3"], 40_000);
    for (const [, ms] of convictions(c, "n3", crashedAt)) expect(ms).toBeLessThan(CONVICT_MS / 2 + 5000);
  });

  it("a restarted node is seen up again by every node within a few gossip rounds, and sees them all up", () => {
    const c = new Cluster({ seed: 4 });
    c.run(30_000);
    c.apply({ type: "crash", node: "n2" });
    c.untilConvicted(["n1", "n3", "n4", "n5"], ["n2"]);
    c.run(5000);
    c.apply({ type: "restart", node: "n2" });
    const restartedAt = c.now;
    const t = c.runUntilTrue(() => NODES.every((a) => NODES.every((b) => c.believesUp(a, b))), 10_000);
    expect(t, "everyone believes everyone up").not.toBeNull();
    expect((t as number) - restartedAt).toBeLessThanOrEqual(5000);
    const ups = c.events("marked-up", restartedAt).filter((e) => e.peer === "n2").map((e) => e.node);
    expect([...new Set(ups)].sort()).toEqual(["n1", "n3", "n4", "n5"]);
  });

  it("a node that restarts believes nobody up until it hears from them: it refuses at QUORUM at first, then serves", () => {
    const c = new Cluster({ seed: 5, config: { readConsistency: "QUORUM", writeConsistency: "QUORUM" } });
    c.run(10_000);
    c.apply({ type: "crash", node: "n1" });
    c.run(1000);
    c.apply({ type: "restart", node: "n1" });
    for (const n of ["n2", "n3", "n4", "n5"]) expect(c.believesUp("n1", n)).toBe(false);
    c.run(5000);
    for (const n of ["n2", "n3", "n4", "n5"]) expect(c.believesUp("n1", n)).toBe(true);
    expect(c.write("n1", "k1", "v1").completion.type).toBe("ok");
  });

  it("a partitioned minority is convicted by the majority, and the majority by the minority; each side keeps its own", () => {
    const c = new Cluster({ seed: 6 });
    c.run(30_000);
    const minority = ["n1", "n2"];
    const majority = ["n3", "n4", "n5"];
    c.apply({ type: "partition", groups: [minority, majority] });
    const cutAt = c.now;
    c.untilConvicted(majority, minority, 40_000);
    c.untilConvicted(minority, majority, 40_000);
    for (const n of minority) for (const [, ms] of convictions(c, n, cutAt)) expect(ms).toBeGreaterThanOrEqual(15_000);
    for (const a of minority) for (const b of minority) expect(c.believesUp(a, b)).toBe(true);
    for (const a of majority) for (const b of majority) expect(c.believesUp(a, b)).toBe(true);
    // Healed, everyone is up again within a few rounds.
    c.apply({ type: "heal" });
    const t = c.runUntilTrue(() => NODES.every((a) => NODES.every((b) => c.believesUp(a, b))), 10_000);
    expect(t).not.toBeNull();
  });

  it("a one-way cut is enough to be convicted by the node that no longer hears", () => {
    const c = new Cluster({ seed: 7 });
    c.run(30_000);
    // n1 hears nothing from anyone, but everyone hears n1 (gossip is push-pull, so they still hear of it).
    for (const n of ["n2", "n3", "n4", "n5"]) c.apply({ type: "cut", from: n, to: "n1", oneWay: true });
    c.untilConvicted(["n1"], ["n2", "n3", "n4", "n5"], 40_000);
    // The others still get n1's gossip (it keeps trying one unreachable peer a round), so they keep it up.
    c.run(20_000);
    for (const n of ["n2", "n3", "n4", "n5"]) expect(c.believesUp(n, "n1"), n).toBe(true);
  });

  it("a node added later convicts nobody while it joins", () => {
    const c = new Cluster({ seed: 8, nodes: 4 });
    c.run(60_000);
    const addedAt = c.now;
    c.action({ type: "add-member", node: "n5" });
    c.run(20_000);
    expect(c.events("marked-down", addedAt)).toEqual([]);
    for (const n of NODES) expect(c.believesUp("n5", n)).toBe(true);
  });
});

describe("settings spread by gossip", () => {
  it("a consistency change made while a node was down reaches it once it is back", () => {
    const c = new Cluster({ seed: 3 });
    c.run(5000);
    c.apply({ type: "crash", node: "n5" });
    c.run(1000);
    c.setConsistency("QUORUM", "ALL");
    for (const n of ["n1", "n2", "n3", "n4"]) expect(c.node(n).settings).toMatchObject({ read: "QUORUM", write: "ALL" });
    c.apply({ type: "restart", node: "n5" });
    expect(c.node("n5").settings).toMatchObject({ read: "ONE", write: "ONE" });
    const t = c.runUntilTrue(() => c.node("n5").settings.read === "QUORUM" && c.node("n5").settings.write === "ALL", 10_000);
    expect(t).not.toBeNull();
  });

  it("a replication change reaches a node that was cut off, and a later change is never undone by an older one", () => {
    const c = new Cluster({ seed: 3 });
    c.run(5000);
    c.apply({ type: "partition", groups: [["n5"]] });
    c.action({ type: "set-replication", strategy: "SimpleStrategy", rf: 2 });
    c.action({ type: "set-replication", strategy: "SimpleStrategy", rf: 4 });
    // n5 was running, so it took the change directly; a node that is down misses it until gossip.
    c.apply({ type: "crash", node: "n4" });
    c.setConsistency("TWO", undefined);
    c.apply({ type: "restart", node: "n4" });
    c.apply({ type: "heal" });
    c.run(10_000);
    for (const n of NODES) {
      expect(c.node(n).settings.replication, n).toEqual({ class: "SimpleStrategy", rf: 4 });
      expect(c.node(n).settings.read, n).toBe("TWO");
    }
  });
});
