// FACTS §4.4: Raft paper Figure 7. A leader elected for term 8 repairs six followers whose logs are missing
// entries, hold extra uncommitted ones, or both. After it appends its term-8 entry and replicates, every log
// equals the leader's; conflicting suffixes are gone; fast backoff finds the match point in few round trips.

import { describe, expect, it } from "vitest";
import { Raft } from "../../shared/raft";
import { RaftNetwork, storageOf, terms, testConfig } from "../unit/raft/raft-network";

const LEADER = [1, 1, 1, 4, 4, 5, 5, 6, 6, 6];
const FOLLOWERS: Record<string, number[]> = {
  a: [1, 1, 1, 4, 4, 5, 5, 6, 6],
  b: [1, 1, 1, 4],
  c: [1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 6],
  d: [1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 7, 7],
  e: [1, 1, 1, 4, 4, 4, 4],
  f: [1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3],
};
const EXPECTED = [1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 8];

describe("Raft Figure 7: a new leader brings every follower's log in line with its own", () => {
  for (const [name, followerLog] of Object.entries(FOLLOWERS)) {
    it(`follower (${name}) ${JSON.stringify(followerLog)} converges to ${JSON.stringify(EXPECTED)}`, () => {
      const voters = ["lead", name, "other"];
      const net = new RaftNetwork();
      // Only what is on every log up to index 3 (term 1) is known to be committed in the figure.
      const leader = net.add(new Raft(testConfig("lead", { preVote: false }), storageOf(voters, LEADER, 7, 3)));
      const follower = net.add(new Raft(testConfig(name, { preVote: false }), storageOf(voters, followerLog, 7, 3)));
      // "other" is a voter that is not in the figure: it only grants its vote, by a message we inject.
      // Followers whose log is behind grant their vote; (c) and (d) refuse it, so "other" decides.
      net.on("lead", (r) => r.campaignNow());
      if (leader.state === "candidate") net.send({ type: "MsgVoteResp", from: "other", to: "lead", term: 8 });
      expect(leader.state).toBe("leader");
      expect(leader.term).toBe(8);

      expect(terms(leader)).toEqual(EXPECTED);
      expect(terms(follower)).toEqual(EXPECTED);
      // The entries both logs share are the same entries, not just the same terms.
      expect(follower.log.all()).toEqual(leader.log.all());

      const appends = net.delivered.filter((m) => m.type === "MsgApp" && m.to === name);
      const rejections = net.delivered.filter((m) => m.type === "MsgAppResp" && m.from === name && m.reject);
      const accepted = net.delivered.find((m) => m.type === "MsgAppResp" && m.from === name && !m.reject);
      expect(accepted).toBeDefined();
      // Fast backoff: one rejection at most per conflicting term run, never one per entry.
      expect(rejections.length).toBeLessThanOrEqual(1);
      // Figure 7's (f) shares only the first three entries with the leader: repair must restart right after them.
      const firstAcceptedAppend = appends[rejections.length];
      if (name === "f") expect(firstAcceptedAppend.index).toBe(3);
      if (name === "e") expect(firstAcceptedAppend.index).toBe(5);
    });
  }

  it("the follower's extra uncommitted entries (c, d) are truncated, not kept after the leader's", () => {
    for (const name of ["c", "d"]) {
      const voters = ["lead", name, "other"];
      const net = new RaftNetwork();
      const leader = net.add(new Raft(testConfig("lead", { preVote: false }), storageOf(voters, LEADER, 7, 3)));
      const follower = net.add(new Raft(testConfig(name, { preVote: false }), storageOf(voters, FOLLOWERS[name], 7, 3)));
      net.on("lead", (r) => r.campaignNow());
      net.send({ type: "MsgVoteResp", from: "other", to: "lead", term: 8 });
      expect(leader.state).toBe("leader");
      expect(follower.log.lastIndex()).toBe(11);
      expect(follower.log.entry(11)?.term).toBe(8);
    }
  });
});
