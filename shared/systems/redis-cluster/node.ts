// One Redis Cluster node: its cluster state (the node table, the slot table, epochs: what nodes.conf holds), its
// dataset and replication stream, and the handlers that wire the concerns together. Each concern lives in its own
// file and works on this state:
//   bus.ts             cluster bus: PING/PONG with gossip, PFAIL -> FAIL, slot-config propagation, UPDATE
//   failover.ts        replica elections, votes, manual failover (CLUSTER FAILOVER)
//   replication.ts     asynchronous master -> replica stream, PSYNC, full resync
//   commands.ts        key commands, CLUSTER SETSLOT, MIGRATE (what a node executes)
//   migration.ts       redis-cli --cluster reshard, run from the source node
//   client-library.ts  the cluster-aware client library that carries a client's request to the right node
//   cluster-state.ts   clusterUpdateState: ok or fail (CLUSTERDOWN)
// Durable: nodes.conf (fsynced by Redis on every change) and the dataset with its replication stream (as with
// appendonly yes and appendfsync always; Redis's default RDB snapshots would lose more on a restart).

import type { ClientRequest, Message, NodeContext, NodeId, NodeInspection, SystemNode } from "../../sim/types";
import { handleBus, pingNow, startBus } from "./bus";
import { type ClientLibrary, handleClientRequest, handleReply, hopTimedOut, newClientLibrary } from "./client-library";
import { updateClusterState } from "./cluster-state";
import { executeRemote, handleSetslotReply, handleMigrateReply } from "./commands";
import { describeSettings, type RedisClusterConfig, type RuntimeSettings } from "./config";
import { type FailoverState, failoverCron, handleFailoverMessage, newFailoverState, startManualFailover } from "./failover";
import { keySlot, SLOTS } from "./keyslot";
import { abortReshard, type ReshardJob, reshardTimedOut, startReshard } from "./migration";
import { handleReplication, replicationCron, type ReplState, startReplicaSync } from "./replication";
import { evenSplit, fromRanges, type SlotRange } from "./slot-ranges";
import type { RedisMessage, ReplEntry } from "./wire";

/** What this node knows of another (clusterNode). */
export interface PeerView {
  id: NodeId;
  role: "master" | "replica";
  master: NodeId | null;
  configEpoch: number;
  pfail: boolean;
  fail: boolean;
  failTime: number;
  /** When the ping now outstanding was sent (0: none). */
  pingSent: number;
  pingResent: boolean;
  pongReceived: number;
  dataReceived: number;
  /** Masters that reported this node PFAIL/FAIL, and when (failure reports). */
  failReports: Map<NodeId, number>;
  /** Its replication offset as its last header said. */
  offset: number;
  /** When this node last voted for a replica of this master. */
  votedTime: number;
  paused: boolean;
}

export interface RedisDurable {
  currentEpoch: number;
  lastVoteEpoch: number;
  configEpoch: number;
  role: "master" | "replica";
  master: NodeId | null;
  nodes: { id: NodeId; role: "master" | "replica"; master: NodeId | null; configEpoch: number }[];
  owners: (NodeId | null)[];
  migrating: [number, NodeId][];
  importing: [number, NodeId][];
  data: [string, string][];
  repl: ReplState;
  writesDiscarded: number;
  settings: RuntimeSettings;
  promotions: number;
}

export type RedisCommand =
  | { kind: "meet"; seed: NodeId }
  | { kind: "replicate"; master: NodeId }
  | { kind: "reshard"; to: NodeId; slots: number[] }
  | { kind: "failover"; mode: "default" | "force" | "takeover" }
  | { kind: "forget"; node: NodeId }
  | { kind: "config-set"; settings: Partial<RuntimeSettings> };

export const CRON_MS = 100;

