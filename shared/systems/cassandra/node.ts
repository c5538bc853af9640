// One Cassandra node on the simulation kernel. Every node is the same: it gossips, detects failures, holds the
// replicas its tokens give it (storage/), coordinates the client requests sent to it (coordinator.ts), keeps hints
// for replicas that missed writes (hints.ts), and takes part in repair, bootstrap and decommission.
//
// Durable (survives a crash): the node's generation, status and tokens, the peers it knows (system.peers), the
// settings it last heard, its commit log and SSTables, and its hints. Volatile: the memtable (rebuilt from the
// commit log at restart), the failure detector, requests being coordinated, repair and streaming sessions.

import type { ClientRequest, Message, NodeContext, NodeId, NodeInspection, SystemNode } from "../../sim/types";
import { CONNECTION_REFUSED } from "../../sim/workload";
import { type CassandraConfig, placementOf } from "./config";
import { Coordinator, type CoordinatorHost, READ_TIMER, SPECULATE_TIMER, WRITE_TIMER } from "./coordinator";
import { type EndpointState, type EndpointStatus, Gossiper } from "./gossip";
import { type Hint, HintStore } from "./hints";
import { REPAIR_TIMEOUT_MS, RepairSession } from "./repair";
import { replicasFor } from "./ring/placement";
import { vnodeTokens } from "./ring/token-ring";
import { cachedToken, keyInRanges, RingView } from "./ring-view";
import { type ClusterSettings, initialSettings, newerSettings } from "./settings";
import { type Cell, reconcile } from "./storage/cell";
import {
  afterCrash,
  type DurableStorage,
  durablePart,
  keys as storedKeys,
  newStorage,
  read as readStored,
  type StorageState,
  write as writeStored,
} from "./storage/storage-engine";
import { type CassandraMessage, digestOf, type KeyCell, type TokenRangeWire } from "./wire";

export interface CassandraDurable {
  generation: number;
  status: EndpointStatus;
  tokens: string[];
  peers: EndpointState[];
  settings: ClusterSettings;
  storage: DurableStorage;
  hints: Hint[];
}

/** The commands actions send to a node (host.command). */
export type CassandraCommand =
  | { kind: "settings"; settings: ClusterSettings }
  | { kind: "repair" }
  | { kind: "bootstrap" }
  | { kind: "decommission" }
  | { kind: "removenode"; node: string };

/** Gossip rounds a joining or leaving node waits so the whole ring learns of it first (Cassandra's RING_DELAY). */
const RING_DELAY_ROUNDS = 5;
const STREAM_TIMEOUT_MS = 10_000;

const GOSSIP = "gossip";
const HINTS = "hints";
const BOOTSTRAP = "bootstrap";
const DECOMMISSION = "decommission";
const STREAM_TIMEOUT = "stream-timeout";
const REPAIR = "repair";

const ROLE: Record<EndpointStatus, string> = { NORMAL: "normal", BOOTSTRAPPING: "joining", LEAVING: "leaving", LEFT: "left" };

