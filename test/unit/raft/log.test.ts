import { describe, expect, it } from "vitest";
import { RaftLog } from "../../../shared/raft";
import { logOf } from "./raft-network";

const termsOf = (log: RaftLog) => log.all().map((e) => e.term);

describe("RaftLog", () => {
  it("reports the last index and term, with term 0 for the empty prefix and undefined past the end", () => {
    const log = new RaftLog(logOf([1, 1, 2]));
    expect(log.lastIndex()).toBe(3);
    expect(log.lastTerm()).toBe(2);
    expect(log.term(0)).toBe(0);
    expect(log.term(4)).toBeUndefined();
    expect(new RaftLog().lastTerm()).toBe(0);
  });

  it("isUpToDate compares last terms first, then lengths", () => {
    const log = new RaftLog(logOf([1, 2, 2]));
    expect(log.isUpToDate(3, 2)).toBe(true);
    expect(log.isUpToDate(2, 2)).toBe(false);
    expect(log.isUpToDate(1, 3)).toBe(true);
    expect(log.isUpToDate(9, 1)).toBe(false);
  });

  it("maybeAppend rejects when the previous entry's term differs (the consistency check)", () => {
    const log = new RaftLog(logOf([1, 1, 2]));
    expect(log.maybeAppend(3, 1, 0, [])).toBeUndefined();
    expect(log.maybeAppend(4, 2, 0, [])).toBeUndefined();
    expect(log.maybeAppend(3, 2, 0, [])).toBe(3);
  });

  it("maybeAppend keeps agreeing entries and replaces from the first conflict on", () => {
    const log = new RaftLog(logOf([1, 1, 2, 2]));
    const keep = log.entry(3);
    const last = log.maybeAppend(2, 1, 0, [
      { term: 2, index: 3, type: "normal", data: "e3t2" },
      { term: 3, index: 4, type: "normal", data: "new" },
      { term: 3, index: 5, type: "normal", data: "new" },
    ]);
    expect(last).toBe(5);
    expect(termsOf(log)).toEqual([1, 1, 2, 3, 3]);
    // An entry that already agreed is left alone, not replaced by an equal copy.
    expect(log.entry(3)).toBe(keep);
  });

  it("a stale, shorter append never truncates entries that agree", () => {
    const log = new RaftLog(logOf([1, 1, 2, 2]));
    expect(log.maybeAppend(1, 1, 0, [{ term: 1, index: 2, type: "normal" }])).toBe(2);
    expect(termsOf(log)).toEqual([1, 1, 2, 2]);
  });

  it("commits no further than the last entry the append vouched for", () => {
    const log = new RaftLog(logOf([1, 1, 2, 9]));
    log.maybeAppend(2, 1, 10, [{ term: 2, index: 3, type: "normal", data: "e3t2" }]);
    expect(log.committed).toBe(3);
  });

  it("refuses to overwrite a committed entry", () => {
    const log = new RaftLog(logOf([1, 1, 2]), 2);
    expect(() => log.append([{ term: 3, index: 2, type: "normal" }])).toThrow(/committed/);
  });

  it("findConflictByTerm returns the largest index at or below that has a term no greater", () => {
    const log = new RaftLog(logOf([1, 1, 1, 4, 4, 5, 5, 6, 6, 6]));
    expect(log.findConflictByTerm(10, 3)).toEqual({ index: 3, term: 1 });
    expect(log.findConflictByTerm(7, 4)).toEqual({ index: 5, term: 4 });
    expect(log.findConflictByTerm(10, 6)).toEqual({ index: 10, term: 6 });
    expect(log.findConflictByTerm(10, 0)).toEqual({ index: 0, term: 0 });
    expect(log.findConflictByTerm(20, 9)).toEqual({ index: 10, term: 6 });
  });

  it("maybeCommit only commits an entry of the given term", () => {
    const log = new RaftLog(logOf([1, 2, 3]));
    expect(log.maybeCommit(2, 3)).toBe(false);
    expect(log.committed).toBe(0);
    expect(log.maybeCommit(3, 3)).toBe(true);
    expect(log.committed).toBe(3);
  });

  it("hands committed entries to the state machine once", () => {
    const log = new RaftLog(logOf([1, 1, 1]), 2);
    expect(log.nextCommittedEntries().map((e) => e.index)).toEqual([1, 2]);
    log.appliedTo(2);
    expect(log.nextCommittedEntries()).toEqual([]);
    expect(() => log.appliedTo(3)).toThrow(/committed/);
  });

  it("the commit index never moves back", () => {
    const log = new RaftLog(logOf([1, 1, 1]), 3);
    log.commitTo(1);
    expect(log.committed).toBe(3);
  });
});
