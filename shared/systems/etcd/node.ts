// One etcd member on the simulation kernel: the pure Raft core plus the MVCC store, glued the way etcd's server
// glues them. A "tick" timer drives Raft's clock; every handler ends by draining Raft's Ready (send, apply,
// release reads). Writes go through the log and are answered by the member that received them once it applies
// them; reads use ReadIndex. A request is failed only when it certainly did not happen; a write whose fate is
// unknown gets no answer, so the client times out and records it as unknown (info).
//
// Records that leave a member (answers, log commands, wire messages) are written with their fields in sorted order:
// the kernel records each in the trace as canonical JSON, which then has nothing to sort.

import { type RaftDurable, raftDurable, raftStorage } from "../../raft/durable";
import type { Rng } from "../../sim/rng";
import type { ClientRequest, Message, NodeContext, NodeId, NodeInspection, SystemNode } from "../../sim/types";
import { type EtcdConfig, electionTicks, MAX_ENTRIES_PER_MSG, MAX_INFLIGHT_MSGS } from "./config";
import { applyCommand, isKvCommand, type KvCommand, MvccStore, requestKey } from "./kv";
import {
  bootstrapStorage,
  type ConfChange,
  type DropReason,
  type Entry,
  ERR_NO_LEADER,
  ERR_REMOVED,
  ERR_TRANSFERRING,
  type HardState,
  Raft,
  type RaftConf,
  type RaftEvent,
  type RaftStorage,
  type ReadState,
  type SoftState,
} from "../../raft";
import { fromWire, toWire } from "../../raft/wire";
import { PEER_REMOVED } from "./wire";

/** What an etcd member keeps on disk: Raft's hard state, its log (the WAL) and the configuration it applied. */
/** A member's durable state is exactly its Raft state (etcd's WAL and snapshot). */
export type EtcdDurable = RaftDurable;

/** etcd's client-facing error texts. */
export const ERR_CLIENT_NO_LEADER = "etcdserver: no leader";
export const ERR_CLIENT_LEADER_CHANGED = "etcdserver: leader changed";
export const ERR_CLIENT_REMOVED = "etcdserver: the member has been permanently removed from the cluster";
export const ERR_CLIENT_DROPPED = "raft proposal dropped";

/** The commands applyAction sends to a member (host.command). */
export type EtcdCommand =
  | { kind: "timeout" }
  | { kind: "transfer-leader"; to: NodeId }
  | { kind: "conf-change"; change: "add" | "remove"; node: NodeId }
  | { kind: "join-existing-cluster" };

const TICK = "tick";

interface PendingWrite {
  requestId: number;
  f: string;
}

interface PendingRead {
  requestId: number;
  key: string;
  /** The read index once the leader confirmed it; until then the read waits for a quorum round. */
  index?: number;
}

function clientError(reason: DropReason): string {
  if (reason === ERR_NO_LEADER) return ERR_CLIENT_NO_LEADER;
  if (reason === ERR_REMOVED) return ERR_CLIENT_REMOVED;
  if (reason === ERR_TRANSFERRING) return ERR_CLIENT_DROPPED;
  return reason;
}

export class EtcdNode implements SystemNode {
  raft: Raft;
  readonly kv = new MvccStore();
  /** Set once this member knows it was removed: like etcd, it then stops serving and stops taking part. */
  removed = false;
  /** True until the member has done anything at all (only then may it be told to join an existing cluster). */
  private pristine: boolean;
  private readonly writes = new Map<string, PendingWrite>();
  private readonly reads = new Map<string, PendingRead>();
  /** Requests already applied: a proposal the network delivered twice is applied once. */
  private readonly appliedRequests = new Set<string>();
  private lastLead = "";
  private rng: Rng | undefined;

  constructor(
    readonly id: NodeId,
    readonly cfg: EtcdConfig,
    durable: EtcdDurable | undefined,
    initialMembers: readonly NodeId[],
  ) {
    // A member started without state bootstraps the cluster it was started with (--initial-cluster-state new);
    // one added later is told to join the existing cluster instead and starts empty.
    const storage: RaftStorage = durable ? raftStorage(durable) : bootstrapStorage(initialMembers);
    this.raft = this.newRaft(storage);
    this.pristine = durable === undefined;
    this.removed = this.raft.conf.removed.includes(id);
  }

