// One broker's copy of one partition: its log, its high watermark, its leader-epoch cache, and, while it leads,
// what it knows of its followers (Partition.scala + Replica.scala + LeaderEpochFileCache, reduced to what the game
// shows). Pure bookkeeping: no messages, no clock. The broker (node.ts, replication.ts) drives it.
//
// Offsets start at 0; the LEO (log end offset) is the offset the next record gets. Consumers read below the HW.

import type { NodeId } from "../../sim/types";

export interface LogRecord {
  offset: number;
  /** The leader epoch in which the leader appended it. */
  epoch: number;
  message: unknown;
}

/** The first offset of each leader epoch in this log (leader-epoch-checkpoint). */
export interface EpochEntry {
  epoch: number;
  start: number;
}

export interface ReplicaDurable {
  topic: string;
  partition: number;
  log: LogRecord[];
  /** The HW checkpoint (replication-offset-checkpoint). */
  hw: number;
  epochs: EpochEntry[];
}

/** What a leader knows of one follower (Replica.scala's fetch state). */
export interface FollowerState {
  /** The follower's LEO as its last fetch told the leader. */
  leo: number;
  lastCaughtUpTime: number;
  lastFetchTime: number;
  lastFetchLeaderLeo: number;
}

/** Two records' messages are the same (user messages are strings; __consumer_offsets records are objects). */
export function sameMessage(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === "object" && typeof b === "object" && JSON.stringify(a) === JSON.stringify(b));
}

export class Replica {
  readonly topic: string;
  readonly partition: number;
  log: LogRecord[];
  hw: number;
  epochs: EpochEntry[];
  /** Volatile: what this broker is for the partition now, under which leader epoch. */
  role: "leader" | "follower" = "follower";
  leaderEpoch = -1;
  leader: NodeId | null = null;
  /** Leader only: the committed ISR (from metadata), its partition epoch, and an AlterPartition in flight. */
  isr: NodeId[] = [];
  partitionEpoch = -1;
  pendingIsr: { isr: NodeId[]; sentAt: number } | undefined;
  readonly followers = new Map<NodeId, FollowerState>();

  constructor(d: ReplicaDurable) {
    this.topic = d.topic;
    this.partition = d.partition;
    this.log = d.log.map((r) => ({ ...r }));
    this.hw = d.hw;
    this.epochs = d.epochs.map((e) => ({ ...e }));
  }

  static empty(topic: string, partition: number): Replica {
    return new Replica({ topic, partition, log: [], hw: 0, epochs: [] });
  }

  get tp(): string {
    return `${this.topic}-${this.partition}`;
  }

  leo(): number {
    return this.log.length;
  }

  durable(): ReplicaDurable {
    return { topic: this.topic, partition: this.partition, log: this.log.map((r) => ({ ...r })), hw: this.hw, epochs: this.epochs.map((e) => ({ ...e })) };
  }

  lastEpoch(): number {
    return this.epochs.length === 0 ? -1 : this.epochs[this.epochs.length - 1].epoch;
  }

  /** Appends as leader (or as follower copying the leader): records keep their offset and epoch. */
  append(rec: LogRecord): void {
    if (rec.offset !== this.log.length) throw new Error(`${this.tp}: appending offset ${rec.offset} at LEO ${this.log.length}`);
    this.log.push(rec);
    if (rec.epoch > this.lastEpoch()) this.epochs.push({ epoch: rec.epoch, start: rec.offset });
  }

  /**
   * LeaderEpochFileCache.endOffsetFor: the largest epoch ≤ `requested` this log has, and where it ends here (the
   * start of the next epoch, or the LEO for the latest). (-1, -1) when the log has nothing that old.
   */
  endOffsetFor(requested: number): { epoch: number; endOffset: number } {
    if (requested === this.lastEpoch() || (this.role === "leader" && requested === this.leaderEpoch)) return { epoch: requested, endOffset: this.leo() };
    let found = -1;
    for (let i = 0; i < this.epochs.length; i++) {
      if (this.epochs[i].epoch > requested) return found < 0 ? { epoch: -1, endOffset: -1 } : { epoch: this.epochs[found].epoch, endOffset: this.epochs[i].start };
      found = i;
    }
    return found < 0 ? { epoch: -1, endOffset: -1 } : { epoch: this.epochs[found].epoch, endOffset: this.leo() };
  }

  /** Drops every record at or above `offset` (a follower removing what its leader does not have). */
  truncateTo(offset: number): number {
    const cut = Math.max(0, Math.min(offset, this.log.length));
    const dropped = this.log.length - cut;
    this.log.length = cut;
    this.epochs = this.epochs.filter((e) => e.start < cut);
    this.hw = Math.min(this.hw, cut);
    return dropped;
  }

  /** The start offset of the current leader epoch (a follower must reach it to rejoin the ISR). */
  currentEpochStart(): number {
    const e = this.epochs.find((x) => x.epoch === this.leaderEpoch);
    return e ? e.start : this.leo();
  }

  /** The ISR the leader counts for the HW: the committed ISR plus members an in-flight AlterPartition adds. */
  maximalIsr(): NodeId[] {
    if (!this.pendingIsr) return this.isr;
    return [...this.isr, ...this.pendingIsr.isr.filter((b) => !this.isr.includes(b))];
  }

  /**
   * Partition.maybeIncrementLeaderHW: HW = the smallest LEO among the leader and the maximal ISR; it never moves
   * back, and (at the FACTS snapshot) it does not advance while the ISR is smaller than min.insync.replicas.
   */
  maybeIncrementHw(self: NodeId, minIsr: number): boolean {
    if (this.isr.length < minIsr) return false;
    let low = this.leo();
    for (const b of this.maximalIsr()) {
      if (b === self) continue;
      low = Math.min(low, this.followers.get(b)?.leo ?? 0);
    }
    if (low <= this.hw) return false;
    this.hw = low;
    return true;
  }

  /** Replica.updateFetchState: a follower fetched from `fetchOffset` at `now`. */
  noteFetch(follower: NodeId, fetchOffset: number, now: number): void {
    const s = this.followers.get(follower) ?? { leo: 0, lastCaughtUpTime: now, lastFetchTime: now, lastFetchLeaderLeo: 0 };
    const leaderLeo = this.leo();
    if (fetchOffset >= leaderLeo) s.lastCaughtUpTime = Math.max(s.lastCaughtUpTime, now);
    else if (fetchOffset >= s.lastFetchLeaderLeo) s.lastCaughtUpTime = Math.max(s.lastCaughtUpTime, s.lastFetchTime);
    s.leo = fetchOffset;
    s.lastFetchLeaderLeo = leaderLeo;
    s.lastFetchTime = now;
    this.followers.set(follower, s);
  }

  /** ISR members that have not caught up to the leader's LEO within lagMs (Partition.getOutOfSyncReplicas). */
  outOfSync(self: NodeId, now: number, lagMs: number): NodeId[] {
    return this.isr.filter((b) => b !== self && now - (this.followers.get(b)?.lastCaughtUpTime ?? now) > lagMs);
  }

  /** Partition.isFollowerInSync: a follower outside the ISR that has reached the HW and this epoch's start. */
  caughtUp(follower: NodeId): boolean {
    const leo = this.followers.get(follower)?.leo ?? -1;
    return leo >= this.hw && leo >= this.currentEpochStart();
  }
}
