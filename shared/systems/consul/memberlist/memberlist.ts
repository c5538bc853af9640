// SWIM with Lifeguard, as hashicorp/memberlist runs it (state.go): every probe interval a node pings the next
// member of a shuffled round-robin list; without an ack within ProbeTimeout it asks IndirectChecks random members
// to ping-req the target (they answer with nacks when they cannot reach it either) and tries a TCP ping; without
// any ack by the end of the round (ProbeInterval scaled by its local health) it suspects the target. Suspicions,
// refutations, deaths and joins spread as gossip piggybacked on every packet, each sent retransmitLimit times,
// with GossipNodes random members sent a gossip packet every GossipInterval; a full push-pull state exchange runs
// every PushPullInterval and at join. Incarnation numbers order the claims: a member that hears itself accused
// refutes with a higher incarnation.
//
// The engine is driven by its node: it owns timers named "ml-*" and messages of memberlist's kinds.

import type { Message, NodeContext } from "../../../sim/types";
import { Awareness } from "./awareness";
import { BroadcastQueue } from "./broadcasts";
import { type GossipConfig, MAX_PIGGYBACK, TCP_RETRANSMIT_MS } from "./config";
import { confirmationsWanted, pushPullScale, suspicionBounds } from "./formulas";
import { Suspicion } from "./suspicion";
import { ACK, GOSSIP, type Gossip, type MemberState, NACK, PING, PING_REQ, PUSH_PULL, PUSH_PULL_RESP, type PushPullState } from "./wire";

export interface Member {
  node: string;
  state: MemberState;
  inc: number;
  /** When the state last changed (monotonic ms). */
  since: number;
}

/** A state this node concluded about another (for metrics): kept as a short rolling log. */
export interface Declaration {
  seq: number;
  t: number;
  kind: "suspect" | "dead";
  node: string;
  inc: number;
}

interface Probe {
  target: string;
  seq: number;
  startedAt: number;
  deadline: number;
  nacksExpected: number;
  nacks: number;
  indirect: boolean;
}

interface Relay {
  orig: string;
  origSeq: number;
  nack: boolean;
}

export interface MemberlistHooks {
  /** A member's state changed in this node's view (alive, suspect, dead, left). */
  changed(ctx: NodeContext, member: Member): void;
}

const T_PROBE = "ml-probe";
const T_PROBE_TIMEOUT = "ml-probe-timeout";
const T_PROBE_DEADLINE = "ml-probe-deadline";
const T_TCP = "ml-tcp";
const T_GOSSIP = "ml-gossip";
const T_PUSH_PULL = "ml-push-pull";
const T_SUSPECT = "ml-suspect:";
const T_RELAY = "ml-relay:";
const DECLARATIONS_KEPT = 256;

export class Memberlist {
  readonly members = new Map<string, Member>();
  readonly awareness: Awareness;
  readonly suspicions = new Map<string, Suspicion>();
  readonly broadcasts = new BroadcastQueue();
  probe: Probe | null = null;
  readonly declarations: Declaration[] = [];
  private declarationSeq = 0;
  private probeOrder: string[] = [];
  private probeIndex = 0;
  private tickPending = false;
  private seq = 0;
  private readonly relays = new Map<number, Relay>();

  constructor(
    readonly self: string,
    private readonly cfg: () => GossipConfig,
    private readonly hooks: MemberlistHooks,
  ) {
    this.awareness = new Awareness(cfg().awarenessMaxMultiplier);
  }

  get incarnation(): number {
    return this.members.get(this.self)?.inc ?? 0;
  }