  private newRaft(storage?: RaftStorage): Raft {
    return new Raft(
      {
        id: this.id,
        electionTick: electionTicks(this.cfg),
        heartbeatTick: 1,
        preVote: this.cfg.preVote,
        checkQuorum: this.cfg.checkQuorum,
        maxEntriesPerMsg: MAX_ENTRIES_PER_MSG,
        maxInflight: MAX_INFLIGHT_MSGS,
        randomInt: (n) => (this.rng ? this.rng.int(0, n) : 0),
      },
      storage,
    );
  }

  // ---- kernel handlers ----------------------------------------------------------------------------------------

  start(ctx: NodeContext): void {
    // The node's seeded generator only comes with a context: bind it, then draw the first election timeout.
    this.rng = ctx.rng;
    this.raft.resetRandomizedElectionTimeout();
    // A member's first tick comes one interval after it starts; real members do not start in step, so each
    // clock also gets a random phase within one interval.
    ctx.setTimer(TICK, this.cfg.heartbeatMs + ctx.rng.int(0, this.cfg.heartbeatMs));
    this.drain(ctx);
  }

  onTimer(ctx: NodeContext, name: string): void {
    if (name !== TICK || this.removed) return;
    this.pristine = false;
    this.raft.tick();
    this.drain(ctx);
    ctx.setTimer(TICK, this.cfg.heartbeatMs);
  }

  onMessage(ctx: NodeContext, from: NodeId, msg: Message): void {
    if (this.removed) return;
    if (msg.kind === PEER_REMOVED) {
      this.stopAsRemoved(ctx, `${from} told it that it is no longer a member`);
      return;
    }
    const m = fromWire(msg, from);
    if (!m) return;
    if (this.raft.conf.removed.includes(from)) {
      ctx.send(from, { kind: PEER_REMOVED });
      return;
    }
    this.pristine = false;
    this.raft.step(m);
    this.drain(ctx);
  }

  onClientRequest(ctx: NodeContext, req: ClientRequest): void {
    if (this.removed) {
      ctx.respond(req.id, { error: ERR_CLIENT_REMOVED, type: "fail" });
      return;
    }
    const problem = requestProblem(req);
    if (problem) {
      ctx.respond(req.id, { error: problem, type: "fail" });
      return;
    }
    const key = req.key as string;
    if (req.f === "read") this.startRead(ctx, req.id, key);
    else if (req.f === "write") this.propose(ctx, req, { key, op: "put", origin: this.id, request: req.id, value: req.value });
    else {
      const [expected, value] = req.value as [unknown, unknown];
      this.propose(ctx, req, { expected, key, op: "cas", origin: this.id, request: req.id, value });
    }
    this.drain(ctx);
  }

  onCommand(ctx: NodeContext, command: Message): void {
    const c = command as EtcdCommand;
    if (c.kind === "join-existing-cluster") {
      this.joinExisting();
      return;
    }
    if (this.removed) return;
    this.pristine = false;
    switch (c.kind) {
      case "timeout":
        this.raft.campaignNow();
        break;
      case "transfer-leader":
        if (this.raft.transferLeader(c.to) !== undefined) {
          ctx.emit({ kind: "transfer-refused", text: `${this.id} knows no leader to hand leadership over to ${c.to}` });
        }
        break;
      case "conf-change": {
        const cc: ConfChange = { change: c.change, node: c.node };
        const reason = this.raft.propose(cc, "conf");
        if (reason !== undefined) {
          ctx.emit({ kind: "member-change-refused", text: `${this.id} refused to ${c.change} ${c.node}: ${reason}` });
        }
        break;
      }
    }
    this.drain(ctx);
  }

  durable(): EtcdDurable {
    return raftDurable(this.raft);
  }

