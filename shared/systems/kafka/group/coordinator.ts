// A consumer group on its coordinator (the classic protocol's GroupCoordinator), with the group's members: the
// consumers are simulated beside the coordinator, each with its own heartbeat clock, because what the game
// teaches is the protocol between them: JoinGroup / SyncGroup rounds, generations, and which partitions stop being
// consumed while a rebalance runs.
//
//   Empty → PreparingRebalance   a member joins or leaves (an empty group waits group.initial.rebalance.delay.ms)
//   PreparingRebalance           members learn of it at their next heartbeat (REBALANCE_IN_PROGRESS) and rejoin;
//                                EAGER members first revoke everything (stop the world), COOPERATIVE ones keep
//                                consuming what they own
//   → CompletingRebalance        every member has joined: the generation goes up, the leader assigns
//   → Stable                     SyncGroup hands out the assignment. A cooperative member that lost partitions
//                                revokes just those and rejoins at once: the second round gives them away.
//
// The coordinator is the leader of __consumer_offsets-0: group metadata and offset commits are records in that
// partition, so a new coordinator (after a failover) loads the committed offsets and the generation from its log.
// Pause accounting (pauseMs): for every millisecond of a rebalance after the group first formed, the number of
// partitions that no member was consuming.

import type { Rng } from "../../../sim/rng";
import type { NotableEvent } from "../../../sim/types";
import type { GroupProtocol } from "../settings";
import { type Assignment, cooperativeAssign, rangeAssign } from "./assignors";

export type GroupState = "Empty" | "PreparingRebalance" | "CompletingRebalance" | "Stable";

export interface GroupHost {
  readonly now: number;
  readonly rng: Rng;
  setTimer(name: string, ms: number): void;
  cancelTimer(name: string): void;
  emit(ev: NotableEvent): void;
  /** Appends a record to __consumer_offsets-0 (this broker leads it). */
  append(record: OffsetsRecord): void;
  /** A member fetches from the leader of `tp`; the answer comes back through onFetched. */
  fetch(member: string, tp: string): void;
}

export type OffsetsRecord =
  | { type: "OffsetCommit"; group: string; tp: string; offset: number }
  | { type: "GroupMetadata"; group: string; generation: number; protocol: GroupProtocol; members: Assignment };

interface Member {
  id: string;
  owned: string[];
  /** Joined the rebalance in progress. */
  joined: boolean;
}

/** SyncGroup follows the JoinGroup answer after one client round trip. */
export const SYNC_DELAY_MS = 20;
/** fetch.max.wait.ms: how often a member's fetch returns. */
export const CONSUMER_FETCH_MS = 500;

export interface GroupTiming {
  heartbeatMs: number;
  initialDelayMs: number;
  autoCommitMs: number;
}

export class ConsumerGroup {
  generation: number;
  state: GroupState = "Empty";
  readonly members = new Map<string, Member>();
  readonly committed: Record<string, number>;
  readonly positions: Record<string, number> = {};
  pauseMs: number;
  /** The most partitions not consumed at the same moment during a rebalance after the group first formed. */
  peakPaused = 0;
  rebalances = 0;
  private assignment: Assignment = {};
  private lastAccrue: number;
  private initialDelayUntil = 0;

  constructor(
    readonly id: string,
    public protocol: GroupProtocol,
    private readonly partitions: () => string[],
    private readonly timing: GroupTiming,
    loaded: { generation: number; committed: Record<string, number>; pauseMs: number },
    now: number,
  ) {
    this.generation = loaded.generation;
    this.committed = { ...loaded.committed };
    for (const [tp, o] of Object.entries(this.committed)) this.positions[tp] = o;
    this.pauseMs = loaded.pauseMs;
    this.lastAccrue = now;
  }

  /** Partitions no member is consuming now. */
  unconsumed(): string[] {
    const owned = new Set<string>();
    for (const m of this.members.values()) for (const p of m.owned) owned.add(p);
    return this.partitions().filter((p) => !owned.has(p));
  }

