// A tiny system for testing the kernel, nothing more. Each node keeps a durable counter (pings ever received, and a
// small key-value store) and volatile state (what it received since it last started). Nodes can tick on a timer
// and ping a random peer; tests drive them precisely through actions that become node commands.
//
// Client ops: write/read (a write to a node other than config.leader fails with a redirect, when a leader is set),
// ignore (never answered: times out), slow (answered after config.slowMs).

import { ActionError, type ActionHost, type ClientRequest, type Invariant, type Message, type NodeContext, type NodeId, type SystemDefinition, type SystemNode, type SystemAction } from "../../../shared/sim/types";
import { Simulation, type SimulationOptions } from "../../../shared/sim/simulation";
import { pickWeighted } from "../../../shared/sim/workload";

export interface EchoConfig {
  /** Tick period in ms; 0 = no ticking (tests drive sends by command). */
  tickMs?: number;
  /** Extra random delay 0..tickJitterMs added to each tick. */
  tickJitterMs?: number;
  /** If set, writes to any other node fail with a redirect to it. */
  leader?: NodeId;
  /** Delay before answering a "slow" op. */
  slowMs?: number;
}

export interface Received {
  from: NodeId;
  kind: string;
  seq: number;
  at: number;
}

export interface EchoDurable {
  count: number;
  store: Record<string, unknown>;
}

export class EchoNode implements SystemNode {
  // Durable.
  count: number;
  store: Record<string, unknown>;
  // Volatile.
  received: Received[] = [];
  timerFires: { name: string; at: number }[] = [];
  clockReadings: number[] = [];
  leakedCtx: NodeContext | undefined;
  private sendSeq = 0;
  private slow = new Map<string, number>();

  constructor(
    readonly id: NodeId,
    private readonly config: EchoConfig,
    durable: EchoDurable | undefined,
  ) {
    this.count = durable?.count ?? 0;
    this.store = durable ? { ...durable.store } : {};
  }

  start(ctx: NodeContext): void {
    this.leakedCtx = ctx;
    this.armTick(ctx);
  }

  private armTick(ctx: NodeContext): void {
    const tick = this.config.tickMs ?? 0;
    if (tick > 0) ctx.setTimer("tick", tick + ctx.rng.int(0, (this.config.tickJitterMs ?? 0) + 1));
  }

  onMessage(ctx: NodeContext, from: NodeId, msg: Message): void {
    this.received.push({ from, kind: msg.kind, seq: msg.seq as number, at: ctx.localTime });
    if (msg.kind === "ping") {
      this.count++;
      ctx.send(from, { kind: "pong", seq: msg.seq });
    }
  }

  onTimer(ctx: NodeContext, name: string): void {
    this.timerFires.push({ name, at: ctx.localTime });
    if (name === "tick") {
      const others = ctx.peers.filter((p) => p !== ctx.id);
      if (others.length > 0) ctx.send(ctx.rng.pick(others), { kind: "ping", seq: ++this.sendSeq });
      this.armTick(ctx);
    } else if (this.slow.has(name)) {
      ctx.respond(this.slow.get(name) as number, { type: "ok", value: "slow" });
      this.slow.delete(name);
    }
  }

  onClientRequest(ctx: NodeContext, req: ClientRequest): void {
    switch (req.f) {
      case "write":
        if (this.config.leader !== undefined && this.config.leader !== ctx.id) {
          ctx.respond(req.id, { type: "fail", error: "not leader", redirect: this.config.leader });
          return;
        }
        this.store[req.key as string] = req.value;
        ctx.respond(req.id, { type: "ok" });
        return;
      case "read":
        ctx.respond(req.id, { type: "ok", value: this.store[req.key as string] ?? null });
        return;
      case "ignore":
        return;
      case "slow": {
        const name = `answer ${req.id}`;
        this.slow.set(name, req.id);
        ctx.setTimer(name, this.config.slowMs ?? 100);
        return;
      }
      default:
        ctx.respond(req.id, { type: "fail", error: `unknown op ${req.f}` });
    }
  }

  onCommand(ctx: NodeContext, command: Message): void {
    switch (command.kind) {
      case "send": {
        const n = (command.n as number | undefined) ?? 1;
        for (let i = 0; i < n; i++) ctx.send(command.to as NodeId, { kind: "ping", seq: ++this.sendSeq });
        return;
      }
      case "arm":
        ctx.setTimer(command.name as string, command.ms as number);
        return;
      case "clock":
        this.clockReadings.push(ctx.localTime);
        return;
      case "emit":
        ctx.emit({ kind: "echo", text: command.text as string });
        return;
      case "exit":
        // A fatal error after some work: the count bumped first must survive, the timer armed first must not.
        this.count++;
        ctx.setTimer("after-exit", 10);
        ctx.exit(command.why as string);
        return;
    }
  }

