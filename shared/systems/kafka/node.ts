// One Kafka broker on the simulation kernel. In KRaft combined mode the first `controllers` brokers also run the
// controller quorum (controller.ts on the shared Raft core); the others follow the metadata log by fetching it from
// the active controller. The broker registers and heartbeats; it acts on the partitions the metadata gives it:
// a leader appends produced records and tracks its followers (HW, ISR changes through AlterPartition); a follower
// fetches, and truncates where its log diverged from its leader's (leader epochs, KIP-101/KIP-320). The leader of
// __consumer_offsets-0 is the group coordinator (group/coordinator.ts).
//
// Durable: the partition logs with their HW and epoch checkpoints, the broker's metadata image, the controller's
// Raft state, and the referee's ledger of acknowledged records (`acked`: what producers were told, which the
// summary checks against the logs; the protocol never reads it). Everything else is rebuilt after a restart.

import { raftStorage } from "../../raft/durable";
import type { RaftEvent } from "../../raft";
import type { ClientRequest, Message, NodeContext, NodeId, NodeInspection, SystemNode } from "../../sim/types";
import type { KafkaConfig } from "./config";
import { controllerDecision } from "./decisions";
import type { DynamicSettings } from "./settings";
import { bootstrapControllerStorage, Controller, type ControllerDurable, NOT_READY, TICK_MS } from "./controller";
import { ConsumerGroup, type GroupHost, type OffsetsRecord } from "./group/coordinator";
import { applyRecord, bootstrapRecords, emptyImage, type MetadataImage, type MetadataRecord, OFFSETS_TOPIC, type PartitionInfo, tpName } from "./metadata";
import { partitionForKey } from "./murmur2";
import { Replica, type ReplicaDurable } from "./replica";
import type {
  AlterPartition,
  AlterPartitionResponse,
  BrokerHeartbeat,
  ConsumerFetch,
  ConsumerFetchResponse,
  Fetch,
  FetchResponse,
  MetadataFetch,
  MetadataFetchResponse,
} from "./wire";
import { FENCED_LEADER_EPOCH, type ForwardedChange, NOT_ENOUGH_REPLICAS, NOT_LEADER, UNKNOWN_LEADER_EPOCH } from "./wire";

/** A record a producer was told is written (acks 1 or all). */
export interface AckedRecord {
  tp: string;
  offset: number;
  epoch: number;
  message: unknown;
}

export interface KafkaDurable {
  starts: number;
  image: MetadataImage;
  replicas: ReplicaDurable[];
  controller?: ControllerDurable;
  acked: AckedRecord[];
}

/** The commands applyAction sends: a new broker's start, and changes the active controller decides on. */
export type KafkaCommand =
  | { kind: "join-existing-cluster" }
  | { kind: "config"; field: keyof DynamicSettings; value: DynamicSettings[keyof DynamicSettings] }
  | { kind: "reassign"; tp: string; replicas: NodeId[] }
  | { kind: "consumers"; group: string; count: number };

/** An operator's change for the active controller to record (every command but a new broker's start). */
export type OperatorChange = Exclude<KafkaCommand, { kind: "join-existing-cluster" }>;

/** Records a follower takes per fetch. */
const MAX_FETCH_RECORDS = 200;
/**
 * A follower that got no answer re-sends its fetch after the wait plus this: replica.socket.timeout.ms (30 s),
 * shortened to 10 s. It must stay well above a slow link's round trip, or the re-sent fetches of old offsets would
 * make the leader believe the follower is not catching up.
 */
const FETCH_RETRY_MS = 10_000;
/** replica.fetch.backoff.ms: after an error, a follower waits this long. */
const FETCH_BACKOFF_MS = 1000;
/** How often a broker that is not a controller fetches the metadata log (KRaft's fetch long-poll). */
const METADATA_FETCH_MS = 500;
/** An AlterPartition without an outcome is sent again after this long. */
const ALTER_RETRY_MS = 3000;
/** A poll returns at most this many of each partition's last committed records. */
export const POLL_TAIL = 10;

interface PendingProduce {
  requestId: number;
  offset: number;
  message: unknown;
}

