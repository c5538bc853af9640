// One CockroachDB node (one store) on the simulation kernel. It holds a replica of every range placed on it, each
// its own Raft group on the shared core, and ticks them all every raft_tick_interval. Around them:
//   - leases: the Raft leader acquires an expired lease; the leaseholder extends it, and Raft leadership follows
//     the lease (the leader hands leadership to a leaseholder that is not the leader);
//   - the KV server: batch requests are checked against the range and lease, then evaluated (evaluate.ts);
//   - the gateway: SQL transactions from clients run in the coordinator (coordinator.ts) over the DistSender;
//   - the queues on ranges it leases: replicate (allocator.ts), split, merge and GC;
//   - RPC heartbeats every second: clock offsets (clock-monitor.ts), store load, settings and descriptors.
// Durable: each replica's Raft state and log (its data is rebuilt by re-applying the log), tombstones of replicas
// removed, the newest settings, and the referee's counters (restarts, reads with a wrong total).

import { raftStorage } from "../../raft/durable";
import type { RaftEvent } from "../../raft";
import { fromWire } from "../../raft/wire";
import type { ClientRequest, Completion, Message, NodeContext, NodeId, NodeInspection, SystemNode } from "../../sim/types";
import { type AllocatorStep, type Goal, goalOf, initialPlacement, planRange, type StoreInfo } from "./allocator";
import { ClockMonitor } from "./clock-monitor";
import { type CockroachConfig, localityOf, type Locality } from "./config";
import { ReadTxn, TransferTxn } from "./coordinator";
import { DistSender } from "./dist-sender";
import { evaluate } from "./evaluate";
import { addMs, cmp, Hlc, type Timestamp } from "./hlc";
import { accountKey, accountOf, bootstrapDescriptors, containsKey, type RangeDescriptor, showSpan } from "./keys";
import { bootstrapRange, type Command, type Lease, type RangeState, Replica, type ReplicaDurable } from "./replica";
import { type ClusterSettings, initialSettings, newerSettings } from "./settings";
import type { BatchRequest, BatchResponse, KvRequest, KvResult, Ping, Pong } from "./wire";

export interface CockroachDurable {
  starts: number;
  replicas: ReplicaDurable[];
  tombstones: number[];
  settings: ClusterSettings;
  stats: NodeStats;
}

export interface NodeStats {
  restarts: number;
  reads: number;
  wrongTotalReads: number;
}

export type CockroachCommand = { kind: "settings"; settings: ClusterSettings } | { kind: "transfer-lease"; range: number; to: NodeId } | { kind: "join" };

const QUEUE_TICKS = 4;
/** A lease younger than this is not moved to balance lease counts. */
const LEASE_SETTLE_MS = 30_000;
const PING_TICKS = 2;
/** Split range ids are allocated as (block + 1) · stride + the node's index, so two nodes never pick the same one. */
const ID_STRIDE = 16;

export class CockroachNode implements SystemNode {
  readonly hlc = new Hlc();
  readonly replicas = new Map<number, Replica>();
  readonly tombstones: Set<number>;
  settings: ClusterSettings;
  readonly stats: NodeStats;
  readonly starts: number;
  stopped: string | null = null;
  readonly monitor: ClockMonitor;
  readonly ds: DistSender;
  readonly locality: Locality;
  private readonly stores = new Map<NodeId, { replicas: number; leases: number; at: number }>();
  private readonly laters = new Map<string, (ctx: NodeContext) => void>();
  private nextLater = 0;
  private nextPid = 0;
  private nextTxn = 0;
  private ticks = 0;
  private cur: NodeContext | undefined;
  private readonly leasePending = new Set<number>();
  /** The wall clock's offset from true time as last seen (localTime − monotonicTime), for display. */
  private skewSeen = 0;
  private wallSeen = 0;
  private readonly members: readonly NodeId[];
  private readonly initialBoundaries: Set<string>;
  /** The last range id this node allocated for a split (so two splits in one round never share one). */
  private lastRangeId = 0;