  /**
   * Starts gossiping. `formed`: the members of an already formed cluster, all alive (the level's start); otherwise
   * the node is new or restarted and joins by push-pull with `joinVia`, as `consul agent -retry-join` does.
   */
  start(ctx: NodeContext, formed: readonly string[] | null, joinVia: readonly string[]): void {
    const now = ctx.monotonicTime;
    this.members.set(this.self, { node: this.self, state: "alive", inc: 1, since: now });
    for (const n of formed ?? []) if (n !== this.self) this.members.set(n, { node: n, state: "alive", inc: 1, since: now });
    this.probeOrder = ctx.rng.shuffle([...this.members.keys()].filter((n) => n !== this.self));
    const c = this.cfg();
    // Each ticker starts with a random stagger within its interval, as memberlist's schedule() does.
    ctx.setTimer(T_PROBE, ctx.rng.int(0, c.probeIntervalMs) + 1);
    ctx.setTimer(T_GOSSIP, ctx.rng.int(0, c.gossipIntervalMs) + 1);
    ctx.setTimer(T_PUSH_PULL, ctx.rng.int(0, c.pushPullIntervalMs) + 1);
    if (formed === null) {
      this.broadcasts.queue({ t: "alive", node: this.self, inc: 1, from: this.self });
      for (const peer of joinVia) if (peer !== this.self) this.sendPushPull(ctx, peer, true);
    }
  }

  /** Members in this node's view that are not dead or left (memberlist's estimate of the cluster size counts all). */
  numNodes(): number {
    return this.members.size;
  }

  aliveCount(): number {
    let n = 0;
    for (const m of this.members.values()) if (m.state === "alive" || m.state === "suspect") n++;
    return n;
  }

  // ---- timers -------------------------------------------------------------------------------------------------

  onTimer(ctx: NodeContext, name: string): boolean {
    if (!name.startsWith("ml-")) return false;
    const c = this.cfg();
    if (name === T_PROBE) {
      ctx.setTimer(T_PROBE, c.probeIntervalMs);
      if (this.probe) this.tickPending = true;
      else this.startProbe(ctx);
    } else if (name === T_PROBE_TIMEOUT) this.probeTimedOut(ctx);
    else if (name === T_TCP) this.tcpPing(ctx);
    else if (name === T_PROBE_DEADLINE) this.probeFailed(ctx);
    else if (name === T_GOSSIP) {
      ctx.setTimer(T_GOSSIP, c.gossipIntervalMs);
      this.gossip(ctx);
    } else if (name === T_PUSH_PULL) {
      ctx.setTimer(T_PUSH_PULL, pushPullScale(c.pushPullIntervalMs, this.numNodes()));
      const peer = this.randomMembers(ctx, 1, (m) => m.state === "alive")[0];
      if (peer) this.sendPushPull(ctx, peer, false);
    } else if (name.startsWith(T_SUSPECT)) this.suspicionExpired(ctx, name.slice(T_SUSPECT.length));
    else if (name.startsWith(T_RELAY)) this.relayTimedOut(ctx, Number(name.slice(T_RELAY.length)));
    return true;
  }

  // ---- probing ------------------------------------------------------------------------------------------------

  private nextTarget(ctx: NodeContext): string | undefined {
    for (let pass = 0; pass < 2; pass++) {
      while (this.probeIndex < this.probeOrder.length) {
        const node = this.probeOrder[this.probeIndex++];
        const m = this.members.get(node);
        if (m && (m.state === "alive" || m.state === "suspect")) return node;
      }
      // End of a pass: memberlist's resetNodes reshuffles the list.
      this.probeIndex = 0;
      this.probeOrder = ctx.rng.shuffle([...this.members.keys()].filter((n) => n !== this.self && this.members.get(n)?.state !== "left"));
    }
    return undefined;
  }

  private startProbe(ctx: NodeContext): void {
    const target = this.nextTarget(ctx);
    if (target === undefined) return;
    const c = this.cfg();
    const now = ctx.monotonicTime;
    const round = c.lifeguard ? this.awareness.scale(c.probeIntervalMs) : c.probeIntervalMs;
    this.probe = { target, seq: ++this.seq, startedAt: now, deadline: now + round, nacksExpected: 0, nacks: 0, indirect: false };
    const m = this.members.get(target) as Member;
    // Lifeguard's buddy system: a suspect is told of the suspicion in the ping itself, so it can refute at once.
    const extra: Gossip[] = m.state === "suspect" ? [{ t: "suspect", node: target, inc: m.inc, from: this.self }] : [];
    this.send(ctx, target, { kind: PING, seq: this.probe.seq, node: target }, extra);
    ctx.setTimer(T_PROBE_TIMEOUT, c.probeTimeoutMs);
    ctx.setTimer(T_PROBE_DEADLINE, round);
  }

