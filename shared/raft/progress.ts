// What a leader knows about each follower's log, and how it paces replication to it.
//
// Probe: the leader does not know where the follower's log ends. It sends one MsgApp at a time and waits for the
// answer (or a heartbeat answer) before the next, backing `next` off on every rejection.
// Replicate: the follower accepted an append, so the leader streams entries optimistically (next jumps ahead of
// match) up to a window of messages in flight. A rejection drops it back to Probe.

import { committedIndex, type VoteResult, voteResult } from "./quorum";
import type { RaftId } from "./types";

export type ProgressState = "probe" | "replicate";

/** The last index of each MsgApp in flight to one follower, oldest first; bounded so a slow follower is not flooded. */
export class Inflights {
  private readonly lastIndexes: number[] = [];

  constructor(readonly capacity: number) {}

  add(lastIndex: number): void {
    this.lastIndexes.push(lastIndex);
  }

  /** An acknowledgement of `index` frees every message that ended at or before it. */
  freeLE(index: number): void {
    let n = 0;
    while (n < this.lastIndexes.length && this.lastIndexes[n] <= index) n++;
    this.lastIndexes.splice(0, n);
  }

  full(): boolean {
    return this.lastIndexes.length >= this.capacity;
  }

  count(): number {
    return this.lastIndexes.length;
  }

  reset(): void {
    this.lastIndexes.length = 0;
  }
}

export class Progress {
  state: ProgressState = "probe";
  /** Probe only: a MsgApp is out and unanswered, so send no other until an answer (or heartbeat answer) comes. */
  paused = false;
  /** Heard from since the last CheckQuorum (any message at all counts). */
  recentActive = false;
  readonly inflights: Inflights;

  constructor(
    /** Highest index known to be in the follower's log. */
    public match: number,
    /** Index of the next entry to send. */
    public next: number,
    maxInflight: number,
  ) {
    this.inflights = new Inflights(maxInflight);
  }

  becomeProbe(): void {
    this.state = "probe";
    this.paused = false;
    this.next = this.match + 1;
    this.inflights.reset();
  }

  becomeReplicate(): void {
    this.state = "replicate";
    this.paused = false;
    this.next = this.match + 1;
    this.inflights.reset();
  }

  /** An acceptance of everything up to `index`. Returns false when it tells us nothing new (a stale answer). */
  maybeUpdate(index: number): boolean {
    let updated = false;
    if (this.match < index) {
      this.match = index;
      updated = true;
      this.paused = false;
    }
    this.next = Math.max(this.next, index + 1);
    return updated;
  }

  /**
   * A rejection of the MsgApp whose previous index was `rejected`; `hint` is the highest index that may still
   * match. Returns false for a stale rejection (one for a MsgApp we have since moved past).
   */
  maybeDecrTo(rejected: number, hint: number): boolean {
    if (this.state === "replicate") {
      if (rejected <= this.match) return false;
      this.next = this.match + 1;
      return true;
    }
    if (this.next - 1 !== rejected) return false;
    this.next = Math.max(Math.min(rejected, hint + 1), this.match + 1);
    this.paused = false;
    return true;
  }

  /** Records a MsgApp sent with entries up to `lastIndex` (or no entries when lastIndex < next). */
  sentEntries(lastIndex: number, count: number): void {
    if (this.state === "replicate") {
      if (count > 0) {
        this.next = lastIndex + 1;
        this.inflights.add(lastIndex);
      }
    } else {
      this.paused = true;
    }
  }

  isPaused(): boolean {
    return this.state === "probe" ? this.paused : this.inflights.full();
  }
}

/** The leader's (and candidate's) view of the voters: their progress and, during an election, their votes. */
export class ProgressTracker {
  voters: RaftId[] = [];
  readonly progress = new Map<RaftId, Progress>();
  readonly votes = new Map<RaftId, boolean>();

  constructor(readonly maxInflight: number) {}

  isVoter(id: RaftId): boolean {
    return this.voters.includes(id);
  }

  /** The voters other than `self`, in a stable order (the order messages are sent in). */
  others(self: RaftId): RaftId[] {
    return this.voters.filter((v) => v !== self);
  }

  /** A fresh progress for every voter: match 0 (unknown), next just past our last entry, as after an election. */
  resetProgress(self: RaftId, lastIndex: number): void {
    this.progress.clear();
    for (const id of this.voters) {
      const pr = new Progress(id === self ? lastIndex : 0, lastIndex + 1, this.maxInflight);
      if (id === self) pr.state = "replicate";
      this.progress.set(id, pr);
    }
  }

  committed(): number {
    return committedIndex(this.voters, (id) => this.progress.get(id)?.match ?? 0);
  }

  resetVotes(): void {
    this.votes.clear();
  }

  /** Records a vote; a voter's first answer counts, a repeat (network duplicate) cannot change it. */
  recordVote(id: RaftId, granted: boolean): void {
    if (!this.votes.has(id)) this.votes.set(id, granted);
  }

  tallyVotes(): { granted: number; rejected: number; result: VoteResult } {
    let granted = 0;
    let rejected = 0;
    for (const id of this.voters) {
      const v = this.votes.get(id);
      if (v === true) granted++;
      else if (v === false) rejected++;
    }
    return { granted, rejected, result: voteResult(this.voters, this.votes) };
  }

  /** CheckQuorum: has a majority of voters (counting the leader itself) been heard from lately? */
  quorumActive(self: RaftId): boolean {
    const active = new Map<RaftId, boolean>();
    for (const id of this.voters) active.set(id, id === self || (this.progress.get(id)?.recentActive ?? false));
    return voteResult(this.voters, active) === "won";
  }

  /** Starts a new CheckQuorum period: nobody but the leader counts as active until heard from again. */
  resetRecentActive(self: RaftId): void {
    for (const [id, pr] of this.progress) pr.recentActive = id === self;
  }
}