  constructor(
    readonly id: NodeId,
    readonly cfg: CockroachConfig,
    durable: CockroachDurable | undefined,
    initialMembers: readonly NodeId[],
  ) {
    this.members = initialMembers;
    this.locality = localityOf(cfg, id, initialMembers);
    this.starts = (durable?.starts ?? 0) + 1;
    this.settings = durable?.settings ?? initialSettings(cfg);
    this.stats = durable ? { ...durable.stats } : { restarts: 0, reads: 0, wrongTotalReads: 0 };
    this.tombstones = new Set(durable?.tombstones ?? []);
    this.monitor = new ClockMonitor(cfg.maxOffsetMs);
    this.ds = new DistSender({
      id,
      networkTimeoutMs: cfg.networkTimeoutMs,
      later: (ctx, ms, fn) => this.later(ctx, ms, fn),
      cancel: (ctx, t) => this.cancel(ctx, t),
      local: (ctx, msg) => this.serve(ctx, id, msg),
      clock: () => this.hlc.now(this.cur?.localTime ?? 0),
    });
    const boot = this.bootstrapLayout(initialMembers);
    this.initialBoundaries = new Set(boot.map((b) => b.desc.start));
    for (const d of boot) this.ds.learn(d.desc);
    if (durable) {
      for (const r of durable.replicas) this.addReplica(r.rangeId, raftStorage(r));
    } else if (initialMembers.includes(id)) {
      for (const s of boot) if (s.desc.replicas.includes(id)) this.addReplica(s.desc.rangeId, bootstrapRange(s));
    }
  }

  /** The table's first ranges, placed by the allocator for the configured survival goal (every node computes the same). */
  private bootstrapLayout(members: readonly NodeId[]): RangeState[] {
    const stores = members.map((n) => this.storeInfo(n, localityOf(this.cfg, n, members), true, false, 0, 0));
    const placed = initialPlacement(this.goal(), stores, this.cfg.initialRanges);
    const descs = bootstrapDescriptors(this.cfg.accounts, this.cfg.initialRanges, []);
    return descs.map((d, i) => {
      const data: RangeState["data"] = {};
      for (let a = 0; a < this.cfg.accounts; a++) {
        const key = accountKey(a);
        if (containsKey(d, key)) data[key] = { versions: [{ ts: { w: 0, l: 1 }, value: this.cfg.initialBalance }] };
      }
      return { desc: { ...d, replicas: placed[i] }, data, records: {}, lease: null };
    });
  }

  private storeInfo(node: NodeId, locality: Locality, live: boolean, dead: boolean, replicas: number, leases: number): StoreInfo {
    return { node, locality, live, dead, replicas, leases };
  }

  regions(): string[] {
    const set = new Set(this.members.map((n) => localityOf(this.cfg, n, this.members).region));
    for (const l of Object.values(this.cfg.topology)) set.add(l.region);
    return [...set].sort();
  }

  goal(): Goal {
    return goalOf(this.settings, this.cfg.primaryRegion, this.regions().length);
  }

  private addReplica(rangeId: number, storage: ConstructorParameters<typeof Replica>[3]): Replica {
    const rep = new Replica(rangeId, this.id, this.cfg, storage, {
      split: (ctx, rhs) => this.onSplit(ctx, rhs),
      merged: (ctx, rhsId) => this.destroy(ctx, rhsId, "merged into its left neighbour"),
      removed: (ctx, r) => this.destroy(ctx, r, "its replica was moved away"),
      descChanged: (d) => this.ds.learn(d),
      raftEvent: (ctx, r, ev) => this.raftEvent(ctx, r, ev),
    }, (n) => (this.cur ? this.cur.rng.int(0, n) : 0));
    this.replicas.set(rangeId, rep);
    return rep;
  }

  // ---- kernel handlers ------------------------------------------------------------------------------------------

  private enter(ctx: NodeContext): void {
    this.cur = ctx;
    this.skewSeen = ctx.localTime - ctx.monotonicTime;
    this.wallSeen = ctx.localTime;
  }

  start(ctx: NodeContext): void {
    this.enter(ctx);
    for (const r of this.replicas.values()) {
      r.raft.resetRandomizedElectionTimeout();
      r.drain(ctx);
    }
    ctx.setTimer("tick", this.cfg.raftTickMs + ctx.rng.int(0, this.cfg.raftTickMs));
  }

