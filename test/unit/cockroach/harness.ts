// Drives the CockroachDB plug-in on the real simulation kernel: a small cluster with a bank workload, and read-only
// access to every node's machine through the InvariantView the kernel hands summarize().

import type { ClientOp, Completion, InvariantView, Simulation, SimulationOptions } from "../../../shared/sim";
import { requestToCompletion, type Spied, spiedSimulation } from "../spied-simulation";
import { cockroach, CockroachNode } from "../../../shared/systems/cockroach";

export interface ClusterOptions {
  nodes?: number | string[];
  config?: Record<string, unknown>;
  seed?: number;
  network?: SimulationOptions["network"];
  keepTrace?: boolean;
}

export class CockroachCluster {
  readonly sim: Simulation;
  private readonly spied: Spied;

  /** The kernel's read-only view of every node's machine. */
  get view(): InvariantView {
    return this.spied.view();
  }

  constructor(options: ClusterOptions = {}) {
    const nodes = Array.isArray(options.nodes) ? options.nodes : Array.from({ length: options.nodes ?? 3 }, (_, i) => `n${i + 1}`);
    this.spied = spiedSimulation(cockroach, {
      nodes,
      config: { accounts: 10, initialBalance: 100, ...options.config },
      network: options.network ?? { latencyMs: 2, jitterMs: 1 },
      seed: options.seed ?? 1,
      keepTrace: options.keepTrace,
      clientTimeoutMs: 10_000,
    });
    this.sim = this.spied.sim;
  }

  node(id: string): CockroachNode {
    this.sim.summarize();
    const n = this.spied.view().node(id);
    if (!(n instanceof CockroachNode)) throw new Error(`no CockroachDB node ${id}`);
    return n;
  }

  summary(): Record<string, string | number | null> {
    return this.sim.summarize();
  }

  run(ms: number): void {
    this.sim.runUntil(this.sim.now + ms);
  }

  workload(clients = 4, rate = 5, mix: Record<string, number> = { transfer: 3, read: 1 }): void {
    this.sim.startWorkload({ clients, rate, keys: Array.from({ length: 10 }, (_, i) => `k${i}`), mix, timeoutMs: 10_000 });
  }

  /** Sends one client op to `target` and runs until it completes. */
  request(target: string, op: ClientOp, maxMs = 15_000): Completion {
    return requestToCompletion(this.sim, target, op, maxMs);
  }

  violations(): string[] {
    return this.sim.invariantReport().filter((i) => !i.ok).map((i) => `${i.name}: ${i.violations} (${(i as { first?: string }).first ?? ""})`);
  }
}