  /** Pause so far, counting up to `now` (the summary reads it between events). */
  pauseAt(now: number): number {
    return this.pauseMs + this.pendingPause(now);
  }

  private pendingPause(now: number): number {
    if (this.members.size === 0 || this.rebalances === 0) return 0;
    return (now - this.lastAccrue) * this.unconsumed().length;
  }

  private accrue(now: number): void {
    this.pauseMs += this.pendingPause(now);
    this.lastAccrue = now;
  }

  /** After a change of ownership: the peak of partitions standing still at once. */
  private notePeak(): void {
    if (this.members.size === 0 || this.rebalances === 0) return;
    this.peakPaused = Math.max(this.peakPaused, this.unconsumed().length);
  }

  /** Starts or stops members until `count` run (c1..cN; the highest ids leave first). */
  scale(host: GroupHost, count: number): void {
    const wanted = Array.from({ length: count }, (_, i) => `c${i + 1}`);
    for (const id of [...this.members.keys()]) if (!wanted.includes(id)) this.leave(host, id);
    for (const id of wanted) if (!this.members.has(id)) this.join(host, id);
    if (count > 0) {
      host.setTimer("grp:fetch", CONSUMER_FETCH_MS);
      host.setTimer("grp:commit", this.timing.autoCommitMs);
    }
  }

  private join(host: GroupHost, id: string): void {
    this.accrue(host.now);
    this.members.set(id, { id, owned: [], joined: true });
    host.setTimer(`grp:hb:${id}`, host.rng.int(1, this.timing.heartbeatMs + 1));
    if (this.state === "Empty") this.initialDelayUntil = host.now + this.timing.initialDelayMs;
    this.prepare(host, `${id} joined`);
  }

  private leave(host: GroupHost, id: string): void {
    const m = this.members.get(id);
    if (!m) return;
    this.accrue(host.now);
    this.revoke(host, m, m.owned);
    this.members.delete(id);
    host.cancelTimer(`grp:hb:${id}`);
    if (this.members.size === 0) {
      this.state = "Empty";
      host.emit({ kind: "group", group: this.id, text: `consumer group ${this.id} is empty` });
      return;
    }
    this.prepare(host, `${id} left`);
  }

  /** PreparingRebalance: members rejoin at their next heartbeat. */
  private prepare(host: GroupHost, why: string): void {
    if (this.state !== "PreparingRebalance") {
      this.state = "PreparingRebalance";
      host.cancelTimer("grp:sync");
      host.emit({ kind: "rebalance", group: this.id, text: `consumer group ${this.id} is rebalancing (${why}); ${this.protocol} protocol` });
    }
    this.maybeCompleteJoin(host);
  }

  /** Commits the positions of `tps` (onPartitionsRevoked), then gives them up. */
  private revoke(host: GroupHost, m: Member, tps: readonly string[]): void {
    for (const tp of tps) this.commit(host, tp);
    m.owned = m.owned.filter((p) => !tps.includes(p));
    this.notePeak();
  }

  private commit(host: GroupHost, tp: string): void {
    const pos = this.positions[tp];
    if (pos === undefined || pos === this.committed[tp]) return;
    this.committed[tp] = pos;
    host.append({ type: "OffsetCommit", group: this.id, tp, offset: pos });
  }

  onTimer(host: GroupHost, name: string): void {
    if (name === "grp:fetch") {
      for (const m of this.members.values()) for (const tp of m.owned) host.fetch(m.id, tp);
      if (this.members.size > 0) host.setTimer("grp:fetch", CONSUMER_FETCH_MS);
      return;
    }
    if (name === "grp:commit") {
      for (const m of this.members.values()) for (const tp of m.owned) this.commit(host, tp);
      if (this.members.size > 0) host.setTimer("grp:commit", this.timing.autoCommitMs);
      return;
    }
    if (name === "grp:join") {
      this.maybeCompleteJoin(host);
      return;
    }
    if (name === "grp:sync") {
      this.sync(host);
      return;
    }
    if (name.startsWith("grp:hb:")) this.heartbeat(host, name.slice("grp:hb:".length));
  }