  onTimer(ctx: NodeContext, name: string): void {
    this.enter(ctx);
    if (this.stopped) return;
    if (name === "tick") return this.tick(ctx);
    const fn = this.laters.get(name);
    if (fn) {
      this.laters.delete(name);
      fn(ctx);
    }
  }

  onMessage(ctx: NodeContext, from: NodeId, msg: Message): void {
    this.enter(ctx);
    if (this.stopped) return;
    if (msg.kind.startsWith("Msg")) return this.stepRaft(ctx, from, msg);
    switch (msg.kind) {
      case "BatchRequest":
        return this.serve(ctx, from, msg as unknown as BatchRequest);
      case "BatchResponse": {
        const m = msg as unknown as BatchResponse;
        this.hlc.update(m.now);
        return this.ds.onResponse(ctx, from, m.rpc, m.res);
      }
      case "Ping": {
        const m = msg as unknown as Ping;
        this.gossip(ctx, from, m.store, m.settings, m.descs);
        const pong: Pong = { kind: "Pong", sentAt: m.sentAt, remoteWall: ctx.localTime, store: this.storeGossip(), settings: this.settings, descs: this.descs() };
        return ctx.send(from, pong as unknown as Message);
      }
      case "Pong": {
        const m = msg as unknown as Pong;
        this.monitor.record(from, m.sentAt, m.remoteWall, ctx.localTime, ctx.monotonicTime);
        return this.gossip(ctx, from, m.store, m.settings, m.descs);
      }
    }
  }

  onClientRequest(ctx: NodeContext, req: ClientRequest): void {
    this.enter(ctx);
    if (this.stopped) return ctx.respond(req.id, { type: "fail", error: `${this.id} is stopped: ${this.stopped}` });
    const respond = (c: Completion): void => this.cur?.respond(req.id, c);
    if (req.f === "transfer") {
      const v = req.value as { from?: unknown; to?: unknown; amount?: unknown } | undefined;
      const problem = this.transferProblem(v);
      if (problem) return ctx.respond(req.id, { type: "fail", error: problem });
      const t = new TransferTxn(this.coordHost(), req.id, respond, ctx, v?.from as number, v?.to as number, v?.amount as number);
      return t.run(ctx);
    }
    if (req.f === "read") {
      const accounts = this.accountsOf(req.key);
      if (typeof accounts === "string") return ctx.respond(req.id, { type: "fail", error: accounts });
      return new ReadTxn(this.coordHost(), req.id, respond, ctx, accounts).run(ctx);
    }
    ctx.respond(req.id, { type: "fail", error: `CockroachDB clients here run transfer and read, not "${req.f}"` });
  }

  private transferProblem(v: { from?: unknown; to?: unknown; amount?: unknown } | undefined): string | undefined {
    const ok = (a: unknown): boolean => typeof a === "number" && Number.isInteger(a) && a >= 0 && a < this.cfg.accounts;
    if (!v || !ok(v.from) || !ok(v.to)) return `a transfer needs two accounts from 0 to ${this.cfg.accounts - 1}`;
    if (v.from === v.to) return "a transfer needs two different accounts";
    if (typeof v.amount !== "number" || !Number.isInteger(v.amount) || v.amount < 1) return "a transfer needs a whole amount of at least 1";
    return undefined;
  }

  private accountsOf(key: string | undefined): number[] | string {
    if (key === undefined || key === "accounts") return Array.from({ length: this.cfg.accounts }, (_, i) => i);
    const m = /^accounts\/(\d+)$/.exec(key);
    const n = m ? Number(m[1]) : Number.NaN;
    if (!Number.isInteger(n) || n >= this.cfg.accounts) return `read "accounts" for every balance, or "accounts/N" for account N (0 to ${this.cfg.accounts - 1})`;
    return [n];
  }

  onCommand(ctx: NodeContext, command: Message): void {
    this.enter(ctx);
    const c = command as unknown as CockroachCommand;
    if (c.kind === "settings") this.settings = newerSettings(this.settings, c.settings);
    else if (c.kind === "transfer-lease" && !this.stopped) {
      const rep = this.replicas.get(c.range);
      if (rep) this.transferLease(ctx, rep, c.to);
    }
  }

