// FACTS §4.3: TestLeaderOnlyCommitsLogFromCurrentTerm. A leader commits by counting replicas only for an entry
// of its own term; the older entries before it commit with it, never on their own.

import { describe, expect, it } from "vitest";
import { Raft } from "../../shared/raft";
import { storageOf, testConfig } from "../unit/raft/raft-network";

describe("a leader only commits entries from its current term by counting", () => {
  const cases = [
    { ackedIndex: 1, commit: 0 },
    { ackedIndex: 2, commit: 0 },
    { ackedIndex: 3, commit: 3 },
  ];
  for (const c of cases) {
    it(`follower acknowledges index ${c.ackedIndex} → commit ${c.commit}`, () => {
      const r = new Raft(testConfig("n1"), storageOf(["n1", "n2"], [1, 2], 2));
      r.becomeCandidate();
      r.becomeLeader();
      expect(r.term).toBe(3);
      // The new leader's empty entry, at index 3 in term 3.
      expect(r.log.entry(3)).toMatchObject({ term: 3, index: 3 });
      r.ready();
      r.step({ type: "MsgAppResp", from: "n2", to: "n1", term: r.term, index: c.ackedIndex });
      expect(r.log.committed).toBe(c.commit);
    });
  }
});