export class KafkaNode implements SystemNode {
  image: MetadataImage;
  readonly replicas = new Map<string, Replica>();
  readonly controller: Controller | undefined;
  readonly controllers: readonly NodeId[];
  acked: AckedRecord[];
  group: ConsumerGroup | undefined;
  readonly incarnation: number;
  private controllerGuess: NodeId;
  private readonly pending = new Map<string, PendingProduce[]>();
  /** Followers' fetches the leader holds until data arrives (replica.fetch.wait.max.ms). */
  private readonly parked = new Map<string, Fetch & { from: NodeId }>();
  private pristine: boolean;
  /** Operators' changes this controller has not recorded yet (recordChanges). Volatile: lost with a crash. */
  private readonly pendingChanges: OperatorChange[] = [];
  private heartbeatUnanswered = false;

  constructor(
    readonly id: NodeId,
    readonly cfg: KafkaConfig,
    durable: KafkaDurable | undefined,
    initialMembers: readonly NodeId[],
  ) {
    this.controllers = initialMembers.slice(0, Math.min(cfg.controllers, initialMembers.length));
    this.pristine = durable === undefined;
    this.incarnation = (durable?.starts ?? 0) + 1;
    this.acked = durable ? durable.acked.map((a) => ({ ...a })) : [];
    const records = bootstrapRecords(initialMembers, cfg.topic, cfg.partitions, cfg.replicationFactor, cfg.offsetsTopicReplicationFactor);
    if (cfg.consumers > 0) records.push({ type: "Consumers", group: cfg.group, count: cfg.consumers });
    const isController = this.controllers.includes(id);
    if (isController) {
      // A controller rebuilds its image by applying its committed log from the start.
      this.image = emptyImage(cfg);
      const storage = durable?.controller
        ? raftStorage(durable.controller)
        : bootstrapControllerStorage(this.controllers, records);
      this.controller = new Controller(id, cfg, storage, () => this.image, {
        applied: (ctx, offset, rec) => this.applyMetadata(ctx, offset, rec),
        event: (ctx, ev) => this.controllerEvent(ctx, ev),
      });
    } else if (durable) {
      this.image = structuredClone(durable.image);
    } else {
      this.image = emptyImage(cfg);
      records.forEach((rec, i) => applyRecord(this.image, this.controllers.length + i + 1, rec));
    }
    for (const r of durable?.replicas ?? []) this.replicas.set(tpName(r.topic, r.partition), new Replica(r));
    this.controllerGuess = this.controllers[0] ?? id;
  }

  // ---- kernel handlers ----------------------------------------------------------------------------------------

  start(ctx: NodeContext): void {
    this.controller?.start(ctx);
    if (this.controller) ctx.setTimer("tick", TICK_MS + ctx.rng.int(0, TICK_MS));
    // Everything else waits one instant, so that a brand-new broker told to join an existing cluster has been told.
    ctx.setTimer("boot", 0);
  }

  onTimer(ctx: NodeContext, name: string): void {
    if (name === "tick") {
      this.controller?.tick(ctx);
      this.recordChanges(ctx);
      ctx.setTimer("tick", TICK_MS);
    } else if (name === "boot") {
      this.pristine = false;
      this.heartbeat(ctx);
      if (!this.controller) this.fetchMetadata(ctx);
      ctx.setTimer("isr", this.image.settings.replicaLagTimeMaxMs / 2);
      this.reconcile(ctx);
    } else if (name === "hb") this.heartbeat(ctx);
    else if (name === "meta") this.fetchMetadata(ctx);
    else if (name === "isr") {
      this.checkIsr(ctx);
      ctx.setTimer("isr", this.image.settings.replicaLagTimeMaxMs / 2);
    } else if (name.startsWith("fetch:")) this.sendFetch(ctx, name.slice(6));
    else if (name.startsWith("park:")) this.unpark(ctx, name.slice(5));
    else if (name.startsWith("grp:") && this.group) this.group.onTimer(this.groupHost(ctx), name);
  }