  inspect(): NodeInspection {
    const r = this.raft;
    const detail: Record<string, unknown> = {
      vote: r.vote,
      lead: r.lead,
      voters: [...r.conf.voters],
      revision: this.kv.revision,
      keys: Object.fromEntries(this.kv.range().map((kv) => [kv.key, { value: kv.value, createRevision: kv.createRevision, modRevision: kv.modRevision, version: kv.version }])),
      electionElapsed: r.electionElapsed,
      electionTimeout: r.randomizedElectionTimeout,
      pendingWrites: this.writes.size,
      pendingReads: this.reads.size,
    };
    if (r.state === "leader") {
      detail.progress = Object.fromEntries(
        [...r.trk.progress].filter(([id]) => id !== this.id).map(([id, pr]) => [id, { match: pr.match, next: pr.next, state: pr.state, recentActive: pr.recentActive }]),
      );
      if (r.leadTransferee) detail.transferringTo = r.leadTransferee;
    }
    return {
      role: this.removed ? "removed" : r.state,
      stats: { term: r.term, commit: r.log.committed, applied: r.log.applied, lastIndex: r.log.lastIndex() },
      log: r.log.all().map((e) => e.term),
      commitIndex: r.log.committed,
      detail,
    };
  }

  // ---- requests -----------------------------------------------------------------------------------------------

  private propose(ctx: NodeContext, req: ClientRequest, cmd: KvCommand): void {
    const reason = this.raft.propose(cmd);
    if (reason !== undefined) {
      // Not appended anywhere and not forwarded: it certainly did not happen.
      ctx.respond(req.id, { error: clientError(reason), type: "fail" });
      return;
    }
    this.writes.set(requestKey(cmd), { requestId: req.id, f: req.f });
  }

  private startRead(ctx: NodeContext, requestId: number, key: string): void {
    const context = `${this.id}#${requestId}`;
    const reason = this.raft.readIndex(context);
    if (reason !== undefined) {
      ctx.respond(requestId, { error: clientError(reason), type: "fail" });
      return;
    }
    this.reads.set(context, { requestId, key });
  }

  // ---- the Ready loop -----------------------------------------------------------------------------------------

  /** Drains Raft's output: send, apply, release reads, report; repeats while applying produced more. */
  private drain(ctx: NodeContext): void {
    while (this.raft.hasReady()) {
      const rd = this.raft.ready();
      // Persisting is implicit: durable() reads the log and hard state that this Ready already reflects, and the
      // kernel saves them at a crash, so nothing is sent that a restart could forget.
      for (const m of rd.msgs) ctx.send(m.to, toWire(m));
      for (const e of rd.committedEntries) this.applyEntry(ctx, e);
      for (const rs of rd.readStates) this.readConfirmed(rs);
      this.raft.advance(rd);
      for (const ev of rd.events) this.report(ctx, ev);
      if (rd.softState) this.leaderMayHaveChanged(ctx, rd.softState);
      this.serveReads(ctx);
    }
    // Only once the last output is out (the step-down, the commit that tells the others), like etcd's server
    // finishing the apply that removed it before it exits.
    if (!this.removed && this.raft.conf.removed.includes(this.id)) this.stopAsRemoved(ctx, "it applied its own removal");
  }

  private applyEntry(ctx: NodeContext, e: Entry): void {
    if (e.type !== "normal" || !isKvCommand(e.data)) return;
    const cmd = e.data;
    const rk = requestKey(cmd);
    if (this.appliedRequests.has(rk)) return;
    this.appliedRequests.add(rk);
    const result = applyCommand(this.kv, cmd);
    const waiter = cmd.origin === this.id ? this.writes.get(rk) : undefined;
    if (!waiter) return;
    this.writes.delete(rk);
    if (result.ok) ctx.respond(waiter.requestId, { type: "ok" });
    else ctx.respond(waiter.requestId, { error: result.reason, type: "fail" });
  }

  private readConfirmed(rs: ReadState): void {
    const read = this.reads.get(rs.context);
    if (read) read.index = rs.index;
  }

