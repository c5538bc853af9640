// One Consul agent on the simulation kernel. Every node is an agent that gossips with memberlist (SWIM +
// Lifeguard), runs the health checks of the service instances registered on it and keeps the servers' catalog in
// line with them (anti-entropy), and forwards its clients' KV and DNS requests to a server. The first nodes (three
// by default) are also servers: voters of the Raft quorum that holds the catalog and KV (server.ts).
//
// What survives a crash (durable): a server's Raft state, the agent's service definitions and its config (the
// operator's set-config changes are edits to the agent's config files). Gossip state does not: a restarted agent
// starts with incarnation 1 and rejoins by push-pull, and refutes the death the others remember.

import { raftStorage } from "../../raft/durable";
import type { ClientRequest, Completion, Message, NodeContext, NodeId, NodeInspection, SystemNode } from "../../sim/types";
import type { AclPolicy } from "./acl";
import type { CatalogService, CatalogState } from "./catalog";
import { type AgentSettings, agentSettings, type ConsulConfig, raftTimings, serverIds } from "./config";
import type { CheckStatus } from "./health";
import { type Member, Memberlist } from "./memberlist/memberlist";
import { MEMBERLIST_KINDS } from "./memberlist/wire";
import { bootstrapServerStorage, ConsulServer, RAFT_TICK_MS, type ServerDurable } from "./server";
import { RPC, RPC_REPLY, type RpcMessage, type RpcOp, type RpcReply } from "./wire";

export interface ConsulDurable {
  settings: AgentSettings;
  /** Service definitions registered on this agent (data_dir/services): name -> port. */
  services: Record<string, number>;
  server?: ServerDurable;
}

export type ConsulCommand =
  | { kind: "settings"; settings: Partial<AgentSettings> }
  | { kind: "register"; service: string; port: number }
  | { kind: "deregister"; service: string }
  | { kind: "leave" }
  | { kind: "admin"; op: "acl"; prefix: string; policy: AclPolicy }
  | { kind: "admin"; op: "deregister-service"; node: string; service: string }
  | { kind: "admin"; op: "deregister-node"; node: string }
  | { kind: "transfer-leader"; to: NodeId };

/** anti-entropy's full sync interval for clusters up to 128 nodes (ae.scaleFactor: 1 min). */
export const AE_INTERVAL_MS = 60_000;
/** After a failed or unanswered sync the agent tries again this much later (retryFailIntv). */
export const AE_RETRY_MS = 15_000;
/** How long the agent waits for a sync's answer before counting it failed. */
export const AE_REPLY_WAIT_MS = 5_000;
export const ERR_NO_SERVERS = "No known Consul servers";

const T_RAFT = "raft-tick";
const T_CHECK = "check:";
const T_AE = "ae";
const T_AE_RETRY = "ae-retry";

interface LocalService {
  port: number;
  status: CheckStatus;
}

export class ConsulNode implements SystemNode {
  readonly servers: readonly NodeId[];
  readonly isServer: boolean;
  settings: AgentSettings;
  readonly ml: Memberlist;
  readonly server: ConsulServer | undefined;
  readonly services = new Map<string, LocalService>();
  /** Client requests this agent forwarded, by request id. */
  private readonly pending = new Map<string, number>();
  private rpcServer: NodeId | undefined;
  private syncSeq = 0;
  private syncing: string | undefined;
  private dirty = false;
  private readonly restarted: boolean;
  /** Simulated time at the last handler, for inspect(). */
  now = 0;
  startedAt = 0;

  constructor(
    readonly id: NodeId,
    readonly cfg: ConsulConfig,
    durable: ConsulDurable | undefined,
    initialMembers: readonly NodeId[],
  ) {
    this.restarted = durable !== undefined;
    this.servers = serverIds(cfg, initialMembers);
    this.isServer = this.servers.includes(id);
    this.settings = durable ? { ...durable.settings } : agentSettings(cfg);
    this.ml = new Memberlist(id, () => this.settings, { changed: (ctx, m) => this.memberChanged(ctx, m) });
    if (durable) {
      for (const [name, port] of Object.entries(durable.services)) this.services.set(name, { port, status: "critical" });
    } else {
      // The level's starting instances are registered and passing.
      for (const [name, nodes] of Object.entries(cfg.services)) if (nodes.includes(id)) this.services.set(name, { port: 8080, status: "passing" });
    }
    if (this.isServer) {
      const storage = durable?.server
        ? raftStorage(durable.server)
        : bootstrapServerStorage(this.servers, initialCatalog(cfg, initialMembers));
      this.server = new ConsulServer(id, raftTimings(cfg).electionMs, storage, {
        reply: (ctx, agent, rid, c) => this.reply(ctx, agent, rid, c),
        members: () => this.serfMembers(),
        datacenter: cfg.datacenter,
      });
    }
  }