  onMessage(ctx: NodeContext, from: NodeId, msg: Message): void {
    if (msg.kind.startsWith("Msg")) {
      this.controller?.step(ctx, msg, from);
      return;
    }
    switch (msg.kind) {
      case "ForwardedChange":
        if (this.controller) {
          this.pendingChanges.push((msg as unknown as ForwardedChange).change);
          this.recordChanges(ctx);
        }
        break;
      case "BrokerHeartbeat":
        this.onHeartbeat(ctx, from, msg as unknown as BrokerHeartbeat);
        break;
      case "BrokerHeartbeatResponse":
        this.heartbeatUnanswered = false;
        this.learnController((msg as unknown as { leader: NodeId | null }).leader);
        break;
      case "MetadataFetch":
        if (this.controller) this.controller.onMetadataFetch(ctx, from, msg as unknown as MetadataFetch);
        break;
      case "MetadataFetchResponse":
        this.onMetadata(ctx, msg as unknown as MetadataFetchResponse);
        break;
      case "AlterPartition":
        if (this.controller) this.controller.onAlterPartition(ctx, from, msg as unknown as AlterPartition);
        break;
      case "AlterPartitionResponse":
        this.onAlterPartitionError(msg as unknown as AlterPartitionResponse);
        break;
      case "Fetch":
        this.onFetch(ctx, from, msg as unknown as Fetch);
        break;
      case "FetchResponse":
        this.onFetchResponse(ctx, from, msg as unknown as FetchResponse);
        break;
      case "ConsumerFetch": {
        const m = msg as unknown as ConsumerFetch;
        const r = this.replicas.get(m.tp);
        if (r?.role === "leader") ctx.send(from, { kind: "ConsumerFetchResponse", tp: m.tp, member: m.member, hw: r.hw });
        break;
      }
      case "ConsumerFetchResponse": {
        const m = msg as unknown as ConsumerFetchResponse;
        this.group?.onFetched(m.member, m.tp, m.hw);
        break;
      }
    }
  }

  onClientRequest(ctx: NodeContext, req: ClientRequest): void {
    if (req.f === "send") this.produce(ctx, req);
    else if (req.f === "poll") this.poll(ctx, req);
    else ctx.respond(req.id, { type: "fail", error: `Kafka clients send and poll; "${req.f}" is neither` });
  }

  onCommand(ctx: NodeContext, command: Message): void {
    const c = command as KafkaCommand;
    if (c.kind === "join-existing-cluster") {
      if (!this.pristine) throw new Error(`${this.id} has already started; only a brand-new broker can join an existing cluster`);
      // A new broker knows nothing: it learns the whole metadata log from the active controller.
      this.image = emptyImage(this.cfg);
      return;
    }
    if (!this.controller) return;
    this.pendingChanges.push(c);
    this.recordChanges(ctx);
  }

  /**
   * Operators' changes wait here until the active controller can record them: a controller just elected decides
   * only once its log is applied, and one that lost its leadership hands them to the new active controller. A
   * change the newest metadata makes impossible is refused in the event log.
   */
  private recordChanges(ctx: NodeContext): void {
    const controller = this.controller;
    if (!controller) return;
    while (this.pendingChanges.length > 0) {
      const change = this.pendingChanges[0];
      if (!controller.active()) {
        const lead = controller.leader();
        if (lead === null || lead === this.id) return;
        this.pendingChanges.shift();
        ctx.send(lead, { kind: "ForwardedChange", change } satisfies ForwardedChange);
        continue;
      }
      const problem = controller.decide(ctx, (image) => controllerDecision(image, change));
      if (problem === NOT_READY) return;
      this.pendingChanges.shift();
      if (problem) ctx.emit({ kind: "refused", text: `${this.id} could not record the change: ${problem}` });
    }
  }

  durable(): KafkaDurable {
    return {
      starts: this.incarnation,
      image: structuredClone(this.image),
      replicas: [...this.replicas.values()].map((r) => r.durable()),
      ...(this.controller ? { controller: this.controller.durable() } : {}),
      acked: this.acked.map((a) => ({ ...a })),
    };
  }

  // ---- metadata -------------------------------------------------------------------------------------------------

  /** Registered under this incarnation: the broker has caught up and may act on what the metadata says. */
  registered(): boolean {
    return this.image.brokers[this.id]?.incarnation === this.incarnation;
  }

  fenced(): boolean {
    return this.image.brokers[this.id]?.fenced ?? true;
  }

  private heartbeat(ctx: NodeContext): void {
    ctx.setTimer("hb", this.cfg.brokerHeartbeatIntervalMs);
    // A controller member knows the Raft leader; a broker whose last heartbeat went unanswered tries the next one.
    const known = this.controller?.leader();
    if (known) this.controllerGuess = known;
    else if (this.heartbeatUnanswered) this.learnController(null);
    this.heartbeatUnanswered = true;
    const hb: BrokerHeartbeat = { kind: "BrokerHeartbeat", incarnation: this.incarnation, offset: this.image.offset };
    if (this.controller?.active()) {
      this.heartbeatUnanswered = false;
      this.controller.onHeartbeat(ctx, this.id, hb);
    } else ctx.send(this.controllerGuess, hb as unknown as Message);
  }

