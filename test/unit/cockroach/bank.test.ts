// CockroachDB behaviour a player would notice: clocks, uncertainty restarts, self-termination on clock offset,
// survival-goal placement, a region outage, splits, actions refused in plain words, determinism, and a checker
// that does catch a non-serializable history.

import { describe, expect, it } from "vitest";
import { ActionError, type InvariantView } from "../../../shared/sim";
import type { HistoryEntry } from "../../../shared/sim/history";
import { cockroach, freshestReplicas, goalOf, Hlc, initialPlacement, parseCockroachConfig, type StoreInfo } from "../../../shared/systems/cockroach";
import { checkBank } from "../../../shared/systems/cockroach/checker";
import { initialSettings } from "../../../shared/systems/cockroach/settings";
import { CockroachCluster } from "./harness";

const REGIONS = { n1: ["us-east", "a"], n2: ["us-east", "b"], n3: ["us-east", "c"], n4: ["us-west", "a"], n5: ["us-west", "b"], n6: ["us-west", "c"], n7: ["eu", "a"], n8: ["eu", "b"], n9: ["eu", "c"] } as const;
const topology = Object.fromEntries(Object.entries(REGIONS).map(([n, [region, zone]]) => [n, { region, zone }]));

describe("hybrid logical clock", () => {
  it("follows the physical clock, counts logically when it stalls, and ratchets to remote timestamps", () => {
    const c = new Hlc();
    expect(c.now(100)).toEqual({ w: 100, l: 0 });
    expect(c.now(100)).toEqual({ w: 100, l: 1 });
    c.update({ w: 250, l: 3 });
    expect(c.now(120)).toEqual({ w: 250, l: 4 });
    expect(c.now(300)).toEqual({ w: 300, l: 0 });
  });
});

describe("config and actions", () => {
  it("has CockroachDB's defaults and refuses unknown settings", () => {
    const cfg = parseCockroachConfig({});
    expect([cfg.maxOffsetMs, cfg.rangeLeaseMs, cfg.raftTickMs, cfg.numReplicas, cfg.rangeMaxBytes, cfg.rangeMinBytes]).toEqual([500, 6000, 500, 3, 536870912, 134217728]);
    expect(() => parseCockroachConfig({ replicas: 3 })).toThrow(/no setting "replicas"/);
  });

  it("maps a player's transfer and get to history ops, refusing bad ones in words", () => {
    expect(cockroach.playerOp?.({ type: "transfer", fromAccount: 3, toAccount: 7, amount: 10 })).toEqual({ f: "transfer", value: { from: 3, to: 7, amount: 10 } });
    expect(cockroach.playerOp?.({ type: "get", key: "accounts" })).toEqual({ f: "read", key: "accounts" });
    expect(() => cockroach.playerOp?.({ type: "transfer", fromAccount: 3, toAccount: 3, amount: 1 })).toThrow(ActionError);
    expect(() => cockroach.playerOp?.({ type: "get", key: "k1" })).toThrow(/accounts/);
  });

  it("refuses an unknown setting, listing the ones that exist, and region survival with fewer than 3 regions", () => {
    const c = new CockroachCluster();
    c.run(3000);
    const act = (a: Record<string, unknown>) => c.sim.apply({ type: "action", action: a as never });
    expect(() => act({ type: "set-config", setting: "replication", value: 5 })).toThrow(/survival, num-replicas, lease-preferences/);
    expect(() => act({ type: "set-config", setting: "survival", value: "region" })).toThrow(/at least 3 regions are required/);
    expect(() => act({ type: "transfer-lease", range: 9, to: "n2" })).toThrow(/no range r9/);
  });

  it("runs a transfer and a balance read with SQL notes", () => {
    const c = new CockroachCluster();
    c.run(3000);
    const t = c.request("n1", { f: "transfer", value: { from: 3, to: 7, amount: 10 } });
    expect(t.type).toBe("ok");
    expect((t as { note: string }).note).toMatch(/^BEGIN; UPDATE accounts SET balance = balance - 10 WHERE id = 3; UPDATE accounts SET balance = balance \+ 10 WHERE id = 7; COMMIT/);
    const r = c.request("n2", { f: "read", key: "accounts" });
    expect(r).toMatchObject({ type: "ok", value: { "3": 90, "7": 110, "0": 100 } });
    expect(c.summary().totalBalance).toBe(1000);
  });
});

