// The servers' side: KV through Raft with the three read modes, leader failover, ACL rules, health checks and the
// catalog feeding DNS, and the operator's actions refusing bad input in plain words.

import { describe, expect, it } from "vitest";
import { checkHistory } from "../../../shared/checkers";
import { Rng } from "../../../shared/sim";
import { ActionError } from "../../../shared/sim/types";
import { aclDenial, answerDns, type CatalogState, parseDnsName, servedByDns, worst } from "../../../shared/systems/consul";
import { Cluster } from "./harness";

function okValue(c: ReturnType<Cluster["request"]>): unknown {
  if (c.type !== "ok") throw new Error(`expected ok, got ${JSON.stringify(c)}`);
  return c.value;
}

describe("KV on the servers' Raft", () => {
  it("a write through a client agent is read back in every consistency mode", () => {
    const c = new Cluster({ nodes: 5, seed: 2 });
    c.runTo(5000);
    expect(c.leader()).not.toBeNull();
    expect(c.request("n5", { f: "write", key: "app/color", value: "blue" }).type).toBe("ok");
    for (const mode of ["default", "consistent", "stale"]) {
      c.action({ type: "set-config", setting: "consistency-mode", value: mode });
      c.run(100);
      expect(okValue(c.request("n4", { f: "read", key: "app/color" }))).toBe("blue");
    }
    expect(okValue(c.request("n4", { f: "read", key: "missing" }))).toBeNull();
  });

  it("the leader's crash elects another server, which still has every acknowledged write", () => {
    const c = new Cluster({ nodes: 5, seed: 5 });
    c.runTo(5000);
    for (let i = 0; i < 5; i++) expect(c.request("n4", { f: "write", key: `k${i}`, value: `v${i}` }).type).toBe("ok");
    const old = c.leader() as string;
    c.sim.apply({ type: "crash", node: old });
    const elected = c.runUntilTrue(() => c.leader() !== null && c.leader() !== old, 20_000, 50);
    expect(elected).not.toBeNull();
    expect(c.sim.timeline.some((e) => e.kind === "leader" && e.node === c.leader() && e.t > 5000)).toBe(true);
    // The client agent keeps sending to the server it knows until gossip declares that server failed.
    expect(c.runUntilTrue(() => c.stateOf("n5", old) === "dead", 20_000, 50)).not.toBeNull();
    c.action({ type: "set-config", setting: "consistency-mode", value: "consistent" });
    for (let i = 0; i < 5; i++) expect(okValue(c.request("n5", { f: "read", key: `k${i}` }))).toBe(`v${i}`);
    expect(c.violations()).toEqual([]);
  });

  it("consistent reads and writes stay linearizable while the leader crashes and comes back", () => {
    const c = new Cluster({ nodes: 5, seed: 9, config: { consistencyMode: "consistent" } });
    c.sim.startWorkload({ clients: 4, rate: 10, keys: ["a", "b"], mix: { read: 1, write: 1 }, timeoutMs: 3000 });
    c.runTo(4000);
    const lead = c.leader() as string;
    c.sim.apply({ type: "crash", node: lead });
    c.runTo(12_000);
    c.sim.apply({ type: "restart", node: lead });
    c.runTo(20_000);
    const history = c.sim.history.filter((e) => e.f === "read" || e.f === "write");
    expect(history.filter((e) => e.type === "ok").length).toBeGreaterThan(100);
    expect(checkHistory(history).status).toBe("ok");
    expect(c.violations()).toEqual([]);
  });
});

describe("ACLs", () => {
  it("the longest matching prefix decides; no rule means allowed", () => {
    const rules = { "": "read", "secret/": "deny", "secret/public/": "read", "app/": "write" } as const;
    expect(aclDenial(rules, "app/x", "write")).toBeUndefined();
    expect(aclDenial(rules, "other", "read")).toBeUndefined();
    expect(aclDenial(rules, "other", "write")).toMatch(/^Permission denied/);
    expect(aclDenial(rules, "secret/a", "read")).toBe(`Permission denied: token lacks permission 'key:read' on "secret/a"`);
    expect(aclDenial(rules, "secret/public/a", "read")).toBeUndefined();
    expect(aclDenial(rules, "secret/public/a", "write")).toMatch(/^Permission denied/);
    expect(aclDenial({}, "anything", "write")).toBeUndefined();
  });

  it("a deny rule set by the operator refuses the client's reads and writes under the prefix", () => {
    const c = new Cluster({ nodes: 4, seed: 6 });
    c.runTo(5000);
    expect(c.request("n4", { f: "write", key: "secret/db", value: "hunter2" }).type).toBe("ok");
    c.action({ type: "set-acl", prefix: "secret/", policy: "deny" });
    c.run(500);
    const w = c.request("n4", { f: "write", key: "secret/db", value: "x" });
    expect(w).toMatchObject({ type: "fail", error: expect.stringMatching(/^Permission denied/) });
    const r = c.request("n4", { f: "read", key: "secret/db" });
    expect(r).toMatchObject({ type: "fail", error: expect.stringMatching(/^Permission denied/) });
    expect(c.request("n4", { f: "write", key: "public/x", value: "ok" }).type).toBe("ok");
  });
});

