// The replicated log: entries numbered from 1, the commit index (known to be on a quorum) and the applied index
// (handed to the state machine). Invariant: applied <= committed <= lastIndex, and no committed entry is ever
// truncated: a request to do so means the protocol is broken, so it throws instead of quietly losing data.

import type { Entry } from "./types";

/** Where two logs may still agree: the highest index at or below a given one whose term is <= a given term. */
export interface ConflictHint {
  index: number;
  term: number;
}

export class RaftLog {
  /** entries[i - 1] is the entry at index i. */
  private readonly entries: Entry[];
  committed: number;
  applied = 0;
  /** Lowest index appended (or rewritten) since the driver last took the new entries to persist. */
  private unstableFrom: number;

  constructor(entries: readonly Entry[] = [], committed = 0) {
    entries.forEach((e, i) => {
      if (e.index !== i + 1) throw new Error(`log entry at position ${i + 1} has index ${e.index}`);
    });
    if (committed > entries.length) throw new Error(`commit index ${committed} is past the last entry ${entries.length}`);
    this.entries = [...entries];
    this.committed = committed;
    this.unstableFrom = this.entries.length + 1;
  }

  lastIndex(): number {
    return this.entries.length;
  }

  lastTerm(): number {
    return this.term(this.lastIndex()) ?? 0;
  }

  /** The term of the entry at `index`: 0 for index 0 (the empty prefix), undefined past the end. */
  term(index: number): number | undefined {
    if (index === 0) return 0;
    return this.entries[index - 1]?.term;
  }

  entry(index: number): Entry | undefined {
    return index >= 1 ? this.entries[index - 1] : undefined;
  }

  /** Entries with index in [lo, hi). */
  slice(lo: number, hi: number): Entry[] {
    return this.entries.slice(Math.max(lo, 1) - 1, Math.max(hi, 1) - 1);
  }

  /** Every entry, oldest first (a copy of the list; the entries themselves are immutable and shared). */
  all(): Entry[] {
    return [...this.entries];
  }

  matchTerm(index: number, term: number): boolean {
    return this.term(index) === term;
  }

  /** The election restriction (§5.4.1): a log ending later in term, or equally late and at least as long, wins. */
  isUpToDate(lastIndex: number, lastTerm: number): boolean {
    const myTerm = this.lastTerm();
    return lastTerm > myTerm || (lastTerm === myTerm && lastIndex >= this.lastIndex());
  }

  /** Index of the first entry of `ents` missing from this log or disagreeing with it in term; 0 if none. */
  findConflict(ents: readonly Entry[]): number {
    for (const e of ents) {
      if (!this.matchTerm(e.index, e.term)) return e.index;
    }
    return 0;
  }

  /**
   * The largest index <= `index` whose term is <= `term`. A leader whose entry at `index` has term `term` can
   * skip every index above the result when probing this log: none of them can match (fast log backtracking).
   */
  findConflictByTerm(index: number, term: number): ConflictHint {
    let i = Math.min(index, this.lastIndex());
    for (; i > 0; i--) {
      const t = this.term(i) ?? 0;
      if (t <= term) return { index: i, term: t };
    }
    return { index: 0, term: 0 };
  }

  /**
   * Appends `ents`, whose first index may fall inside the log: everything from there on is replaced.
   * Returns the new last index.
   */
  append(ents: readonly Entry[]): number {
    if (ents.length === 0) return this.lastIndex();
    const first = ents[0].index;
    if (first <= this.committed) {
      throw new Error(`refusing to overwrite committed entry ${first} (commit index ${this.committed})`);
    }
    if (first > this.lastIndex() + 1) throw new Error(`gap in the log: appending ${first} after ${this.lastIndex()}`);
    this.entries.length = first - 1;
    for (const e of ents) this.entries.push(e);
    this.unstableFrom = Math.min(this.unstableFrom, first);
    return this.lastIndex();
  }

  /**
   * The follower side of AppendEntries: if our entry at `index` has term `logTerm` (the consistency check), keep
   * the entries that already agree, replace the first conflicting one and everything after it, and advance the
   * commit index no further than the last entry this message vouched for. Returns that last index, or undefined
   * when the consistency check fails.
   */
  maybeAppend(index: number, logTerm: number, committed: number, ents: readonly Entry[]): number | undefined {
    if (!this.matchTerm(index, logTerm)) return undefined;
    const lastNew = index + ents.length;
    const conflict = this.findConflict(ents);
    if (conflict !== 0) this.append(ents.slice(conflict - (index + 1)));
    this.commitTo(Math.min(committed, lastNew));
    return lastNew;
  }

  /** Raises the commit index; it never moves back (a stale message may carry a lower one). */
  commitTo(index: number): void {
    if (index <= this.committed) return;
    if (index > this.lastIndex()) throw new Error(`commit index ${index} is past the last entry ${this.lastIndex()}`);
    this.committed = index;
  }

  /**
   * Commits up to `index` if that entry is from `term`, the leader's current term. Entries of earlier terms are
   * committed only indirectly, by a current-term entry after them (Raft §5.4.2, the reason for Figure 8).
   */
  maybeCommit(index: number, term: number): boolean {
    if (index > this.committed && this.term(index) === term) {
      this.commitTo(index);
      return true;
    }
    return false;
  }

  /** Committed entries not yet handed to the state machine. */
  nextCommittedEntries(): Entry[] {
    return this.slice(this.applied + 1, this.committed + 1);
  }

  appliedTo(index: number): void {
    if (index > this.committed) throw new Error(`cannot apply ${index}: only ${this.committed} is committed`);
    if (index > this.applied) this.applied = index;
  }

  /** Entries appended since the last call to stableTo (what the driver must persist). */
  unstableEntries(): Entry[] {
    return this.slice(this.unstableFrom, this.lastIndex() + 1);
  }

  /** Whether any entry awaits persisting (unstableEntries() is not empty). */
  hasUnstable(): boolean {
    return this.unstableFrom <= this.entries.length;
  }

  stableTo(index: number): void {
    this.unstableFrom = Math.max(this.unstableFrom, index + 1);
  }
}
