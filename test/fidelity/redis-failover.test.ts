// FACTS §1.4 and vectors/redis_failover_log.txt: what happens after a master dies in a cluster of 3 masters and 3
// replicas with cluster-node-timeout 3000 — PFAIL after the node timeout, FAIL once a majority of masters agree
// (broadcast), the replica's election delayed by 500 ms + random(0..500) + rank*1000, votes from the other
// masters for the next epoch, the winner's configEpoch set to that epoch. The real run took 5733 ms from kill to
// promotion; its delay was 950 ms at rank #0. The log's epoch was 8 because a slot import had bumped one node to 7
// first; here no import happened, so the election is for epoch 7 (configEpochs 1..6 from creation, as in the log).

import { describe, expect, it } from "vitest";
import type { TimelineEvent } from "../../shared/sim";
import { authRetryTime, authTimeout, dataTooOld, electionDelay, quorum, refuseVote, replicaRank } from "../../shared/systems/redis-cluster/election";
import { Cluster } from "../unit/redis-cluster/harness";

const NODE_TIMEOUT = 3000;

function after(events: readonly TimelineEvent[], kind: string, t = 0): TimelineEvent[] {
  return events.filter((e) => e.kind === kind && e.t >= t);
}

describe("the failover timeline (3 masters + 3 replicas, cluster-node-timeout 3000)", () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])("follows the real sequence and the rank-delay formula (seed %i)", (seed) => {
    const c = new Cluster({ seed });
    c.run(5000);
    const crashAt = c.now;
    c.apply({ type: "crash", node: "n1" });
    c.run(15_000);
    const tl = c.sim.timeline;
    // The first node to reach the quorum marks n1 FAIL and broadcasts; another may reach it before the broadcast
    // arrives (Redis logs "Marking node ... as failing" on each), never about another node.
    const failed = after(tl, "node-failed", crashAt);
    expect(failed.length).toBeGreaterThanOrEqual(1);
    expect(failed.every((f) => f.node === "n1")).toBe(true);
    // Detection: at least the node timeout, at most the timeout plus half of it (the ping cadence) plus gossip.
    expect(failed[0].t - crashAt).toBeGreaterThan(NODE_TIMEOUT);
    expect(failed[0].t - crashAt).toBeLessThan(NODE_TIMEOUT * 2 + 1000);
    const delay = after(tl, "election-delay", crashAt);
    expect(delay.map((e) => e.node)).toEqual(["n4"]);
    const { delayMs, rank } = delay[0] as TimelineEvent & {
      delayMs: number;
      rank: number;
    };
    expect(rank).toBe(0);
    expect(delayMs - rank * 1000).toBeGreaterThanOrEqual(500);
    expect(delayMs - rank * 1000).toBeLessThan(1000);
    const election = after(tl, "election", crashAt);
    expect(election.length).toBe(1);
    expect(election[0].term).toBe(7);
    // The election starts at the first cron tick (every 100 ms) once the delay is over.
    expect(election[0].t - delay[0].t).toBeGreaterThanOrEqual(delayMs);
    expect(election[0].t - delay[0].t).toBeLessThan(delayMs + 100);
    const votes = after(tl, "vote", crashAt);
    expect(votes.map((v) => v.node).sort()).toEqual(["n2", "n3"]);
    expect(votes.every((v) => v.term === 7)).toBe(true);
    const won = after(tl, "leader", crashAt);
    expect(won.length).toBe(1);
    expect(won[0]).toMatchObject({ node: "n4", term: 7 });
    expect(c.node("n4").configEpoch).toBe(7);
    expect(won[0].t - crashAt).toBeGreaterThan(NODE_TIMEOUT + 500);
    expect(won[0].t - crashAt).toBeLessThan(NODE_TIMEOUT * 2 + 2500);
    expect(c.summary().slotsUncovered).toBe(0);
  });

  it("delays a replica that is behind by 1000 ms per sibling with a greater offset, so the up-to-date one wins", () => {
    const config = {
      masters: ["n1", "n2", "n3"],
      replicas: { n4: "n1", n5: "n2", n6: "n3", n7: "n1" },
      nodeTimeoutMs: NODE_TIMEOUT,
    };
    const c = new Cluster({ nodes: 7, config, seed: 4 });
    c.sim.startWorkload({
      clients: 3,
      rate: 20,
      keys: ["a", "b", "c", "d", "e", "f"],
      mix: { write: 1 },
      timeoutMs: 2000,
    });
    c.run(2000);
    c.apply({ type: "cut", from: "n1", to: "n4" });
    c.run(4000);
    c.apply({ type: "crash", node: "n1" });
    c.run(15_000);
    const delays = after(c.sim.timeline, "election-delay") as (TimelineEvent & {
      delayMs: number;
      rank: number;
    })[];
    const byNode = new Map(delays.map((d) => [d.node, d]));
    expect(byNode.get("n7")?.rank).toBe(0);
    expect(byNode.get("n4")?.rank).toBe(1);
    expect(byNode.get("n4")?.delayMs).toBeGreaterThanOrEqual(1500);
    expect(byNode.get("n4")?.delayMs).toBeLessThan(2000);
    expect(after(c.sim.timeline, "leader").map((e) => e.node)).toEqual(["n7"]);
  });
});

