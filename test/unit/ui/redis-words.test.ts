// Redis Cluster in words (client/ui/hud/redis-words.ts): what the node table, the node player's panel and the
// client's results say, from a hand-made room state.

import { describe, expect, it } from "vitest";
import { slotModel } from "../../../client/game/draw/slot-map";
import type { GameStateView, NodeView } from "../../../client/net/state";
import {
  flagWords,
  lagWords,
  redirectTrailWords,
  redisClusterWords,
  redisResultWords,
  redisWhoWords,
  slotListWords,
  slotMovesWords,
  slotsWords,
} from "../../../client/ui/hud/redis-words";

function node(id: string, over: Partial<NodeView> = {}): NodeView {
  return {
    id, up: true, role: over.replicaOf ? "replica" : "master", term: 0, commitIndex: 0, logLength: 0, log: "", player: "", dc: "", rack: "", tokens: "",
    drives: "", pool: 0, slots: "", migrating: "", importing: "", replicaOf: "", replLag: 0, partitions: new Map(), groups: "", members: "", ranges: "", badges: new Map(), stats: new Map(),
    ...over,
  };
}

function room(nodes: NodeView[], summary: Record<string, string> = {}): GameStateView {
  return {
    system: "redis-cluster",
    nodes: new Map(nodes.map((n) => [n.id, n])),
    summary: new Map(Object.entries(summary)),
    feed: [],
  } as unknown as GameStateView;
}

describe("Redis Cluster in words", () => {
  const n1 = node("n1", { slots: "500-5460", migrating: "500>n4,501>n4" });
  const n2 = node("n2", { slots: "5461-10922", badges: new Map([["clusterdown", 1]]) });
  const n3 = node("n3", { slots: "10923-16383", up: false });
  const n4 = node("n4", { slots: "0-499", importing: "500<n1" });
  const n5 = node("n5", { replicaOf: "n2", replLag: 120 });
  const n6 = node("n6", { replicaOf: "n2" });
  const state = room([n1, n2, n3, n4, n5, n6], {
    clusterState: "fail on 1 of 5 nodes",
    masters: "3",
    slotsUncovered: "5461",
    migratingSlots: "2",
    writesLost: "1",
    failureFlags: "n2:pfail,n3:fail",
    nodesClusterDown: "1",
    nodesDown: "1",
    settings: "cluster-node-timeout 15000",
  });
  const model = slotModel(state);

  it("says which slots a master serves, and what a stopped master still claims", () => {
    expect(slotsWords(n1, model)).toBe("500–5460 (4961 slots)");
    expect(slotsWords(n4, model)).toBe("0–499 (500 slots)");
    expect(slotsWords(n3, model)).toBe("none: down (claimed 10923–16383)");
    expect(slotsWords(n5, model)).toBe("none (replica)");
  });

  it("groups moving slots by the other master, as ranges", () => {
    expect(slotListWords([7, 3, 4, 5, 9])).toBe("3–5, 7, 9");
    expect(slotMovesWords(n1)).toBe("migrating slots 500–501 to n4");
    expect(slotMovesWords(n4)).toBe("importing slot 500 from n1");
    expect(slotMovesWords(n2)).toBe("none");
  });

  it("names lag, flags and CLUSTERDOWN", () => {
    expect(lagWords(n5)).toBe("120 bytes behind");
    expect(lagWords(n6)).toBe("in sync");
    expect(lagWords(n1)).toBe("");
    expect(flagWords(state, n3)).toBe("FAIL");
    expect(flagWords(state, n2)).toBe("PFAIL, CLUSTERDOWN");
    expect(flagWords(state, n1)).toBe("none");
  });

  it("sums the cluster up from the summary", () => {
    expect(redisClusterWords(state)).toBe(
      "Cluster state: FAIL on 1 of 5 nodes. 3 masters serve the 16384 hash slots; 5461 slots uncovered (no running master). 2 slots migrating. 1 acknowledged write lost. Flagged: n2 PFAIL, n3 FAIL. 1 node answers CLUSTERDOWN. 1 node down. Settings: cluster-node-timeout 15000.",
    );
  });

  it("tells a node player its role and slots or master", () => {
    expect(redisWhoWords(state, n1, model)).toBe("You are n1: up, a master serving slots 500–5460 (4961 slots). You are migrating slots 500–501 to n4.");
    expect(redisWhoWords(state, n5, model)).toBe("You are n5: up, a replica of n2, 120 bytes behind.");
    expect(redisWhoWords(state, n3, model)).toBe("You are n3: down (crashed), a master that held slots 10923–16383: 5461 uncovered. Others flag you FAIL.");
  });

  it("writes a client's operations as SET and GET, with the redirect trail", () => {
    expect(redisResultWords({ f: "write", key: "user34", value: "v", ok: true, latencyMs: 4.2, via: "n2" })).toBe('SET user34 = "v" via n2: OK in 4 ms');
    expect(redisResultWords({ f: "read", key: "user34", value: "v", ok: true, latencyMs: 3 })).toBe('GET user34 → "v" in 3 ms');
    expect(redisResultWords({ f: "read", key: "k9", value: null, ok: true, latencyMs: 3 })).toBe("GET k9 → (nil) in 3 ms");
    expect(redisResultWords({ f: "write", key: "k", value: "v", ok: false, error: "CLUSTERDOWN The cluster is down", latencyMs: 2 })).toBe(
      'SET k = "v": failed after 2 ms: CLUSTERDOWN The cluster is down',
    );
    expect(redisResultWords({ f: "send", key: "k", ok: true, latencyMs: 1 })).toBeNull();
    expect(redirectTrailWords("n1: MOVED 449 n4:6379 -> n4 answered")).toBe("Redirected: n1: MOVED 449 n4:6379 → n4 answered");
    expect(redirectTrailWords("n4 answered")).toBe("Route: n4 answered");
  });
});
