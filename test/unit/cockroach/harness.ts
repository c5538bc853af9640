// Drives the CockroachDB plug-in on the real simulation kernel: a small cluster with a bank workload, and read-only
// access to every node's machine through the InvariantView the kernel hands summarize().

import { type ClientOp, type Completion, type InvariantView, Simulation, type SimulationOptions, type SystemDefinition } from "../../../shared/sim";
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
  view: InvariantView | undefined;

  constructor(options: ClusterOptions = {}) {
    const nodes = Array.isArray(options.nodes) ? options.nodes : Array.from({ length: options.nodes ?? 3 }, (_, i) => `n${i + 1}`);
    const spy: SystemDefinition = {
      ...cockroach,
      summarize: (view) => {
        this.view = view;
        return cockroach.summarize(view);
      },
    };
    this.sim = new Simulation({
      system: spy,
      nodes,
      config: { accounts: 10, initialBalance: 100, ...options.config },
      network: options.network ?? { latencyMs: 2, jitterMs: 1 },
      seed: options.seed ?? 1,
      keepTrace: options.keepTrace,
      clientTimeoutMs: 10_000,
    });
    this.sim.summarize();
  }

  node(id: string): CockroachNode {
    this.sim.summarize();
    const n = (this.view as InvariantView).node(id);
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
    let done: Completion | undefined;
    const id = this.sim.clientRequest(this.sim.freshProcess(), target, op, 10_000);
    const off = this.sim.onCompletion((n) => {
      if (n.requestId === id) done = n.completion;
    });
    const until = this.sim.now + maxMs;
    while (done === undefined && this.sim.now < until) this.sim.runUntil(this.sim.now + 5);
    off();
    if (!done) throw new Error(`request ${JSON.stringify(op)} to ${target} did not complete`);
    return done;
  }

  violations(): string[] {
    return this.sim.invariantReport().filter((i) => !i.ok).map((i) => `${i.name}: ${i.violations} (${(i as { first?: string }).first ?? ""})`);
  }
}