  durable(): EchoDurable {
    return { count: this.count, store: this.store };
  }

  inspect() {
    return { role: "echo", stats: { count: this.count, received: this.received.length } };
  }
}

function countLimit(limit: number): Invariant {
  return {
    name: "count-limit",
    check(view) {
      const out: string[] = [];
      for (const id of view.nodes) {
        const node = view.node(id) as EchoNode | undefined;
        if (node && node.count > limit) out.push(`${id} counted ${node.count} pings, above the limit of ${limit}`);
      }
      return out;
    },
  };
}

/** Stateful: a node's durable count must never go down, across crashes and restarts. */
function countMonotonic(): Invariant {
  const seen = new Map<NodeId, number>();
  return {
    name: "count-monotonic",
    check(view) {
      const out: string[] = [];
      for (const id of view.nodes) {
        const node = view.node(id) as EchoNode | undefined;
        if (!node) continue;
        const before = seen.get(id) ?? 0;
        if (view.isUp(id) && node.count < before) out.push(`${id}'s count went from ${before} down to ${node.count}`);
        if (view.isUp(id)) seen.set(id, node.count);
      }
      return out;
    },
  };
}

function applyAction(host: ActionHost, action: SystemAction): void {
  const node = action.node as NodeId;
  switch (action.type) {
    case "send":
      host.command(node, { kind: "send", to: action.to, n: action.n });
      return;
    case "arm":
      host.command(node, { kind: "arm", name: action.name, ms: action.ms });
      return;
    case "clock":
      host.command(node, { kind: "clock" });
      return;
    case "shout":
      host.command(node, { kind: "emit", text: action.text });
      return;
    case "exit":
      host.command(node, { kind: "exit", why: action.why });
      return;
    case "announce":
      host.emit({ kind: "announce", text: action.text as string });
      return;
    case "add":
      host.addNode(node);
      return;
    case "remove":
      host.removeNode(node);
      return;
    case "put":
      host.clientRequest(action.process as number, action.target as NodeId, { f: "write", key: action.key as string, value: action.value });
      return;
    default:
      throw new ActionError(`echo has no action "${action.type}"`);
  }
}

/** The echo system; `machines` holds the latest machine created for each node id, for tests to look inside. */
export function echoSystem(extraInvariants: () => Invariant[] = () => []): SystemDefinition & { machines: Map<NodeId, EchoNode> } {
  const machines = new Map<NodeId, EchoNode>();
  return {
    name: "echo",
    machines,
    createNode(id, config, durable) {
      const node = new EchoNode(id, config as EchoConfig, durable as EchoDurable | undefined);
      machines.set(id, node);
      return node;
    },
    applyAction,
    invariants: () => [countMonotonic(), ...extraInvariants()],
    nextOp(rng, spec, counter) {
      const f = pickWeighted(rng, spec.mix);
      const key = rng.pick(spec.keys);
      return f === "write" ? { f, key, value: counter } : { f, key };
    },
    summarize(view) {
      return { up: view.nodes.filter((n) => view.isUp(n)).length };
    },
  };
}

/** The echo system with an invariant that fails once a node has counted more than `limit` pings. */
export function limitedEchoSystem(limit: number) {
  return echoSystem(() => [countLimit(limit)]);
}

export interface EchoSim {
  sim: Simulation;
  /** The node's current machine (a new one after each restart). */
  node(id: NodeId): EchoNode;
}

/** A simulation of the echo system with test-friendly defaults: three nodes, 2 ms links with 1 ms jitter, seed 1. */
export function echoSim(options: Partial<SimulationOptions> & { echo?: EchoConfig } = {}): EchoSim {
  const { echo, system, ...rest } = options;
  const sys = (system as ReturnType<typeof echoSystem> | undefined) ?? echoSystem();
  const sim = new Simulation({ system: sys, nodes: ["n1", "n2", "n3"], config: { ...echo }, seed: 1, ...rest });
  return {
    sim,
    node: (id) => {
      const m = sys.machines.get(id);
      if (!m) throw new Error(`no machine for ${id}`);
      return m;
    },
  };
}