  private onHeartbeat(ctx: NodeContext, from: NodeId, m: BrokerHeartbeat): void {
    if (!this.controller) return;
    if (this.controller.active()) this.controller.onHeartbeat(ctx, from, m);
    ctx.send(from, { kind: "BrokerHeartbeatResponse", leader: this.controller.leader() });
  }

  /** A hint of who the active controller is; with none, try the next controller in turn. */
  private learnController(leader: NodeId | null): void {
    if (leader !== null && leader !== "") this.controllerGuess = leader;
    else {
      const i = this.controllers.indexOf(this.controllerGuess);
      this.controllerGuess = this.controllers[(i + 1) % this.controllers.length];
    }
  }

  private fetchMetadata(ctx: NodeContext): void {
    ctx.setTimer("meta", METADATA_FETCH_MS);
    ctx.send(this.controllerGuess, { kind: "MetadataFetch", offset: this.image.offset });
  }

  private onMetadata(ctx: NodeContext, m: MetadataFetchResponse): void {
    if (this.controller) return;
    if (m.leader === null || m.records.length === 0) this.learnController(m.leader);
    for (const { offset, record } of m.records) {
      if (offset <= this.image.offset) continue;
      applyRecord(this.image, offset, record);
    }
    if (m.upTo > this.image.offset) this.image.offset = m.upTo;
    this.reconcile(ctx);
  }

  /** A controller member applied a committed record: the broker in the same process sees it at once. */
  private applyMetadata(ctx: NodeContext, offset: number, rec: MetadataRecord | undefined): void {
    if (rec) applyRecord(this.image, offset, rec);
    else this.image.offset = offset;
    if (!this.pristine) this.reconcile(ctx);
  }

  private controllerEvent(ctx: NodeContext, ev: RaftEvent): void {
    if (ev.kind === "leader") {
      this.controllerGuess = this.id;
      ctx.emit({ kind: "leader", node: this.id, term: ev.term, group: "__cluster_metadata", text: `${this.id} became the active controller (KRaft epoch ${ev.term})` });
    } else if (ev.kind === "step-down") {
      ctx.emit({ kind: "step-down", node: this.id, term: ev.term, group: "__cluster_metadata", text: `${this.id} is no longer the active controller: ${ev.reason}` });
    }
  }

  /** Takes up the role the metadata gives this broker for each partition. */
  private reconcile(ctx: NodeContext): void {
    if (!this.registered()) return;
    for (const [tp, p] of Object.entries(this.image.partitions)) {
      let r = this.replicas.get(tp);
      if (!p.replicas.includes(this.id)) {
        if (r) this.dropReplica(ctx, r);
        continue;
      }
      if (!r) {
        r = Replica.empty(p.topic, p.partition);
        this.replicas.set(tp, r);
      }
      if (p.leader === this.id) {
        if (r.role !== "leader" || r.leaderEpoch !== p.leaderEpoch) this.becomeLeader(ctx, r, p);
        else this.updateLeader(ctx, r, p);
      } else if (r.role === "leader" || r.leaderEpoch !== p.leaderEpoch || r.leader !== p.leader) {
        this.becomeFollower(ctx, r, p);
      }
    }
    if (this.group) {
      this.group.protocol = this.image.settings.groupProtocol;
      const want = this.image.consumers[this.group.id] ?? 0;
      if (want !== this.group.members.size) this.group.scale(this.groupHost(ctx), want);
    }
  }

  private becomeLeader(ctx: NodeContext, r: Replica, p: PartitionInfo): void {
    r.role = "leader";
    r.leader = this.id;
    r.leaderEpoch = p.leaderEpoch;
    r.followers.clear();
    this.updateLeader(ctx, r, p);
    if (p.leaderEpoch > r.lastEpoch()) r.epochs.push({ epoch: p.leaderEpoch, start: r.leo() });
    ctx.cancelTimer(`fetch:${r.tp}`);
    ctx.emit({ kind: "leader", node: this.id, term: p.leaderEpoch, group: r.tp, text: `${this.id} leads ${r.tp} (leader epoch ${p.leaderEpoch}, ISR ${p.isr.join(",")})` });
    this.advanceHw(ctx, r);
    if (r.topic === OFFSETS_TOPIC) this.startCoordinator(ctx, r);
  }

