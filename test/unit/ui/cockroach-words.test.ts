// CockroachDB in words (client/ui/hud/cockroach-words.ts) and the merge of the stores' range reports it shares with
// the keyspace picture (client/game/draw/keyspace-model.ts), from a hand-made room state.

import { describe, expect, it } from "vitest";
import { keyspaceFacts, keyspaceRanges } from "../../../client/game/draw/keyspace-model";
import { type GameStateView, type NodeView, type RangeView, sortedValues } from "../../../client/net/state";
import { cockroachClusterWords, cockroachColumns, cockroachWhoWords } from "../../../client/ui/hud/cockroach-words";

function node(id: string, over: Partial<NodeView> = {}, stats: Record<string, number> = {}): NodeView {
  return {
    id, up: true, role: "node", term: 0, commitIndex: 0, logLength: 0, log: "", player: "", dc: "", rack: "", tokens: "",
    drives: "", pool: 0, slots: "", migrating: "", importing: "", replicaOf: "", replLag: 0, partitions: new Map(), groups: "", members: "", ranges: "", badges: new Map(),
    stats: new Map(Object.entries({ ranges: 0, leases: 0, leaders: 0, intents: 0, clockOffsetMs: 0, hlcAheadMs: 0, txnRestarts: 0, ...stats })),
    ...over,
  };
}

function room(nodes: NodeView[], summary: Record<string, string> = {}): GameStateView {
  return { system: "cockroach", nodes: new Map(nodes.map((n) => [n.id, n])), summary: new Map(Object.entries(summary)), feed: [] } as unknown as GameStateView;
}

function nodesOf(state: GameStateView): NodeView[] {
  return sortedValues(state.nodes, (n) => n.id);
}

const R1 = "[/Min, /accounts/0020)";
const R2 = "[/accounts/0020, /Max)";

function range(id: number, span: string, leaseholder: string | null, leader: string | null, over: Partial<RangeView> = {}): RangeView {
  return { range: id, span, replicas: ["n1", "n2", "n3"], leaseholder, leader, intents: 0, records: [], ...over };
}

const reports = (...ranges: RangeView[]) => JSON.stringify(ranges);

describe("CockroachDB's keyspace as the screen reads it", () => {
  it("believes each range's leaseholder over the other stores, and running stores over down ones", () => {
    const state = room([
      // n1 is down: its report still says it holds both leases (as it did before it crashed).
      node("n1", { up: false, ranges: reports(range(1, R1, "n1", "n1"), range(2, R2, "n1", "n1")) }),
      // n2 took r1's lease and leads it; its view of r2 is a moment old.
      node("n2", { ranges: reports(range(1, R1, "n2", "n2", { intents: 2, records: [{ id: "n2.1.7", status: "STAGING" }] }), range(2, R2, "n1", "n3")) }),
      node("n3", { ranges: reports(range(1, R1, "n1", "n2"), range(2, R2, "n3", "n3")) }),
    ]);
    const ranges = keyspaceRanges(state);
    expect(ranges.map((r) => [r.range, r.leaseholder, r.leader, r.reporter])).toEqual([
      [1, "n2", "n2", "n2"],
      [2, "n3", "n3", "n3"],
    ]);
    expect(ranges[0]).toMatchObject({ intents: 2, running: ["n2", "n3"], unavailable: false, stranded: null });
    const facts = keyspaceFacts(ranges, nodesOf(state));
    expect(facts).toMatchObject({ picture: "keyspace", ranges: "2", leaseholders: "r1:n2,r2:n3", leaders: "r1:n2,r2:n3", intents: "r1:2,r2:0", records: "r1:n2.1.7:STAGING", down: "n1", stopped: "", unavailable: "" });
  });

  it("keeps ranges in key order, and drops a range only a down store still reports inside a live range", () => {
    const state = room([
      // n1 went down before r1 and r3 merged: it still reports r3.
      node("n1", { up: false, ranges: reports(range(3, "[/accounts/0010, /accounts/0020)", "n1", "n1"), range(2, R2, "n1", "n1")) }),
      node("n2", { ranges: reports(range(2, R2, "n2", "n2"), range(1, R1, "n2", "n2")) }),
    ]);
    expect(keyspaceRanges(state).map((r) => r.range)).toEqual([1, 2]);
  });

  it("says a range is unavailable without a quorum of running replicas, and when its leaseholder is down", () => {
    const state = room([
      node("n1", { up: false }),
      node("n2", { up: false, role: "stopped: clock offset", ranges: reports(range(1, R1, "n1", null)) }, { clockOffsetMs: 640 }),
      node("n3", { ranges: reports(range(1, R1, "n1", null)) }),
    ]);
    const [r1] = keyspaceRanges(state);
    expect(r1).toMatchObject({ leaseholder: "n1", stranded: "down", unavailable: true, running: ["n3"] });
    expect(keyspaceFacts([r1], nodesOf(state))).toMatchObject({ unavailable: "r1", stopped: "n2", down: "n1", clocks: "n1:0,n2:+640,n3:0" });
    // A lease on a node that stopped itself over its clock is stranded just the same, and said so.
    const onStopped = room([node("n1"), node("n2", { up: false, role: "stopped: clock offset" }), node("n3", { ranges: reports(range(1, R1, "n2", "n1")) })]);
    expect(keyspaceRanges(onStopped)[0]).toMatchObject({ stranded: "stopped", unavailable: false });
    expect(cockroachClusterWords(onStopped)).toMatch(/^1 range: r1 \[\/Min, \/accounts\/0020\): lease n2 \(stopped: it must expire first\), Raft leader n1\. .*Stopped over clock offset: n2\.$/);
  });
});

