// Helpers for driving the Cassandra plug-in on the real simulation kernel: a small cluster, a player's requests run
// to completion, and read-only access to each node's machine (what it stores, whom it believes up, its hints).
//
// The machines are read through the InvariantView the kernel hands the system's summarize(): the harness wraps the
// cassandra SystemDefinition so that view is kept. Nothing else about the system changes, so the runs are the same
// as with the registry's definition.

import { StaleReadTracker, type StaleRead } from "../../../shared/checkers/stale-reads";
import type { ConsistencyLevel } from "../../../shared/protocol/actions";
import {
  type ClientOp,
  type Completion,
  type HistoryEntry,
  type InvariantView,
  type SimInput,
  Simulation,
  type SimulationOptions,
  type SystemDefinition,
  type TimelineEvent,
} from "../../../shared/sim";
import { cassandra, CassandraNode } from "../../../shared/systems/cassandra";
import { clusterRing, clusterSettings } from "../../../shared/systems/cassandra/cluster-view";
import type { Cell } from "../../../shared/systems/cassandra/storage/cell";

export interface ClusterOptions {
  nodes?: number | string[];
  config?: Record<string, unknown>;
  seed?: number;
  network?: SimulationOptions["network"];
  keepTrace?: boolean;
  clientTimeoutMs?: number;
}

/** Small, fast defaults: 4 vnodes per node, RF 3, a 2 ms LAN. */
export const SMALL: Record<string, unknown> = { numTokens: 4, replication: { class: "SimpleStrategy", rf: 3 } };

export interface Answer {
  completion: Completion;
  /** Simulated time the client got the answer. */
  at: number;
  latencyMs: number;
}

export class Cluster {
  readonly sim: Simulation;
  private view: InvariantView | undefined;

  constructor(options: ClusterOptions = {}) {
    const nodes = Array.isArray(options.nodes) ? options.nodes : Array.from({ length: options.nodes ?? 5 }, (_, i) => `n${i + 1}`);
    const spy: SystemDefinition = {
      ...cassandra,
      summarize: (view) => {
        this.view = view;
        return cassandra.summarize(view);
      },
    };
    this.sim = new Simulation({
      system: spy,
      nodes,
      config: { ...SMALL, ...options.config },
      network: options.network ?? { latencyMs: 2, jitterMs: 1 },
      seed: options.seed ?? 1,
      keepTrace: options.keepTrace,
      clientTimeoutMs: options.clientTimeoutMs ?? 30_000,
    });
    this.sim.summarize();
  }

  get now(): number {
    return this.sim.now;
  }

  /** The node's state machine (the one running now, or the crashed one as it was). */
  node(id: string): CassandraNode {
    const n = (this.view as InvariantView).node(id);
    if (!(n instanceof CassandraNode)) throw new Error(`no Cassandra node ${id}`);
    return n;
  }

  cell(node: string, key: string): Cell | undefined {
    return this.node(node).cell(key);
  }

  value(node: string, key: string): string | null | undefined {
    return this.cell(node, key)?.value;
  }

  /** A key's natural replicas, primary first, in the ring of the best-informed running node. */
  replicas(key: string): string[] {
    const view = this.view as InvariantView;
    const ring = clusterRing(view);
    const settings = clusterSettings(view);
    if (!ring || !settings) throw new Error("no ring");
    return ring.replicas(key, settings.replication).natural;
  }

  /** The nodes that do not replicate `key`. */
  others(key: string): string[] {
    const r = this.replicas(key);
    return this.sim.nodes.filter((n) => !r.includes(n));
  }

  /** Whether `observer` believes `peer` is up. */
  believesUp(observer: string, peer: string): boolean {
    return this.node(observer).gossiper.isAlive(peer);
  }

  summary(): Record<string, string | number | null> {
    return this.sim.summarize();
  }

  apply(input: SimInput): void {
    this.sim.apply(input);
  }

  action(action: Record<string, unknown> & { type: string }): void {
    this.sim.apply({ type: "action", action });
  }

  setConsistency(read: ConsistencyLevel | undefined, write: ConsistencyLevel | undefined): void {
    this.action({ type: "set-consistency", ...(read ? { read } : {}), ...(write ? { write } : {}) });
  }

