// The coordinator (StorageProxy): how many replica answers each consistency level waits for, when it refuses up
// front (Unavailable) and when it gives up (WriteTimeout, ReadTimeout), hints, blocking read repair, digest reads,
// speculative retry, last write wins, and the per-datacenter levels under NetworkTopologyStrategy (FACTS §3.4–3.5).
//
// Each test drives a small cluster through the kernel and sends a player's requests to a coordinator that is not a
// replica of the key, so every replica answer crosses the network and can be slowed down or cut off.

import { describe, expect, it } from "vitest";
import { checkHistory } from "../../../shared/checkers";
import { ActionError } from "../../../shared/sim";
import { parseCassandraConfig } from "../../../shared/systems/cassandra";
import { Cluster, expectType, staleReads } from "./harness";

const KEY = "k1";

/** A 5-node RF 3 cluster at the given levels, and the key's replicas and a coordinator that holds no replica. */
function setup(config: Record<string, unknown> = {}, options: { keepTrace?: boolean; seed?: number } = {}) {
  const c = new Cluster({ config: { readConsistency: "QUORUM", writeConsistency: "QUORUM", ...config }, ...options });
  c.run(3000);
  const replicas = c.replicas(KEY);
  const coord = c.others(KEY)[0];
  return { c, replicas, coord };
}

/** Makes the link between the coordinator and each replica slow by the given one-way latencies, without jitter. */
function slowLinks(c: Cluster, coord: string, replicas: string[], ms: number[]): void {
  replicas.forEach((r, i) => c.apply({ type: "latency", from: coord, to: r, ms: ms[i], jitterMs: 0 }));
}

describe("writes wait for the acknowledgements their level asks for", () => {
  // Replica i answers after a round trip of 2 × ms[i]; the client hop adds 1 ms each way.
  const MS = [10, 50, 200];
  const cases: [string, number, number][] = [
    // level, fastest possible answer, the round trip the answer must not wait for
    ["ONE", 2 * 10, 2 * 50],
    ["TWO", 2 * 50, 2 * 200],
    ["QUORUM", 2 * 50, 2 * 200],
    ["ALL", 2 * 200, Number.POSITIVE_INFINITY],
    ["ANY", 2 * 10, 2 * 50],
  ];
  for (const [level, atLeast, before] of cases) {
    it(`${level} answers after exactly the acknowledgements it needs, and the write still goes to every replica`, () => {
      const { c, replicas, coord } = setup({ writeConsistency: level });
      slowLinks(c, coord, replicas, MS);
      const a = expectType(c.write(coord, KEY, "v1"), "ok");
      expect(a.latencyMs).toBeGreaterThanOrEqual(atLeast);
      expect(a.latencyMs).toBeLessThan(before);
      // The replicas whose acknowledgement was not awaited may not have the write yet, but it was sent to them.
      c.run(1000);
      for (const r of replicas) expect(c.value(r, KEY), r).toBe("v1");
    });
  }

  it("THREE waits for three replicas: with RF 3 that is all of them", () => {
    const { c, replicas, coord } = setup({ writeConsistency: "THREE" });
    slowLinks(c, coord, replicas, MS);
    const a = expectType(c.write(coord, KEY, "v1"), "ok");
    expect(a.latencyMs).toBeGreaterThanOrEqual(400);
  });

  it("QUORUM with RF 5 waits for three", () => {
    const c = new Cluster({ config: { replication: { class: "SimpleStrategy", rf: 5 }, writeConsistency: "QUORUM" } });
    c.run(3000);
    const replicas = c.replicas(KEY);
    expect(replicas).toHaveLength(5);
    // The coordinator is a replica itself (RF 5 of 5 nodes): its own write counts as one acknowledgement.
    const coord = replicas[0];
    slowLinks(c, coord, replicas.slice(1), [10, 50, 200, 300]);
    const a = expectType(c.write(coord, KEY, "v1"), "ok");
    expect(a.latencyMs).toBeGreaterThanOrEqual(100);
    expect(a.latencyMs).toBeLessThan(400);
  });
});

