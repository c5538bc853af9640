// FACTS §4.3: etcd-io/raft's TestVoter vectors for the RequestVote up-to-date rule, reproduced exactly, for both
// MsgVote and MsgPreVote (the pre-vote applies the same log comparison).

import { describe, expect, it } from "vitest";
import { Raft } from "../../shared/raft";
import { storageOf, testConfig } from "../unit/raft/raft-network";

// raft_paper_test.go TestVoter, as transcribed in FACTS.md §4.3.
const VECTORS = [
  { voterLogTerms: [1], candLogTerm: 1, candIndex: 1, reject: false },
  { voterLogTerms: [1], candLogTerm: 1, candIndex: 2, reject: false },
  { voterLogTerms: [1, 1], candLogTerm: 1, candIndex: 1, reject: true },
  { voterLogTerms: [1], candLogTerm: 2, candIndex: 1, reject: false },
  { voterLogTerms: [1], candLogTerm: 2, candIndex: 2, reject: false },
  { voterLogTerms: [1, 1], candLogTerm: 2, candIndex: 1, reject: false },
  { voterLogTerms: [2], candLogTerm: 1, candIndex: 1, reject: true },
  { voterLogTerms: [2], candLogTerm: 1, candIndex: 2, reject: true },
  { voterLogTerms: [2, 2], candLogTerm: 1, candIndex: 1, reject: true },
  { voterLogTerms: [1, 1], candLogTerm: 1, candIndex: 1, reject: true },
];

describe("etcd vote rule (TestVoter vectors)", () => {
  for (const type of ["MsgVote", "MsgPreVote"] as const) {
    VECTORS.forEach((v, i) => {
      it(`${type} #${i}: voter ${JSON.stringify(v.voterLogTerms)} vs candidate (logterm ${v.candLogTerm}, index ${v.candIndex}) → ${v.reject ? "reject" : "grant"}`, () => {
        const voter = new Raft(testConfig("n1"), storageOf(["n1", "n2"], v.voterLogTerms, 2));
        voter.step({ type, from: "n2", to: "n1", term: 3, logTerm: v.candLogTerm, index: v.candIndex });
        const msgs = voter.ready().msgs;
        expect(msgs).toHaveLength(1);
        expect(msgs[0].type).toBe(type === "MsgVote" ? "MsgVoteResp" : "MsgPreVoteResp");
        expect(msgs[0].to).toBe("n2");
        expect(msgs[0].reject).toBe(v.reject);
        if (type === "MsgVote") expect(voter.vote).toBe(v.reject ? "" : "n2");
        // A pre-vote never moves the voter's term; a real vote request at a higher term always does.
        expect(voter.term).toBe(type === "MsgVote" ? 3 : 2);
      });
    });
  }
});