describe("election arithmetic (clusterHandleSlaveFailover, clusterSendFailoverAuthIfNeeded)", () => {
  it("times out an election after max(node_timeout*2, 2000) and retries after twice that", () => {
    expect(authTimeout(15_000)).toBe(30_000);
    expect(authTimeout(500)).toBe(2000);
    expect(authRetryTime(3000)).toBe(12_000);
  });

  it("ranks by how many siblings have a greater offset; ties share a rank", () => {
    expect(replicaRank(14, [10, 14])).toBe(0);
    expect(replicaRank(10, [14, 12, 10])).toBe(2);
  });

  it("delays by 500 + random%500 + rank*1000, and not at all for a manual failover", () => {
    expect(electionDelay(450, 0, false)).toBe(950); // the log's "delayed for 950 milliseconds (rank #0)"
    expect(electionDelay(0, 2, false)).toBe(2500);
    expect(electionDelay(499, 2, true)).toBe(0);
  });

  it("needs size/2+1 masters", () => {
    expect([1, 2, 3, 4, 5].map(quorum)).toEqual([1, 2, 2, 3, 3]);
  });

  it("refuses replicas whose data is older than repl-ping period + node_timeout * validity factor", () => {
    expect(dataTooOld(15_000 + 160_000, 15_000, 10_000, 10)).toBe(false);
    expect(dataTooOld(15_000 + 160_001, 15_000, 10_000, 10)).toBe(true);
    expect(dataTooOld(10_000_000, 15_000, 10_000, 0)).toBe(false);
  });

  it("grants a vote once per epoch, only for a replica of a failed master (or FORCEACK), not twice in node_timeout*2", () => {
    const base = {
      voterServesSlots: true,
      voterCurrentEpoch: 8,
      voterLastVoteEpoch: 7,
      requestEpoch: 8,
      requesterIsReplica: true,
      masterFailed: true,
      forceAck: false,
      sinceLastVoteForMaster: Infinity,
      nodeTimeoutMs: 3000,
      staleSlotClaim: false,
    };
    expect(refuseVote(base)).toBeNull();
    expect(refuseVote({ ...base, voterLastVoteEpoch: 8 })).toMatch(/already voted/);
    expect(refuseVote({ ...base, requestEpoch: 7 })).toMatch(/older/);
    expect(refuseVote({ ...base, masterFailed: false })).toMatch(/not failing/);
    expect(refuseVote({ ...base, masterFailed: false, forceAck: true })).toBeNull();
    expect(refuseVote({ ...base, sinceLastVoteForMaster: 5999 })).toMatch(/recently/);
    expect(refuseVote({ ...base, staleSlotClaim: true })).toMatch(/newer configEpoch/);
    expect(refuseVote({ ...base, voterServesSlots: false })).toMatch(/not a master/);
  });
});