  /** The leader takes the committed ISR and replica set from the metadata. */
  private updateLeader(ctx: NodeContext, r: Replica, p: PartitionInfo): void {
    if (p.partitionEpoch !== r.partitionEpoch) r.pendingIsr = undefined;
    r.isr = [...p.isr];
    r.partitionEpoch = p.partitionEpoch;
    const now = ctx.monotonicTime;
    for (const b of p.replicas) {
      if (b !== this.id && !r.followers.has(b)) r.followers.set(b, { leo: 0, lastCaughtUpTime: now, lastFetchTime: now, lastFetchLeaderLeo: 0 });
    }
    for (const b of [...r.followers.keys()]) if (!p.replicas.includes(b)) r.followers.delete(b);
    this.advanceHw(ctx, r);
  }

  private becomeFollower(ctx: NodeContext, r: Replica, p: PartitionInfo): void {
    if (r.role === "leader") this.resign(ctx, r);
    r.role = "follower";
    r.leader = p.leader;
    r.leaderEpoch = p.leaderEpoch;
    if (p.leader !== null) this.sendFetch(ctx, r.tp);
    else ctx.cancelTimer(`fetch:${r.tp}`);
  }

  /** No longer the leader: produces still waiting may or may not be committed by the next leader. */
  private resign(ctx: NodeContext, r: Replica): void {
    for (const w of this.pending.get(r.tp) ?? []) ctx.respond(w.requestId, { type: "info", error: `${NOT_LEADER}: ${this.id} lost the leadership of ${r.tp}; the record may or may not survive` });
    this.pending.delete(r.tp);
    for (const key of [...this.parked.keys()]) if (key.startsWith(`${r.tp}|`)) this.parked.delete(key);
    r.pendingIsr = undefined;
    r.followers.clear();
    if (r.topic === OFFSETS_TOPIC) this.stopCoordinator(ctx);
  }

  /** Reassigned away: the broker deletes its copy (StopReplica with delete). */
  private dropReplica(ctx: NodeContext, r: Replica): void {
    if (r.role === "leader") this.resign(ctx, r);
    ctx.cancelTimer(`fetch:${r.tp}`);
    this.replicas.delete(r.tp);
  }

  // ---- replication: leader side ---------------------------------------------------------------------------------

  private onFetch(ctx: NodeContext, from: NodeId, m: Fetch): void {
    const r = this.replicas.get(m.tp);
    const reply = (extra: Partial<FetchResponse>) =>
      ctx.send(from, { kind: "FetchResponse", tp: m.tp, leaderEpoch: m.leaderEpoch, fetchOffset: m.fetchOffset, ...extra });
    if (!r || r.role !== "leader") return reply({ error: NOT_LEADER });
    if (m.leaderEpoch < r.leaderEpoch) return reply({ error: FENCED_LEADER_EPOCH });
    if (m.leaderEpoch > r.leaderEpoch) return reply({ error: UNKNOWN_LEADER_EPOCH });
    if (m.lastFetchedEpoch >= 0) {
      const end = r.endOffsetFor(m.lastFetchedEpoch);
      if (end.epoch < m.lastFetchedEpoch || end.endOffset < m.fetchOffset) return reply({ diverging: end, hw: r.hw });
    }
    r.noteFetch(from, m.fetchOffset, ctx.monotonicTime);
    this.maybeExpandIsr(ctx, r, from);
    this.advanceHw(ctx, r);
    if (m.fetchOffset >= r.leo()) {
      const key = `${m.tp}|${from}`;
      this.parked.set(key, { ...m, from });
      ctx.setTimer(`park:${key}`, this.cfg.replicaFetchWaitMaxMs);
      return;
    }
    reply({ records: r.log.slice(m.fetchOffset, m.fetchOffset + MAX_FETCH_RECORDS), hw: r.hw });
  }

