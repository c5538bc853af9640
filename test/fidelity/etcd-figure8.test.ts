// FACTS §4.5: Raft paper Figure 8, scripted step by step on five pure Raft cores. It shows why a leader must not
// commit an entry of an earlier term by counting replicas: that entry can still be overwritten.
// Paper Raft (no PreVote, no CheckQuorum) so that the votes fall exactly as the figure draws them. etcd's leader
// appends an empty entry when elected, which plays the part of the figure's new entries at (b) and (c).

import { describe, expect, it } from "vitest";
import { Raft } from "../../shared/raft";
import type { RaftMessage } from "../../shared/raft/types";
import { RaftNetwork, storageOf, terms, testConfig } from "../unit/raft/raft-network";

const SERVERS = ["S1", "S2", "S3", "S4", "S5"];

function figure8Cluster(): RaftNetwork {
  const net = new RaftNetwork();
  for (const id of SERVERS) {
    net.add(new Raft(testConfig(id, { preVote: false, checkQuorum: false, maxEntriesPerMsg: 1 }), storageOf(SERVERS, [1], 1, 1)));
  }
  return net;
}

function logs(net: RaftNetwork): Record<string, number[]> {
  return Object.fromEntries(SERVERS.map((id) => [id, terms(net.node(id))]));
}

/** Campaigns until `id` wins, as its election timer would keep firing; returns the number of tries. */
function campaignUntilLeader(net: RaftNetwork, id: string, maxTries = 5): number {
  for (let i = 1; i <= maxTries; i++) {
    net.on(id, (r) => r.campaignNow());
    if (net.node(id).state === "leader") return i;
  }
  throw new Error(`${id} did not win in ${maxTries} elections`);
}

const appendTo = (...to: string[]) => (m: RaftMessage) => m.type === "MsgApp" && to.includes(m.to);
const appendFrom = (from: string) => (m: RaftMessage) => m.type === "MsgApp" && m.from === from;

/** Steps (a)–(c), leaving S1 leader of term 4 with index 2 (term 2) on S1, S2 and S3 but not committed. */
function throughStepC(net: RaftNetwork): void {
  // (a) S1 leads term 2; its entry at index 2 reaches S2 only.
  net.drop(appendTo("S3", "S4", "S5"));
  campaignUntilLeader(net, "S1");
  expect(net.node("S1").term).toBe(2);
  expect(logs(net)).toEqual({ S1: [1, 2], S2: [1, 2], S3: [1], S4: [1], S5: [1] });

  // (b) S1 crashes; S5 wins term 3 with S3 and S4 (S2's log is more up to date and refuses), and its own entry
  // at index 2 (term 3) goes nowhere.
  net.heal();
  net.isolate("S1");
  net.drop(appendFrom("S5"));
  campaignUntilLeader(net, "S5");
  expect(net.node("S5").term).toBe(3);
  expect(logs(net)).toEqual({ S1: [1, 2], S2: [1, 2], S3: [1], S4: [1], S5: [1, 3] });

  // (c) S5 crashes; S1 comes back and wins term 4. It gets index 2 (term 2) onto S3, so that entry is on a
  // majority (S1, S2, S3), while its own index 3 (term 4) has not left it yet.
  net.heal();
  net.isolate("S5");
  net.restart("S1");
  net.drop(appendTo("S4"));
  net.rewrite((m) => (m.type === "MsgApp" ? { ...m, entries: (m.entries ?? []).filter((e) => e.term !== 4) } : m));
  campaignUntilLeader(net, "S1");
  expect(net.node("S1").term).toBe(4);
  expect(logs(net)).toEqual({ S1: [1, 2, 4], S2: [1, 2], S3: [1, 2], S4: [1], S5: [1, 3] });
  const s1 = net.node("S1");
  expect(s1.trk.progress.get("S2")?.match).toBe(2);
  expect(s1.trk.progress.get("S3")?.match).toBe(2);
}

describe("Raft Figure 8: old-term entries are never committed by counting replicas", () => {
  it("(c) index 2 (term 2) is on a majority but is not committed", () => {
    const net = figure8Cluster();
    throughStepC(net);
    for (const id of SERVERS) expect(net.node(id).log.committed).toBe(1);
  });

  it("(d) S5 can then win term 5 and overwrite index 2 everywhere, which is legal because it was never committed", () => {
    const net = figure8Cluster();
    throughStepC(net);
    net.heal();
    net.isolate("S1");
    net.restart("S5");
    campaignUntilLeader(net, "S5");
    expect(net.node("S5").term).toBe(5);
    for (const id of ["S2", "S3", "S4", "S5"]) expect(net.node(id).log.entry(2)?.term).toBe(3);
    net.heal();
    net.tick("S5");
    expect(net.node("S1").log.entry(2)?.term).toBe(3);
    expect(net.node("S1").log.entry(3)?.term).toBe(5);
    // State Machine Safety: nobody ever applied the term-2 entry at index 2, and everyone applied the same one.
    for (const id of SERVERS) {
      const applied = net.applied.get(id) ?? [];
      expect(applied.find((e) => e.index === 2)?.term ?? 3).toBe(3);
    }
    expect(net.node("S5").log.committed).toBe(3);
  });

  it("(e) once S1 replicates its term-4 entry to a majority, index 3 commits and index 2 with it; S5 can no longer win", () => {
    const net = figure8Cluster();
    throughStepC(net);
    net.heal();
    net.isolate("S5");
    net.drop(appendTo("S4"));
    net.tick("S1");
    expect(logs(net)).toEqual({ S1: [1, 2, 4], S2: [1, 2, 4], S3: [1, 2, 4], S4: [1], S5: [1, 3] });
    expect(net.node("S1").log.committed).toBe(3);

    net.heal();
    net.isolate("S1");
    net.restart("S5");
    for (let i = 0; i < 4; i++) {
      net.on("S5", (r) => r.campaignNow());
      expect(net.node("S5").state).not.toBe("leader");
    }
    // S2 and S3 hold the committed entries and refuse S5 (lastLogTerm 4 > 3); S4 and S5 alone are no majority.
    const refusals = net.delivered.filter((m) => m.type === "MsgVoteResp" && m.to === "S5" && m.reject && m.term > 4);
    expect(new Set(refusals.map((m) => m.from))).toEqual(new Set(["S2", "S3"]));
    for (const id of ["S2", "S3"]) expect(terms(net.node(id)).slice(0, 3)).toEqual([1, 2, 4]);
  });
});