describe("Unavailable: the coordinator refuses up front when it believes too few replicas are up", () => {
  it("QUORUM with two of three replicas convicted fails with Unavailable and writes nothing anywhere", () => {
    const { c, replicas, coord } = setup({ writeConsistency: "QUORUM" });
    expectType(c.write(coord, KEY, "v1"), "ok");
    c.apply({ type: "crash", node: replicas[1] });
    c.apply({ type: "crash", node: replicas[2] });
    c.untilConvicted([coord], replicas.slice(1));
    const hintsBefore = c.node(coord).hints.count();
    const a = expectType(c.write(coord, KEY, "v2"), "fail");
    expect(a.completion.type === "fail" && a.completion.error).toMatch(/^Unavailable: Cannot achieve consistency level QUORUM/);
    expect(a.latencyMs).toBeLessThanOrEqual(2); // no replica was asked
    c.run(1000);
    expect(c.value(replicas[0], KEY)).toBe("v1");
    expect(c.node(coord).hints.count()).toBe(hintsBefore);
    // Reads at QUORUM are refused the same way; ONE still works.
    const r = expectType(c.read(coord, KEY), "fail");
    expect(r.completion.type === "fail" && r.completion.error).toMatch(/^Unavailable/);
    c.setConsistency("ONE", "ONE");
    c.run(100);
    expect(expectType(c.read(coord, KEY), "ok").completion).toMatchObject({ value: "v1" });
  });

  it("ALL fails with Unavailable when a single replica is convicted", () => {
    const { c, replicas, coord } = setup({ writeConsistency: "ALL" });
    c.apply({ type: "crash", node: replicas[2] });
    c.untilConvicted([coord], [replicas[2]]);
    const a = expectType(c.write(coord, KEY, "v1"), "fail");
    expect(a.completion.type === "fail" && a.completion.error).toMatch(/^Unavailable: .*3 replicas required but only 2 alive/);
  });

  it("a replica that crashed a moment ago is still believed up: the write is sent, then times out (info), not Unavailable", () => {
    const { c, replicas, coord } = setup({ writeConsistency: "QUORUM", writeTimeoutMs: 2000 });
    c.apply({ type: "crash", node: replicas[1] });
    c.apply({ type: "crash", node: replicas[2] });
    const a = expectType(c.write(coord, KEY, "v1"), "info");
    expect(a.completion.type === "info" && a.completion.error).toMatch(/^WriteTimeout/);
    // The write reached the live replica: a timed-out write may well have happened, which is why it is `info`.
    expect(c.value(replicas[0], KEY)).toBe("v1");
  });
});

