// FACTS §4.1: etcd's timing defaults and its own validation of them, and the randomized election timeout.

import { describe, expect, it } from "vitest";
import { ETCD_DEFAULTS, electionTicks, parseEtcdConfig } from "../../shared/systems/etcd";
import { Raft } from "../../shared/raft";
import { storageOf, testConfig } from "../unit/raft/raft-network";

describe("etcd timing defaults", () => {
  it("heartbeat 100 ms, election timeout 1000 ms = 10 ticks, PreVote and CheckQuorum on", () => {
    const cfg = parseEtcdConfig({});
    expect(cfg).toEqual({ heartbeatMs: 100, electionMs: 1000, preVote: true, checkQuorum: true });
    expect(cfg).toEqual(ETCD_DEFAULTS);
    expect(electionTicks(cfg)).toBe(10);
  });

  it("election ticks are the election timeout divided by the heartbeat, rounded down", () => {
    expect(electionTicks(parseEtcdConfig({ heartbeatMs: 150, electionMs: 1600 }))).toBe(10);
    expect(electionTicks(parseEtcdConfig({ heartbeatMs: 50, electionMs: 500 }))).toBe(10);
  });

  it("refuses settings etcd refuses, with etcd's words", () => {
    expect(() => parseEtcdConfig({ heartbeatMs: 300, electionMs: 1000 })).toThrow(
      "--election-timeout[1000ms] should be at least as 5 times as --heartbeat-interval[300ms]",
    );
    expect(() => parseEtcdConfig({ electionMs: 60_000 })).toThrow("--election-timeout[60000ms] is too long, and should be set less than 50000ms");
    expect(() => parseEtcdConfig({ electionMS: 1000 })).toThrow('etcd has no setting "electionMS"');
    expect(() => parseEtcdConfig({ preVote: "yes" })).toThrow("etcd setting preVote must be true or false");
    expect(() => parseEtcdConfig({ heartbeatMs: 0 })).toThrow("heartbeatMs must be a whole number of ms >= 1");
  });

  it("the randomized election timeout covers exactly [ET, 2·ET−1] = [1000, 1900] ms at the defaults", () => {
    let x = 0;
    const r = new Raft(testConfig("n1", { randomInt: (n) => (x++ * 7) % n }), storageOf(["n1", "n2", "n3"], [1], 1, 1));
    const ms = new Set<number>();
    for (let i = 0; i < 100; i++) {
      r.becomeFollower(r.term + 1, "");
      ms.add(r.randomizedElectionTimeout * 100);
    }
    expect(Math.min(...ms)).toBe(1000);
    expect(Math.max(...ms)).toBe(1900);
    expect(ms.size).toBe(10);
  });
});