describe("health and DNS", () => {
  it("check states combine to the worst, and DNS serves warning but not critical (unless only_passing)", () => {
    expect(worst("passing", "warning")).toBe("warning");
    expect(worst("warning", "critical", "passing")).toBe("critical");
    expect(servedByDns("warning", false)).toBe(true);
    expect(servedByDns("warning", true)).toBe(false);
    expect(servedByDns("critical", false)).toBe(false);
    const state: CatalogState = {
      nodes: {
        n1: { serfHealth: "passing", services: { web: { port: 80, status: "passing" } } },
        n2: { serfHealth: "passing", services: { web: { port: 80, status: "warning" } } },
        n3: { serfHealth: "critical", services: { web: { port: 80, status: "passing" } } },
        n4: { serfHealth: "passing", services: { web: { port: 80, status: "critical" } } },
      },
      kv: {},
      acl: {},
    };
    const q = parseDnsName("web.service.consul", "dc1");
    if (typeof q === "string") throw new Error(q);
    expect(answerDns(state, q, false, new Rng(1)).records.sort()).toEqual(["n1", "n2"]);
    expect(answerDns(state, q, true, new Rng(1)).records).toEqual(["n1"]);
    const none = parseDnsName("db.service.dc1.consul.", "dc1");
    if (typeof none === "string") throw new Error(none);
    expect(answerDns(state, none, false, new Rng(1))).toMatchObject({ records: [], note: expect.stringContaining("NXDOMAIN") });
    expect(parseDnsName("web.service.dc2.consul", "dc1")).toMatch(/no path to datacenter dc2/);
    expect(parseDnsName("example.com", "dc1")).toMatch(/not in the consul\. domain/);
  });

  it("answers at most 3 records (udp_answer_limit), in an order that varies", () => {
    const state: CatalogState = { nodes: {}, kv: {}, acl: {} };
    for (let i = 1; i <= 6; i++) state.nodes[`n${i}`] = { serfHealth: "passing", services: { web: { port: 80, status: "passing" } } };
    const q = parseDnsName("web.service.consul", "dc1");
    if (typeof q === "string") throw new Error(q);
    const rng = new Rng(3);
    const answers = Array.from({ length: 8 }, () => answerDns(state, q, false, rng).records);
    for (const a of answers) expect(a.length).toBe(3);
    expect(new Set(answers.map((a) => a.join())).size).toBeGreaterThan(1);
  });

  it("a crashed node's instances turn critical once gossip declares it failed, and DNS stops serving them", () => {
    const c = new Cluster({ nodes: 6, seed: 7, config: { services: { web: ["n5", "n6"] } } });
    c.runTo(5000);
    expect((okValue(c.request("n4", { f: "dns", key: "web.service.consul" })) as string[]).sort()).toEqual(["n5", "n6"]);
    c.sim.apply({ type: "crash", node: "n6" });
    c.run(1000);
    expect(c.summary().staleInstances).toBe(1);
    const gone = c.runUntilTrue(() => c.summary().criticalInstances === 1, 20_000, 50);
    expect(gone).not.toBeNull();
    expect(okValue(c.request("n4", { f: "dns", key: "web.service.consul" }))).toEqual(["n5"]);
    c.sim.apply({ type: "crash", node: "n5" });
    c.runUntilTrue(() => c.summary().criticalInstances === 2, 20_000, 50);
    const empty = c.request("n4", { f: "dns", key: "web.service.consul" });
    expect(empty).toMatchObject({ type: "ok", value: [], note: expect.stringContaining("NXDOMAIN") });
    expect(c.summary().servicesDiscoverable).toBe(0);
  });

  it("a newly registered instance is critical until its first check, then DNS serves it", () => {
    const c = new Cluster({ nodes: 5, seed: 8, config: { checkIntervalMs: 2000 } });
    c.runTo(5000);
    c.action({ type: "register-service", service: "api", node: "n4", port: 9000 });
    // Consul's default initial status for a check is critical; the first run comes at a random stagger.
    expect(c.node("n4").services.get("api")?.status).toBe("critical");
    const firstRun = c.runUntilTrue(() => c.node("n4").services.get("api")?.status === "passing", 2500, 1);
    expect(firstRun).not.toBeNull();
    c.run(500);
    expect(c.summary().healthyInstances).toBe(1);
    expect(okValue(c.request("n5", { f: "dns", key: "api.service.consul" }))).toEqual(["n4"]);
    c.action({ type: "deregister-service", service: "api", node: "n4" });
    c.run(500);
    expect(c.summary().servicesDiscoverable).toBe(0);
  });
});

describe("operator actions", () => {
  it("refuse unknown settings, listing those that exist, and bad values", () => {
    const c = new Cluster({ nodes: 3, seed: 1 });
    c.runTo(3000);
    expect(() => c.action({ type: "set-config", setting: "probe_intervall", value: 500 })).toThrow(/Consul has no setting "probe_intervall"; the settings are probe-interval, probe-timeout/);
    expect(() => c.action({ type: "set-config", setting: "probe-timeout", value: "soon" })).toThrow(/probe-timeout is a duration such as 500ms/);
    expect(() => c.action({ type: "set-config", setting: "gossip-nodes", value: 0 })).toThrow(/gossip-nodes must be a whole number from 1 to 64/);
    expect(() => c.action({ type: "set-config", setting: "consistency-mode", value: "strong" })).toThrow(/default, consistent, stale/);
    expect(() => c.action({ type: "register-service", service: "web", node: "n9" })).toThrow(ActionError);
    c.action({ type: "set-config", setting: "probe-interval", value: "500ms" });
    expect(c.node("n2").settings.probeIntervalMs).toBe(500);
    c.action({ type: "set-config", setting: "suspicion_mult", value: 3 });
    expect(c.node("n3").settings.suspicionMult).toBe(3);
  });

  it("a setting survives the agent's restart (it is in the agent's config)", () => {
    const c = new Cluster({ nodes: 4, seed: 2 });
    c.runTo(3000);
    c.action({ type: "set-config", setting: "suspicion-mult", value: 2 });
    c.sim.apply({ type: "crash", node: "n4" });
    c.run(1000);
    c.sim.apply({ type: "restart", node: "n4" });
    c.run(100);
    expect(c.node("n4").settings.suspicionMult).toBe(2);
  });
});
