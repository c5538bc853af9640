// A Consul server: a voter of the servers' Raft quorum on the shared Raft core (shared/raft), with the catalog,
// KV store and ACL rules as its state machine (catalog.ts). Writes go through the leader's log; reads follow the
// consistency mode (FACTS §5.3): `default` is served by the leader from its own state (it trusts its leadership
// while CheckQuorum keeps it), `consistent` confirms leadership with a quorum round first (ReadIndex), `stale` is
// served by whichever server got it. A server without a leader holds a request for rpc_hold_timeout (7 s) before
// answering "No cluster leader". The leader reconciles gossip into the catalog: a member that memberlist declares
// failed gets a critical serfHealth check (which makes every service on it critical), a live one passing, and one
// that left is deregistered.

import { type RaftDurable, raftDurable } from "../../raft/durable";
import { type Entry, Raft, type RaftEvent, type RaftStorage, type ReadState } from "../../raft";
import { fromWire, toWire } from "../../raft/wire";
import type { Rng } from "../../sim/rng";
import type { Completion, Message, NodeContext, NodeId } from "../../sim/types";
import { aclDenial } from "./acl";
import { applyCatalog, type CatalogCommand, type CatalogService, type CatalogState, emptyCatalog, isCatalogCommand } from "./catalog";
import type { CheckStatus } from "./health";
import { answerDns, parseDnsName } from "./dns";
import type { RpcMessage } from "./wire";

export const RAFT_TICK_MS = 100;
/** rpc_hold_timeout: how long a server holds a request while the cluster has no leader. */
export const RPC_HOLD_TIMEOUT_MS = 7000;
/** The leader's periodic full reconcile of gossip into the catalog (reconcile_interval). */
export const RECONCILE_INTERVAL_MS = 60_000;
export const ERR_NO_LEADER = "No cluster leader";
export const ERR_LEADERSHIP_LOST = "leadership lost while committing log";

/** A server's durable state is its Raft state (hashicorp/raft's log and stable store). */
export type ServerDurable = RaftDurable;

export interface ServerHooks {
  /** Answer the agent waiting for `rid` (this node's own agent, or another by message). */
  reply(ctx: NodeContext, agent: NodeId, rid: string, completion: Completion): void;
  /** This server's view of gossip: every member's liveness as serf sees it. */
  members(): ReadonlyMap<string, "alive" | "failed" | "left">;
  datacenter: string;
}

/** A new quorum's log: one conf entry per server, then the bootstrap catalog, all committed. */
export function bootstrapServerStorage(servers: readonly NodeId[], catalog: CatalogState): RaftStorage {
  const entries: Entry[] = servers.map((node, i) => ({ data: { change: "add", node }, index: i + 1, term: 1, type: "conf" }));
  entries.push({ data: { op: "bootstrap", state: catalog } satisfies CatalogCommand, index: servers.length + 1, term: 1, type: "normal" });
  return { hardState: { term: 1, vote: "", commit: entries.length }, entries, conf: { voters: [...servers], removed: [] } };
}

interface Held {
  msg: RpcMessage;
  until: number;
}

export class ConsulServer {
  readonly raft: Raft;
  readonly catalog: CatalogState = emptyCatalog();
  /** Writes this server proposed, by request id: the agent to answer once applied. */
  private readonly writes = new Map<string, string>();
  /** Consistent reads waiting for their ReadIndex, then for it to be applied. */
  private readonly reads = new Map<string, { msg: RpcMessage; index?: number }>();
  private held: Held[] = [];
  /** serfHealth changes proposed and not yet applied, so a reconcile never proposes the same change twice. */
  private readonly proposedSerf = new Map<string, CheckStatus | "gone">();
  private rng: Rng | undefined;
  private sinceReconcile = 0;

