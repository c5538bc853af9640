// Replication rules on a live cluster (FACTS §2.3): acks=all waits for the whole ISR and acks=1 does not; the
// HW is the smallest LEO of the ISR; min.insync.replicas refuses acks=all sends; the ISR shrinks after
// replica.lag.time.max.ms and grows back once the follower caught up; a leader that dies before its followers
// fetched loses its acks=1 messages, and truncates them when it returns; unclean leader election trades an
// offline partition for lost messages.

import { describe, expect, it } from "vitest";
import { Replica } from "../../../shared/systems/kafka/replica";
import { KafkaCluster } from "./harness";

const ONE = { partitions: 1, replicationFactor: 3 };
/** Five brokers, all five in the controller quorum, so losing two or three of events-0's replicas keeps a quorum. */
const FIVE = { nodes: 5, config: { ...ONE, controllers: 5 } };

function okValue(c: { type: string; value?: unknown }): { partition: number; offset: number; message: string } {
  expect(c.type).toBe("ok");
  return c.value as { partition: number; offset: number; message: string };
}

describe("the high watermark", () => {
  it("is the smallest LEO of the leader and its ISR, never moves back, and waits for min.insync.replicas", () => {
    const r = Replica.empty("t", 0);
    r.role = "leader";
    r.isr = ["a", "b", "c"];
    for (let i = 0; i < 5; i++) r.append({ offset: i, epoch: 0, message: `m${i}` });
    r.noteFetch("b", 3, 0);
    r.noteFetch("c", 2, 0);
    expect(r.maybeIncrementHw("a", 1)).toBe(true);
    expect(r.hw).toBe(2);
    r.noteFetch("c", 1, 1);
    expect(r.maybeIncrementHw("a", 1)).toBe(false);
    expect(r.hw).toBe(2);
    r.isr = ["a"];
    expect(r.maybeIncrementHw("a", 2)).toBe(false);
    expect(r.maybeIncrementHw("a", 1)).toBe(true);
    expect(r.hw).toBe(5);
  });
});

describe("acks", () => {
  it("acks=all answers only once every ISR member has the message; acks=1 answers before the followers have it", () => {
    const all = new KafkaCluster({ config: { ...ONE, acks: "all" } });
    all.run(2000);
    all.sim.apply({ type: "latency", from: "n1", to: "n2", ms: 400 });
    const t0 = all.now;
    const v = okValue(all.send("k", "slow"));
    expect(all.now - t0).toBeGreaterThanOrEqual(800);
    expect(all.node("n2").replicas.get("events-0")?.log[v.offset]?.message).toBe("slow");
    expect(all.node("n3").replicas.get("events-0")?.log[v.offset]?.message).toBe("slow");

    const one = new KafkaCluster({ config: { ...ONE, acks: "1" } });
    one.run(2000);
    one.sim.apply({ type: "latency", from: "n1", to: "n2", ms: 400 });
    const t1 = one.now;
    const w = okValue(one.send("k", "fast"));
    expect(one.now - t1).toBeLessThan(100);
    expect(one.node("n2").replicas.get("events-0")?.leo()).toBeLessThanOrEqual(w.offset);
  });

  it("acks=0 returns offset -1", () => {
    const c = new KafkaCluster({ config: { ...ONE, acks: "0" } });
    c.run(2000);
    expect(okValue(c.send("k", "x")).offset).toBe(-1);
  });

  it("min.insync.replicas: an acks=all send fails with NOT_ENOUGH_REPLICAS once the ISR is smaller; acks=1 still succeeds", () => {
    const c = new KafkaCluster({ ...FIVE, config: { ...FIVE.config, acks: "all", minInsyncReplicas: 2 } });
    c.run(2000);
    okValue(c.send("k", "before"));
    c.sim.apply({ type: "crash", node: "n2" });
    c.sim.apply({ type: "crash", node: "n3" });
    c.run(15_000);
    const r = c.send("k", "after");
    expect(r.type).toBe("fail");
    expect((r as { error: string }).error).toMatch(/^NOT_ENOUGH_REPLICAS/);
    c.apply({ type: "set-config", setting: "acks", value: "1" });
    c.run(500);
    okValue(c.send("k", "acks1"));
  });
});