  // ---- kernel handlers ----------------------------------------------------------------------------------------

  start(ctx: NodeContext): void {
    this.now = ctx.monotonicTime;
    this.startedAt = ctx.monotonicTime;
    const formed = !this.restarted && ctx.monotonicTime === 0 ? ctx.peers : null;
    this.ml.start(ctx, formed, ctx.peers.filter((p) => p !== this.id));
    if (this.server) {
      this.server.start(ctx);
      ctx.setTimer(T_RAFT, RAFT_TICK_MS + ctx.rng.int(0, RAFT_TICK_MS));
    }
    // Checks start at a random stagger within their interval (lib.RandomStagger), as Consul's check runners do.
    for (const name of this.services.keys()) ctx.setTimer(T_CHECK + name, ctx.rng.int(1, this.settings.checkIntervalMs + 1));
    ctx.setTimer(T_AE, ctx.rng.int(1, AE_INTERVAL_MS + 1));
    if (formed === null) this.markDirty(ctx);
  }

  onTimer(ctx: NodeContext, name: string): void {
    this.now = ctx.monotonicTime;
    if (this.ml.onTimer(ctx, name)) return;
    if (name === T_RAFT && this.server) {
      ctx.setTimer(T_RAFT, RAFT_TICK_MS);
      this.server.tick(ctx);
    } else if (name.startsWith(T_CHECK)) this.runCheck(ctx, name.slice(T_CHECK.length));
    else if (name === T_AE) {
      ctx.setTimer(T_AE, AE_INTERVAL_MS);
      this.sync(ctx);
    } else if (name === T_AE_RETRY) {
      if (this.dirty) this.sync(ctx);
    }
  }

  onMessage(ctx: NodeContext, from: NodeId, msg: Message): void {
    this.now = ctx.monotonicTime;
    if (MEMBERLIST_KINDS.has(msg.kind)) {
      this.ml.onMessage(ctx, from, msg);
      return;
    }
    if (msg.kind === RPC) {
      if (this.server) this.server.handle(ctx, msg as RpcMessage);
      return;
    }
    if (msg.kind === RPC_REPLY) {
      const r = msg as RpcReply;
      this.replied(ctx, r.rid, r.completion);
      return;
    }
    this.server?.step(ctx, from, msg);
  }

  onClientRequest(ctx: NodeContext, req: ClientRequest): void {
    this.now = ctx.monotonicTime;
    const op = requestOp(req, this.settings);
    if (typeof op === "string") {
      ctx.respond(req.id, { type: "fail", error: op });
      return;
    }
    const rid = `${this.id}#${req.id}`;
    // Pending before the RPC: on a server the answer can come back at once (DNS, a read the leader serves).
    this.pending.set(rid, req.id);
    if (!this.rpc(ctx, rid, op)) {
      this.pending.delete(rid);
      ctx.respond(req.id, { type: "fail", error: ERR_NO_SERVERS });
    }
  }

  onCommand(ctx: NodeContext, command: Message): void {
    this.now = ctx.monotonicTime;
    const c = command as ConsulCommand;
    switch (c.kind) {
      case "settings":
        this.settings = { ...this.settings, ...c.settings };
        this.ml.awareness.max = this.settings.awarenessMaxMultiplier;
        this.ml.awareness.applyDelta(0);
        break;
      case "register":
        this.services.set(c.service, { port: c.port, status: "critical" });
        ctx.setTimer(T_CHECK + c.service, ctx.rng.int(1, this.settings.checkIntervalMs + 1));
        ctx.emit({ kind: "service-registered", node: this.id, text: `${c.service} registered on ${this.id}; its health check is critical until it first runs` });
        this.markDirty(ctx);
        break;
      case "deregister":
        this.services.delete(c.service);
        ctx.cancelTimer(T_CHECK + c.service);
        ctx.emit({ kind: "service-deregistered", node: this.id, text: `${c.service} deregistered from ${this.id}` });
        this.markDirty(ctx);
        break;
      case "leave":
        this.ml.leave(ctx);
        break;
      case "admin":
        if (!this.server?.proposeAdmin(ctx, c.op === "acl" ? { op: "acl", prefix: c.prefix, policy: c.policy } : c.op === "deregister-service" ? { op: "deregister-service", node: c.node, service: c.service } : { op: "deregister-node", node: c.node })) {
          ctx.emit({ kind: "refused", node: this.id, text: `${this.id} is no longer the leader and could not write the change` });
        }
        break;
      case "transfer-leader":
        if (this.server?.raft.transferLeader(c.to) !== undefined) ctx.emit({ kind: "refused", node: this.id, text: `${this.id} knows no leader to hand over to ${c.to}` });
        break;
    }
  }