  durable(): CockroachDurable {
    return {
      starts: this.starts,
      replicas: [...this.replicas.values()].map((r) => r.durable()),
      tombstones: [...this.tombstones].sort((a, b) => a - b),
      settings: this.settings,
      stats: { ...this.stats },
    };
  }

  // ---- timers ---------------------------------------------------------------------------------------------------

  private later(ctx: NodeContext, ms: number, fn: (ctx: NodeContext) => void): string {
    const name = `later:${this.nextLater++}`;
    this.laters.set(name, fn);
    ctx.setTimer(name, Math.max(0, Math.round(ms)));
    return name;
  }

  private cancel(ctx: NodeContext, name: string): void {
    this.laters.delete(name);
    ctx.cancelTimer(name);
  }

  private tick(ctx: NodeContext): void {
    ctx.setTimer("tick", this.cfg.raftTickMs);
    this.ticks++;
    const verdict = this.monitor.verdict(ctx.monotonicTime);
    if (verdict) return this.stop(ctx, verdict);
    for (const rep of [...this.replicas.values()]) {
      if (rep.destroyed) continue;
      rep.tick();
      rep.drain(ctx);
      this.maintainLease(ctx, rep);
    }
    if (this.ticks % PING_TICKS === 0) this.ping(ctx);
    if (this.ticks % QUEUE_TICKS === 0) for (const rep of [...this.replicas.values()]) this.queues(ctx, rep);
  }

  /**
   * Fatal: the cockroach process exits (log.Fatal), so the node goes down like a crash and stays down until someone
   * restarts it; `stopped` stays on this dead incarnation so the screen and the summary can say why.
   */
  private stop(ctx: NodeContext, why: string): void {
    this.stopped = why;
    ctx.emit({ kind: "node-stopped", node: this.id, text: `${this.id} stopped itself: ${why}` });
    ctx.exit(why);
  }

  // ---- Raft -----------------------------------------------------------------------------------------------------

  private stepRaft(ctx: NodeContext, from: NodeId, msg: Message): void {
    const rangeId = msg.range as number;
    const m = fromWire(msg, from);
    if (!m || typeof rangeId !== "number") return;
    let rep = this.replicas.get(rangeId);
    if (!rep) {
      // A replica added to this store learns its range from the leader's log (CockroachDB sends a snapshot).
      if (this.tombstones.has(rangeId) || (m.type !== "MsgApp" && m.type !== "MsgHeartbeat")) return;
      rep = this.addReplica(rangeId, undefined);
    }
    if (rep.destroyed) return;
    rep.raft.step(m);
    rep.drain(ctx);
    this.maintainLease(ctx, rep);
  }

  private raftEvent(ctx: NodeContext, rangeId: number, ev: RaftEvent): void {
    if (ev.kind === "leader") {
      ctx.emit({ kind: "leader", node: this.id, term: ev.term, group: String(rangeId), text: `${this.id} became Raft leader of range r${rangeId} (term ${ev.term})` });
    } else if (ev.kind === "step-down") {
      ctx.emit({ kind: "step-down", node: this.id, term: ev.term, group: String(rangeId), text: `${this.id} stepped down as leader of r${rangeId}: ${ev.reason}` });
    }
  }

  private onSplit(ctx: NodeContext, rhs: RangeState): void {
    const id = rhs.desc.rangeId;
    this.ds.learn(rhs.desc);
    if (this.replicas.has(id) || this.tombstones.has(id)) return;
    const rep = this.addReplica(id, bootstrapRange(rhs));
    rep.raft.resetRandomizedElectionTimeout();
    rep.drain(ctx);
    // The left-hand side's leaseholder campaigns for the new range at once, so it is not leaderless for a timeout.
    if (rhs.lease?.holder === this.id) rep.raft.campaignNow();
    rep.drain(ctx);
  }