  /** No direct ack within ProbeTimeout: ask IndirectChecks alive members to ping-req, and try TCP. */
  private probeTimedOut(ctx: NodeContext): void {
    const p = this.probe;
    if (!p) return;
    const c = this.cfg();
    p.indirect = true;
    const helpers = this.randomMembers(ctx, c.indirectChecks, (m) => m.state === "alive" && m.node !== p.target);
    for (const h of helpers) this.send(ctx, h, { kind: PING_REQ, seq: p.seq, target: p.target, nack: c.lifeguard });
    p.nacksExpected = c.lifeguard ? helpers.length : 0;
    this.tcpPing(ctx);
  }

  /** The TCP fallback ping, resent at the minimum retransmission timeout until the round ends. */
  private tcpPing(ctx: NodeContext): void {
    const p = this.probe;
    if (!p) return;
    ctx.send(p.target, { kind: PING, seq: p.seq, node: p.target, tcp: true });
    if (ctx.monotonicTime + TCP_RETRANSMIT_MS < p.deadline) ctx.setTimer(T_TCP, TCP_RETRANSMIT_MS);
  }

  private probeSucceeded(ctx: NodeContext): void {
    this.awareness.applyDelta(-1);
    this.endProbe(ctx);
  }

  /** The round ended without an ack: lower our own health score, then suspect the target. */
  private probeFailed(ctx: NodeContext): void {
    const p = this.probe;
    if (!p) return;
    if (this.cfg().lifeguard) this.awareness.applyDelta(p.nacksExpected > 0 ? Math.max(0, p.nacksExpected - p.nacks) : 1);
    const m = this.members.get(p.target);
    this.endProbe(ctx);
    // Logged and raised on every failed probe: when the target is already suspected, this confirms the suspicion.
    if (m && (m.state === "alive" || m.state === "suspect")) {
      ctx.emit({ kind: "suspect", node: this.self, target: m.node, text: `${this.self} suspects ${m.node} has failed: no acks received` });
      this.suspect(ctx, { t: "suspect", node: m.node, inc: m.inc, from: this.self });
    }
  }

  private endProbe(ctx: NodeContext): void {
    this.probe = null;
    ctx.cancelTimer(T_PROBE_TIMEOUT);
    ctx.cancelTimer(T_PROBE_DEADLINE);
    ctx.cancelTimer(T_TCP);
    if (this.tickPending) {
      this.tickPending = false;
      this.startProbe(ctx);
    }
  }

  private relayTimedOut(ctx: NodeContext, seq: number): void {
    const r = this.relays.get(seq);
    if (!r) return;
    this.relays.delete(seq);
    if (r.nack) this.send(ctx, r.orig, { kind: NACK, seq: r.origSeq });
  }

  // ---- messages -----------------------------------------------------------------------------------------------

  onMessage(ctx: NodeContext, from: string, msg: Message): boolean {
    switch (msg.kind) {
      case PING:
        // A ping meant for another node (an old address) is ignored, as memberlist does.
        if (msg.node === this.self) {
          if (msg.tcp) ctx.send(from, { kind: ACK, seq: msg.seq, tcp: true });
          else this.send(ctx, from, { kind: ACK, seq: msg.seq });
        }
        break;
      case ACK:
        this.onAck(ctx, msg.seq as number);
        break;
      case NACK:
        if (this.probe && this.probe.seq === msg.seq) this.probe.nacks++;
        break;
      case PING_REQ: {
        const seq = ++this.seq;
        this.relays.set(seq, { orig: from, origSeq: msg.seq as number, nack: msg.nack === true });
        this.send(ctx, msg.target as string, { kind: PING, seq, node: msg.target });
        ctx.setTimer(T_RELAY + seq, this.cfg().probeTimeoutMs);
        break;
      }
      case GOSSIP:
        break;
      case PUSH_PULL:
        ctx.send(from, { kind: PUSH_PULL_RESP, states: this.states() });
        this.merge(ctx, msg.states as PushPullState[]);
        break;
      case PUSH_PULL_RESP:
        this.merge(ctx, msg.states as PushPullState[]);
        break;
      default:
        return false;
    }
    const piggy = msg.gossip as Gossip[] | undefined;
    if (piggy) for (const g of piggy) this.apply(ctx, g);
    return true;
  }

