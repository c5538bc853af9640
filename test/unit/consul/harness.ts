// Helpers for driving the Consul plug-in on the real simulation kernel: a small cluster, a player's requests run
// to completion, and read-only access to each agent (its member list, its server state). The machines are read
// through the InvariantView the kernel hands summarize(), kept by a thin wrapper around the registered definition.

import type { ClientOp, Completion, Simulation, SimulationOptions } from "../../../shared/sim";
import { type Spied, spiedSimulation } from "../spied-simulation";
import { consul, ConsulNode } from "../../../shared/systems/consul";

export interface ClusterOptions {
  nodes?: number;
  config?: Record<string, unknown>;
  seed?: number;
  network?: SimulationOptions["network"];
  keepTrace?: boolean;
}

export class Cluster {
  readonly sim: Simulation;
  private readonly spied: Spied;

  constructor(options: ClusterOptions = {}) {
    const nodes = Array.from({ length: options.nodes ?? 5 }, (_, i) => `n${i + 1}`);
    this.spied = spiedSimulation(consul, {
      nodes,
      // Fast Raft (raft_multiplier 1) unless a test says otherwise: gossip keeps its real LAN defaults.
      config: { raftMultiplier: 1, ...options.config },
      network: options.network ?? { latencyMs: 1, jitterMs: 1 },
      seed: options.seed ?? 1,
      keepTrace: options.keepTrace,
      clientTimeoutMs: 10_000,
    });
    this.sim = this.spied.sim;
  }

  node(id: string): ConsulNode {
    const n = this.spied.view().node(id);
    if (!(n instanceof ConsulNode)) throw new Error(`no Consul node ${id}`);
    return n;
  }

  summary(): Record<string, string | number | null> {
    return this.sim.summarize();
  }

  leader(): string | null {
    const l = this.summary().leader;
    return typeof l === "string" ? l : null;
  }

  action(action: Record<string, unknown> & { type: string }): void {
    this.sim.apply({ type: "action", action });
  }

  run(ms: number): void {
    this.sim.runUntil(this.sim.now + ms);
  }

  runTo(t: number): void {
    this.sim.runUntil(t);
  }

  request(target: string, op: ClientOp): Completion {
    const process = this.sim.freshProcess();
    let got: Completion | undefined;
    const off = this.sim.onCompletion((c) => {
      if (c.process === process) got = c.completion;
    });
    try {
      this.sim.clientRequest(process, target, op);
      while (got === undefined) if (!this.sim.step()) throw new Error("the simulation ran out of events");
    } finally {
      off();
    }
    return got;
  }

  /** Runs until `pred` holds (checked every `stepMs`), at most `limitMs`; the time it held, or null. */
  runUntilTrue(pred: () => boolean, limitMs: number, stepMs = 10): number | null {
    const end = this.sim.now + limitMs;
    while (this.sim.now < end) {
      if (pred()) return this.sim.now;
      this.sim.runUntil(Math.min(end, this.sim.now + stepMs));
    }
    return pred() ? this.sim.now : null;
  }

  /** The state `observer` holds for `peer` in its member list. */
  stateOf(observer: string, peer: string): string | undefined {
    return this.node(observer).ml.members.get(peer)?.state;
  }

  violations(): string[] {
    return this.sim.invariantReport().filter((i) => !i.ok).map((i) => `${i.name}: ${i.first}`);
  }
}