  private destroy(ctx: NodeContext, rangeId: number, why: string): void {
    const rep = this.replicas.get(rangeId);
    this.tombstones.add(rangeId);
    if (!rep) return;
    rep.destroyed = true;
    this.replicas.delete(rangeId);
    const d = this.ds.meta.get(rangeId);
    if (why.startsWith("merged") && d) this.ds.learn({ ...d, end: d.start, generation: Number.MAX_SAFE_INTEGER });
    ctx.emit({ kind: "replica-removed", node: this.id, group: String(rangeId), text: `${this.id} dropped its replica of r${rangeId}: ${why}` });
  }

  // ---- leases ---------------------------------------------------------------------------------------------------

  private now(): Timestamp {
    return this.hlc.now(this.cur?.localTime ?? 0);
  }

  private pid(): string {
    return `${this.id}.${this.starts}.${this.nextPid++}`;
  }

  private proposeLease(ctx: NodeContext, rep: Replica, lease: Lease, transfer: boolean): void {
    if (this.leasePending.has(rep.rangeId)) return;
    const cmd: Command = { c: "lease", lease, prevSeq: rep.lease?.seq ?? 0 };
    const ok = rep.propose(cmd, this.pid(), () => this.leasePending.delete(rep.rangeId));
    if (ok) this.leasePending.add(rep.rangeId);
    else if (transfer) ctx.emit({ kind: "lease-refused", node: this.id, text: `${this.id} could not transfer the lease of r${rep.rangeId}: the range has no leader` });
    rep.drain(ctx);
  }

  /** The leader takes an expired lease; the holder extends its own; leadership follows a valid lease. */
  private maintainLease(ctx: NodeContext, rep: Replica): void {
    if (rep.destroyed || rep.frozen || rep.desc.end === "") return;
    const now = this.now();
    const lease = rep.lease;
    const expired = !lease || cmp(now, lease.expiration) >= 0;
    const dur = this.cfg.rangeLeaseMs;
    if (rep.isLeader() && expired) {
      this.proposeLease(ctx, rep, { holder: this.id, start: now, expiration: addMs(now, dur), seq: (lease?.seq ?? 0) + 1 }, false);
      return;
    }
    if (!lease) return;
    if (lease.holder === this.id && !expired && lease.expiration.w - now.w < dur / 2) {
      this.proposeLease(ctx, rep, { holder: this.id, start: lease.start, expiration: addMs(now, dur), seq: lease.seq + 1 }, false);
    }
    if (rep.isLeader() && !expired && lease.holder !== this.id && rep.raft.conf.voters.includes(lease.holder) && rep.raft.leadTransferee === "") {
      rep.raft.transferLeader(lease.holder);
      rep.drain(ctx);
    }
  }

  /** The holder hands its lease to `to`: it stops serving at once, and the new lease starts now. */
  private transferLease(ctx: NodeContext, rep: Replica, to: NodeId): void {
    const now = this.now();
    if (!rep.leaseValid(now, this.cfg.maxOffsetMs) || !rep.lease) return;
    rep.servingSeq = -1;
    const lease: Lease = { holder: to, start: now, expiration: addMs(now, this.cfg.rangeLeaseMs), seq: rep.lease.seq + 1, transfer: true };
    this.proposeLease(ctx, rep, lease, true);
    ctx.emit({ kind: "lease-transfer", node: this.id, group: String(rep.rangeId), text: `${this.id} is transferring the lease of r${rep.rangeId} to ${to}` });
  }

  // ---- serving KV requests --------------------------------------------------------------------------------------

  private reply(ctx: NodeContext, to: NodeId, rpc: number, res: KvResult): void {
    const msg: BatchResponse = { kind: "BatchResponse", rpc, res, now: this.now() };
    if (to === this.id) this.ds.onResponse(ctx, to, rpc, res);
    else ctx.send(to, msg as unknown as Message);
  }