  private onAck(ctx: NodeContext, seq: number): void {
    const relay = this.relays.get(seq);
    if (relay) {
      this.relays.delete(seq);
      ctx.cancelTimer(T_RELAY + seq);
      this.send(ctx, relay.orig, { kind: ACK, seq: relay.origSeq });
      return;
    }
    if (this.probe && this.probe.seq === seq) this.probeSucceeded(ctx);
  }

  /** Sends a packet with as much queued gossip as fits piggybacked on it. */
  private send(ctx: NodeContext, to: string, msg: Message, extra: readonly Gossip[] = []): void {
    const c = this.cfg();
    const piggy = [...extra, ...this.broadcasts.take(MAX_PIGGYBACK - extra.length, c.retransmitMult, this.numNodes())];
    ctx.send(to, piggy.length > 0 ? { ...msg, gossip: piggy } : msg);
  }

  private gossip(ctx: NodeContext): void {
    const c = this.cfg();
    const now = ctx.monotonicTime;
    const targets = this.randomMembers(
      ctx,
      c.gossipNodes,
      (m) => m.state === "alive" || m.state === "suspect" || (m.state === "dead" && now - m.since <= c.gossipToTheDeadMs),
    );
    for (const t of targets) {
      const piggy = this.broadcasts.take(MAX_PIGGYBACK, c.retransmitMult, this.numNodes());
      if (piggy.length === 0) return;
      ctx.send(t, { kind: GOSSIP, gossip: piggy });
    }
  }

  private sendPushPull(ctx: NodeContext, peer: string, join: boolean): void {
    ctx.send(peer, { kind: PUSH_PULL, join, states: this.states() });
  }

  private states(): PushPullState[] {
    return [...this.members.values()].map((m) => ({ node: m.node, inc: m.inc, state: m.state }));
  }

  /** memberlist's mergeState: alive claims are applied; suspect and dead claims only raise a suspicion here. */
  private merge(ctx: NodeContext, states: readonly PushPullState[]): void {
    for (const s of states) {
      if (s.state === "alive") this.alive(ctx, { t: "alive", node: s.node, inc: s.inc, from: this.self });
      else if (s.state === "left") this.dead(ctx, { t: "dead", node: s.node, inc: s.inc, from: s.node });
      else this.suspect(ctx, { t: "suspect", node: s.node, inc: s.inc, from: this.self });
    }
  }

  private randomMembers(ctx: NodeContext, k: number, ok: (m: Member) => boolean): string[] {
    const candidates = [...this.members.values()].filter((m) => m.node !== this.self && ok(m)).map((m) => m.node);
    return ctx.rng.shuffle(candidates).slice(0, k);
  }

  // ---- state changes (state.go: aliveNode, suspectNode, deadNode, refute) -------------------------------------

  apply(ctx: NodeContext, g: Gossip): void {
    if (g.t === "alive") this.alive(ctx, g);
    else if (g.t === "suspect") this.suspect(ctx, g);
    else this.dead(ctx, g);
  }

  private setState(ctx: NodeContext, m: Member, state: MemberState, inc: number): void {
    const changed = m.state !== state;
    m.inc = inc;
    if (!changed) return;
    m.state = state;
    m.since = ctx.monotonicTime;
    if (state === "suspect" || state === "dead") this.declare(ctx, state, m);
    this.hooks.changed(ctx, m);
  }

  private declare(ctx: NodeContext, kind: "suspect" | "dead", m: Member): void {
    this.declarations.push({ seq: ++this.declarationSeq, t: ctx.monotonicTime, kind, node: m.node, inc: m.inc });
    if (this.declarations.length > DECLARATIONS_KEPT) this.declarations.splice(0, this.declarations.length - DECLARATIONS_KEPT);
  }

  private alive(ctx: NodeContext, g: Gossip): void {
    if (g.node === this.self) {
      // Someone holds an older or conflicting claim about us with a higher incarnation: refute it.
      if (g.inc > this.incarnation) this.refute(ctx, g.inc);
      return;
    }
    const m = this.members.get(g.node);
    if (!m) {
      const fresh: Member = { node: g.node, state: "alive", inc: g.inc, since: ctx.monotonicTime };
      this.members.set(g.node, fresh);
      // New members go in at a random place of the probe list (memberlist: a random offset, then swap).
      this.probeOrder.splice(ctx.rng.int(0, this.probeOrder.length + 1), 0, g.node);
      this.broadcasts.queue(g);
      this.hooks.changed(ctx, fresh);
      return;
    }
    if (g.inc <= m.inc) return;
    this.clearSuspicion(ctx, g.node);
    this.broadcasts.queue(g);
    this.setState(ctx, m, "alive", g.inc);
  }