  durable(): ConsulDurable {
    const services: Record<string, number> = {};
    for (const [name, s] of this.services) services[name] = s.port;
    return { settings: { ...this.settings }, services, ...(this.server ? { server: this.server.durable() } : {}) };
  }

  // ---- RPC to the servers -------------------------------------------------------------------------------------

  /** Sends an RPC to this agent's server (itself, on a server); false when it knows of no live server. */
  private rpc(ctx: NodeContext, rid: string, op: RpcOp): boolean {
    const msg: RpcMessage = { kind: RPC, rid, agent: this.id, op, hops: 0 };
    if (this.server) {
      this.server.handle(ctx, msg);
      return true;
    }
    const target = this.pickServer(ctx);
    if (target === undefined) return false;
    ctx.send(target, msg);
    return true;
  }

  /** Consul's server manager: stay with one server while gossip says it is alive, else pick another at random. */
  private pickServer(ctx: NodeContext): NodeId | undefined {
    const usable = (s: NodeId) => {
      const m = this.ml.members.get(s);
      return m !== undefined && (m.state === "alive" || m.state === "suspect");
    };
    if (this.rpcServer !== undefined && usable(this.rpcServer)) return this.rpcServer;
    const candidates = this.servers.filter(usable);
    this.rpcServer = candidates.length > 0 ? ctx.rng.pick(candidates) : undefined;
    return this.rpcServer;
  }

  private reply(ctx: NodeContext, agent: NodeId, rid: string, completion: Completion): void {
    if (agent === this.id) this.replied(ctx, rid, completion);
    else ctx.send(agent, { kind: RPC_REPLY, rid, completion } satisfies RpcReply);
  }

  private replied(ctx: NodeContext, rid: string, completion: Completion): void {
    if (rid === this.syncing) {
      this.syncing = undefined;
      if (completion.type === "ok") this.dirty = false;
      else ctx.setTimer(T_AE_RETRY, AE_RETRY_MS);
      return;
    }
    const requestId = this.pending.get(rid);
    if (requestId === undefined) return;
    this.pending.delete(rid);
    ctx.respond(requestId, completion);
  }

  // ---- health checks and anti-entropy -------------------------------------------------------------------------

  /** The check probes the instance on this node; while the agent runs, the instance answers. */
  private runCheck(ctx: NodeContext, name: string): void {
    const s = this.services.get(name);
    if (!s) return;
    ctx.setTimer(T_CHECK + name, this.settings.checkIntervalMs);
    if (s.status === "passing") return;
    s.status = "passing";
    ctx.emit({ kind: "check", node: this.id, text: `the health check of ${name} on ${this.id} is now passing` });
    this.markDirty(ctx);
  }

  private markDirty(ctx: NodeContext): void {
    this.dirty = true;
    this.sync(ctx);
  }

  /** Sends this agent's services and their check states to the catalog. */
  private sync(ctx: NodeContext): void {
    const services: Record<string, CatalogService> = {};
    for (const name of [...this.services.keys()].sort()) {
      const s = this.services.get(name) as LocalService;
      services[name] = { port: s.port, status: s.status };
    }
    const rid = `${this.id}/sync#${++this.syncSeq}@${ctx.monotonicTime}`;
    if (!this.rpc(ctx, rid, { f: "sync", services })) {
      ctx.setTimer(T_AE_RETRY, AE_RETRY_MS);
      return;
    }
    this.syncing = rid;
    ctx.setTimer(T_AE_RETRY, AE_REPLY_WAIT_MS);
  }

  // ---- gossip -------------------------------------------------------------------------------------------------