describe("ANY", () => {
  it("is accepted with every replica down: the coordinator stores hints and delivers them when the replicas return", () => {
    const { c, replicas, coord } = setup({ writeConsistency: "ANY" });
    for (const r of replicas) c.apply({ type: "crash", node: r });
    c.untilConvicted([coord], replicas);
    const a = expectType(c.write(coord, KEY, "v1"), "ok");
    expect(a.latencyMs).toBeLessThanOrEqual(2);
    const hints = c.node(coord).hints;
    for (const r of replicas) expect(hints.hints.filter((h) => h.target === r && h.key === KEY)).toHaveLength(1);
    for (const r of replicas) c.apply({ type: "restart", node: r });
    expect(c.runUntilTrue(() => c.node(coord).hints.count() === 0, 30_000)).not.toBeNull();
    c.run(100);
    for (const r of replicas) expect(c.value(r, KEY), r).toBe("v1");
  });

  it("with hinted handoff off and every replica down, the coordinator can keep no hint: the write times out (WriteTimeout)", () => {
    const { c, replicas, coord } = setup({ writeConsistency: "ANY", hintedHandoff: false, writeTimeoutMs: 2000 });
    for (const r of replicas) c.apply({ type: "crash", node: r });
    c.untilConvicted([coord], replicas);
    const a = expectType(c.write(coord, KEY, "v1"), "info");
    expect(a.completion.type === "info" && a.completion.error).toMatch(/^WriteTimeout: .*at consistency ANY/);
    expect(a.latencyMs).toBeGreaterThanOrEqual(2000);
    expect(a.latencyMs).toBeLessThan(2100);
    expect(c.node(coord).hints.count()).toBe(0);
  });

  it("with other levels every replica down is Unavailable, ONE included", () => {
    const { c, replicas, coord } = setup({ writeConsistency: "ONE" });
    for (const r of replicas) c.apply({ type: "crash", node: r });
    c.untilConvicted([coord], replicas);
    expect(expectType(c.write(coord, KEY, "v1"), "fail").completion).toMatchObject({ error: expect.stringMatching(/^Unavailable/) });
  });

  it("is refused for reads: as the read level of a session and in the cluster's config", () => {
    const { c } = setup();
    expect(() => c.setConsistency("ANY", undefined)).toThrow(ActionError);
    expect(() => c.setConsistency("ANY", undefined)).toThrow(/ANY ConsistencyLevel is only supported for writes/);
    expect(() => parseCassandraConfig({ readConsistency: "ANY" })).toThrow(/only supported for writes/);
    expect(c.node("n1").settings.read).toBe("QUORUM");
  });
});

describe("write timeouts", () => {
  it("a write whose replicas do not answer completes `info` (WriteTimeout) and leaves a hint for each silent replica", () => {
    const { c, replicas, coord } = setup({ writeConsistency: "QUORUM", writeTimeoutMs: 2000 });
    for (const r of replicas) c.apply({ type: "cut", from: coord, to: r });
    const a = expectType(c.write(coord, KEY, "v1"), "info");
    expect(a.completion.type === "info" && a.completion.error).toMatch(/^WriteTimeout: .*at consistency QUORUM/);
    expect(a.latencyMs).toBeGreaterThanOrEqual(2000);
    const hints = c.node(coord).hints.hints.filter((h) => h.key === KEY);
    expect(hints.map((h) => h.target).sort()).toEqual([...replicas].sort());
    for (const r of replicas) expect(c.cell(r, KEY)).toBeUndefined();
    // Once the links heal, the hints are replayed and the write is everywhere.
    c.apply({ type: "heal" });
    expect(c.runUntilTrue(() => replicas.every((r) => c.value(r, KEY) === "v1"), 30_000)).not.toBeNull();
    expect(c.runUntilTrue(() => c.node(coord).hints.count() === 0, 15_000)).not.toBeNull();
  });

  it("an acknowledged write still leaves a hint for the replica that did not answer in time", () => {
    const { c, replicas, coord } = setup({ writeConsistency: "QUORUM", writeTimeoutMs: 2000, hintsDispatchMs: 60_000 });
    c.apply({ type: "cut", from: coord, to: replicas[2] });
    expectType(c.write(coord, KEY, "v1"), "ok");
    expect(c.node(coord).hints.count(replicas[2])).toBe(0);
    c.run(2500);
    expect(c.node(coord).hints.hints.filter((h) => h.target === replicas[2] && h.key === KEY)).toHaveLength(1);
    expect(c.node(coord).hints.count(replicas[0]) + c.node(coord).hints.count(replicas[1])).toBe(0);
  });
});