describe("clocks", () => {
  it("restarts a read whose uncertainty interval holds a write from a node with a fast clock", () => {
    const c = new CockroachCluster({ config: { initialRanges: 1 } });
    c.sim.apply({ type: "skew", node: "n1", ms: 300 });
    c.run(3000);
    expect(c.request("n1", { f: "transfer", value: { from: 1, to: 2, amount: 5 } }).type).toBe("ok");
    const r = c.request("n3", { f: "read", key: "accounts" });
    expect(r.type).toBe("ok");
    expect((r as { note: string }).note).toMatch(/restarted once: uncertainty/);
    expect(r).toMatchObject({ value: { "1": 95, "2": 105 } });
    expect(Number(c.summary().txnRestarts)).toBeGreaterThan(0);
  });

  it("without skew the same read needs no restart", () => {
    const c = new CockroachCluster({ config: { initialRanges: 1 } });
    c.run(3000);
    c.request("n1", { f: "transfer", value: { from: 1, to: 2, amount: 5 } });
    const r = c.request("n3", { f: "read", key: "accounts" });
    expect((r as { note: string }).note).not.toMatch(/restarted/);
  });

  it("a node whose clock is more than the tolerated offset away stops itself; one within it keeps serving", () => {
    const c = new CockroachCluster({ nodes: 5 });
    c.sim.apply({ type: "skew", node: "n4", ms: 700 });
    c.sim.apply({ type: "skew", node: "n2", ms: 250 });
    c.run(8000);
    expect(c.sim.inspect("n4").role).toBe("stopped: clock offset");
    expect(c.sim.isUp("n4")).toBe(false);
    expect(c.sim.inspect("n2").role).toBe("node");
    expect(c.sim.isUp("n2")).toBe(true);
    expect(c.summary().nodesStopped).toBe(1);
    expect(c.sim.timeline.some((e) => e.kind === "node-stopped" && e.node === "n4" && /clock synchronization error/.test(e.text))).toBe(true);
    expect(c.request("n1", { f: "transfer", value: { from: 0, to: 1, amount: 1 } }).type).toBe("ok");
  });
});

describe("survival goals", () => {
  const stores: StoreInfo[] = Object.entries(REGIONS).map(([node, [region, zone]]) => ({ node, locality: { region, zone }, live: true, dead: false, replicas: 0, leases: 0 }));
  const cfg = parseCockroachConfig({ topology, primaryRegion: "us-east" });

  it("zone survival places 3 voters in the primary region, one per zone", () => {
    for (const voters of initialPlacement(goalOf(initialSettings(cfg), "us-east", 3), stores, 4)) {
      expect(voters).toHaveLength(3);
      expect(new Set(voters.map((v) => topology[v].region))).toEqual(new Set(["us-east"]));
      expect(new Set(voters.map((v) => topology[v].zone)).size).toBe(3);
    }
  });

  it("region survival places 5 voters over 3 regions, at most 2 in any", () => {
    for (const voters of initialPlacement(goalOf({ ...initialSettings(cfg), survival: "region" }, "us-east", 3), stores, 4)) {
      expect(voters).toHaveLength(5);
      const per = new Map<string, number>();
      for (const v of voters) per.set(topology[v].region, (per.get(topology[v].region) ?? 0) + 1);
      expect(per.size).toBe(3);
      expect(Math.max(...per.values())).toBeLessThanOrEqual(2);
    }
  });

  function outage(survival: "zone" | "region"): CockroachCluster {
    const c = new CockroachCluster({ nodes: Object.keys(REGIONS), config: { topology, primaryRegion: "us-east", initialRanges: 2 } });
    c.run(3000);
    if (survival === "region") c.sim.apply({ type: "action", action: { type: "set-config", setting: "survival", value: "region" } });
    c.run(30_000);
    for (const n of ["n1", "n2", "n3"]) c.sim.apply({ type: "crash", node: n });
    c.run(15_000);
    return c;
  }

  it("after the primary region is lost, zone survival leaves ranges unavailable", () => {
    const c = outage("zone");
    expect(Number(c.summary().unavailableRanges)).toBeGreaterThan(0);
    expect(c.request("n5", { f: "transfer", value: { from: 0, to: 9, amount: 1 } }, 12_000).type).not.toBe("ok");
  });

  it("region survival re-places replicas (5 across 3 regions) and keeps serving without the primary region", () => {
    const c = outage("region");
    expect(c.summary().unavailableRanges).toBe(0);
    expect(c.request("n5", { f: "transfer", value: { from: 0, to: 9, amount: 1 } }).type).toBe("ok");
    expect(c.request("n8", { f: "read", key: "accounts" })).toMatchObject({ type: "ok" });
    expect(c.summary().totalBalance).toBe(1000);
  });
});

