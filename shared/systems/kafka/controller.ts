// The KRaft controller quorum member that a combined-mode broker runs: the shared Raft core (shared/raft) carries
// the metadata log; the active controller (the Raft leader) decides and appends records, every member applies
// committed ones. Like KRaft's QuorumController, the active controller applies what it proposes to an in-memory
// projection at once, so its next decision already sees it (a fence and an ISR change for the same partition never
// both start from the same old state); the projection is dropped when it loses leadership.
//
// Decisions (election.ts holds the rules): register and fence brokers from their heartbeats
// (broker.session.timeout.ms), validate AlterPartition requests, elect partition leaders, finish reassignments,
// record config changes.

import { type RaftDurable, raftDurable } from "../../raft/durable";
import {
  type Entry,
  type HardState,
  Raft,
  type RaftConf,
  type RaftEvent,
  type RaftMessage,
  type RaftStorage,
} from "../../raft";
import type { Rng } from "../../sim/rng";
import type { Message, NodeContext, NodeId } from "../../sim/types";
import type { KafkaConfig } from "./config";
import {
  alterPartitionProblem,
  fenceChanges,
  finishReassignment,
  isrChange,
  offlineElections,
  type PartitionChanges,
} from "./election";
import { applyRecord, isMetadataRecord, type MetadataImage, type MetadataRecord, partitionRecord } from "./metadata";
import { fromWire, toWire } from "../../raft/wire";
import type { AlterPartition, BrokerHeartbeat, MetadataFetch } from "./wire";

/** The Raft tick of the controller quorum, ms. */
export const TICK_MS = 100;
/** The active controller looks for brokers to fence and reassignments to finish every this many ticks. */
const CHECK_TICKS = 5;
/** Most metadata records in one fetch answer. */
const MAX_RECORDS = 500;

/** A controller's durable state is its Raft state (the __cluster_metadata log and quorum-state). */
export type ControllerDurable = RaftDurable;

/** A new quorum's log: one conf entry per voter, then the bootstrap metadata records, all committed. */
export function bootstrapControllerStorage(voters: readonly NodeId[], records: readonly MetadataRecord[]): RaftStorage {
  const entries: Entry[] = voters.map((node, i) => ({ data: { change: "add", node }, index: i + 1, term: 1, type: "conf" }));
  records.forEach((data, i) => entries.push({ data, index: voters.length + i + 1, term: 1, type: "normal" }));
  return { hardState: { term: 1, vote: "", commit: entries.length }, entries, conf: { voters: [...voters], removed: [] } };
}

export interface ControllerHooks {
  /** A committed record reached this member: apply it to the broker's image. */
  applied(ctx: NodeContext, offset: number, rec: MetadataRecord | undefined): void;
  event(ctx: NodeContext, ev: RaftEvent): void;
}

/** decide()'s answer while this controller cannot decide yet (not active, or its log not yet applied): try again. */
export const NOT_READY = "the controller quorum has no active controller yet";

export class Controller {
  readonly raft: Raft;
  /** The active controller's projection: committed image plus its own records not yet committed. */
  private proj: MetadataImage | undefined;
  private readonly lastSeen = new Map<NodeId, number>();
  private ticks = 0;
  private rng: Rng | undefined;

  constructor(
    readonly id: NodeId,
    private readonly cfg: KafkaConfig,
    storage: RaftStorage,
    private readonly image: () => MetadataImage,
    private readonly hooks: ControllerHooks,
  ) {
    this.raft = new Raft(
      {
        id,
        electionTick: Math.max(2, Math.floor(cfg.controllerElectionTimeoutMs / TICK_MS)),
        heartbeatTick: 1,
        // KRaft (at the FACTS snapshot) has no pre-vote; the leader resigns without a majority fetching (check quorum).
        preVote: false,
        checkQuorum: true,
        maxEntriesPerMsg: 64,
        maxInflight: 256,
        randomInt: (n) => (this.rng ? this.rng.int(0, n) : 0),
      },
      storage,
    );
  }

  start(ctx: NodeContext): void {
    this.rng = ctx.rng;
    this.raft.resetRandomizedElectionTimeout();
    this.drain(ctx);
  }

  durable(): ControllerDurable {
    return raftDurable(this.raft);
  }

  /** The active controller: Raft leader, with everything in its log applied (its projection is current). */
  active(): boolean {
    return this.raft.state === "leader";
  }

  leader(): NodeId | null {
    return this.raft.lead === "" ? null : this.raft.lead;
  }

  tick(ctx: NodeContext): void {
    this.raft.tick();
    this.drain(ctx);
    if (this.active() && ++this.ticks % CHECK_TICKS === 0) this.periodic(ctx, ctx.monotonicTime);
  }

  step(ctx: NodeContext, msg: Message, from: NodeId): boolean {
    const m = fromWire(msg, from);
    if (!m) return false;
    this.raft.step(m);
    this.drain(ctx);
    return true;
  }