  run(ms: number): void {
    this.sim.runUntil(this.sim.now + ms);
  }

  runTo(t: number): void {
    this.sim.runUntil(t);
  }

  /**
   * Sends a player's request and processes events one at a time until its client has the answer (an ok, a fail,
   * or an info when the client's own timeout passes first). Simulated time stops right at the answer.
   */
  request(target: string, op: ClientOp, timeoutMs?: number): Answer {
    const process = this.sim.freshProcess();
    let got: Answer | undefined;
    const off = this.sim.onCompletion((c) => {
      if (c.process === process) got = { completion: c.completion, at: this.sim.now, latencyMs: c.latencyMs };
    });
    try {
      this.sim.clientRequest(process, target, op, timeoutMs);
      while (got === undefined) {
        if (!this.sim.step()) throw new Error("the simulation ran out of events before the request completed");
      }
    } finally {
      off();
    }
    return got;
  }

  write(target: string, key: string, value: string, timeoutMs?: number): Answer {
    return this.request(target, { f: "write", key, value }, timeoutMs);
  }

  read(target: string, key: string, timeoutMs?: number): Answer {
    return this.request(target, { f: "read", key }, timeoutMs);
  }

  /** Timeline events of `kind` at or after `since`. */
  events(kind: string, since = 0): TimelineEvent[] {
    return this.sim.timeline.filter((e) => e.kind === kind && e.t >= since);
  }

  /** Runs until `pred` holds, checking every `stepMs`, for at most `limitMs` of simulated time; the time it held, or null. */
  runUntilTrue(pred: () => boolean, limitMs: number, stepMs = 10): number | null {
    const end = this.sim.now + limitMs;
    while (this.sim.now < end) {
      if (pred()) return this.sim.now;
      this.sim.runUntil(Math.min(end, this.sim.now + stepMs));
    }
    return pred() ? this.sim.now : null;
  }

  /**
   * Runs until every observer believes every one of `peers` down (convicted by its failure detector), for at most
   * a minute of simulated time; throws if that never happens. Returns when it happened.
   */
  untilConvicted(observers: readonly string[], peers: readonly string[], limitMs = 60_000): number {
    const t = this.runUntilTrue(() => observers.every((o) => peers.every((p) => !this.believesUp(o, p))), limitMs, 100);
    if (t === null) throw new Error(`${observers.join(", ")} did not all convict ${peers.join(", ")} within ${limitMs} ms`);
    return t;
  }

  /** Names of the invariants violated so far, with their first violation. */
  violations(): string[] {
    return this.sim.invariantReport().filter((i) => !i.ok).map((i) => `${i.name}: ${i.first} (at ${i.firstAt} ms)`);
  }

  /** Messages of `kind` sent by `from` (every destination) in the trace between two times; needs keepTrace. */
  sent(kind: string, from: string, since: number, until = Number.POSITIVE_INFINITY): { to: string; msg: Record<string, unknown> }[] {
    const lines = this.sim.traceLines;
    if (!lines) throw new Error("create the cluster with keepTrace: true to look at messages");
    const out: { to: string; msg: Record<string, unknown> }[] = [];
    for (const line of lines) {
      if (!line.includes('"send"') && !line.includes('"drop"')) continue;
      const [t, name, , src, to, , body] = JSON.parse(line) as [number, string, number, string, string, unknown, Record<string, unknown>];
      if ((name !== "send" && name !== "drop") || src !== from || t < since || t > until) continue;
      if (body?.kind === kind) out.push({ to, msg: body });
    }
    return out;
  }
}

/** The stale reads in a history (shared/checkers/stale-reads.ts). */
export function staleReads(history: readonly HistoryEntry[]): StaleRead[] {
  const tracker = new StaleReadTracker();
  for (const e of history) tracker.observe(e);
  return tracker.stale;
}

export function expectType(a: Answer, type: Completion["type"]): Answer {
  if (a.completion.type !== type) throw new Error(`expected ${type}, got ${JSON.stringify(a.completion)} at ${a.at} ms`);
  return a;
}

/** Seconds of silence with 1 s gossip after which phi passes 8: 8 · ln 10 · 1000 ms ≈ 18.4 s (FACTS §3.5). */
export const CONVICT_MS = 8 * Math.log(10) * 1000;
