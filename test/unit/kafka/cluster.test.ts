// The Kafka cluster as operators and the screen see it: KRaft fencing after broker.session.timeout.ms, leader
// events on the timeline, reassignment onto a new broker, eager and cooperative rebalances of a consumer group,
// set-config's refusals, the inspection, and determinism (same seed, same trace).

import { describe, expect, it } from "vitest";
import { ActionError } from "../../../shared/sim";
import { KafkaCluster } from "./harness";

describe("KRaft controller quorum", () => {
  it("elects an active controller and fences a dead broker after broker.session.timeout.ms, then moves its leaderships", () => {
    const c = new KafkaCluster({ config: { partitions: 3, replicationFactor: 3 } });
    c.run(3000);
    const controllerEvents = c.sim.timeline.filter((e) => e.kind === "leader" && e.group === "__cluster_metadata");
    expect(controllerEvents.length).toBeGreaterThanOrEqual(1);
    expect(c.partition("events-1").leader).toBe("n2");
    c.sim.apply({ type: "crash", node: "n2" });
    const crashedAt = c.now;
    c.run(6500);
    expect(c.partition("events-1").leader).toBe("n2");
    c.run(7500);
    const moved = c.sim.timeline.find((e) => e.kind === "leader" && e.group === "events-1" && e.t > crashedAt);
    expect(moved).toBeDefined();
    expect(moved?.node).not.toBe("n2");
    // 9 s after its last heartbeat, which came at most broker.heartbeat.interval.ms (2 s) before the crash.
    expect((moved?.t ?? 0) - crashedAt).toBeGreaterThanOrEqual(7000);
    expect((moved?.t ?? 0) - crashedAt).toBeLessThanOrEqual(9600);
    expect(c.summary().fencedBrokers).toBe(1);
    expect(c.partition("events-1").isr).not.toContain("n2");
  });

  it("a restarted broker registers again, catches up, is unfenced and rejoins the ISR", () => {
    const c = new KafkaCluster({ config: { partitions: 3, replicationFactor: 3 } });
    c.run(2000);
    c.sim.apply({ type: "crash", node: "n3" });
    c.run(15_000);
    c.sim.apply({ type: "restart", node: "n3" });
    c.run(10_000);
    expect(c.summary().fencedBrokers).toBe(0);
    for (const tp of ["events-0", "events-1", "events-2"]) expect(c.partition(tp).isr).toContain("n3");
    expect(c.summary().underReplicatedPartitions).toBe(0);
  });
});

describe("inspection", () => {
  it("shows roles, partitions with LEO, HW and the leader's ISR, and the group on its coordinator", () => {
    const c = new KafkaCluster({ config: { partitions: 3, replicationFactor: 3, consumers: 2 } });
    c.run(5000);
    const roles = ["n1", "n2", "n3"].map((n) => c.sim.inspect(n).role);
    expect(roles.filter((r) => r === "broker+active-controller")).toHaveLength(1);
    const n1 = c.sim.inspect("n1");
    expect(n1.partitions?.find((p) => p.topic === "events" && p.partition === 0)).toMatchObject({ leader: true, isr: ["n1", "n2", "n3"] });
    expect(n1.groups?.[0]).toMatchObject({ group: "app", state: "Stable", generation: 1, protocol: "eager" });
  });
});

describe("reassignment", () => {
  it("moves a partition onto a new broker: the new replica catches up, joins the ISR, then the old one leaves", () => {
    const c = new KafkaCluster({ config: { partitions: 3, replicationFactor: 2, acks: "all", minInsyncReplicas: 2 } });
    c.sim.startWorkload({ clients: 2, rate: 10, keys: ["a", "b", "c", "d", "e"], mix: { send: 1 }, timeoutMs: 5000 });
    c.run(3000);
    c.apply({ type: "add-member", node: "n4" });
    c.run(3000);
    expect(c.partition("events-2").replicas).toEqual(["n3", "n1"]);
    c.apply({ type: "reassign", partition: 2, replicas: ["n4", "n1"] });
    c.run(100);
    expect(c.partition("events-2").adding).toEqual(["n4"]);
    c.run(5000);
    const p = c.partition("events-2");
    expect(p.replicas).toEqual(["n4", "n1"]);
    expect(p.isr.sort()).toEqual(["n1", "n4"]);
    expect(p.leader).toBe("n4");
    expect(c.summary().reassigningPartitions).toBe(0);
    expect(c.node("n3").replicas.has("events-2")).toBe(false);
    expect(c.summary().ackedLost).toBe(0);
    expect(c.sim.invariantReport().every((i) => i.ok)).toBe(true);
  });

  it("refuses a replica on a broker that is not registered", () => {
    const c = new KafkaCluster({ config: { partitions: 3, replicationFactor: 2 } });
    c.run(2000);
    expect(() => c.apply({ type: "reassign", partition: 1, replicas: ["n2", "n9"] })).toThrow(/n9 is not a registered/);
  });
});

