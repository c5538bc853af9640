// One replica of one range on one node: a Raft group of its own on the shared core (shared/raft), under a state
// machine that holds the range's MVCC data, the transaction records anchored in it, its lease and its descriptor.
// A node holds many replicas, one per range it stores, and drives them all from one tick (raft_tick_interval).
// Everything here changes only by applying committed entries, in log order, identically on every replica; the
// leaseholder's volatile helpers (timestamp cache, latches, proposals waiting for their entry) sit beside it.
//
// Commands: init (a range's first state: bootstrap or the right-hand side of a split), write (an intent),
// resolve, record, lease, split, subsume (the right-hand side of a merge freezes), merge, gc.

import { raftDurable } from "../../raft/durable";
import { bootstrapStorage, type Entry, type HardState, Raft, type RaftConf, type RaftEvent, type RaftStorage } from "../../raft";
import { toWire } from "../../raft/wire";
import type { NodeContext, NodeId } from "../../sim/types";
import type { CockroachConfig } from "./config";
import { cmp, type Timestamp } from "./hlc";
import type { RangeDescriptor } from "./keys";
import { Mvcc, type MvccData, type TxnMeta } from "./mvcc";
import { isFinal, type TxnRecord } from "./txn-record";
import { TimestampCache } from "./tscache";

/** An expiration-based range lease: `holder` may serve from `start` until `expiration` (less the max offset). */
export interface Lease {
  holder: NodeId;
  start: Timestamp;
  expiration: Timestamp;
  seq: number;
  /** Handed over by the previous holder (which stopped serving when it proposed it), so it may start before the old one expires. */
  transfer?: boolean;
}

export interface RangeState {
  desc: RangeDescriptor;
  data: MvccData;
  records: Record<string, TxnRecord>;
  lease: Lease | null;
}

/**
 * Every command but a lease request carries the lease it was proposed under: it applies only while that lease is
 * still the range's lease (CockroachDB's proposer lease check), so nothing an old leaseholder proposed can land
 * after another node took over and served reads that did not see it.
 */
export type Command = { pid?: string; under?: { holder: NodeId; start: Timestamp } } & (
  | { c: "init"; state: RangeState }
  | { c: "write"; key: string; txn: TxnMeta; ts: Timestamp; value: number }
  | { c: "resolve"; key: string; txnId: string; commit: boolean; ts: Timestamp }
  | { c: "record"; rec: TxnRecord }
  | { c: "lease"; lease: Lease; prevSeq: number }
  | { c: "split"; key: string; rhsId: number }
  | { c: "subsume" }
  | { c: "merge"; rhs: RangeState }
  | { c: "gc"; threshold: Timestamp }
);

/** What became of a proposal: applied, refused when applied (a stale lease, a final record), or lost with leadership. */
export type Outcome = "applied" | "refused" | "lost";

export interface ReplicaDurable {
  rangeId: number;
  hardState: HardState;
  log: Entry[];
  conf: RaftConf;
}

/** What a replica asks of the node that holds it. */
export interface ReplicaHost {
  split(ctx: NodeContext, rhs: RangeState): void;
  merged(ctx: NodeContext, rhsId: number): void;
  removed(ctx: NodeContext, rangeId: number): void;
  descChanged(desc: RangeDescriptor): void;
  raftEvent(ctx: NodeContext, rangeId: number, ev: RaftEvent): void;
}

/** A range's first log: one conf entry per replica, then its initial state, all committed at term 1. */
export function bootstrapRange(state: RangeState): RaftStorage {
  const s = bootstrapStorage(state.desc.replicas);
  const entries = [...s.entries, { data: { c: "init", state } satisfies Command, index: s.entries.length + 1, term: 1, type: "normal" as const }];
  return { hardState: { ...s.hardState, commit: entries.length }, entries, conf: s.conf };
}

const REPROPOSE_TICKS = 2;

/** Record statuses in the only order they may follow each other (a final status never changes). */
const RANK: Record<TxnRecord["status"], number> = { PENDING: 0, STAGING: 1, COMMITTED: 2, ABORTED: 2 };

export class Replica {
  readonly raft: Raft;
  mvcc = new Mvcc();
  records: Record<string, TxnRecord> = {};
  lease: Lease | null = null;
  desc: RangeDescriptor;
  /** Every lease this replica applied, in order (what the lease-disjointness invariant reads). */
  readonly leaseHistory: Lease[] = [];
  /** Set once a subsume applied: the range is being merged into its left neighbour and serves nothing more. */
  frozen = false;
  destroyed = false;
  // ---- volatile, used while this replica is the leaseholder
  readonly tscache = new TimestampCache();
  readonly proposals = new Map<string, (outcome: Outcome) => void>();
  /** Proposal ids already applied (rebuilt by replaying the log, so every replica skips the same duplicates). */
  private readonly appliedPids = new Set<string>();
  /** Commands proposed and not yet applied, with the tick they were last proposed at (for re-proposal). */
  private readonly inflight = new Map<string, { cmd: Command; at: number }>();
  private ticks = 0;
  readonly latches = new Map<string, number>();
  waiting: (() => void)[] = [];
  servingSeq = -1;