  private drain(ctx: NodeContext): void {
    while (this.raft.hasReady()) {
      const rd = this.raft.ready();
      for (const m of rd.msgs) ctx.send(m.to, toWire(m as RaftMessage));
      for (const e of rd.committedEntries) this.hooks.applied(ctx, e.index, e.type === "normal" && isMetadataRecord(e.data) ? e.data : undefined);
      this.raft.advance(rd);
      for (const ev of rd.events) {
        if (ev.kind === "leader") this.becameActive(ctx);
        if (ev.kind === "step-down") this.proj = undefined;
        this.hooks.event(ctx, ev);
      }
      if (rd.softState && rd.softState.state !== "leader") this.proj = undefined;
    }
  }

  /** A new active controller gives every broker a full session before it may fence it. */
  private becameActive(ctx: NodeContext): void {
    this.proj = undefined;
    this.lastSeen.clear();
    for (const b of Object.keys(this.image().brokers)) this.lastSeen.set(b, ctx.monotonicTime);
  }

  /** The projection to decide on, once everything in the leader's log is applied; undefined until then. */
  private projection(): MetadataImage | undefined {
    if (!this.active()) return undefined;
    if (this.proj) return this.proj;
    const log = this.raft.log;
    if (log.applied < log.lastIndex() || log.term(log.committed) !== this.raft.term) return undefined;
    this.proj = structuredClone(this.image());
    return this.proj;
  }

  /** Appends a record through Raft and to the projection. False when Raft dropped it (leadership lost). */
  propose(rec: MetadataRecord): boolean {
    const proj = this.projection();
    if (!proj) return false;
    if (this.raft.propose(rec) !== undefined) {
      this.proj = undefined;
      return false;
    }
    applyRecord(proj, this.raft.log.lastIndex(), rec);
    return true;
  }

  private proposeChanges(changes: PartitionChanges): void {
    for (const [tp, next] of changes) this.propose(partitionRecord(tp, next));
  }

  /** Decides on the projection; `decide` returns the records to append (undefined: not active, try later). */
  decide(ctx: NodeContext, decide: (image: MetadataImage) => MetadataRecord[] | string): string | undefined {
    const proj = this.projection();
    if (!proj) return NOT_READY;
    const out = decide(proj);
    if (typeof out === "string") return out;
    for (const rec of out) this.propose(rec);
    this.drain(ctx);
    return undefined;
  }

  // ---- requests from brokers ----------------------------------------------------------------------------------

  onHeartbeat(ctx: NodeContext, from: NodeId, m: BrokerHeartbeat): void {
    this.lastSeen.set(from, ctx.monotonicTime);
    const proj = this.projection();
    if (!proj) return;
    const b = proj.brokers[from];
    if (b === undefined || b.incarnation !== m.incarnation) {
      // A (re)started broker registers fenced: it leaves every ISR and leadership until it has caught up.
      const changes = b === undefined ? [] : fenceChanges(proj, from);
      this.propose({ type: "RegisterBroker", broker: from, incarnation: m.incarnation });
      this.proposeChanges(changes);
    } else if (b.fenced && m.offset >= b.registeredAt) {
      this.propose({ type: "UnfenceBroker", broker: from });
      this.proposeChanges(offlineElections(proj));
    }
    this.drain(ctx);
  }

  /** Committed records after the broker's offset. Only the active controller answers with records. */
  onMetadataFetch(ctx: NodeContext, from: NodeId, m: MetadataFetch): void {
    const log = this.raft.log;
    const upTo = this.active() ? Math.min(log.committed, m.offset + MAX_RECORDS) : m.offset;
    const records: { offset: number; record: MetadataRecord }[] = [];
    for (const e of log.slice(m.offset + 1, upTo + 1)) if (e.type === "normal" && isMetadataRecord(e.data)) records.push({ offset: e.index, record: e.data });
    ctx.send(from, { kind: "MetadataFetchResponse", leader: this.leader(), records, upTo: Math.max(upTo, m.offset) });
  }

  onAlterPartition(ctx: NodeContext, from: NodeId, m: AlterPartition): void {
    const proj = this.projection();
    if (!proj) return;
    const p = proj.partitions[m.tp];
    const problem = p === undefined ? "UNKNOWN_TOPIC_OR_PARTITION" : alterPartitionProblem(p, proj, from, m.leaderEpoch, m.partitionEpoch, m.isr);
    if (problem !== undefined) {
      ctx.send(from, { kind: "AlterPartitionResponse", tp: m.tp, error: problem });
      return;
    }
    const next = isrChange(p, m.isr);
    this.propose(partitionRecord(m.tp, next));
    const done = finishReassignment(next, proj);
    if (done) this.propose(partitionRecord(m.tp, done));
    this.drain(ctx);
  }

  /** Fences brokers whose session expired; finishes reassignments; elects leaders where an election is possible. */
  private periodic(ctx: NodeContext, now: number): void {
    const proj = this.projection();
    if (!proj) return;
    for (const [broker, info] of Object.entries(proj.brokers)) {
      if (info.fenced) continue;
      if (now - (this.lastSeen.get(broker) ?? now) <= this.cfg.brokerSessionTimeoutMs) continue;
      const changes = fenceChanges(proj, broker);
      this.propose({ type: "FenceBroker", broker });
      this.proposeChanges(changes);
    }
    for (const [tp, p] of Object.entries(proj.partitions)) {
      const done = finishReassignment(p, proj);
      if (done) this.propose(partitionRecord(tp, done));
    }
    this.proposeChanges(offlineElections(proj));
    this.drain(ctx);
  }
}