describe("consumer group rebalances", () => {
  function scaled(protocol: string) {
    const c = new KafkaCluster({ config: { partitions: 6, replicationFactor: 3, consumers: 3, groupProtocol: protocol } });
    c.run(8000);
    const coordinator = c.summary().coordinator as string;
    const before = c.node(coordinator).group;
    const gen = before?.generation ?? 0;
    c.apply({ type: "scale-consumers", count: 4 });
    c.run(12_000);
    return { c, gen, group: c.node(coordinator).group };
  }

  it("eager: every member gives up every partition at once, then Range hands them out in one round", () => {
    const { c, gen, group } = scaled("eager");
    expect(group?.state).toBe("Stable");
    expect(group?.generation).toBe(gen + 1);
    expect(c.summary().pausedPartitionsPeak).toBe(6);
    expect(group?.view()).toEqual([
      { member: "c1", partitions: ["events-0", "events-1"] },
      { member: "c2", partitions: ["events-2", "events-3"] },
      { member: "c3", partitions: ["events-4"] },
      { member: "c4", partitions: ["events-5"] },
    ]);
  });

  it("cooperative: only the partitions that move stop, over two rounds", () => {
    const { c, gen, group } = scaled("cooperative");
    expect(group?.state).toBe("Stable");
    expect(group?.generation).toBe(gen + 2);
    expect(c.summary().pausedPartitionsPeak).toBe(1);
    const owned = Object.fromEntries((group?.view() ?? []).map((m) => [m.member, m.partitions.length]));
    expect(Object.values(owned).sort()).toEqual([1, 1, 2, 2]);
  });

  it("set-config switches the protocol; unknown settings are refused with the list of settings", () => {
    const c = new KafkaCluster({ config: { partitions: 3, replicationFactor: 3 } });
    c.run(2000);
    c.apply({ type: "set-config", setting: "partition.assignment.strategy", value: "cooperative-sticky" });
    c.run(500);
    expect(c.summary().groupProtocol).toBe("cooperative");
    expect(() => c.apply({ type: "set-config", setting: "log.retention.ms", value: 5 })).toThrow(ActionError);
    expect(() => c.apply({ type: "set-config", setting: "log.retention.ms", value: 5 })).toThrow(/min\.insync\.replicas, unclean\.leader\.election\.enable/);
    expect(() => c.apply({ type: "set-config", setting: "acks", value: "2" })).toThrow(/acks is 0, 1 or all/);
  });
});

describe("an operator's change reaching a controller that cannot record it yet", () => {
  it("is recorded once the newly elected controller has applied its log, not dropped", () => {
    const c = new KafkaCluster({ config: { partitions: 3, replicationFactor: 3 } });
    // The moment a controller wins its election it is active, but it decides only once its log is applied.
    const active = () => ["n1", "n2", "n3"].some((id) => c.node(id).controller?.active());
    let steps = 0;
    while (!active() && steps++ < 100_000) c.sim.step();
    expect(active()).toBe(true);
    c.apply({ type: "set-config", setting: "min.insync.replicas", value: 2 });
    c.apply({ type: "set-config", setting: "acks", value: "all" });
    c.run(1000);
    expect(c.summary().minInsyncReplicas).toBe(2);
    expect(c.summary().acks).toBe("all (-1)");
    expect(c.sim.timeline.filter((e) => e.kind === "refused")).toEqual([]);
  });
});

describe("determinism", () => {
  it("the same seed gives the same trace, and another seed a different one", () => {
    const run = (seed: number) => {
      const c = new KafkaCluster({ seed, keepTrace: false, config: { partitions: 3, replicationFactor: 3, consumers: 2 } });
      c.sim.startWorkload({ clients: 3, rate: 10, keys: ["a", "b", "c"], mix: { send: 3, poll: 1 }, timeoutMs: 5000 });
      c.run(5000);
      c.sim.apply({ type: "crash", node: "n1" });
      c.run(15_000);
      return c.sim.traceHash();
    };
    expect(run(7)).toBe(run(7));
    expect(run(7)).not.toBe(run(8));
  });
});