  constructor(
    readonly rangeId: number,
    readonly nodeId: NodeId,
    cfg: CockroachConfig,
    storage: RaftStorage | undefined,
    private readonly host: ReplicaHost,
    randomInt: (n: number) => number,
  ) {
    this.desc = { rangeId, start: "", end: "", replicas: [], generation: 0 };
    // CockroachDB: 500 ms ticks, heartbeats every 2, elections after 4 (randomized to 4..7), pre-vote and check quorum.
    const ticks = 4;
    this.raft = new Raft(
      { id: nodeId, electionTick: ticks, heartbeatTick: 2, preVote: true, checkQuorum: true, maxEntriesPerMsg: 64, maxInflight: 256, randomInt },
      storage,
    );
    void cfg;
  }

  durable(): ReplicaDurable {
    return { rangeId: this.rangeId, ...raftDurable(this.raft) };
  }

  isLeader(): boolean {
    return this.raft.state === "leader";
  }

  /** Proposes a command; `done` hears whether it was applied here (false: dropped or superseded). */
  propose(cmd: Command, pid: string, done: (outcome: Outcome) => void): boolean {
    const under = cmd.c === "lease" || !this.lease ? undefined : { holder: this.lease.holder, start: this.lease.start };
    const full: Command = under ? { ...cmd, pid, under } : { ...cmd, pid };
    if (this.raft.propose(full) !== undefined) return false;
    this.proposals.set(pid, done);
    this.inflight.set(pid, { cmd: full, at: this.ticks });
    return true;
  }

  /**
   * A proposal forwarded to a leader that dropped it (a leadership transfer was under way) would wait forever:
   * like CockroachDB's refreshProposalsLocked, commands not applied after REPROPOSE_TICKS are proposed again.
   * Applying a command twice changes nothing (every command is idempotent or checks its precondition).
   */
  tick(): void {
    this.ticks++;
    this.raft.tick();
    for (const [pid, p] of this.inflight) {
      if (!this.proposals.has(pid)) {
        this.inflight.delete(pid);
        continue;
      }
      if (this.ticks - p.at >= REPROPOSE_TICKS) {
        p.at = this.ticks;
        this.raft.propose(p.cmd);
      }
    }
  }

  /** Drains Raft's output: send, apply, report; repeats while applying produced more. */
  drain(ctx: NodeContext): void {
    while (!this.destroyed && this.raft.hasReady()) {
      const rd = this.raft.ready();
      for (const m of rd.msgs) ctx.send(m.to, { ...toWire(m), range: this.rangeId });
      const voters = this.raft.conf.voters.join(",");
      const wasMember = this.raft.conf.voters.includes(this.nodeId);
      for (const e of rd.committedEntries) if (e.type === "normal" && e.data) this.apply(ctx, e.data as Command);
      this.raft.advance(rd);
      for (const ev of rd.events) this.host.raftEvent(ctx, this.rangeId, ev);
      if (this.raft.conf.voters.join(",") !== voters) this.confChanged(ctx, wasMember);
    }
  }

  private confChanged(ctx: NodeContext, wasMember: boolean): void {
    if (this.raft.conf.voters.length === 0) return;
    this.desc = { ...this.desc, replicas: [...this.raft.conf.voters], generation: this.desc.generation + 1 };
    if (this.desc.end !== "") this.host.descChanged(this.desc);
    // Removed: a membership change that took this store out was applied (not merely a log replayed from before it joined).
    if (wasMember && !this.raft.conf.voters.includes(this.nodeId)) this.host.removed(ctx, this.rangeId);
  }

  private apply(ctx: NodeContext, cmd: Command): void {
    const done = cmd.pid !== undefined ? this.proposals.get(cmd.pid) : undefined;
    if (cmd.pid !== undefined) {
      this.proposals.delete(cmd.pid);
      // A command re-proposed may be in the log twice: only its first copy counts.
      if (this.appliedPids.has(cmd.pid)) return;
      this.appliedPids.add(cmd.pid);
    }
    const l = this.lease;
    if (cmd.under && (!l || l.holder !== cmd.under.holder || cmp(l.start, cmd.under.start) !== 0)) {
      done?.("lost");
      return;
    }
    if (this.frozen && cmd.c !== "subsume" && cmd.c !== "init") {
      // Proposed before the range froze for a merge: never applied here; the sender retries on the merged range.
      done?.("lost");
      return;
    }
    const applied = this.applyCommand(ctx, cmd);
    done?.(applied ? "applied" : "refused");
  }