describe("reads", () => {
  /**
   * A cluster in which the key's primary replica (the first one a QUORUM read asks, for data) missed the newest
   * write: it was cut off from the coordinator while the write went to the others. No hints, so only a read can
   * repair it.
   */
  function staleReplica(readRepair: "BLOCKING" | "NONE", keepTrace = false) {
    const { c, replicas, coord } = setup({ hintedHandoff: false, readRepair }, { keepTrace });
    expectType(c.write(coord, KEY, "v1"), "ok");
    c.apply({ type: "cut", from: coord, to: replicas[0] });
    expectType(c.write(coord, KEY, "v2"), "ok");
    c.apply({ type: "heal" });
    c.run(50);
    expect(c.value(replicas[0], KEY)).toBe("v1");
    expect(c.value(replicas[1], KEY)).toBe("v2");
    return { c, replicas, coord };
  }

  it("QUORUM with one stale replica returns the newest value and repairs the stale replica before answering", () => {
    const { c, replicas, coord } = staleReplica("BLOCKING", true);
    const start = c.now;
    const a = expectType(c.read(coord, KEY), "ok");
    expect(a.completion).toMatchObject({ value: "v2" });
    // Blocking read repair: the stale replica holds the newest cell by the time the client has its answer.
    expect(c.value(replicas[0], KEY)).toBe("v2");
    expect(c.sent("read-repair", coord, start).map((m) => m.to)).toEqual([replicas[0]]);
    // Only the replicas involved in the read are touched.
    expect(c.sent("read-repair", coord, start).some((m) => m.to === replicas[2])).toBe(false);
  });

  it("with read_repair NONE it returns the newest value but leaves the stale replica as it was", () => {
    const { c, replicas, coord } = staleReplica("NONE");
    expect(expectType(c.read(coord, KEY), "ok").completion).toMatchObject({ value: "v2" });
    c.run(5000);
    expect(c.value(replicas[0], KEY)).toBe("v1");
  });

  it("when the digests match, the data read is the answer: one round, one data read and one digest read", () => {
    const { c, replicas, coord } = setup({}, { keepTrace: true });
    expectType(c.write(coord, KEY, "v1"), "ok");
    c.run(100);
    const start = c.now;
    const a = expectType(c.read(coord, KEY), "ok");
    expect(a.completion).toMatchObject({ value: "v1" });
    expect(c.sent("read", coord, start).map((m) => m.to)).toEqual([replicas[0]]);
    expect(c.sent("digest", coord, start).map((m) => m.to)).toEqual([replicas[1]]);
    expect(c.sent("read-repair", coord, start)).toEqual([]);
    // One round trip (2 hops of at most 3 ms) plus the client hops.
    expect(a.latencyMs).toBeLessThanOrEqual(2 * 3 + 2);
  });

  it("when a digest does not match, the coordinator reads full data from the replicas it asked (a second round)", () => {
    const { c, replicas, coord } = staleReplica("BLOCKING", true);
    const start = c.now;
    expectType(c.read(coord, KEY), "ok");
    // First round: data from the primary, a digest from the second; second round: full data from the second.
    expect(c.sent("read", coord, start).map((m) => m.to)).toEqual([replicas[0], replicas[1]]);
    expect(c.sent("digest", coord, start).map((m) => m.to)).toEqual([replicas[1]]);
  });

  it("a replica that catches up between its digest and the full read is not repaired, and the note says they agreed", () => {
    const c = new Cluster({ config: { readConsistency: "QUORUM", writeConsistency: "QUORUM" }, network: { latencyMs: 2, jitterMs: 0 }, keepTrace: true });
    c.run(3000);
    const [a, b] = c.replicas(KEY);
    const [reader, writer] = c.others(KEY);
    expectType(c.write(writer, KEY, "v1"), "ok");
    c.run(100);
    // v2 reaches b 150 ms after the others; the reader's digest request reaches b before it, its full read after.
    c.apply({ type: "latency", from: writer, to: b, ms: 150, jitterMs: 0 });
    c.apply({ type: "latency", from: reader, to: b, ms: 50, jitterMs: 0 });
    expectType(c.write(writer, KEY, "v2"), "ok");
    expect(c.value(a, KEY)).toBe("v2");
    expect(c.value(b, KEY)).toBe("v1");
    const start = c.now;
    const r = expectType(c.read(reader, KEY), "ok");
    expect(r.completion).toMatchObject({ value: "v2", note: expect.stringMatching(/full data agreed/) });
    expect(c.sent("read", reader, start).map((m) => m.to)).toEqual([a, b]);
    expect(c.sent("read-repair", reader, start)).toEqual([]);
  });

  it("ONE reads from one replica and returns what it holds, even when it is stale", () => {
    const { c, replicas, coord } = staleReplica("BLOCKING");
    c.setConsistency("ONE", undefined);
    c.run(100);
    expect(expectType(c.read(coord, KEY), "ok").completion).toMatchObject({ value: "v1" });
    expect(c.value(replicas[0], KEY)).toBe("v1");
  });

  it("ALL reads every replica and repairs every stale one", () => {
    const { c, replicas, coord } = staleReplica("BLOCKING");
    c.setConsistency("ALL", undefined);
    c.run(100);
    expect(expectType(c.read(coord, KEY), "ok").completion).toMatchObject({ value: "v2" });
    for (const r of replicas) expect(c.value(r, KEY)).toBe("v2");
  });

  it("a replica that holds nothing for the key is repaired too", () => {
    const { c, replicas, coord } = setup({ hintedHandoff: false });
    c.apply({ type: "cut", from: coord, to: replicas[0] });
    expectType(c.write(coord, KEY, "v1"), "ok");
    c.apply({ type: "heal" });
    c.run(50);
    expect(c.cell(replicas[0], KEY)).toBeUndefined();
    expect(expectType(c.read(coord, KEY), "ok").completion).toMatchObject({ value: "v1" });
    expect(c.value(replicas[0], KEY)).toBe("v1");
  });

  it("a key nobody wrote reads as null", () => {
    const { c, coord } = setup();
    expect(expectType(c.read(coord, "never-written"), "ok").completion).toMatchObject({ value: null });
  });
});

