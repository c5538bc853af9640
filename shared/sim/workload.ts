// Bot clients: the load a level puts on the cluster while players break it.
//
// Each bot is a Jepsen process — single-threaded, at most one operation outstanding. Between operations it thinks
// for an exponentially distributed time (mean 1000/rate ms), so each bot issues about `rate` ops/s (less the time
// it spends waiting for answers).
// Routing follows what a real client library does: stick to one node; on "connection refused" try another; follow
// a `redirect` from a fail (a follower naming its leader). A timeout ends in `info` — the operation may still take
// effect — so the process id is retired and the bot continues as a fresh process (id + clients, Jepsen's rule).
//
// The bot only decides; the kernel (Simulation) schedules its wake-ups, carries requests, and records the history.

import type { Rng } from "./rng";
import type { ClientOp, Completion, NodeId, SystemDefinition, WorkloadSpec } from "./types";
import { ActionError } from "./types";

/** The error of a request sent to a node that is down: it certainly did not happen, so it is a `fail`. */
export const CONNECTION_REFUSED = "connection refused";
/** The error of an operation that got no answer in time: unknown outcome, so it is an `info`. */
export const TIMED_OUT = "timeout";

/** What a workload needs from the kernel. */
export interface WorkloadHost {
  readonly nodes: readonly NodeId[];
  /** The first process id of start, start + stride, start + 2·stride, ... that no client has used; now taken. */
  claimProcess(start: number, stride: number): number;
  /** Calls workload.wake(slot) after delayMs of simulated time. */
  wakeAfter(workload: Workload, slot: number, delayMs: number): void;
  /** Simulated time now. */
  readonly now: number;
  /** Sends an operation; its completion comes back through workload.completed(slot, ...), possibly at once. */
  request(workload: Workload, slot: number, process: number, target: NodeId, op: ClientOp, timeoutMs: number): void;
}

interface Bot {
  process: number;
  target: NodeId | undefined;
  readonly rng: Rng;
  /** Spread routing: nodes that refused a connection, left alone until `until`; `delay` doubles per refusal. */
  readonly avoid: Map<NodeId, { until: number; delay: number }>;
}

/** Spread routing's first reconnection delay and its cap (the DataStax drivers' exponential policy: 1 s .. 10 min). */
export const RECONNECT_BASE_MS = 1000;
export const RECONNECT_MAX_MS = 600_000;

export class Workload {
  private readonly bots: Bot[] = [];
  private readonly meanThinkMs: number;
  private opCounter = 0;
  private stopped = false;

  constructor(
    readonly spec: Readonly<WorkloadSpec>,
    private readonly nextOp: SystemDefinition["nextOp"],
    rng: Rng,
    private readonly host: WorkloadHost,
    private readonly routing: "sticky" | "spread" = "sticky",
  ) {
    checkWorkloadSpec(spec);
    this.meanThinkMs = 1000 / spec.rate;
    for (let slot = 0; slot < spec.clients; slot++) {
      const bot: Bot = { process: host.claimProcess(slot, 1), target: undefined, rng: rng.fork(`bot ${slot}`), avoid: new Map() };
      bot.target = this.anyNode(bot);
      this.bots.push(bot);
    }
  }

  /** Schedules every bot's first operation after a first think time, so they do not all fire at once. */
  start(): void {
    for (let slot = 0; slot < this.bots.length; slot++) this.thinkThenWake(slot);
  }

  get running(): boolean {
    return !this.stopped;
  }

  /** Bots issue nothing more; what is in flight completes (or times out) as usual. */
  stop(): void {
    this.stopped = true;
  }

  /** The process ids the bots use now. */
  processes(): number[] {
    return this.bots.map((b) => b.process);
  }

  /** A bot's think time is over: issue its next operation. */
  wake(slot: number): void {
    if (this.stopped) return;
    const bot = this.bots[slot];
    if (this.routing === "spread") bot.target = this.spreadNode(bot);
    else if (bot.target === undefined || !this.host.nodes.includes(bot.target)) bot.target = this.anyNode(bot);
    if (bot.target === undefined) {
      // No node exists at all (every one removed): try again after another think time.
      this.thinkThenWake(slot);
      return;
    }
    const op = this.nextOp(bot.rng, this.spec, this.opCounter++);
    if (op === null || typeof op !== "object" || typeof op.f !== "string") {
      throw new Error(`nextOp returned ${JSON.stringify(op)}; an operation needs a string "f"`);
    }
    this.host.request(this, slot, bot.process, bot.target, op, this.spec.timeoutMs);
  }