function sortedStrings(list: Iterable<string>): string[] {
  return [...list].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export class CassandraNode implements SystemNode {
  readonly gossiper: Gossiper;
  settings: ClusterSettings;
  readonly storage: StorageState;
  readonly hints: HintStore;
  private readonly coordinator: Coordinator;
  private ringCache: RingView | undefined;
  private ctx!: NodeContext;
  private readonly generation: number;
  private nextSession = 1;
  private repair: RepairSession | undefined;
  /** Bootstrap or decommission streaming: the peers still to answer. */
  private streaming: { session: number; waiting: Set<string>; keys: number } | undefined;
  private lastRepairReport = "";
  /**
   * Each key's reconciled cell across memtable and SSTables, kept current on every write (a row cache): reads,
   * repair and the screen ask this instead of merging the SSTables each time. Rebuilt from storage at restart.
   */
  private readonly cells = new Map<string, Cell>();
  private sortedKeys: string[] | undefined;

  constructor(
    readonly id: NodeId,
    readonly cfg: CassandraConfig,
    saved: CassandraDurable | undefined,
    initialMembers: readonly NodeId[],
  ) {
    const place = placementOf(cfg, id);
    if (saved === undefined) {
      this.generation = 1;
      const known = initialMembers.map((n) => this.initialState(n));
      this.gossiper = new Gossiper(id, known, cfg.phiConvictThreshold, 0, true);
      this.settings = initialSettings(cfg);
      this.storage = newStorage();
      this.hints = new HintStore();
    } else {
      this.generation = saved.generation + 1;
      // A decommission interrupted by a crash is not resumed: the node comes back as a normal member and the
      // operator runs it again (Cassandra persists only its end, DECOMMISSIONED). An interrupted bootstrap is
      // resumed (start() streams again).
      const status = saved.status === "LEAVING" ? "NORMAL" : saved.status;
      const self: EndpointState = { node: id, generation: this.generation, version: 0, status, dc: place.dc, rack: place.rack, tokens: [...saved.tokens] };
      const peers = saved.peers.filter((p) => p.node !== id);
      this.gossiper = new Gossiper(id, [self, ...peers], cfg.phiConvictThreshold, 0, false);
      this.settings = saved.settings;
      this.storage = afterCrash(saved.storage);
      this.hints = new HintStore(saved.hints);
    }
    for (const key of storedKeys(this.storage)) {
      const cell = readStored(this.storage, key);
      if (cell) this.cells.set(key, cell);
    }
    this.coordinator = new Coordinator(this.coordinatorHost());
    this.coordinator.writeTimeoutMs = cfg.writeTimeoutMs;
    this.coordinator.readTimeoutMs = cfg.readTimeoutMs;
    this.coordinator.readRepair = cfg.readRepair;
    this.coordinator.speculativeRetryMs = cfg.speculativeRetryMs;
  }

  private initialState(node: string): EndpointState {
    const place = placementOf(this.cfg, node);
    const tokens = vnodeTokens(node, this.cfg.numTokens).map((t) => t.toString());
    return { node, generation: 1, version: 0, status: "NORMAL", dc: place.dc, rack: place.rack, tokens };
  }

  get status(): EndpointStatus {
    return this.gossiper.me.status;
  }

  get dc(): string {
    return this.gossiper.me.dc;
  }

  /** The ring as this node sees it now. */
  ring(): RingView {
    this.ringCache ??= new RingView(this.gossiper.members());
    return this.ringCache;
  }

  /** The cell this node holds for `key` (memtable and SSTables merged). */
  cell(key: string): Cell | undefined {
    return this.cells.get(key);
  }

  /** Every key this node holds a cell for, sorted. */
  storedKeys(): string[] {
    this.sortedKeys ??= [...this.cells.keys()].sort();
    return this.sortedKeys;
  }

  // --- kernel entry points -----------------------------------------------------------------------------------------

  start(ctx: NodeContext): void {
    this.ctx = ctx;
    this.gossiper.startAt(ctx.monotonicTime);
    // Nodes start their gossip rounds at different moments, as real ones do.
    ctx.setTimer(GOSSIP, ctx.rng.int(1, this.cfg.gossipIntervalMs));
    ctx.setTimer(HINTS, this.cfg.hintsDispatchMs);
    // Restarted in the middle of its bootstrap: announce again for a ring delay, then stream (the timer was lost).
    if (this.status === "BOOTSTRAPPING") ctx.setTimer(BOOTSTRAP, RING_DELAY_ROUNDS * this.cfg.gossipIntervalMs);
  }

  onTimer(ctx: NodeContext, name: string): void {
    this.ctx = ctx;
    if (name === GOSSIP) this.gossipRound();
    else if (name === HINTS) this.dispatchHints();
    else if (name === BOOTSTRAP) this.streamForBootstrap();
    else if (name === DECOMMISSION) this.streamForDecommission();
    else if (name === STREAM_TIMEOUT) this.streamTimedOut();
    else if (name.startsWith(REPAIR)) this.repairTimedOut(Number(name.slice(REPAIR.length)));
    else if (name.startsWith(WRITE_TIMER)) this.coordinator.onWriteTimeout(Number(name.slice(WRITE_TIMER.length)));
    else if (name.startsWith(READ_TIMER)) this.coordinator.onReadTimeout(Number(name.slice(READ_TIMER.length)));
    else if (name.startsWith(SPECULATE_TIMER)) this.coordinator.onSpeculate(Number(name.slice(SPECULATE_TIMER.length)));
  }

  onClientRequest(ctx: NodeContext, req: ClientRequest): void {
    this.ctx = ctx;
    // A node serves clients (native transport) only once it has joined the ring, and no longer once it left.
    if (this.status === "LEFT" || this.status === "BOOTSTRAPPING") {
      ctx.respond(req.id, { type: "fail", error: CONNECTION_REFUSED });
      return;
    }
    if (typeof req.key !== "string" || req.key === "") {
      ctx.respond(req.id, { type: "fail", error: "InvalidRequest: a read or write needs a partition key" });
      return;
    }
    const replication = this.settings.replication;
    const replicas = this.ring().replicas(req.key, replication);
    if (req.f === "read") this.coordinator.read(req.id, req.key, this.settings.read, replication, replicas.natural);
    else if (req.f === "write") {
      const value = req.value === null || req.value === undefined ? null : String(req.value);
      this.coordinator.write(req.id, req.key, value, this.settings.write, replication, replicas);
    } else ctx.respond(req.id, { type: "fail", error: `InvalidRequest: Cassandra clients here read and write, not "${req.f}"` });
  }

  onCommand(ctx: NodeContext, command: Message): void {
    this.ctx = ctx;
    const c = command as CassandraCommand;
    switch (c.kind) {
      case "settings":
        this.adoptSettings(c.settings);
        break;
      case "repair":
        this.startRepair();
        break;
      case "bootstrap":
        this.gossiper.setStatus("BOOTSTRAPPING");
        this.ringCache = undefined;
        ctx.setTimer(BOOTSTRAP, RING_DELAY_ROUNDS * this.cfg.gossipIntervalMs);
        ctx.emit({ kind: "bootstrap", node: this.id, text: `${this.id} is joining: it announces its tokens by gossip, then streams the data of its ranges` });
        break;
      case "decommission":
        this.gossiper.setStatus("LEAVING");
        this.ringCache = undefined;
        ctx.setTimer(DECOMMISSION, RING_DELAY_ROUNDS * this.cfg.gossipIntervalMs);
        ctx.emit({ kind: "decommission", node: this.id, text: `${this.id} is leaving: it will stream its data to the nodes that take over its ranges` });
        break;
      case "removenode":
        this.removeNode(c.node);
        break;
    }
  }

  onMessage(ctx: NodeContext, from: NodeId, message: Message): void {
    this.ctx = ctx;
    const msg = message as CassandraMessage;
    switch (msg.kind) {
      case "gossip-syn":
        this.mergeGossip(msg.states, msg.settings);
        ctx.send(from, { kind: "gossip-ack", states: this.gossiper.snapshot(), settings: this.settings });
        break;
      case "gossip-ack":
        this.mergeGossip(msg.states, msg.settings);
        break;
      case "mutation":
        this.apply(msg.key, msg.cell);
        ctx.send(from, { kind: "mutation-ack", op: msg.op });
        break;
      case "mutation-ack":
        this.coordinator.onMutationAck(from, msg.op);
        break;
      case "read": {
        const cell = this.cell(msg.key);
        ctx.send(from, cell === undefined ? { kind: "read-reply", op: msg.op, key: msg.key } : { kind: "read-reply", op: msg.op, key: msg.key, cell });
        break;
      }
      case "digest":
        ctx.send(from, { kind: "read-reply", op: msg.op, key: msg.key, digest: digestOf(this.cell(msg.key)) });
        break;
      case "read-reply":
        this.coordinator.onReadReply(from, msg);
        break;
      case "read-repair":
        this.apply(msg.key, msg.cell);
        ctx.send(from, { kind: "read-repair-ack", op: msg.op });
        break;
      case "read-repair-ack":
        this.coordinator.onReadRepairAck(from, msg.op);
        break;
      case "hint":
        for (const m of msg.mutations) this.apply(m.key, m.cell);
        ctx.send(from, { kind: "hint-ack", batch: msg.batch });
        break;
      case "hint-ack":
        this.hintsDelivered(from, msg.batch);
        break;
      case "repair-request":
        ctx.send(from, { kind: "repair-tree", session: msg.session, leaves: this.leaves(msg.ranges) });
        break;
      case "repair-tree":
        this.repairAnswer(from, msg.session, msg.leaves);
        break;
      case "repair-stream":
      case "stream":
        for (const m of msg.mutations) this.apply(m.key, m.cell);
        if (msg.kind === "stream") this.streamReceived(from, msg.session, msg.mutations.length);
        break;
      case "stream-request":
        ctx.send(from, { kind: "stream", session: msg.session, mutations: this.leaves(msg.ranges) });
        break;
      case "stream-ack":
        this.streamAcked(from, msg.session);
        break;
    }
  }

  // --- storage -----------------------------------------------------------------------------------------------------

  private apply(key: string, cell: Cell): void {
    writeStored(this.storage, { key, cell }, { memtableFlushCells: this.cfg.memtableFlushCells });
    const before = this.cells.get(key);
    if (before === undefined) this.sortedKeys = undefined;
    this.cells.set(key, reconcile(before, cell) as Cell);
  }

  /** Every key this node holds whose token lies in `ranges`, with its cell. */
  private leaves(ranges: readonly TokenRangeWire[]): KeyCell[] {
    const out: KeyCell[] = [];
    for (const key of this.storedKeys()) {
      if (!keyInRanges(key, ranges)) continue;
      const cell = this.cell(key);
      if (cell !== undefined) out.push({ key, cell });
    }
    return out;
  }

  // --- gossip ------------------------------------------------------------------------------------------------------

  private gossipRound(): void {
    const ctx = this.ctx;
    for (const target of this.gossiper.round(ctx.rng)) {
      ctx.send(target, { kind: "gossip-syn", states: this.gossiper.snapshot(), settings: this.settings });
    }
    for (const change of this.gossiper.convict(ctx.monotonicTime)) {
      ctx.emit({
        kind: "marked-down",
        node: this.id,
        peer: change.node,
        text: `${this.id} marks ${change.node} down: no heartbeat for a while (phi ${(change.phi ?? 0).toFixed(1)} > ${this.cfg.phiConvictThreshold})`,
      });
    }
    ctx.setTimer(GOSSIP, this.cfg.gossipIntervalMs);
  }

  private mergeGossip(states: readonly EndpointState[], settings: ClusterSettings): void {
    const ctx = this.ctx;
    const mine = states.find((s) => s.node === this.id);
    if (mine?.status === "LEFT" && this.status !== "LEFT") {
      // Another node removed this one (nodetool removenode) while it was down: it does not rejoin.
      this.gossiper.setStatus("LEFT");
      ctx.emit({ kind: "member-removed", node: this.id, text: `${this.id} learns it was removed from the ring and stops serving` });
    }
    const { cameUp, added, changed } = this.gossiper.merge(states, ctx.monotonicTime);
    if (added.length > 0 || changed.length > 0) this.ringCache = undefined;
    for (const node of changed) {
      if (this.gossiper.states.get(node)?.status === "LEFT") {
        const dropped = this.hints.dropFor(node);
        if (dropped > 0) ctx.emit({ kind: "hints-dropped", node: this.id, text: `${this.id} drops ${dropped} hints for ${node}, which left the ring` });
      }
    }
    for (const node of cameUp) {
      ctx.emit({ kind: "marked-up", node: this.id, peer: node, text: `${this.id} sees ${node} up again` });
    }
    this.adoptSettings(settings);
  }

  private adoptSettings(settings: ClusterSettings): void {
    this.settings = newerSettings(this.settings, settings);
  }

  // --- hinted handoff ----------------------------------------------------------------------------------------------

  private storeHint(target: string, key: string, cell: Cell): boolean {
    if (!this.cfg.hintedHandoff || this.gossiper.states.get(target)?.status === "LEFT") return false;
    const since = this.gossiper.downSince(target);
    // Failure detection and the hint window measure intervals, with the monotonic clock (skew does not move it).
    if (since !== undefined && this.ctx.monotonicTime - since > this.cfg.maxHintWindowMs) return false;
    this.hints.add({ target, key, cell, at: this.ctx.localTime });
    return true;
  }

  private dispatchHints(): void {
    const ctx = this.ctx;
    for (const target of this.hints.targets()) {
      if (this.gossiper.states.get(target)?.status === "LEFT") {
        this.hints.dropFor(target);
        continue;
      }
      if (!this.gossiper.isAlive(target)) continue;
      const batch = this.hints.nextBatchFor(target, ctx.monotonicTime, this.cfg.hintsDispatchMs);
      if (batch) ctx.send(target, { kind: "hint", batch: batch.batch, mutations: batch.hints.map((h) => ({ key: h.key, cell: h.cell })) });
    }
    ctx.setTimer(HINTS, this.cfg.hintsDispatchMs);
  }

  private hintsDelivered(from: string, batch: number): void {
    const done = this.hints.acknowledged(batch);
    if (!done || done.target !== from) return;
    const left = this.hints.count(from);
    this.ctx.emit({
      kind: "hints-delivered",
      node: this.id,
      peer: from,
      text: `${this.id} replayed ${done.count} hint${done.count === 1 ? "" : "s"} to ${from}${left > 0 ? ` (${left} still waiting)` : ""}`,
    });
  }

  // --- anti-entropy repair -----------------------------------------------------------------------------------------

  private startRepair(): void {
    const ctx = this.ctx;
    if (this.status !== "NORMAL") {
      ctx.emit({ kind: "repair-failed", node: this.id, text: `repair on ${this.id} refused: the node is ${ROLE[this.status]}` });
      return;
    }
    const ring = this.ring();
    const replication = this.settings.replication;
    const ranges = ring.rangesOf(this.id, replication);
    const peers = new Set<string>();
    for (const r of ranges) for (const n of replicasFor(ring.ring, BigInt(r.end), replication)) if (n !== this.id) peers.add(n);
    const list = sortedStrings(peers);
    const down = list.filter((n) => !this.gossiper.isAlive(n));
    if (down.length > 0) {
      ctx.emit({ kind: "repair-failed", node: this.id, text: `repair on ${this.id} failed: ${down.join(", ")} ${down.length === 1 ? "is" : "are"} down, and a repair needs every replica of its ranges` });
      return;
    }
    const session = new RepairSession(this.nextSession++, this.id, ranges, list);
    this.repair = session;
    ctx.emit({ kind: "repair", node: this.id, text: `repair started on ${this.id}: ${ranges.length} token ranges, compared with ${list.join(", ") || "nobody"}` });
    for (const n of list) ctx.send(n, { kind: "repair-request", session: session.id, ranges });
    ctx.setTimer(`${REPAIR}${session.id}`, REPAIR_TIMEOUT_MS);
    this.repairAnswer(this.id, session.id, this.leaves(ranges));
  }

  private repairAnswer(from: string, sessionId: number, leaves: KeyCell[]): void {
    const session = this.repair;
    if (!session || session.id !== sessionId || !session.receive(from, leaves)) return;
    this.repair = undefined;
    this.ctx.cancelTimer(`${REPAIR}${session.id}`);
    const diffs = session.differences(this.ring(), this.settings.replication);
    const parts: string[] = [];
    for (const [node, mutations] of [...diffs].sort(([a], [b]) => (a < b ? -1 : 1))) {
      parts.push(`${mutations.length} key${mutations.length === 1 ? "" : "s"} to ${node}`);
      if (node === this.id) for (const m of mutations) this.apply(m.key, m.cell);
      else this.ctx.send(node, { kind: "repair-stream", session: session.id, mutations });
    }
    this.lastRepairReport = parts.length === 0 ? "in sync" : parts.join(", ");
    this.ctx.emit({
      kind: "repair-done",
      node: this.id,
      text: `repair on ${this.id} finished: ${parts.length === 0 ? "every replica was already in sync" : `streamed ${parts.join(", ")}`}`,
    });
  }

  private repairTimedOut(sessionId: number): void {
    const session = this.repair;
    if (!session || session.id !== sessionId) return;
    this.repair = undefined;
    this.ctx.emit({ kind: "repair-failed", node: this.id, text: `repair on ${this.id} failed: no answer from ${session.waitingFor().join(", ")}` });
  }

  // --- bootstrap and decommission ----------------------------------------------------------------------------------

  private streamForBootstrap(): void {
    const ring = this.ring();
    const ranges = ring.rangesOf(this.id, this.settings.replication, ring.future);
    const sources = this.gossiper.members().filter((s) => s.node !== this.id && s.status === "NORMAL" && this.gossiper.isAlive(s.node)).map((s) => s.node);
    if (sources.length === 0) return this.joined(0);
    const session = this.nextSession++;
    this.streaming = { session, waiting: new Set(sources), keys: 0 };
    for (const n of sources) this.ctx.send(n, { kind: "stream-request", session, ranges });
    this.ctx.setTimer(STREAM_TIMEOUT, STREAM_TIMEOUT_MS);
  }

  private streamReceived(from: string, session: number, count: number): void {
    const s = this.streaming;
    if (!s || s.session !== session || this.status !== "BOOTSTRAPPING") {
      this.ctx.send(from, { kind: "stream-ack", session });
      return;
    }
    s.keys += count;
    s.waiting.delete(from);
    if (s.waiting.size === 0) this.joined(s.keys);
  }

  private joined(keys: number): void {
    this.streaming = undefined;
    this.ctx.cancelTimer(STREAM_TIMEOUT);
    this.gossiper.setStatus("NORMAL");
    this.ringCache = undefined;
    this.ctx.emit({ kind: "joined", node: this.id, text: `${this.id} joined the ring (${keys} key${keys === 1 ? "" : "s"} streamed to it)` });
  }

  private streamForDecommission(): void {
    const ring = this.ring();
    const byTarget = new Map<string, KeyCell[]>();
    for (const key of this.storedKeys()) {
      const cell = this.cell(key);
      if (cell === undefined) continue;
      const next = ring.future.sorted.length === 0 ? [] : replicasFor(ring.future, cachedToken(key), this.settings.replication);
      for (const n of next) if (n !== this.id) byTarget.set(n, [...(byTarget.get(n) ?? []), { key, cell }]);
    }
    const session = this.nextSession++;
    this.streaming = { session, waiting: new Set(byTarget.keys()), keys: 0 };
    for (const [n, mutations] of byTarget) {
      this.streaming.keys += mutations.length;
      this.ctx.send(n, { kind: "stream", session, mutations });
    }
    if (byTarget.size === 0) return this.left();
    this.ctx.setTimer(STREAM_TIMEOUT, STREAM_TIMEOUT_MS);
  }

  private streamAcked(from: string, session: number): void {
    const s = this.streaming;
    if (!s || s.session !== session || this.status !== "LEAVING") return;
    s.waiting.delete(from);
    if (s.waiting.size === 0) this.left();
  }

  private left(): void {
    const keys = this.streaming?.keys ?? 0;
    this.streaming = undefined;
    this.ctx.cancelTimer(STREAM_TIMEOUT);
    this.gossiper.setStatus("LEFT");
    this.ringCache = undefined;
    this.ctx.emit({ kind: "member-removed", node: this.id, text: `${this.id} decommissioned: streamed ${keys} cell${keys === 1 ? "" : "s"} to the new replicas and left the ring` });
  }

  private streamTimedOut(): void {
    const s = this.streaming;
    if (!s) return;
    const missing = sortedStrings(s.waiting).join(", ");
    if (this.status === "BOOTSTRAPPING") {
      this.ctx.emit({ kind: "stream-failed", node: this.id, text: `${this.id}: no data from ${missing} in time; it joins anyway, so run a repair` });
      this.joined(s.keys);
    } else if (this.status === "LEAVING") {
      this.ctx.emit({ kind: "stream-failed", node: this.id, text: `${this.id}: ${missing} did not confirm the streamed data; it leaves anyway, so run a repair` });
      this.left();
    }
  }

  /** nodetool removenode: this node declares a dead node gone; the change spreads by gossip. */
  private removeNode(node: string): void {
    const state = this.gossiper.states.get(node);
    if (!state) return;
    this.gossiper.states.set(node, { ...state, status: "LEFT", version: state.version + 1 });
    this.hints.dropFor(node);
    this.ringCache = undefined;
  }

  // --- the coordinator's view of its node --------------------------------------------------------------------------

  private coordinatorHost(): CoordinatorHost {
    const node = this;
    return {
      self: this.id,
      get localDc() {
        return node.dc;
      },
      now: () => this.ctx.localTime,
      dcOf: (n) => this.ring().dcOf(n),
      isAlive: (n) => this.gossiper.isAlive(n),
      send: (to, msg) => this.ctx.send(to, msg),
      respond: (requestId, completion) => this.ctx.respond(requestId, completion),
      applyLocal: (key, cell) => this.apply(key, cell),
      readLocal: (key) => this.cell(key),
      hint: (target, key, cell) => this.storeHint(target, key, cell),
      setTimer: (name, ms) => this.ctx.setTimer(name, ms),
      cancelTimer: (name) => this.ctx.cancelTimer(name),
    };
  }

  // --- what the kernel saves and shows -----------------------------------------------------------------------------

  durable(): CassandraDurable {
    const me = this.gossiper.me;
    return {
      generation: this.generation,
      status: me.status,
      tokens: [...me.tokens],
      peers: this.gossiper.snapshot().filter((s) => s.node !== this.id),
      settings: this.settings,
      storage: durablePart(this.storage),
      hints: this.hints.hints.map((h) => ({ ...h, cell: { ...h.cell } })),
    };
  }

  inspect(): NodeInspection {
    const me = this.gossiper.me;
    const hints = this.hints.count();
    const believedDown = this.gossiper.members().filter((s) => s.node !== this.id && !this.gossiper.isAlive(s.node)).map((s) => s.node);
    return {
      role: ROLE[me.status],
      stats: { sstables: this.storage.sstables.length, memtable: this.storage.memtable.size, hints, keys: this.storedKeys().length },
      place: { dc: me.dc, rack: me.rack },
      tokens: me.tokens,
      badges: hints > 0 ? { hints } : {},
      detail: {
        coordinating: this.coordinator.describe(),
        hints: this.hints.targets().map((t) => `${this.hints.count(t)} for ${t}`),
        believesDown: believedDown,
        settings: `reads at ${this.settings.read}, writes at ${this.settings.write}`,
        lastRepair: this.lastRepairReport,
      },
    };
  }
}