describe("monotonic quorum reads (why read repair blocks)", () => {
  /**
   * v2 reaches only the primary replica A (its write times out, `info`); read 1 asks A and B and sees v2; read 2
   * finds A unreachable and asks B and, by speculative retry, C. Returns what the two reads saw.
   */
  function twoReads(readRepair: "BLOCKING" | "NONE") {
    const { c, replicas, coord } = setup({ hintedHandoff: false, readRepair, writeTimeoutMs: 1000 });
    const [a, b, cc] = replicas;
    expectType(c.write(coord, KEY, "v1"), "ok");
    c.apply({ type: "cut", from: coord, to: b });
    c.apply({ type: "cut", from: coord, to: cc });
    expectType(c.write(coord, KEY, "v2"), "info");
    c.apply({ type: "heal" });
    expect([c.value(a, KEY), c.value(b, KEY), c.value(cc, KEY)]).toEqual(["v2", "v1", "v1"]);
    const first = expectType(c.read(coord, KEY), "ok").completion;
    c.apply({ type: "cut", from: coord, to: a });
    const second = expectType(c.read(coord, KEY), "ok").completion;
    return { first, second, history: c.sim.history };
  }

  it("BLOCKING: once a QUORUM read has returned a value, every later QUORUM read returns it or a newer one", () => {
    const { first, second, history } = twoReads("BLOCKING");
    expect(first).toMatchObject({ value: "v2" });
    expect(second).toMatchObject({ value: "v2" });
    expect(checkHistory(history).status).toBe("ok");
  });

  it("NONE: a later QUORUM read can go back to the older value (not linearizable; allowed with read_repair NONE)", () => {
    const { first, second, history } = twoReads("NONE");
    expect(first).toMatchObject({ value: "v2" });
    expect(second).toMatchObject({ value: "v1" });
    expect(checkHistory(history).status).toBe("violation");
  });
});

