// Operator actions are checked against the cluster before anything changes, and refused in plain words.

import { describe, expect, it } from "vitest";
import { ActionError } from "../../../shared/sim";
import { parseRedisClusterConfig } from "../../../shared/systems/redis-cluster";
import { Cluster } from "./harness";

function refuse(c: Cluster, action: Record<string, unknown>): string {
  try {
    c.apply({ type: "action", action: action as { type: string } });
  } catch (e) {
    expect(e).toBeInstanceOf(ActionError);
    return (e as Error).message;
  }
  throw new Error(`${JSON.stringify(action)} was accepted`);
}

describe("Redis Cluster actions", () => {
  it("refuses bad reshards, failovers and settings, naming what is wrong", () => {
    const c = new Cluster();
    c.run(1000);
    expect(refuse(c, { type: "reshard", from: "n4", to: "n2", count: 10 })).toMatch(/n4 is not a master/);
    expect(refuse(c, { type: "reshard", from: "n1", to: "n5", count: 10 })).toMatch(/n5 is a replica/);
    expect(refuse(c, { type: "reshard", from: "n1", to: "n2", count: 6000 })).toMatch(/serves only 5461 slots/);
    expect(refuse(c, { type: "reshard", from: "n9", to: "n2", count: 1 })).toMatch(/unknown node "n9"/);
    expect(refuse(c, { type: "failover", node: "n1" })).toMatch(/n1 is a master/);
    expect(refuse(c, { type: "set-config", setting: "maxmemory", value: "1gb" })).toMatch(/settings are cluster-node-timeout, cluster-require-full-coverage/);
    expect(refuse(c, { type: "set-config", setting: "cluster-require-full-coverage", value: "maybe" })).toMatch(/yes or no/);
    expect(refuse(c, { type: "remove-member", node: "n2" })).toMatch(/still serves 5462 slots: reshard them/);
    expect(refuse(c, { type: "add-member", node: "n1" })).toMatch(/already exists/);
    expect(refuse(c, { type: "add-member", node: "n7", replicaOf: "n4" })).toMatch(/n4 is a replica/);
    expect(refuse(c, { type: "transfer-leader", to: "n1" })).toMatch(/its actions are reshard, failover/);
  });

  it("adds a replica that full-syncs from its master", () => {
    const c = new Cluster();
    c.write("n1", "hello", "world");
    c.apply({ type: "action", action: { type: "add-member", node: "n7", replicaOf: "n1" } });
    c.run(3000);
    expect(c.node("n7").inspect().replicaOf?.master).toBe("n1");
    expect(c.node("n7").data.get("hello")).toBe("world");
  });

  it("with cluster-require-full-coverage no, keeps serving the slots that are covered", () => {
    const c = new Cluster({ config: { masters: ["n1", "n2", "n3"], nodeTimeoutMs: 1000 }, nodes: 3 });
    c.apply({ type: "crash", node: "n3" });
    c.run(5000);
    const down = c.write("n1", "hello", "x"); // slot 866, n1's
    expect(down.type === "fail" && down.error).toBe("CLUSTERDOWN The cluster is down");
    c.apply({ type: "action", action: { type: "set-config", setting: "cluster-require-full-coverage", value: "no" } });
    c.run(1000);
    expect(c.write("n1", "hello", "x").type).toBe("ok");
  });
});

describe("Redis Cluster settings", () => {
  it("takes redis.conf's defaults and refuses unknown settings", () => {
    const cfg = parseRedisClusterConfig({});
    expect([cfg.nodeTimeoutMs, cfg.requireFullCoverage, cfg.replicaValidityFactor, cfg.replPingReplicaPeriodMs]).toEqual([15_000, true, 10, 10_000]);
    expect(() => parseRedisClusterConfig({ nodeTimout: 5 })).toThrow(/no setting "nodeTimout"/);
    expect(() => parseRedisClusterConfig({ replicas: { n4: "n4" } })).toThrow(/cannot replicate itself/);
  });
});