  private applyCommand(ctx: NodeContext, cmd: Command): boolean {
    if (cmd.c === "init") {
      const s = structuredClone(cmd.state);
      this.desc = { ...s.desc, replicas: this.raft.conf.voters.length > 0 ? [...this.raft.conf.voters] : s.desc.replicas };
      this.mvcc = new Mvcc(s.data);
      this.records = s.records;
      this.lease = s.lease;
      if (s.lease) this.leaseHistory.push(s.lease);
      this.host.descChanged(this.desc);
      return true;
    }
    switch (cmd.c) {
      case "write":
        this.mvcc.putIntent(cmd.key, cmd.txn, cmd.ts, cmd.value);
        return true;
      case "resolve":
        this.mvcc.resolve(cmd.key, cmd.txnId, cmd.commit, cmd.ts);
        return true;
      case "record": {
        const cur = this.records[cmd.rec.id];
        if (cur && ((isFinal(cur.status) && cur.status !== cmd.rec.status) || RANK[cmd.rec.status] < RANK[cur.status] || cmd.rec.epoch < cur.epoch)) return false;
        this.records[cmd.rec.id] = cmd.rec;
        return true;
      }
      case "lease": {
        const cur = this.lease;
        if ((cur?.seq ?? 0) !== cmd.prevSeq) return false;
        this.lease = cmd.lease;
        this.leaseHistory.push(cmd.lease);
        return true;
      }
      case "split":
        return this.applySplit(ctx, cmd.key, cmd.rhsId);
      case "subsume":
        this.frozen = true;
        return true;
      case "merge":
        if (cmd.rhs.desc.start !== this.desc.end) return false;
        this.mvcc.absorb(cmd.rhs.data);
        Object.assign(this.records, structuredClone(cmd.rhs.records));
        this.desc = { ...this.desc, end: cmd.rhs.desc.end, generation: this.desc.generation + 1 };
        this.host.descChanged(this.desc);
        this.host.merged(ctx, cmd.rhs.desc.rangeId);
        return true;
      case "gc":
        this.mvcc.gc(cmd.threshold);
        return true;
    }
    return false;
  }

  private applySplit(ctx: NodeContext, key: string, rhsId: number): boolean {
    if (!(key > this.desc.start && key < this.desc.end)) return false;
    const data = this.mvcc.splitOff(key);
    const records: Record<string, TxnRecord> = {};
    for (const [id, r] of Object.entries(this.records)) {
      if (r.key >= key) {
        records[id] = r;
        delete this.records[id];
      }
    }
    const rhsDesc: RangeDescriptor = { rangeId: rhsId, start: key, end: this.desc.end, replicas: [...this.desc.replicas], generation: 0 };
    this.desc = { ...this.desc, end: key, generation: this.desc.generation + 1 };
    this.host.descChanged(this.desc);
    // The right-hand side starts with a copy of the left-hand side's lease, as CockroachDB's split trigger does.
    this.host.split(ctx, { desc: rhsDesc, data, records, lease: this.lease ? { ...this.lease } : null });
    return true;
  }

  /** The state to hand to a merge: everything applied (the range is frozen, so nothing more will be). */
  snapshot(): RangeState {
    return structuredClone({ desc: this.desc, data: this.mvcc.data, records: this.records, lease: this.lease });
  }

  // ---- leaseholder helpers ------------------------------------------------------------------------------------

  /** Whether this replica holds a lease it may serve under at `now`: until expiration minus the max offset. */
  leaseValid(now: Timestamp, maxOffsetMs: number): boolean {
    const l = this.lease;
    return l !== null && l.holder === this.nodeId && cmp(now, l.start) >= 0 && cmp(now, { w: l.expiration.w - maxOffsetMs, l: l.expiration.l }) < 0;
  }

  latched(keys: readonly string[]): boolean {
    return keys.some((k) => (this.latches.get(k) ?? 0) > 0);
  }

  latch(keys: readonly string[], delta: 1 | -1): void {
    for (const k of keys) {
      const n = (this.latches.get(k) ?? 0) + delta;
      if (n <= 0) this.latches.delete(k);
      else this.latches.set(k, n);
    }
  }

  /** Runs requests that waited for latches; each re-queues itself if still blocked. */
  wake(): void {
    const w = this.waiting;
    this.waiting = [];
    for (const f of w) f();
  }
}