  serve(ctx: NodeContext, from: NodeId, m: BatchRequest): void {
    if (this.stopped) return;
    const answer = (res: KvResult): void => this.reply(this.cur ?? ctx, from, m.rpc, res);
    if (m.now.w > ctx.localTime + this.cfg.maxOffsetMs) {
      return answer({ ok: false, err: "unavailable", why: `remote wall time is too far ahead (${m.now.w - ctx.localTime}ms)` });
    }
    this.hlc.update(m.now);
    const rep = this.replicas.get(m.rangeId);
    if (!rep || rep.desc.end === "" || rep.frozen || !containsKey(rep.desc, m.key)) {
      const d = this.replicas.get(this.ds.lookup(m.key)?.rangeId ?? -1)?.desc ?? this.ds.lookup(m.key) ?? null;
      return answer({ ok: false, err: "range-mismatch", desc: d });
    }
    const now = this.now();
    if (!rep.leaseValid(now, this.cfg.maxOffsetMs) || (rep.servingSeq === -1 && this.leasePending.has(rep.rangeId) && rep.lease?.holder === this.id)) {
      this.maintainLease(ctx, rep);
      const l = rep.lease;
      const hint = l && l.holder !== this.id && cmp(now, l.expiration) < 0 ? l.holder : rep.raft.lead !== "" && rep.raft.lead !== this.id ? rep.raft.lead : null;
      return answer({ ok: false, err: "not-leaseholder", hint });
    }
    if (rep.servingSeq !== rep.lease?.seq) {
      // A lease this replica has not served under yet: if it is a new lease (not an extension), nothing is known
      // of reads served before it; the timestamp cache starts at the lease's start.
      const l = rep.lease as Lease;
      if (rep.servingSeq < 0 || !rep.leaseHistory.some((x) => x.seq === rep.servingSeq && x.holder === this.id && cmp(x.start, l.start) === 0)) rep.tscache.reset(l.start);
      rep.servingSeq = l.seq;
    }
    evaluate(this.evalHost(), rep, m.req, answer, () => this.serve(this.cur ?? ctx, from, m));
    rep.drain(this.cur ?? ctx);
  }

  private evalHost() {
    return {
      now: () => this.now(),
      heartbeatMs: this.cfg.txnHeartbeatMs,
      pid: () => this.pid(),
      sendKv: (key: string, req: KvRequest, done: (res: KvResult) => void) => this.ds.send(this.cur as NodeContext, key, req, this.cfg.networkTimeoutMs * 3, (_c, res) => done(res)),
    };
  }

  private coordHost() {
    return {
      id: this.id,
      maxOffsetMs: this.cfg.maxOffsetMs,
      heartbeatMs: this.cfg.txnHeartbeatMs,
      retries: this.cfg.clientRetries,
      now: () => this.now(),
      newTxnId: () => `${this.id}.${this.starts}.${this.nextTxn++}`,
      priority: (ctx: NodeContext) => ctx.rng.int(1, 1_000_000),
      send: (ctx: NodeContext, key: string, req: KvRequest, done: (ctx: NodeContext, res: KvResult) => void) => this.ds.send(ctx, key, req, 10_000, done),
      later: (ctx: NodeContext, ms: number, fn: (ctx: NodeContext) => void) => this.later(ctx, ms, fn),
      cancel: (ctx: NodeContext, t: string) => this.cancel(ctx, t),
      restarted: () => {
        this.stats.restarts++;
      },
      readDone: (balances: Record<string, number>) => {
        this.stats.reads++;
        if (Object.keys(balances).length === this.cfg.accounts) {
          const total = Object.values(balances).reduce((a, b) => a + b, 0);
          if (total !== this.cfg.accounts * this.cfg.initialBalance) this.stats.wrongTotalReads++;
        }
      },
    };
  }

  // ---- gossip and the clock -------------------------------------------------------------------------------------

  private descs(): RangeDescriptor[] {
    return [...this.ds.meta.values()].sort((a, b) => a.rangeId - b.rangeId);
  }

  storeGossip(): { replicas: number; leases: number } {
    let leases = 0;
    const now = this.hlc.peek(this.wallSeen);
    for (const r of this.replicas.values()) if (r.leaseValid(now, this.cfg.maxOffsetMs)) leases++;
    return { replicas: this.replicas.size, leases };
  }

  private ping(ctx: NodeContext): void {
    const ping: Ping = { kind: "Ping", sentAt: ctx.localTime, store: this.storeGossip(), settings: this.settings, descs: this.descs() };
    for (const p of ctx.peers) if (p !== this.id) ctx.send(p, ping as unknown as Message);
  }

