// Consul in words (client/ui/hud/consul-words.ts): what the node table and the node player's panel say, from a
// hand-made room state in which the client agent n5 has crashed and the news is halfway round the cluster.

import { describe, expect, it } from "vitest";
import { gossipModel, type Opinion } from "../../../client/game/draw/gossip-views";
import { type GameStateView, type NodeView, sortedValues } from "../../../client/net/state";
import { consulClusterWords, consulColumns, consulWhoWords, opinionWords } from "../../../client/ui/hud/consul-words";

function node(id: string, role: string, members: string, over: Partial<NodeView> = {}, stats: Record<string, number> = {}): NodeView {
  return {
    id, up: true, role, term: 0, commitIndex: 0, logLength: 0, log: "", player: "", dc: "", rack: "", tokens: "", drives: "", pool: 0, slots: "",
    migrating: "", importing: "", replicaOf: "", replLag: 0, partitions: new Map(), groups: "", members, ranges: "", badges: new Map(),
    stats: new Map(Object.entries({ incarnation: 1, awareness: 0, ...stats })),
    ...over,
  };
}

function room(nodes: NodeView[], leader: string, summary: Record<string, string> = {}, simTime = 40_000): GameStateView {
  return {
    system: "consul",
    leader,
    simTime,
    nodes: new Map(nodes.map((n) => [n.id, n])),
    summary: new Map(Object.entries(summary)),
    feed: [],
  } as unknown as GameStateView;
}

/** What the running agents of `state` think of `id`. */
function opinionOf(state: GameStateView, id: string): Opinion {
  const o = gossipModel(state, sortedValues(state.nodes, (n) => n.id).map((n) => n.id)).opinions.get(id);
  if (!o) throw new Error(`no node ${id}`);
  return o;
}

const ALL_ALIVE = "n1:alive:1,n2:alive:1,n3:alive:1,n4:alive:2,n5:alive:1";

describe("Consul in words", () => {
  // n5 is down: n1 and n2 suspect it (n2's timer runs out first), n3 has declared it dead, n4 has heard nothing yet.
  const n1 = node("n1", "server-leader", "n1:alive:1,n2:alive:1,n3:alive:1,n4:alive:2,n5:suspect:1@43200", { term: 3 });
  const n2 = node("n2", "server", "n1:alive:1,n2:alive:1,n3:alive:1,n4:alive:2,n5:suspect:1@42000", { term: 3 });
  const n3 = node("n3", "server", "n1:alive:1,n2:alive:1,n3:alive:1,n4:alive:2,n5:dead:1", { term: 3 }, { awareness: 2 });
  const n4 = node("n4", "client", ALL_ALIVE, {}, { incarnation: 2 });
  // A crashed agent's last member list is not what it sees: it sees nothing.
  const n5 = node("n5", "client", ALL_ALIVE, { up: false });
  const state = room([n1, n2, n3, n4, n5], "n1", { healthyInstances: "2", staleInstances: "1", criticalInstances: "1", falseDeaths: "0" });

  it("sums the cluster up: servers, leader, who is in question and what DNS serves", () => {
    expect(consulClusterWords(state)).toBe(
      "Servers n1, n2, n3; Raft leader n1. n5 (down) is suspected by 2 agents (the first timer runs out in 2.0 s), dead to 1, still alive to 1. " +
        "DNS serves 2 healthy instances (1 of them on a node that is down, not yet noticed); 1 critical instance left out.",
    );
  });

  it("says when there is no leader and when every view agrees", () => {
    const calm = room([node("n1", "server", ALL_ALIVE), node("n2", "server", ALL_ALIVE), node("n3", "server", ALL_ALIVE), node("n4", "client", ALL_ALIVE), node("n5", "client", ALL_ALIVE)], "", { falseDeaths: "2", healthyInstances: "0", criticalInstances: "0" });
    expect(consulClusterWords(calm)).toBe(
      "Servers n1, n2, n3; no leader — the catalog cannot change. All 5 running agents see every member alive. 2 running agents wrongly declared failed.",
    );
  });

  it("puts what the others think of a member in words", () => {
    expect(opinionWords(opinionOf(state, "n1"), 40_000)).toBe("alive to all 3 running agents");
    expect(opinionWords(opinionOf(room([n1, node("n2", "server", "n1:dead:1,n2:alive:1")], "n2"), "n1"), 0)).toBe("dead to the only other running agent");
    const one = room([n1, node("n2", "server", "n1:suspect:1@1000,n2:alive:1"), node("n3", "server", "n1:alive:1")], "n3");
    expect(opinionWords(opinionOf(one, "n1"), 500)).toBe("suspected by 1 agent (the first timer runs out in 0.5 s), alive to 1");
  });

  it("gives each agent its role, its view, the suspicions it holds and its Lifeguard score", () => {
    const columns = consulColumns(state, [n1, n2, n3, n4, n5]);
    expect(columns.map((c) => c.title)).toEqual(["Role", "Sees", "Suspects", "Others see it", "Incarnation", "Awareness"]);
    const row = (n: NodeView) => columns.map((c) => String(c.cell(n)));
    expect(row(n1)).toEqual(["leader (server)", "3 alive, 1 suspect, 0 dead", "n5 (dead in 3.2 s)", "alive to all 3 running agents", "1", "0 (healthy)"]);
    expect(row(n3)).toEqual(["server", "3 alive, 0 suspect, 1 dead", "none", "alive to all 3 running agents", "1", "2 (probing slower: it missed acks)"]);
    expect(row(n4)).toEqual(["client", "4 alive, 0 suspect, 0 dead", "none", "alive to all 3 running agents", "2", "0 (healthy)"]);
    expect(row(n5)).toEqual(["client", "nothing (down)", "—", "suspected by 2 agents (the first timer runs out in 2.0 s), dead to 1, still alive to 1", "— (lost while down)", "—"]);
  });

  it("tells the node player what they are and what they see, with no term for a client agent", () => {
    expect(consulWhoWords(state, n1)).toBe(
      "You are n1, a server agent and the Raft leader (term 3): you see 3 alive, 1 suspect (n5, dead in 3.2 s unless it refutes). Incarnation 1.",
    );
    expect(consulWhoWords(state, n3)).toBe("You are n3, a server agent: you see 3 alive, 1 dead. Incarnation 1.");
    expect(consulWhoWords(state, n4)).toBe("You are n4, a client agent: you see 4 alive. Incarnation 2.");
    expect(consulWhoWords(state, n4)).not.toMatch(/term/);
    expect(consulWhoWords(state, n5)).toBe(
      "You are n5, a client agent: down (crashed). Your member list is gone; restarted, you rejoin with incarnation 1 and refute the death the others remember.",
    );
  });

  it("tells a suspected agent who suspects it", () => {
    const accused = node("n4", "client", ALL_ALIVE);
    const accuser = node("n2", "server", "n1:alive:1,n2:alive:1,n4:suspect:1@45000");
    const s = room([node("n1", "server-leader", "n1:alive:1,n2:alive:1,n4:alive:1"), accuser, accused], "n1");
    expect(consulWhoWords(s, accused)).toMatch(/Suspected by n2: you refute with a higher incarnation when the news reaches you\.$/);
  });
});