  /** Answers a held fetch (new data arrived, or the wait is over). */
  private unpark(ctx: NodeContext, key: string): void {
    const m = this.parked.get(key);
    if (!m) return;
    this.parked.delete(key);
    ctx.cancelTimer(`park:${key}`);
    const r = this.replicas.get(m.tp);
    if (!r || r.role !== "leader") return;
    ctx.send(m.from, {
      kind: "FetchResponse",
      tp: m.tp,
      leaderEpoch: m.leaderEpoch,
      fetchOffset: m.fetchOffset,
      records: r.log.slice(m.fetchOffset, m.fetchOffset + MAX_FETCH_RECORDS),
      hw: r.hw,
    });
  }

  private wakeFetchers(ctx: NodeContext, tp: string): void {
    for (const key of [...this.parked.keys()]) if (key.startsWith(`${tp}|`)) this.unpark(ctx, key);
  }

  /** The HW moved up: answer the acks=all produces now below it. */
  private advanceHw(ctx: NodeContext, r: Replica): void {
    if (r.role !== "leader" || !r.maybeIncrementHw(this.id, this.image.settings.minInsyncReplicas)) return;
    const waiting = this.pending.get(r.tp);
    if (!waiting) return;
    const still = waiting.filter((w) => w.offset >= r.hw);
    for (const w of waiting) {
      if (w.offset < r.hw) this.acknowledge(ctx, r, w.requestId, w.offset, w.message);
    }
    this.pending.set(r.tp, still);
  }

  private maybeExpandIsr(ctx: NodeContext, r: Replica, follower: NodeId): void {
    if (r.pendingIsr || r.isr.includes(follower) || !r.caughtUp(follower)) return;
    if (this.image.brokers[follower]?.fenced !== false) return;
    this.alterIsr(ctx, r, [...r.isr, follower]);
  }

  /** The isr-expiration task: ISR members that have not caught up within replica.lag.time.max.ms leave it. */
  private checkIsr(ctx: NodeContext): void {
    const now = ctx.monotonicTime;
    for (const r of this.replicas.values()) {
      if (r.role !== "leader") continue;
      if (r.pendingIsr && now - r.pendingIsr.sentAt > ALTER_RETRY_MS) r.pendingIsr = undefined;
      if (r.pendingIsr) continue;
      const out = r.outOfSync(this.id, now, this.image.settings.replicaLagTimeMaxMs);
      if (out.length > 0) this.alterIsr(ctx, r, r.isr.filter((b) => !out.includes(b)));
    }
  }

  private alterIsr(ctx: NodeContext, r: Replica, isr: NodeId[]): void {
    const known = this.controller?.leader();
    if (known) this.controllerGuess = known;
    r.pendingIsr = { isr, sentAt: ctx.monotonicTime };
    const m: AlterPartition = { kind: "AlterPartition", tp: r.tp, leaderEpoch: r.leaderEpoch, partitionEpoch: r.partitionEpoch, isr };
    if (this.controller?.active()) this.controller.onAlterPartition(ctx, this.id, m);
    else ctx.send(this.controllerGuess, m as unknown as Message);
  }

  private onAlterPartitionError(m: AlterPartitionResponse): void {
    const r = this.replicas.get(m.tp);
    if (r) r.pendingIsr = undefined;
  }

  // ---- replication: follower side -------------------------------------------------------------------------------

  private sendFetch(ctx: NodeContext, tp: string): void {
    const r = this.replicas.get(tp);
    if (!r || r.role !== "follower" || r.leader === null) return;
    ctx.send(r.leader, { kind: "Fetch", tp, fetchOffset: r.leo(), lastFetchedEpoch: r.lastEpoch(), leaderEpoch: r.leaderEpoch });
    ctx.setTimer(`fetch:${tp}`, this.cfg.replicaFetchWaitMaxMs + FETCH_RETRY_MS);
  }

  private onFetchResponse(ctx: NodeContext, from: NodeId, m: FetchResponse): void {
    const r = this.replicas.get(m.tp);
    if (!r || r.role !== "follower" || r.leader !== from || m.leaderEpoch !== r.leaderEpoch) return;
    if (m.error) {
      ctx.setTimer(`fetch:${m.tp}`, FETCH_BACKOFF_MS);
      return;
    }
    if (m.diverging) {
      const mine = r.endOffsetFor(m.diverging.epoch);
      const cut = m.diverging.epoch < 0 ? 0 : Math.min(m.diverging.endOffset, mine.endOffset < 0 ? 0 : mine.endOffset);
      const dropped = r.truncateTo(cut);
      if (dropped > 0) {
        ctx.emit({ kind: "truncate", node: this.id, group: r.tp, text: `${this.id} truncated ${r.tp} to offset ${cut}, dropping ${dropped} record${dropped === 1 ? "" : "s"} its leader ${from} does not have` });
      }
      this.sendFetch(ctx, m.tp);
      return;
    }
    if (m.fetchOffset !== r.leo()) return;
    for (const rec of m.records ?? []) r.append({ ...rec });
    r.hw = Math.max(Math.min(m.hw ?? 0, r.leo()), Math.min(r.hw, r.leo()));
    this.sendFetch(ctx, m.tp);
  }