  private suspect(ctx: NodeContext, g: Gossip): void {
    const m = this.members.get(g.node);
    if (!m || g.inc < m.inc) return;
    const existing = this.suspicions.get(g.node);
    if (existing) {
      if (existing.confirm(g.from)) {
        this.broadcasts.queue(g);
        this.rescheduleSuspicion(ctx, g.node, existing);
      }
      return;
    }
    if (m.state !== "alive") return;
    if (g.node === this.self) {
      this.refute(ctx, g.inc);
      return;
    }
    this.broadcasts.queue(g);
    this.setState(ctx, m, "suspect", g.inc);
    const c = this.cfg();
    const n = this.numNodes();
    const k = c.lifeguard ? confirmationsWanted(c.suspicionMult, n) : 0;
    const { min, max } = suspicionBounds(c.suspicionMult, c.suspicionMaxTimeoutMult, n, c.probeIntervalMs);
    const s = new Suspicion(g.from, k, min, max, ctx.monotonicTime);
    this.suspicions.set(g.node, s);
    this.rescheduleSuspicion(ctx, g.node, s);
  }

  private rescheduleSuspicion(ctx: NodeContext, node: string, s: Suspicion): void {
    ctx.setTimer(T_SUSPECT + node, Math.max(0, s.deadline() - ctx.monotonicTime));
  }

  private clearSuspicion(ctx: NodeContext, node: string): void {
    if (this.suspicions.delete(node)) ctx.cancelTimer(T_SUSPECT + node);
  }

  private suspicionExpired(ctx: NodeContext, node: string): void {
    const s = this.suspicions.get(node);
    const m = this.members.get(node);
    this.suspicions.delete(node);
    if (!s || !m || m.state !== "suspect") return;
    ctx.emit({
      kind: "member-failed",
      node: this.self,
      target: node,
      text: `${this.self} marks ${node} as failed: suspect timeout reached (${s.confirmations} peer confirmation${s.confirmations === 1 ? "" : "s"})`,
    });
    this.dead(ctx, { t: "dead", node, inc: m.inc, from: this.self });
  }

  private dead(ctx: NodeContext, g: Gossip): void {
    const m = this.members.get(g.node);
    if (!m || g.inc < m.inc) return;
    this.clearSuspicion(ctx, g.node);
    if (m.state === "dead" || m.state === "left") return;
    if (g.node === this.self) {
      this.refute(ctx, g.inc);
      return;
    }
    this.broadcasts.queue(g);
    // A node that announces its own death is leaving gracefully (memberlist's StateLeft).
    this.setState(ctx, m, g.from === g.node ? "left" : "dead", g.inc);
  }

  /** Claims a higher incarnation than the accusation and gossips that we are alive; Lifeguard counts it against us. */
  private refute(ctx: NodeContext, accusedInc: number): void {
    const me = this.members.get(this.self) as Member;
    me.inc = Math.max(me.inc + 1, accusedInc + 1);
    if (this.cfg().lifeguard) this.awareness.applyDelta(1);
    this.broadcasts.queue({ t: "alive", node: this.self, inc: me.inc, from: this.self });
    ctx.emit({ kind: "refute", node: this.self, text: `${this.self} heard it was accused and refuted with incarnation ${me.inc}` });
  }

  /** Graceful leave: announce our own death (others mark us left) and send it straight to a few members. */
  leave(ctx: NodeContext): void {
    const g: Gossip = { t: "dead", node: this.self, inc: this.incarnation, from: this.self };
    const targets = this.randomMembers(ctx, Math.max(3, this.cfg().gossipNodes), (m) => m.state === "alive" || m.state === "suspect");
    for (const t of targets) ctx.send(t, { kind: GOSSIP, gossip: [g] });
  }
}