  /** Serves every confirmed read whose index this member has applied, from its own store. */
  private serveReads(ctx: NodeContext): void {
    const applied = this.raft.log.applied;
    for (const [context, read] of this.reads) {
      if (read.index === undefined || read.index > applied) continue;
      this.reads.delete(context);
      ctx.respond(read.requestId, { type: "ok", value: this.kv.get(read.key)?.value ?? null });
    }
  }

  /**
   * A read still waiting for its leader's confirmation cannot get it from a new leader; fail it, as etcd does
   * (a read changes nothing, so failing it is always safe).
   */
  private leaderMayHaveChanged(ctx: NodeContext, soft: SoftState): void {
    if (soft.lead === this.lastLead) return;
    const hadLeader = this.lastLead !== "";
    this.lastLead = soft.lead;
    if (!hadLeader) return;
    for (const [context, read] of this.reads) {
      if (read.index !== undefined) continue;
      this.reads.delete(context);
      ctx.respond(read.requestId, { error: ERR_CLIENT_LEADER_CHANGED, type: "fail" });
    }
  }

  private stopAsRemoved(ctx: NodeContext, why: string): void {
    this.removed = true;
    ctx.cancelTimer(TICK);
    for (const read of this.reads.values()) ctx.respond(read.requestId, { error: ERR_CLIENT_REMOVED, type: "fail" });
    this.reads.clear();
    ctx.emit({ kind: "member-stopped", text: `${this.id} stopped: ${why}` });
  }

  /** etcd --initial-cluster-state existing: start with nothing and learn the cluster from its leader. */
  private joinExisting(): void {
    if (!this.pristine) throw new Error(`${this.id} has already started; only a brand-new member can join an existing cluster`);
    this.raft = this.newRaft(undefined);
    this.raft.resetRandomizedElectionTimeout();
    this.removed = false;
  }

  // ---- events -------------------------------------------------------------------------------------------------

  private report(ctx: NodeContext, ev: RaftEvent): void {
    const id = this.id;
    switch (ev.kind) {
      case "leader":
        ctx.emit({ kind: "leader", node: id, term: ev.term, text: `${id} became leader for term ${ev.term}` });
        break;
      case "step-down":
        ctx.emit({ kind: "step-down", node: id, term: ev.term, text: `${id} stepped down as leader: ${ev.reason}` });
        break;
      case "campaign":
        ctx.emit(
          ev.pre
            ? { kind: "pre-vote", node: id, term: ev.term, text: `${id} timed out and asked for pre-votes for term ${ev.term}` }
            : { kind: "election", node: id, term: ev.term, text: `${id} started an election for term ${ev.term}` },
        );
        break;
      case "pre-vote-failed":
        ctx.emit({ kind: "pre-vote-failed", node: id, term: ev.term, text: `${id} did not get enough pre-votes for term ${ev.term}` });
        break;
      case "conf-applied":
        // Every member applies the change; the leader speaks for the cluster.
        if (!ev.asLeader) break;
        if (ev.change.change === "add") {
          ctx.emit({ kind: "member-added", node: ev.change.node, text: `${ev.change.node} joined the cluster as a voting member` });
        } else {
          ctx.emit({ kind: "member-removed", node: ev.change.node, text: `${ev.change.node} was removed from the cluster` });
        }
        break;
      case "transfer-started":
        ctx.emit({ kind: "transfer", node: id, text: `${id} is handing leadership over to ${ev.to}` });
        break;
      case "transfer-aborted":
        ctx.emit({ kind: "transfer-aborted", node: id, text: `${id} gave up handing leadership over to ${ev.to}` });
        break;
    }
  }

}

/** Why a client request cannot be an etcd operation, in words, or undefined when it can. */
function requestProblem(req: ClientRequest): string | undefined {
  if (req.f !== "read" && req.f !== "write" && req.f !== "cas") return `etcd does not support "${req.f}": use read, write or cas`;
  if (typeof req.key !== "string" || req.key === "") return `a ${req.f} needs a key`;
  if (req.f === "write" && req.value === undefined) return "a write needs a value";
  if (req.f === "cas" && !(Array.isArray(req.value) && req.value.length === 2)) return "a cas needs a value [expected, new]";
  return undefined;
}