describe("speculative retry", () => {
  for (const level of ["ONE", "QUORUM"]) {
    it(`${level}: a read whose data replica died but is not yet convicted is answered by one more replica`, () => {
      const { c, replicas, coord } = setup({ readConsistency: level, speculativeRetryMs: 100 });
      expectType(c.write(coord, KEY, "v1"), "ok");
      c.run(100);
      c.apply({ type: "crash", node: replicas[0] });
      expect(c.believesUp(coord, replicas[0])).toBe(true);
      const a = expectType(c.read(coord, KEY), "ok");
      expect(a.completion).toMatchObject({ value: "v1" });
      expect(a.latencyMs).toBeGreaterThanOrEqual(100);
      expect(a.latencyMs).toBeLessThan(1000);
    });
  }

  it("without a retry in time, the same read times out (ReadTimeout, a fail: a read changes nothing)", () => {
    const { c, replicas, coord } = setup({ readConsistency: "QUORUM", speculativeRetryMs: 60_000, readTimeoutMs: 2000 });
    expectType(c.write(coord, KEY, "v1"), "ok");
    c.apply({ type: "crash", node: replicas[0] });
    const a = expectType(c.read(coord, KEY), "fail");
    expect(a.completion.type === "fail" && a.completion.error).toMatch(/^ReadTimeout: .*at consistency QUORUM/);
    expect(a.latencyMs).toBeGreaterThanOrEqual(2000);
  });
});

describe("last write wins, by timestamp", () => {
  it("the later write wins on every replica, whichever coordinator took it", () => {
    const { c, replicas } = setup();
    const [a, b] = c.sim.nodes;
    expectType(c.write(a, KEY, "v1"), "ok");
    c.run(10);
    expectType(c.write(b, KEY, "v2"), "ok");
    c.run(500);
    for (const r of replicas) expect(c.value(r, KEY)).toBe("v2");
    for (const n of c.sim.nodes) expect(expectType(c.read(n, KEY), "ok").completion).toMatchObject({ value: "v2" });
  });

  it("a coordinator whose clock is behind loses to an earlier write: its acknowledged write is never read (a stale read even at QUORUM)", () => {
    const { c, replicas, coord } = setup();
    const behind = c.others(KEY)[1];
    c.apply({ type: "skew", node: behind, ms: -5000 });
    expectType(c.write(coord, KEY, "v1"), "ok");
    c.run(100);
    const late = expectType(c.write(behind, KEY, "v2"), "ok");
    expect(late.completion.type).toBe("ok");
    c.run(500);
    // Every replica keeps v1: v2 carries a timestamp 5 s older.
    for (const r of replicas) expect(c.value(r, KEY)).toBe("v1");
    const read = expectType(c.read(coord, KEY), "ok");
    expect(read.completion).toMatchObject({ value: "v1" });
    // The stale-read checker sees it: v2 was acknowledged before the read began, and began after v1 was.
    const stale = staleReads(c.sim.history);
    expect(stale).toHaveLength(1);
    expect(stale[0]).toMatchObject({ key: KEY, value: "v1", newer: "v2" });
  });

  it("a skew smaller than the gap between two writes changes nothing", () => {
    const { c, coord } = setup();
    const behind = c.others(KEY)[1];
    c.apply({ type: "skew", node: behind, ms: -50 });
    expectType(c.write(coord, KEY, "v1"), "ok");
    c.run(100);
    expectType(c.write(behind, KEY, "v2"), "ok");
    expect(expectType(c.read(coord, KEY), "ok").completion).toMatchObject({ value: "v2" });
    expect(staleReads(c.sim.history)).toEqual([]);
  });
});