describe("the ISR", () => {
  it("drops a follower that has not caught up within replica.lag.time.max.ms, and takes it back once it has", () => {
    const c = new KafkaCluster({ config: { ...ONE, acks: "1", replicaLagTimeMaxMs: 4000 } });
    c.sim.startWorkload({ clients: 2, rate: 10, keys: ["k"], mix: { send: 1 }, timeoutMs: 5000 });
    c.run(3000);
    expect(c.node("n1").replicas.get("events-0")?.isr).toEqual(["n1", "n2", "n3"]);
    c.sim.apply({ type: "cut", from: "n1", to: "n3" });
    c.run(3500);
    expect(c.node("n1").replicas.get("events-0")?.isr).toContain("n3");
    c.run(6000);
    expect(c.node("n1").replicas.get("events-0")?.isr).toEqual(["n1", "n2"]);
    expect(c.summary().underReplicatedPartitions).toBe(1);
    c.sim.apply({ type: "heal" });
    c.run(13_000);
    expect(c.node("n1").replicas.get("events-0")?.isr).toEqual(["n1", "n2", "n3"]);
    expect(c.summary().underReplicatedPartitions).toBe(0);
  });
});

describe("leader failover", () => {
  it("acks=1: messages the followers had not fetched are lost, and the old leader truncates them when it returns", () => {
    const c = new KafkaCluster({ config: { ...ONE, acks: "1" } });
    c.run(2000);
    okValue(c.send("k", "safe"));
    c.run(1000);
    c.sim.apply({ type: "latency", from: "n1", to: "n2", ms: 3000 });
    c.sim.apply({ type: "latency", from: "n1", to: "n3", ms: 3000 });
    c.run(3500);
    const lost = okValue(c.send("k", "doomed"));
    c.sim.apply({ type: "crash", node: "n1" });
    c.sim.apply({ type: "heal" });
    c.run(15_000);
    const p = c.partition("events-0");
    expect(p.leader).not.toBe("n1");
    expect(p.leader).not.toBeNull();
    expect(c.summary().ackedLost).toBeGreaterThanOrEqual(1);
    const leaderLog = c.node(p.leader as string).replicas.get("events-0")?.log ?? [];
    expect(leaderLog.some((r) => r.message === "safe")).toBe(true);
    expect(leaderLog[lost.offset]?.message).not.toBe("doomed");
    c.sim.apply({ type: "restart", node: "n1" });
    c.run(10_000);
    expect(c.sim.timeline.some((e) => e.kind === "truncate" && e.node === "n1")).toBe(true);
    expect(c.node("n1").replicas.get("events-0")?.log.some((r) => r.message === "doomed")).toBe(false);
  });

  /** n2 and n3 die (fenced, out of the ISR), n1 takes a message alone, then n1 dies as n2 and n3 return. */
  function lastReplicaDies(unclean: boolean): KafkaCluster {
    const c = new KafkaCluster({ ...FIVE, config: { ...FIVE.config, acks: "all", uncleanLeaderElection: unclean } });
    c.run(2000);
    c.sim.apply({ type: "crash", node: "n2" });
    c.sim.apply({ type: "crash", node: "n3" });
    c.run(15_000);
    expect(c.partition("events-0").isr).toEqual(["n1"]);
    okValue(c.send("k", "only-on-n1"));
    c.sim.apply({ type: "crash", node: "n1" });
    c.sim.apply({ type: "restart", node: "n2" });
    c.sim.apply({ type: "restart", node: "n3" });
    c.run(20_000);
    return c;
  }

  it("unclean.leader.election.enable=false: with no live ISR member the partition goes offline and loses nothing", () => {
    const c = lastReplicaDies(false);
    expect(c.partition("events-0").leader).toBeNull();
    expect(c.summary().offlinePartitions).toBe(1);
    expect(c.summary().ackedLost).toBe(0);
  });

  it("unclean.leader.election.enable=true: an out-of-sync replica leads and the acknowledged message is lost", () => {
    const c = lastReplicaDies(true);
    expect(["n2", "n3"]).toContain(c.partition("events-0").leader);
    expect(c.summary().offlinePartitions).toBe(0);
    expect(c.summary().ackedLost).toBe(1);
  });
});