  /** The bot's outstanding operation completed: choose where the next one goes, then think. */
  completed(slot: number, completion: Completion): void {
    if (this.stopped) return;
    const bot = this.bots[slot];
    if (this.routing === "spread") {
      if (completion.type === "info") bot.process = this.host.claimProcess(bot.process + this.spec.clients, this.spec.clients);
      const target = bot.target;
      if (completion.type === "fail" && completion.error === CONNECTION_REFUSED && target !== undefined) {
        const delay = Math.min(RECONNECT_MAX_MS, 2 * (bot.avoid.get(target)?.delay ?? RECONNECT_BASE_MS / 2));
        bot.avoid.set(target, { until: this.host.now + delay, delay });
      } else if (completion.type === "ok" && target !== undefined) bot.avoid.delete(target);
      this.thinkThenWake(slot);
      return;
    }
    if (completion.type === "info") {
      bot.process = this.host.claimProcess(bot.process + this.spec.clients, this.spec.clients);
      bot.target = this.anyNode(bot);
    } else if (completion.type === "fail") {
      if (completion.redirect !== undefined && this.host.nodes.includes(completion.redirect)) bot.target = completion.redirect;
      else if (completion.error === CONNECTION_REFUSED) bot.target = this.otherNode(bot);
    }
    this.thinkThenWake(slot);
  }

  private thinkThenWake(slot: number): void {
    const bot = this.bots[slot];
    this.host.wakeAfter(this, slot, Math.round(bot.rng.exponential(this.meanThinkMs)));
  }

  private anyNode(bot: Bot): NodeId | undefined {
    const nodes = this.host.nodes;
    return nodes.length === 0 ? undefined : bot.rng.pick(nodes);
  }

  /** A random node this client does not believe down; any node when it believes them all down. */
  private spreadNode(bot: Bot): NodeId | undefined {
    const now = this.host.now;
    const usable = this.host.nodes.filter((n) => (bot.avoid.get(n)?.until ?? 0) <= now);
    return usable.length > 0 ? bot.rng.pick(usable) : this.anyNode(bot);
  }

  private otherNode(bot: Bot): NodeId | undefined {
    const others = this.host.nodes.filter((n) => n !== bot.target);
    return others.length === 0 ? bot.target : bot.rng.pick(others);
  }
}

/** Throws ActionError naming the first thing wrong with a workload spec. */
export function checkWorkloadSpec(spec: unknown): asserts spec is WorkloadSpec {
  if (spec === null || typeof spec !== "object") throw new ActionError("a workload needs clients, rate, keys, mix and timeoutMs");
  const s = spec as Record<string, unknown>;
  if (!Number.isInteger(s.clients) || (s.clients as number) < 1 || (s.clients as number) > 1000) {
    throw new ActionError(`workload clients must be a whole number from 1 to 1000, got ${JSON.stringify(s.clients)}`);
  }
  if (typeof s.rate !== "number" || !(s.rate > 0 && s.rate <= 10_000)) {
    throw new ActionError(`workload rate must be a number of operations per second above 0 (at most 10000), got ${JSON.stringify(s.rate)}`);
  }
  if (!Array.isArray(s.keys) || s.keys.length === 0 || !s.keys.every((k) => typeof k === "string" && k.length > 0)) {
    throw new ActionError("workload keys must be a non-empty list of non-empty strings");
  }
  const mix = s.mix;
  if (mix === null || typeof mix !== "object" || Array.isArray(mix)) {
    throw new ActionError('workload mix must map each operation to a weight, such as { "read": 1, "write": 1 }');
  }
  const weights = Object.entries(mix as Record<string, unknown>);
  for (const [f, w] of weights) {
    if (typeof w !== "number" || !(w >= 0) || !Number.isFinite(w)) throw new ActionError(`workload mix weight of "${f}" must be a number >= 0, got ${JSON.stringify(w)}`);
  }
  if (!weights.some(([, w]) => (w as number) > 0)) throw new ActionError("workload mix needs at least one operation with a weight above 0");
  if (!Number.isInteger(s.timeoutMs) || (s.timeoutMs as number) < 1) {
    throw new ActionError(`workload timeoutMs must be a whole number of milliseconds >= 1, got ${JSON.stringify(s.timeoutMs)}`);
  }
}

/** Draws a key of `weights` with probability proportional to its weight (keys in their insertion order). */
export function pickWeighted(rng: Rng, weights: Readonly<Record<string, number>>): string {
  let total = 0;
  for (const f in weights) total += weights[f];
  if (!(total > 0)) throw new RangeError("pickWeighted needs at least one weight above 0");
  let x = rng.float() * total;
  let last = "";
  for (const f in weights) {
    if (weights[f] <= 0) continue;
    last = f;
    x -= weights[f];
    if (x < 0) return f;
  }
  // Rounding can leave x a hair above 0 after the last key.
  return last;
}