export class RedisNode implements SystemNode {
  currentEpoch = 0;
  lastVoteEpoch = 0;
  configEpoch = 0;
  role: "master" | "replica" = "master";
  master: NodeId | null = null;
  readonly peers = new Map<NodeId, PeerView>();
  owners: (NodeId | null)[] = new Array(SLOTS).fill(null);
  readonly migrating = new Map<number, NodeId>();
  readonly importing = new Map<number, NodeId>();
  readonly data = new Map<string, string>();
  repl: ReplState;
  settings: RuntimeSettings;
  /** Acknowledged writes this node discarded when a full resync replaced its data (durable counter). */
  writesDiscarded = 0;
  /** Times this node became master by a failover. */
  promotions = 0;

  // volatile
  clusterOk = false;
  stateEvaluated = false;
  /** Started from saved state (a restart), so CLUSTER_WRITABLE_DELAY applies. */
  readonly restarted: boolean;
  /** When this node started (CLUSTER_WRITABLE_DELAY counts from here) and when it was last in the minority. */
  startedAt = 0;
  amongMinoritySince = -Infinity;
  cronTicks = 0;
  failover: FailoverState = newFailoverState();
  library: ClientLibrary;
  reshard: ReshardJob | undefined;
  /** Replicas connected to this master, with the offset each last acknowledged. */
  readonly replicaLinks = new Map<NodeId, number>();
  /** Replica side: whether the link to the master is synced, and when the master was last heard. */
  masterLinkUp = false;
  lastMasterInteraction = 0;
  lastSyncAttempt = 0;
  lastAck = 0;
  lastReplPing = 0;
  /** Stream entries that arrived ahead of their turn. */
  readonly pendingRepl = new Map<number, ReplEntry>();
  /** Commands held while this master is paused for a manual failover or blocked in MIGRATE. */
  readonly pausedCommands: { from: NodeId; msg: Extract<RedisMessage, { kind: "cmd" }> }[] = [];
  pausedUntil = 0;
  /** The replica a manual failover paused this master for. */
  failoverReplica: NodeId | null = null;
  /** Commands served for a slot this node neither owned nor imported with ASKING (must stay 0: invariant). */
  servedUnowned = 0;
  /** MIGRATE requests sent and not yet answered: the node is blocked meanwhile. */
  migrateInFlight = 0;
  /** Pending MIGRATE / SETSLOT requests this node sent, by id, with what to do on the answer. */
  readonly pending = new Map<number, (error: string | null) => void>();
  nextRequestId = 1;
  private rangesCache: { version: number; byNode: Map<NodeId, [number, number][]> } = { version: -1, byNode: new Map() };
  private ownerSetCache: { version: number; owners: ReadonlySet<NodeId>; unowned: boolean } | undefined;
  slotVersion = 0;
  /** How many times this node took slots for itself, and the slots it took the last time. */
  gainSeq = 0;
  lastGained: number[] = [];

  constructor(
    readonly id: NodeId,
    readonly cfg: RedisClusterConfig,
    durable: RedisDurable | undefined,
    initialMembers: readonly NodeId[],
  ) {
    this.settings = {
      nodeTimeoutMs: cfg.nodeTimeoutMs,
      requireFullCoverage: cfg.requireFullCoverage,
      allowReadsWhenDown: cfg.allowReadsWhenDown,
      replicaNoFailover: cfg.replicaNoFailover,
    };
    this.repl = { replid: `${id}-0`, offset: 0, replid2: "", offset2: -1, backlog: [] };
    this.library = newClientLibrary();
    this.restarted = durable !== undefined;
    if (durable) this.restore(durable);
    else this.bootstrap(initialMembers);
  }

  /**
   * The layout `redis-cli --cluster create` leaves: slots split over the masters, replicas assigned, configEpochs
   * 1..N. (A node added later is reset to an empty one by its "meet" command.)
   */
  private bootstrap(members: readonly NodeId[]): void {
    const replicas = this.cfg.replicas;
    const masters = (this.cfg.masters ?? members.filter((m) => replicas[m] === undefined)).filter((m) => members.includes(m));
    const split = evenSplit(Math.max(1, masters.length));
    masters.forEach((m, i) => {
      for (const s of fromRanges([split[i]])) this.owners[s] = m;
    });
    members.forEach((m, i) => {
      const role = replicas[m] !== undefined && members.includes(replicas[m]) ? "replica" : "master";
      const master = role === "replica" ? replicas[m] : null;
      if (m === this.id) {
        this.role = role;
        this.master = master;
        this.configEpoch = i + 1;
      } else this.peers.set(m, newPeer(m, role, master, i + 1));
    });
    this.currentEpoch = members.length;
    if (this.role === "master") this.repl.replid = `${this.id}-1`;
  }