  private memberChanged(ctx: NodeContext, m: Member): void {
    if (m.node === this.rpcServer && (m.state === "dead" || m.state === "left")) this.rpcServer = undefined;
    this.server?.reconcile(ctx, m.node);
  }

  /** Members as serf reports them to Consul: suspect still counts as alive. */
  private serfMembers(): Map<string, "alive" | "failed" | "left"> {
    const out = new Map<string, "alive" | "failed" | "left">();
    for (const m of this.ml.members.values()) out.set(m.node, m.state === "dead" ? "failed" : m.state === "left" ? "left" : "alive");
    return out;
  }

  // ---- the screen ---------------------------------------------------------------------------------------------

  role(): string {
    if (!this.server) return "client";
    return this.server.isLeader() ? "server-leader" : "server";
  }

  catalog(): CatalogState | undefined {
    return this.server?.catalog;
  }

  inspect(): NodeInspection {
    const ml = this.ml;
    const counts = { alive: 0, suspect: 0, dead: 0 };
    for (const m of ml.members.values()) counts[m.state === "left" ? "dead" : m.state]++;
    const stats: Record<string, number> = { incarnation: ml.incarnation, alive: counts.alive, suspect: counts.suspect, dead: counts.dead, awareness: ml.awareness.score };
    const detail: Record<string, unknown> = {
      members: [...ml.members.values()].map((m) => ({ node: m.node, state: m.state, incarnation: m.inc })),
      probe: ml.probe && {
        target: ml.probe.target,
        elapsedMs: this.now - ml.probe.startedAt,
        endsInMs: ml.probe.deadline - this.now,
        indirect: ml.probe.indirect,
        nacks: ml.probe.nacks,
      },
      suspicions: [...ml.suspicions.entries()].map(([node, s]) => ({ node, confirmations: s.confirmations, wanted: s.k, deadInMs: s.deadline() - this.now })),
      services: Object.fromEntries([...this.services].map(([name, s]) => [name, s.status])),
      gossipQueued: ml.broadcasts.length,
      settings: { ...this.settings },
    };
    const badges: Record<string, number> = {};
    if (counts.suspect > 0) badges.suspects = counts.suspect;
    if (ml.awareness.score > 0) badges.awareness = ml.awareness.score;
    // Public: the picture draws every agent's view of the others and its suspicion timers (deadlines are
    // monotonic, which is simulated time).
    const members = [...ml.members.values()].map((m) => {
      const s = m.state === "suspect" ? ml.suspicions.get(m.node) : undefined;
      return s ? { node: m.node, state: m.state, incarnation: m.inc, deadAt: s.deadline() } : { node: m.node, state: m.state, incarnation: m.inc };
    });
    const out: NodeInspection = { role: this.role(), stats, detail, badges, members };
    if (this.server) {
      const r = this.server.raft;
      stats.term = r.term;
      stats.commit = r.log.committed;
      stats.applied = r.log.applied;
      out.log = r.log.all().map((e) => e.term);
      out.commitIndex = r.log.committed;
      detail.lead = r.lead;
      detail.kv = { ...this.server.catalog.kv };
      detail.acl = { ...this.server.catalog.acl };
    }
    return out;
  }
}

/** The catalog a new cluster starts with: every initial node, passing, and the level's service instances. */
function initialCatalog(cfg: ConsulConfig, nodes: readonly NodeId[]): CatalogState {
  const catalog: CatalogState = { nodes: {}, kv: {}, acl: { ...cfg.acl } };
  for (const n of nodes) catalog.nodes[n] = { serfHealth: "passing", services: {} };
  for (const [name, on] of Object.entries(cfg.services)) {
    for (const n of on) if (catalog.nodes[n]) catalog.nodes[n].services[name] = { port: 8080, status: "passing" };
  }
  return catalog;
}

/** The RPC a client request becomes, or why it cannot be one. */
function requestOp(req: ClientRequest, settings: AgentSettings): RpcOp | string {
  if (typeof req.key !== "string" || req.key === "") return `a ${req.f} needs a ${req.f === "dns" ? "name" : "key"}`;
  if (req.f === "read") return { f: "read", key: req.key, mode: settings.consistencyMode };
  if (req.f === "write") return req.value === undefined ? "a write needs a value" : { f: "write", key: req.key, value: req.value };
  if (req.f === "dns") return { f: "dns", name: req.key, onlyPassing: settings.dnsOnlyPassing };
  return `Consul clients read and write keys and ask DNS; "${req.f}" is none of those`;
}