describe("per-datacenter levels under NetworkTopologyStrategy (dc1:3, dc2:3)", () => {
  const DC1 = ["n1", "n2", "n3"];
  const DC2 = ["n4", "n5", "n6"];
  const topology = Object.fromEntries([...DC1.map((n) => [n, { dc: "dc1", rack: "r1" }]), ...DC2.map((n) => [n, { dc: "dc2", rack: "r1" }])]);

  function twoDcs(config: Record<string, unknown> = {}) {
    const c = new Cluster({
      nodes: [...DC1, ...DC2],
      config: { topology, replication: { class: "NetworkTopologyStrategy", dcs: { dc1: 3, dc2: 3 } }, ...config },
    });
    c.run(3000);
    expect([...c.replicas(KEY)].sort()).toEqual([...DC1, ...DC2]);
    return c;
  }

  it("LOCAL_QUORUM waits for two local replicas; EACH_QUORUM for two in each datacenter", () => {
    const c = twoDcs();
    for (const a of DC1) for (const b of DC2) c.apply({ type: "latency", from: a, to: b, ms: 300, jitterMs: 0 });
    c.setConsistency(undefined, "LOCAL_QUORUM");
    c.run(100);
    const local = expectType(c.write("n1", KEY, "v1"), "ok");
    expect(local.latencyMs).toBeLessThan(20);
    c.setConsistency(undefined, "EACH_QUORUM");
    c.run(100);
    const each = expectType(c.write("n1", KEY, "v2"), "ok");
    expect(each.latencyMs).toBeGreaterThanOrEqual(600);
    c.setConsistency(undefined, "QUORUM");
    c.run(100);
    // QUORUM is 4 of 6: the three local replicas are not enough.
    expect(expectType(c.write("n1", KEY, "v3"), "ok").latencyMs).toBeGreaterThanOrEqual(600);
    c.setConsistency(undefined, "LOCAL_ONE");
    c.run(100);
    expect(expectType(c.write("n1", KEY, "v4"), "ok").latencyMs).toBeLessThan(20);
  });

  it("with the other datacenter cut off, LOCAL_QUORUM still reads and writes; EACH_QUORUM and QUORUM are unavailable", () => {
    const c = twoDcs({ readConsistency: "LOCAL_QUORUM", writeConsistency: "LOCAL_QUORUM" });
    expectType(c.write("n1", KEY, "v1"), "ok");
    c.apply({ type: "partition", groups: [DC1, DC2] });
    c.untilConvicted(DC1, DC2);
    c.untilConvicted(DC2, DC1);
    expect(expectType(c.write("n1", KEY, "v2"), "ok").completion.type).toBe("ok");
    expect(expectType(c.read("n2", KEY), "ok").completion).toMatchObject({ value: "v2" });
    // The other side keeps working at LOCAL_QUORUM too, with its own view.
    expect(expectType(c.read("n4", KEY), "ok").completion).toMatchObject({ value: "v1" });

    c.setConsistency("EACH_QUORUM", "EACH_QUORUM");
    c.run(100);
    const w = expectType(c.write("n1", KEY, "v3"), "fail");
    expect(w.completion.type === "fail" && w.completion.error).toMatch(/^Unavailable: Cannot achieve consistency level EACH_QUORUM in DC dc2/);
    expect(c.value("n1", KEY)).toBe("v2");
    expect(expectType(c.read("n1", KEY), "fail").completion).toMatchObject({ error: expect.stringMatching(/^Unavailable/) });

    c.setConsistency("QUORUM", "QUORUM");
    c.run(100);
    expect(expectType(c.write("n1", KEY, "v4"), "fail").completion).toMatchObject({ error: expect.stringMatching(/^Unavailable: .*4 replicas required but only 3 alive/) });
  });

  it("LOCAL_QUORUM read asks local replicas only", () => {
    const c = twoDcs({ readConsistency: "LOCAL_QUORUM", writeConsistency: "ALL" });
    expectType(c.write("n1", KEY, "v1"), "ok");
    // The remote datacenter is unreachable but not yet convicted: a read that asked it would wait.
    c.apply({ type: "partition", groups: [DC1, DC2] });
    const a = expectType(c.read("n1", KEY), "ok");
    expect(a.latencyMs).toBeLessThan(20);
  });
});