  /** CLUSTER RESET HARD: no slots, no known nodes, epochs 0, an empty master with a new replication id. */
  private reset(): void {
    this.peers.clear();
    this.owners.fill(null);
    this.slotsChanged();
    this.migrating.clear();
    this.importing.clear();
    this.data.clear();
    this.role = "master";
    this.master = null;
    this.currentEpoch = 0;
    this.configEpoch = 0;
    this.lastVoteEpoch = 0;
    this.repl = { replid: `${this.id}-new`, offset: 0, replid2: "", offset2: -1, backlog: [] };
    this.library = newClientLibrary();
  }

  private restore(d: RedisDurable): void {
    this.currentEpoch = d.currentEpoch;
    this.lastVoteEpoch = d.lastVoteEpoch;
    this.configEpoch = d.configEpoch;
    this.role = d.role;
    this.master = d.master;
    for (const p of d.nodes) this.peers.set(p.id, newPeer(p.id, p.role, p.master, p.configEpoch));
    this.owners = [...d.owners];
    for (const [s, n] of d.migrating) this.migrating.set(s, n);
    for (const [s, n] of d.importing) this.importing.set(s, n);
    for (const [k, v] of d.data) this.data.set(k, v);
    this.repl = { ...d.repl, backlog: [...d.repl.backlog] };
    this.writesDiscarded = d.writesDiscarded;
    this.settings = { ...d.settings };
    this.promotions = d.promotions;
  }

  durable(): RedisDurable {
    return {
      currentEpoch: this.currentEpoch,
      lastVoteEpoch: this.lastVoteEpoch,
      configEpoch: this.configEpoch,
      role: this.role,
      master: this.master,
      nodes: [...this.peers.values()].map((p) => ({ id: p.id, role: p.role, master: p.master, configEpoch: p.configEpoch })),
      owners: this.owners,
      migrating: [...this.migrating],
      importing: [...this.importing],
      data: [...this.data],
      repl: this.repl,
      writesDiscarded: this.writesDiscarded,
      settings: this.settings,
      promotions: this.promotions,
    };
  }

  start(ctx: NodeContext): void {
    this.startedAt = ctx.monotonicTime;
    startBus(this, ctx);
    if (this.role === "replica" && this.master) startReplicaSync(this, ctx);
    ctx.setTimer("cron", CRON_MS);
    updateClusterState(this, ctx);
  }

  onMessage(ctx: NodeContext, from: NodeId, message: Message): void {
    const msg = message as RedisMessage;
    const peer = this.peers.get(from);
    if (peer) peer.dataReceived = ctx.monotonicTime;
    switch (msg.kind) {
      case "ping":
      case "pong":
      case "meet":
      case "fail":
      case "update":
        handleBus(this, ctx, from, msg);
        break;
      case "failover-auth-request":
      case "failover-auth-ack":
      case "mfstart":
        handleFailoverMessage(this, ctx, from, msg);
        break;
      case "psync":
      case "fullresync":
      case "continue":
      case "repl":
      case "repl-ping":
      case "replconf-ack":
        handleReplication(this, ctx, from, msg);
        break;
      case "cmd":
      case "setslot":
      case "migrate":
        executeRemote(this, ctx, from, msg);
        break;
      case "reply":
        handleReply(this, ctx, msg);
        break;
      case "setslot-reply":
        handleSetslotReply(this, msg);
        break;
      case "migrate-reply":
        handleMigrateReply(this, msg);
        break;
    }
  }

  onTimer(ctx: NodeContext, name: string): void {
    if (name === "cron") {
      ctx.setTimer("cron", CRON_MS);
      this.cron(ctx);
    } else if (name.startsWith("hop:")) hopTimedOut(this, ctx, Number(name.slice(4)));
    else if (name === "reshard") reshardTimedOut(this, ctx);
  }