  private gossip(ctx: NodeContext, from: NodeId, store: { replicas: number; leases: number }, settings: ClusterSettings, descs: RangeDescriptor[]): void {
    this.stores.set(from, { ...store, at: ctx.monotonicTime });
    this.settings = newerSettings(this.settings, settings);
    for (const d of descs) this.ds.learn(d);
  }

  /** The stores as this node sees them: live if heard within a lease duration, dead after time_until_store_dead. */
  storeView(ctx: NodeContext): StoreInfo[] {
    const out: StoreInfo[] = [];
    for (const p of ctx.peers) {
      const loc = localityOf(this.cfg, p, this.members);
      if (p === this.id) {
        const g = this.storeGossip();
        out.push(this.storeInfo(p, loc, true, false, g.replicas, g.leases));
        continue;
      }
      const s = this.stores.get(p);
      const age = s ? ctx.monotonicTime - s.at : ctx.monotonicTime;
      out.push(this.storeInfo(p, loc, s !== undefined && age <= this.cfg.rangeLeaseMs, age > this.cfg.timeUntilStoreDeadMs, s?.replicas ?? 0, s?.leases ?? 0));
    }
    return out;
  }

  // ---- queues on ranges this node leases ------------------------------------------------------------------------

  private queues(ctx: NodeContext, rep: Replica): void {
    if (rep.destroyed || rep.desc.end === "") return;
    const now = this.now();
    if (rep.frozen) return;
    if (!rep.leaseValid(now, this.cfg.maxOffsetMs) || !rep.isLeader()) return;
    if (this.mergeQueue(ctx, rep) || this.splitQueue(ctx, rep)) return;
    this.gcQueue(ctx, rep, now);
    if (rep.raft.pendingConfIndex > rep.raft.log.applied) return;
    const step = planRange(this.goal(), this.storeView(ctx), rep.raft.conf.voters, this.id, rep.raft.conf.removed);
    if (step) this.applyStep(ctx, rep, step);
  }

  private applyStep(ctx: NodeContext, rep: Replica, step: AllocatorStep): void {
    if (step.kind === "transfer-lease") {
      // Lease counts arrive by gossip, a second old: a lease just received is not moved again for balance, or
      // leases would bounce between stores that each see stale counts (CockroachDB also rate-limits lease moves).
      if (step.why.startsWith("balance") && rep.lease && this.now().w - rep.lease.start.w < LEASE_SETTLE_MS) return;
      return this.transferLease(ctx, rep, step.to);
    }
    const reason = rep.raft.propose({ change: step.kind, node: step.node }, "conf");
    rep.drain(ctx);
    if (reason === undefined) {
      ctx.emit({ kind: "replica-change", node: this.id, group: String(rep.rangeId), text: `r${rep.rangeId}: ${step.kind === "add" ? "adding a replica on" : "removing the replica on"} ${step.node} (${step.why})` });
    }
  }

  private splitQueue(ctx: NodeContext, rep: Replica): boolean {
    const keys = rep.mvcc.keys();
    if (rep.mvcc.bytes() <= this.settings.rangeMaxBytes || keys.length < 2) return false;
    const key = keys[Math.floor(keys.length / 2)];
    let max = this.lastRangeId;
    for (const id of this.ds.meta.keys()) max = Math.max(max, id);
    for (const id of this.tombstones) max = Math.max(max, id);
    const index = Math.max(0, ctx.peers.indexOf(this.id)) % ID_STRIDE;
    const rhsId = (Math.floor(max / ID_STRIDE) + 1) * ID_STRIDE + index;
    this.lastRangeId = rhsId;
    rep.propose({ c: "split", key, rhsId }, this.pid(), () => {});
    rep.drain(ctx);
    ctx.emit({ kind: "split", node: this.id, group: String(rep.rangeId), text: `r${rep.rangeId} ${showSpan(rep.desc)} is over range_max_bytes: splitting at ${key} into r${rhsId}` });
    return true;
  }