  // ---- clients --------------------------------------------------------------------------------------------------

  /** The partition a client's record goes to: murmur2 of the key; a keyless record sticks to one this broker leads. */
  private partitionFor(key: string | undefined): number | undefined {
    const n = this.cfg.partitions;
    if (key !== undefined) return partitionForKey(key, n);
    for (let p = 0; p < n; p++) if (this.replicas.get(tpName(this.cfg.topic, p))?.role === "leader") return p;
    return undefined;
  }

  private notLeader(ctx: NodeContext, req: ClientRequest, tp: string): void {
    const leader = this.image.partitions[tp]?.leader ?? null;
    const to = leader !== null && leader !== this.id ? leader : undefined;
    const text = leader === null ? `${tp} has no leader (offline)` : `${tp} is led by ${leader}`;
    ctx.respond(req.id, { type: "fail", error: `${NOT_LEADER}: ${this.id} does not lead ${tp}; ${text}`, ...(to ? { redirect: to } : {}) });
  }

  private produce(ctx: NodeContext, req: ClientRequest): void {
    if (req.value === undefined) {
      ctx.respond(req.id, { type: "fail", error: "a send needs a message" });
      return;
    }
    const partition = this.partitionFor(req.key);
    const tp = tpName(this.cfg.topic, partition ?? 0);
    const r = this.replicas.get(tp);
    if (partition === undefined || !r || r.role !== "leader" || !this.registered()) {
      this.notLeader(ctx, req, tp);
      return;
    }
    const { acks, minInsyncReplicas } = this.image.settings;
    if (acks === "all" && r.isr.length < minInsyncReplicas) {
      ctx.respond(req.id, { type: "fail", error: `${NOT_ENOUGH_REPLICAS}: the ISR of ${tp} is ${r.isr.join(",")}, fewer than min.insync.replicas=${minInsyncReplicas}` });
      return;
    }
    const offset = r.leo();
    r.append({ offset, epoch: r.leaderEpoch, message: req.value });
    this.wakeFetchers(ctx, tp);
    if (acks === "0") ctx.respond(req.id, { type: "ok", value: { message: req.value, offset: -1, partition } });
    else if (acks === "1") this.acknowledge(ctx, r, req.id, offset, req.value);
    else {
      const list = this.pending.get(tp) ?? [];
      list.push({ requestId: req.id, offset, message: req.value });
      this.pending.set(tp, list);
      this.advanceHw(ctx, r);
    }
  }

  private acknowledge(ctx: NodeContext, r: Replica, requestId: number, offset: number, message: unknown): void {
    this.acked.push({ tp: r.tp, offset, epoch: r.log[offset].epoch, message });
    ctx.respond(requestId, { type: "ok", value: { message, offset, partition: r.partition } });
  }

  /** A poll reads the last committed records (below the HW) of the key's partition, or of every one this broker leads. */
  private poll(ctx: NodeContext, req: ClientRequest): void {
    const parts = req.key !== undefined ? [partitionForKey(req.key, this.cfg.partitions)] : Array.from({ length: this.cfg.partitions }, (_, p) => p);
    const out: { message: unknown; offset: number; partition: number }[] = [];
    let served = 0;
    for (const p of parts) {
      const r = this.replicas.get(tpName(this.cfg.topic, p));
      if (!r || r.role !== "leader" || !this.registered()) continue;
      served++;
      for (const rec of r.log.slice(Math.max(0, r.hw - POLL_TAIL), r.hw)) out.push({ message: rec.message, offset: rec.offset, partition: p });
    }
    if (served === 0) {
      this.notLeader(ctx, req, tpName(this.cfg.topic, parts[0]));
      return;
    }
    ctx.respond(req.id, { type: "ok", value: out });
  }

  // ---- the group coordinator ------------------------------------------------------------------------------------