  /** clusterCron, every 100 ms. */
  private cron(ctx: NodeContext): void {
    this.cronTicks++;
    pingNow(this, ctx);
    replicationCron(this, ctx);
    failoverCron(this, ctx);
    updateClusterState(this, ctx);
  }

  onClientRequest(ctx: NodeContext, req: ClientRequest): void {
    handleClientRequest(this, ctx, req);
  }

  onCommand(ctx: NodeContext, command: Message): void {
    const c = command as RedisCommand;
    switch (c.kind) {
      case "meet":
        // A node added to a running cluster starts empty and alone (CLUSTER RESET HARD), then meets a member.
        this.reset();
        startBus(this, ctx, c.seed);
        break;
      case "replicate":
        becomeReplicaOf(this, ctx, c.master);
        break;
      case "reshard":
        startReshard(this, ctx, c.to, c.slots);
        break;
      case "failover":
        startManualFailover(this, ctx, c.mode);
        break;
      case "forget":
        this.peers.delete(c.node);
        for (let s = 0; s < SLOTS; s++) if (this.owners[s] === c.node) this.owners[s] = null;
        this.slotsChanged();
        break;
      case "config-set":
        this.settings = { ...this.settings, ...c.settings };
        updateClusterState(this, ctx);
        break;
    }
  }

  // --- reading -----------------------------------------------------------------------------------------------------

  /** The configEpoch of a node as this node knows it. */
  epochOf(node: NodeId): number {
    if (node === this.id) return this.configEpoch;
    return this.peers.get(node)?.configEpoch ?? 0;
  }

  /** The master whose slots this node serves or replicates (itself when a master). */
  get shardMaster(): NodeId | null {
    return this.role === "master" ? this.id : this.master;
  }

  /** Slots this node's table gives to `node`, as ranges (all owners' ranges in one pass, until the table changes). */
  slotsOf(node: NodeId): [number, number][] {
    if (this.rangesCache.version !== this.slotVersion) {
      const byNode = new Map<NodeId, [number, number][]>();
      const owners = this.owners;
      let start = 0;
      for (let s = 1; s <= SLOTS; s++) {
        if (s < SLOTS && owners[s] === owners[start]) continue;
        const o = owners[start];
        if (o !== null) {
          const list = byNode.get(o);
          if (list) list.push([start, s - 1]);
          else byNode.set(o, [[start, s - 1]]);
        }
        start = s;
      }
      this.rangesCache = { version: this.slotVersion, byNode };
    }
    return this.rangesCache.byNode.get(node) ?? [];
  }

  /** Call after any change to `owners`. */
  slotsChanged(): void {
    this.slotVersion++;
  }

  /** Call after this node took slots for itself (the one-claim-per-config-epoch invariant looks at them). */
  tookSlots(slots: number[]): void {
    this.gainSeq++;
    this.lastGained = slots;
  }

  /** The distinct owners in the slot table and whether some slot has none (cached: clusterCron asks every tick). */
  ownerSet(): { owners: ReadonlySet<NodeId>; unowned: boolean } {
    if (this.ownerSetCache?.version !== this.slotVersion) {
      const owners = new Set<NodeId>();
      let unowned = false;
      for (const o of this.owners) {
        if (o === null) unowned = true;
        else owners.add(o);
      }
      this.ownerSetCache = { version: this.slotVersion, owners, unowned };
    }
    return this.ownerSetCache;
  }

  /** Masters serving at least one slot in this node's view (the cluster "size"). */
  mastersWithSlots(): NodeId[] {
    return [...this.ownerSet().owners].filter((n) => (n === this.id ? this.role === "master" : this.peers.get(n)?.role === "master"));
  }

  keysInSlot(slot: number, limit = Infinity): string[] {
    const out: string[] = [];
    for (const k of this.data.keys()) {
      if (keySlot(k) === slot) {
        out.push(k);
        if (out.length >= limit) break;
      }
    }
    return out;
  }