describe("ranges", () => {
  it("split when they grow past range_max_bytes, with a Raft group per range and leader events per group", () => {
    const c = new CockroachCluster({ config: { rangeMaxBytes: 2048, rangeMinBytes: 0 } });
    c.workload(4, 10, { transfer: 1 });
    c.run(30_000);
    c.sim.summarize();
    const ranges = freshestReplicas(c.view as InvariantView);
    expect(ranges.size).toBeGreaterThan(1);
    expect(c.sim.timeline.some((e) => e.kind === "split")).toBe(true);
    const groups = new Set(c.sim.timeline.filter((e) => e.kind === "leader").map((e) => e.group));
    expect(groups.size).toBeGreaterThan(1);
    expect(c.violations()).toEqual([]);
  });

  it("merge again once garbage collection has shrunk them under range_min_bytes, keeping the total", () => {
    const c = new CockroachCluster({ config: { rangeMaxBytes: 2048, rangeMinBytes: 1024, gcTtlMs: 1000 } });
    c.workload(4, 10, { transfer: 1 });
    c.run(20_000);
    const split = freshestReplicas((c.sim.summarize(), c.view as InvariantView)).size;
    c.sim.stopWorkload();
    c.run(20_000);
    expect(freshestReplicas((c.sim.summarize(), c.view as InvariantView)).size).toBeLessThan(split);
    expect(c.sim.timeline.some((e) => e.kind === "split")).toBe(true);
    expect(c.sim.timeline.some((e) => e.kind === "merge")).toBe(true);
    expect(c.summary().totalBalance).toBe(1000);
    expect(c.violations()).toEqual([]);
  });

  it("is deterministic: the same seed gives the same trace", () => {
    const hash = () => {
      const c = new CockroachCluster({ seed: 9, keepTrace: true });
      c.workload();
      c.sim.apply({ type: "skew", node: "n2", ms: 200 });
      c.run(6000);
      c.sim.apply({ type: "crash", node: "n1" });
      c.run(6000);
      return c.sim.traceHash();
    };
    expect(hash()).toBe(hash());
  });
});

describe("the bank checker", () => {
  const at = (w: number) => ({ w, l: 0 });
  const versions = new Map([
    [0, [{ ts: at(0), value: 100 }, { ts: at(5), value: 90, txn: "t1" }]],
    [1, [{ ts: at(0), value: 100 }, { ts: at(5), value: 110, txn: "t1" }]],
  ]);
  const h = (e: Partial<HistoryEntry>): HistoryEntry => ({ process: 0, type: "ok", f: "transfer", time: 1, ...e }) as HistoryEntry;

  it("accepts a serializable history", () => {
    const hist = [h({ type: "invoke", value: { from: 0, to: 1, amount: 10 } }), h({ value: { from: 0, to: 1, amount: 10 } }), h({ process: 1, f: "read", value: { "0": 90, "1": 110 } })];
    expect(checkBank(hist, versions, 2, 100)).toEqual([]);
  });

  it("catches a read of a half-applied transfer and an acknowledged transfer that never committed", () => {
    const hist = [h({ process: 1, f: "read", value: { "0": 90, "1": 100 } }), h({ process: 2, type: "invoke", value: { from: 1, to: 0, amount: 3 } }), h({ process: 2, value: { from: 1, to: 0, amount: 3 } })];
    const problems = checkBank(hist, versions, 2, 100);
    expect(problems.some((p) => /no serial order/.test(p))).toBe(true);
    expect(problems.some((p) => /acknowledged 1 times but committed 0/.test(p))).toBe(true);
  });
});