  /** Merges the right neighbour into this range when both together are under range_min_bytes and share replicas. */
  private mergeQueue(ctx: NodeContext, rep: Replica): boolean {
    const rhs = [...this.replicas.values()].find((r) => r.desc.start === rep.desc.end && r.desc.end !== "" && !r.destroyed);
    if (!rhs) return false;
    if (rhs.frozen) {
      rep.propose({ c: "merge", rhs: rhs.snapshot() }, this.pid(), () => {});
      rep.drain(ctx);
      return true;
    }
    // Boundaries of the table's first ranges are sticky (ALTER TABLE ... SPLIT AT): the merge queue leaves them.
    if (this.initialBoundaries.has(rep.desc.end)) return false;
    const same = [...rhs.raft.conf.voters].sort().join() === [...rep.raft.conf.voters].sort().join();
    if (!same || rep.mvcc.bytes() + rhs.mvcc.bytes() >= this.settings.rangeMinBytes) return false;
    if (!rhs.leaseValid(this.now(), this.cfg.maxOffsetMs) || rhs.latches.size > 0) return false;
    rhs.propose({ c: "subsume" }, this.pid(), () => {});
    rhs.drain(ctx);
    ctx.emit({ kind: "merge", node: this.id, group: String(rep.rangeId), text: `r${rep.rangeId} and r${rhs.rangeId} are together under range_min_bytes: merging r${rhs.rangeId} into r${rep.rangeId}` });
    return true;
  }

  private gcQueue(ctx: NodeContext, rep: Replica, now: Timestamp): void {
    const threshold: Timestamp = { w: now.w - this.settings.gcTtlMs, l: 0 };
    const due = Object.values(rep.mvcc.data).some((k) => {
      const i = k.versions.findIndex((v) => cmp(v.ts, threshold) <= 0);
      return i >= 0 && i + 1 < k.versions.length;
    });
    if (!due) return;
    rep.propose({ c: "gc", threshold }, this.pid(), () => {});
    rep.drain(ctx);
  }

  // ---- inspection -----------------------------------------------------------------------------------------------

  leaseCount(): number {
    return this.storeGossip().leases;
  }

  inspect(): NodeInspection {
    const now = this.hlc.peek(this.wallSeen);
    let leases = 0;
    let leaders = 0;
    let intents = 0;
    const ranges = [...this.replicas.values()]
      .filter((r) => r.desc.end !== "")
      .sort((a, b) => a.rangeId - b.rangeId)
      .map((r) => {
        const holds = r.leaseValid(now, this.cfg.maxOffsetMs);
        if (holds) leases++;
        if (r.isLeader()) leaders++;
        intents += r.mvcc.intentCount();
        return {
          range: r.rangeId,
          span: showSpan(r.desc),
          replicas: [...r.desc.replicas],
          leaseholder: r.lease?.holder ?? null,
          leaseValid: holds,
          leader: r.raft.lead || null,
          term: r.raft.term,
          bytes: r.mvcc.bytes(),
          intents: r.mvcc.intentCount(),
          records: Object.values(r.records).filter((t) => t.status !== "COMMITTED" && t.status !== "ABORTED").map((t) => ({ id: t.id, status: t.status })),
          frozen: r.frozen,
        };
      });
    return {
      role: this.stopped ? "stopped: clock offset" : "node",
      stats: {
        ranges: ranges.length,
        leases,
        leaders,
        intents,
        clockOffsetMs: this.skewSeen,
        hlcAheadMs: now.w - this.wallSeen,
        txnRestarts: this.stats.restarts,
      },
      detail: {
        locality: { ...this.locality },
        ranges,
        clockOffsets: this.monitor.view(this.wallSeen - this.skewSeen),
        settings: { ...this.settings },
        stopped: this.stopped,
      },
      place: { dc: this.locality.region, rack: this.locality.zone },
      ranges: ranges.map((r) => ({ range: r.range, span: r.span, replicas: r.replicas, leaseholder: r.leaseholder, leader: r.leader, intents: r.intents, records: r.records })),
      badges: { leases, ranges: ranges.length },
    };
  }
}

export function accountIdOf(key: string): number | undefined {
  return accountOf(key);
}