  /** Writes this node acknowledged to clients that are still only in its own stream (see summary.ts). */
  ackedAfter(offset: number): number {
    let n = 0;
    for (const e of this.repl.backlog) if (e.a === 1 && e.o > offset) n++;
    return n;
  }

  inspect(): NodeInspection {
    const stats: Record<string, number> = {
      epoch: this.currentEpoch,
      configEpoch: this.configEpoch,
      keys: this.data.size,
      replOffset: this.repl.offset,
    };
    const badges: Record<string, number> = {};
    let pfail = 0;
    let failed = 0;
    for (const p of this.peers.values()) {
      if (p.fail) failed++;
      else if (p.pfail) pfail++;
    }
    if (pfail) badges.pfail = pfail;
    if (failed) badges.fail = failed;
    if (!this.clusterOk) badges.clusterdown = 1;
    const out: NodeInspection = {
      role: this.role,
      stats,
      detail: {
        clusterState: this.clusterOk ? "ok" : "fail",
        // Short sentences: the node's own player reads them line by line (the room projects detail as text).
        knownNodes: [...this.peers.values()].map(
          (p) => `${p.id}: ${p.role}${p.master ? ` of ${p.master}` : ""}, configEpoch ${p.configEpoch}${p.fail ? ", FAIL" : p.pfail ? ", PFAIL" : ""}`,
        ),
        settings: `${describeSettings(this.settings)}, cluster-replica-no-failover ${this.settings.replicaNoFailover ? "yes" : "no"}`,
      },
      badges,
    };
    if (this.role === "master") {
      out.slots = {
        ranges: this.slotsOf(this.id),
        migrating: [...this.migrating].map(([slot, node]) => ({ slot, node })),
        importing: [...this.importing].map(([slot, node]) => ({ slot, node })),
      };
      if (this.migrating.size) badges.migrating = this.migrating.size;
      if (this.importing.size) badges.importing = this.importing.size;
    } else if (this.master) {
      const masterOffset = Math.max(this.peers.get(this.master)?.offset ?? 0, this.repl.offset);
      out.replicaOf = { master: this.master, lag: masterOffset - this.repl.offset };
    }
    return out;
  }
}

export function newPeer(id: NodeId, role: "master" | "replica", master: NodeId | null, configEpoch: number): PeerView {
  return {
    id,
    role,
    master,
    configEpoch,
    pfail: false,
    fail: false,
    failTime: 0,
    pingSent: 0,
    pingResent: false,
    pongReceived: 0,
    dataReceived: 0,
    failReports: new Map(),
    offset: 0,
    votedTime: -Infinity,
    paused: false,
  };
}

/** CLUSTER REPLICATE / a master that lost its slots: replicate `master` from now on (clusterSetMaster). */
export function becomeReplicaOf(n: RedisNode, ctx: NodeContext, master: NodeId): void {
  const wasMaster = n.role === "master";
  n.role = "replica";
  n.master = master;
  n.failover = newFailoverState();
  n.pausedUntil = 0;
  n.replicaLinks.clear();
  abortReshard(n, ctx, `${n.id} is now a replica`);
  if (wasMaster) {
    for (let s = 0; s < SLOTS; s++) if (n.owners[s] === n.id) n.owners[s] = master;
    n.slotsChanged();
    n.migrating.clear();
    n.importing.clear();
  }
  releasePaused(n, ctx);
  startReplicaSync(n, ctx);
}

/** Runs the commands a manual-failover pause held back (they will now be redirected or served). */
export function releasePaused(n: RedisNode, ctx: NodeContext): void {
  n.pausedUntil = 0;
  n.failoverReplica = null;
  releaseHeld(n, ctx);
}

/** Runs again the commands held back by a pause or a MIGRATE (each is checked anew: it may now be redirected). */
export function releaseHeld(n: RedisNode, ctx: NodeContext): void {
  const held = n.pausedCommands.splice(0);
  for (const h of held) executeRemote(n, ctx, h.from, h.msg);
}

export type { SlotRange };