  private groupHost(ctx: NodeContext): GroupHost {
    return {
      now: ctx.monotonicTime,
      rng: ctx.rng,
      setTimer: (n, ms) => ctx.setTimer(n, ms),
      cancelTimer: (n) => ctx.cancelTimer(n),
      emit: (ev) => ctx.emit(ev),
      append: (rec) => this.appendOffsets(ctx, rec),
      fetch: (member, tp) => {
        const leader = this.image.partitions[tp]?.leader;
        const local = this.replicas.get(tp);
        if (leader === this.id && local?.role === "leader") this.group?.onFetched(member, tp, local.hw);
        else if (leader) ctx.send(leader, { kind: "ConsumerFetch", tp, member });
      },
    };
  }

  private userPartitions(): string[] {
    return Array.from({ length: this.cfg.partitions }, (_, p) => tpName(this.cfg.topic, p));
  }

  private appendOffsets(ctx: NodeContext, rec: OffsetsRecord): void {
    const r = this.replicas.get(tpName(OFFSETS_TOPIC, 0));
    if (!r || r.role !== "leader") return;
    r.append({ offset: r.leo(), epoch: r.leaderEpoch, message: rec });
    this.wakeFetchers(ctx, r.tp);
    this.advanceHw(ctx, r);
  }

  /** Leading __consumer_offsets-0 makes this broker the coordinator: it loads the group from the log. */
  private startCoordinator(ctx: NodeContext, r: Replica): void {
    let generation = 0;
    const committed: Record<string, number> = {};
    for (const rec of r.log) {
      const m = rec.message as OffsetsRecord;
      if (m.group !== this.cfg.group) continue;
      if (m.type === "OffsetCommit") committed[m.tp] = m.offset;
      else if (m.type === "GroupMetadata") generation = Math.max(generation, m.generation);
    }
    const timing = { heartbeatMs: this.cfg.consumerHeartbeatIntervalMs, initialDelayMs: this.cfg.groupInitialRebalanceDelayMs, autoCommitMs: this.cfg.autoCommitIntervalMs };
    this.group = new ConsumerGroup(this.cfg.group, this.image.settings.groupProtocol, () => this.userPartitions(), timing, { generation, committed, pauseMs: 0 }, ctx.monotonicTime);
    ctx.emit({ kind: "coordinator", node: this.id, group: this.cfg.group, text: `${this.id} is the coordinator of consumer group ${this.cfg.group} (generation ${generation})` });
    const want = this.image.consumers[this.cfg.group] ?? 0;
    if (want > 0) this.group.scale(this.groupHost(ctx), want);
  }

  private stopCoordinator(ctx: NodeContext): void {
    this.group?.stop(this.groupHost(ctx));
    this.group = undefined;
  }

  // ---- inspection -----------------------------------------------------------------------------------------------

  role(): string {
    if (this.registered() && this.fenced()) return "fenced";
    if (!this.controller) return "broker";
    return this.controller.active() ? "broker+active-controller" : "broker+controller";
  }

  inspect(): NodeInspection {
    const partitions = [...this.replicas.values()]
      .sort((a, b) => (a.tp < b.tp ? -1 : a.tp > b.tp ? 1 : 0))
      .map((r) => ({ topic: r.topic, partition: r.partition, leader: r.role === "leader", leo: r.leo(), hw: r.hw, ...(r.role === "leader" ? { isr: [...r.isr] } : {}) }));
    const led = partitions.filter((p) => p.leader).length;
    const stats: Record<string, number> = { led, replicas: partitions.length, metadataOffset: this.image.offset };
    const out: NodeInspection = { role: this.role(), stats, partitions, badges: { led } };
    if (this.controller) {
      const raft = this.controller.raft;
      stats.term = raft.term;
      out.log = raft.log.all().map((e) => e.term);
      out.commitIndex = raft.log.committed;
    }
    if (this.group) {
      const g = this.group;
      out.groups = [{ group: g.id, generation: g.generation, state: g.state, protocol: g.protocol, members: g.view(), committed: { ...g.committed } }];
    }
    out.detail = {
      incarnation: this.incarnation,
      controller: this.controllerGuess,
      fenced: Object.entries(this.image.brokers).filter(([, b]) => b.fenced).map(([id]) => id),
      waitingProduces: [...this.pending.values()].reduce((n, l) => n + l.length, 0),
    };
    return out;
  }
}