describe("CockroachDB in words", () => {
  const state = room(
    [
      node("n1", { dc: "us-east", rack: "a", ranges: reports(range(1, R1, "n1", "n1", { intents: 1 }), range(2, R2, "n1", "n2")) }, { intents: 1, clockOffsetMs: -80 }),
      node("n2", { dc: "us-east", rack: "b", ranges: reports(range(1, R1, "n1", "n1"), range(2, R2, "n1", "n2")) }, { clockOffsetMs: 120 }),
      node("n3", { dc: "us-east", rack: "c", up: false, role: "stopped: clock offset", ranges: reports(range(1, R1, "n1", "n1"), range(2, R2, "n1", "n2")) }, { clockOffsetMs: 700 }),
    ],
    { survival: "zone", numReplicas: "3", leasePreference: "a", totalBalance: "1000", ranges: "2" },
  );

  it("sums the cluster up: each range's lease and leader, the survival goal, the total, stopped nodes", () => {
    expect(cockroachClusterWords(state)).toBe(
      "2 ranges: r1 [/Min, /accounts/0020): lease n1, Raft leader n1, 1 intent; r2 [/accounts/0020, /Max): lease n1, Raft leader n2. " +
        "Survives zone failure with 3 replicas, leases preferred in a. Total balance 1000. Stopped over clock offset: n3.",
    );
    expect(cockroachClusterWords(room([]))).toBe("No ranges reported yet.");
  });

  it("gives each node its region and zone, ranges, leases, Raft leaders, intents and clock offset", () => {
    const nodes = nodesOf(state);
    const columns = cockroachColumns(state, nodes);
    expect(columns.map((c) => c.title)).toEqual(["Region / zone", "Ranges", "Leases", "Raft leaders", "Intents", "Clock offset"]);
    const row = (n: NodeView) => columns.map((c) => String(c.cell(n)));
    expect(row(nodes[0])).toEqual(["us-east/a", "2: r1, r2", "2: r1, r2", "1: r1", "1", "-80 ms"]);
    expect(row(nodes[1])).toEqual(["us-east/b", "2: r1, r2", "none", "1: r2", "0", "+120 ms"]);
    expect(row(nodes[2])).toEqual(["us-east/c", "2: r1, r2", "none", "none", "0", "+700 ms: stopped itself"]);
    const beyond = node("n4", { dc: "us-west", rack: "a" }, { clockOffsetMs: -600 });
    expect(columns[5].cell(beyond)).toBe("-600 ms: beyond the 500 ms max offset");
  });

  it("tells the node player where they stand, what they hold and how their clock stands", () => {
    const [n1, n2, n3] = nodesOf(state);
    expect(cockroachWhoWords(state, n1)).toBe(
      "You are n1 in us-east/a: you hold 2 replicas, the lease of r1 and r2, and lead the Raft group of r1; your clock is 80 ms behind true time (limit 500 ms).",
    );
    expect(cockroachWhoWords(state, n2)).toBe(
      "You are n2 in us-east/b: you hold 2 replicas and no lease, and lead the Raft group of r2; your clock is 120 ms ahead of true time (limit 500 ms).",
    );
    expect(cockroachWhoWords(state, n3)).toBe(
      "You are n3 in us-east/c: stopped. Your clock is 700 ms ahead of true time, too far from the others' (limit 500 ms), so you stopped yourself and serve nothing until restarted.",
    );
    const down = room([node("n1", { up: false, dc: "region1", rack: "a", ranges: reports(range(1, R1, "n1", "n1")) }), node("n2")]);
    expect(cockroachWhoWords(down, down.nodes.get("n1") as NodeView)).toBe(
      "You are n1 in region1/a: down (crashed). Your 1 replica keeps its data on disk. Your lease of r1 must expire before another node may take it.",
    );
  });
});