  constructor(
    readonly id: NodeId,
    electionMs: number,
    storage: RaftStorage,
    private readonly hooks: ServerHooks,
  ) {
    const electionTick = Math.max(2, Math.round(electionMs / RAFT_TICK_MS));
    this.raft = new Raft(
      {
        id,
        electionTick,
        // hashicorp/raft's leader sends heartbeats at a tenth of the heartbeat timeout.
        heartbeatTick: Math.max(1, Math.floor(electionTick / 10)),
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

  durable(): ServerDurable {
    return raftDurable(this.raft);
  }

  isLeader(): boolean {
    return this.raft.state === "leader";
  }

  leader(): NodeId | null {
    return this.raft.lead === "" ? null : this.raft.lead;
  }

  tick(ctx: NodeContext): void {
    this.raft.tick();
    this.drain(ctx);
    const now = ctx.monotonicTime;
    if (this.held.length > 0) {
      const held = this.held;
      this.held = [];
      for (const h of held) {
        if (now >= h.until) this.hooks.reply(ctx, h.msg.agent, h.msg.rid, { type: "fail", error: ERR_NO_LEADER });
        else this.handle(ctx, h.msg, h.until);
      }
    }
    this.sinceReconcile += RAFT_TICK_MS;
    if (this.isLeader() && this.sinceReconcile >= RECONCILE_INTERVAL_MS) this.reconcile(ctx);
  }

  /** A Raft message; false when `msg` is not one. */
  step(ctx: NodeContext, from: NodeId, msg: Message): boolean {
    const m = fromWire(msg, from);
    if (!m) return false;
    this.raft.step(m);
    this.drain(ctx);
    return true;
  }

  // ---- requests -----------------------------------------------------------------------------------------------

  /** Handles an RPC from an agent (or forwarded by another server). `holdUntil`: when a held request gives up. */
  handle(ctx: NodeContext, msg: RpcMessage, holdUntil?: number): void {
    const op = msg.op;
    if (op.f === "dns") {
      const q = parseDnsName(op.name, this.hooks.datacenter);
      if (typeof q === "string") {
        this.hooks.reply(ctx, msg.agent, msg.rid, { type: "fail", error: q });
        return;
      }
      const a = answerDns(this.catalog, q, op.onlyPassing, ctx.rng);
      this.hooks.reply(ctx, msg.agent, msg.rid, { type: "ok", value: a.records, note: `${a.note} (answered by ${this.id}, stale allowed)` });
      return;
    }
    if (op.f === "read" && op.mode === "stale") {
      this.serveRead(ctx, msg, `served by ${this.id} from its own copy (stale allowed)`);
      return;
    }
    if (!this.isLeader()) {
      this.forward(ctx, msg, holdUntil ?? ctx.monotonicTime + RPC_HOLD_TIMEOUT_MS);
      return;
    }
    if (op.f === "read") {
      if (op.mode === "default") this.serveRead(ctx, msg, `served by the leader ${this.id}`);
      else this.startConsistentRead(ctx, msg);
      return;
    }
    if (op.f === "write") {
      const denied = aclDenial(this.catalog.acl, op.key, "write");
      if (denied) {
        this.hooks.reply(ctx, msg.agent, msg.rid, { type: "fail", error: denied });
        return;
      }
      this.propose(ctx, msg.agent, msg.rid, { op: "kv-set", key: op.key, value: op.value, rid: msg.rid });
      return;
    }
    this.sync(ctx, msg, op.services);
  }

  private forward(ctx: NodeContext, msg: RpcMessage, until: number): void {
    const lead = this.leader();
    if (lead !== null && lead !== this.id && msg.hops < 1) ctx.send(lead, { ...msg, hops: msg.hops + 1 });
    else this.held.push({ msg, until });
  }

  private serveRead(ctx: NodeContext, msg: RpcMessage, how: string): void {
    const key = (msg.op as { key: string }).key;
    const denied = aclDenial(this.catalog.acl, key, "read");
    if (denied) {
      this.hooks.reply(ctx, msg.agent, msg.rid, { type: "fail", error: denied });
      return;
    }
    const value = Object.hasOwn(this.catalog.kv, key) ? this.catalog.kv[key] : null;
    this.hooks.reply(ctx, msg.agent, msg.rid, { type: "ok", value, note: how });
  }

  private startConsistentRead(ctx: NodeContext, msg: RpcMessage): void {
    const reason = this.raft.readIndex(msg.rid);
    if (reason !== undefined) {
      this.hooks.reply(ctx, msg.agent, msg.rid, { type: "fail", error: reason === "no leader" ? ERR_NO_LEADER : reason });
      return;
    }
    this.reads.set(msg.rid, { msg });
    this.drain(ctx);
  }

  private sync(ctx: NodeContext, msg: RpcMessage, services: Record<string, CatalogService>): void {
    const known = this.catalog.nodes[msg.agent]?.services;
    if (known !== undefined && JSON.stringify(known) === JSON.stringify(services)) {
      this.hooks.reply(ctx, msg.agent, msg.rid, { type: "ok" });
      return;
    }
    this.propose(ctx, msg.agent, msg.rid, { op: "sync", node: msg.agent, services, rid: msg.rid });
  }

  /** Proposes a command whose application answers `agent`; fails at once when Raft refuses it. */
  propose(ctx: NodeContext, agent: NodeId, rid: string, cmd: CatalogCommand): void {
    const reason = this.raft.propose(cmd);
    if (reason !== undefined) {
      this.hooks.reply(ctx, agent, rid, { type: "fail", error: reason === "no leader" ? ERR_NO_LEADER : reason });
      return;
    }
    this.writes.set(rid, agent);
    this.drain(ctx);
  }

  /** A command from the operator (ACL rule, catalog deregistration); false when this server cannot propose now. */
  proposeAdmin(ctx: NodeContext, cmd: CatalogCommand): boolean {
    if (!this.isLeader()) return false;
    const ok = this.raft.propose(cmd) === undefined;
    this.drain(ctx);
    return ok;
  }

  // ---- gossip into the catalog --------------------------------------------------------------------------------

  /** Brings the catalog's serfHealth in line with gossip, for one member or for all. */
  reconcile(ctx: NodeContext, only?: string): void {
    if (!this.isLeader()) return;
    if (only === undefined) this.sinceReconcile = 0;
    for (const [node, state] of this.hooks.members()) {
      if (only !== undefined && node !== only) continue;
      const entry = this.catalog.nodes[node];
      const want: CheckStatus | "gone" = state === "left" ? "gone" : state === "alive" ? "passing" : "critical";
      const have: CheckStatus | "gone" = entry === undefined ? "gone" : entry.serfHealth;
      if (want === have || this.proposedSerf.get(node) === want) continue;
      const cmd: CatalogCommand = want === "gone" ? { op: "deregister-node", node } : { op: "serf", node, status: want };
      if (this.raft.propose(cmd) === undefined) this.proposedSerf.set(node, want);
    }
    this.drain(ctx);
  }

  // ---- the Ready loop -----------------------------------------------------------------------------------------

  private drain(ctx: NodeContext): void {
    while (this.raft.hasReady()) {
      const rd = this.raft.ready();
      for (const m of rd.msgs) ctx.send(m.to, toWire(m));
      for (const e of rd.committedEntries) this.apply(ctx, e);
      for (const rs of rd.readStates) this.readConfirmed(rs);
      this.raft.advance(rd);
      for (const ev of rd.events) this.report(ctx, ev);
      if (rd.softState && rd.softState.state !== "leader") this.lostLeadership(ctx);
      this.serveReads(ctx);
    }
  }

  private apply(ctx: NodeContext, e: Entry): void {
    if (e.type !== "normal" || !isCatalogCommand(e.data)) return;
    const cmd = e.data;
    applyCatalog(this.catalog, cmd);
    if (cmd.op === "serf") this.proposedSerf.delete(cmd.node);
    if (cmd.op === "deregister-node") this.proposedSerf.delete(cmd.node);
    const rid = cmd.op === "kv-set" || cmd.op === "sync" ? cmd.rid : undefined;
    if (rid === undefined) return;
    const agent = this.writes.get(rid);
    if (agent === undefined) return;
    this.writes.delete(rid);
    this.hooks.reply(ctx, agent, rid, { type: "ok" });
  }

  private readConfirmed(rs: ReadState): void {
    const r = this.reads.get(rs.context);
    if (r) r.index = rs.index;
  }

  private serveReads(ctx: NodeContext): void {
    for (const [rid, r] of this.reads) {
      if (r.index === undefined || r.index > this.raft.log.applied) continue;
      this.reads.delete(rid);
      this.serveRead(ctx, r.msg, `served by the leader ${this.id} after a quorum confirmed its leadership`);
    }
  }

  /** Reads not yet confirmed cannot be any more; writes in flight may still commit, so they get no answer. */
  private lostLeadership(ctx: NodeContext): void {
    this.proposedSerf.clear();
    for (const [rid, r] of this.reads) {
      if (r.index !== undefined) continue;
      this.reads.delete(rid);
      this.hooks.reply(ctx, r.msg.agent, rid, { type: "fail", error: ERR_LEADERSHIP_LOST });
    }
  }

  private report(ctx: NodeContext, ev: RaftEvent): void {
    if (ev.kind === "leader") {
      ctx.emit({ kind: "leader", node: this.id, term: ev.term, text: `${this.id} became the Consul leader for term ${ev.term}` });
      this.proposedSerf.clear();
      this.reconcile(ctx);
    } else if (ev.kind === "step-down") {
      ctx.emit({ kind: "step-down", node: this.id, term: ev.term, text: `${this.id} stepped down as Consul leader: ${ev.reason}` });
    } else if (ev.kind === "campaign" && !ev.pre) {
      ctx.emit({ kind: "election", node: this.id, term: ev.term, text: `${this.id} started an election for term ${ev.term}` });
    }
  }
}