  /** A member's heartbeat: in a rebalance it learns REBALANCE_IN_PROGRESS and rejoins. */
  private heartbeat(host: GroupHost, id: string): void {
    const m = this.members.get(id);
    if (!m) return;
    host.setTimer(`grp:hb:${id}`, this.timing.heartbeatMs);
    if (this.state !== "PreparingRebalance" || m.joined) return;
    this.accrue(host.now);
    if (this.protocol === "eager") this.revoke(host, m, m.owned);
    m.joined = true;
    this.maybeCompleteJoin(host);
  }

  private maybeCompleteJoin(host: GroupHost): void {
    if (this.state !== "PreparingRebalance") return;
    if ([...this.members.values()].some((m) => !m.joined)) return;
    if (host.now < this.initialDelayUntil) {
      host.setTimer("grp:join", this.initialDelayUntil - host.now);
      return;
    }
    this.generation++;
    this.state = "CompletingRebalance";
    const owned: Record<string, string[]> = {};
    for (const m of this.members.values()) owned[m.id] = [...m.owned];
    this.assignment = this.protocol === "eager" ? rangeAssign([...this.members.keys()], this.partitions()) : cooperativeAssign(owned, this.partitions());
    host.setTimer("grp:sync", SYNC_DELAY_MS);
  }

  /** SyncGroup: every member takes its assignment; cooperative members give up what it no longer lists. */
  private sync(host: GroupHost): void {
    if (this.state !== "CompletingRebalance") return;
    this.accrue(host.now);
    this.state = "Stable";
    this.rebalances++;
    const revoked = new Set<string>();
    for (const m of this.members.values()) {
      const assigned = this.assignment[m.id] ?? [];
      const lost = m.owned.filter((p) => !assigned.includes(p));
      if (lost.length > 0) {
        this.revoke(host, m, lost);
        revoked.add(m.id);
      }
      m.owned = [...assigned];
      m.joined = false;
    }
    const members: Assignment = {};
    for (const m of this.members.values()) members[m.id] = [...m.owned];
    host.append({ type: "GroupMetadata", group: this.id, generation: this.generation, protocol: this.protocol, members });
    host.emit({ kind: "group-stable", group: this.id, generation: this.generation, text: `consumer group ${this.id} is stable at generation ${this.generation}${revoked.size > 0 ? "; members that gave partitions up rejoin for a second round" : ""}` });
    if (revoked.size === 0) return;
    // The revoking members rejoin at once (their JoinGroup starts round two); the others hear of it at a heartbeat.
    this.state = "PreparingRebalance";
    for (const m of this.members.values()) m.joined = revoked.has(m.id);
    host.emit({ kind: "rebalance", group: this.id, text: `consumer group ${this.id} starts a second (cooperative) round to hand over revoked partitions` });
    this.maybeCompleteJoin(host);
  }

  /** A member's fetch came back: it consumed up to the partition's high watermark. */
  onFetched(member: string, tp: string, hw: number): void {
    const m = this.members.get(member);
    if (!m || !m.owned.includes(tp)) return;
    this.positions[tp] = Math.max(this.positions[tp] ?? 0, hw);
  }

  /** The members and what each consumes now, for the inspection. */
  view(): { member: string; partitions: string[] }[] {
    return [...this.members.values()].map((m) => ({ member: m.id, partitions: [...m.owned] }));
  }

  /** Stops every member's timers (the coordinator moved away). */
  stop(host: GroupHost): void {
    for (const id of this.members.keys()) host.cancelTimer(`grp:hb:${id}`);
    for (const t of ["grp:fetch", "grp:commit", "grp:join", "grp:sync"]) host.cancelTimer(t);
  }
}
