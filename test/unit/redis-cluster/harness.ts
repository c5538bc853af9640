// Helpers for driving the Redis Cluster plug-in on the real simulation kernel: a small cluster, a player's requests
// run to completion, and read-only access to each node's machine (its slot table, data, replication stream).
// The machines are read through the InvariantView the kernel hands summarize(); nothing else about the system
// changes, so runs are the same as with the registry's definition.

import {
  type ClientOp,
  type Completion,
  type InvariantView,
  type SimInput,
  Simulation,
  type SimulationOptions,
  type SystemDefinition,
} from "../../../shared/sim";
import { redisCluster, RedisNode } from "../../../shared/systems/redis-cluster";

export interface ClusterOptions {
  nodes?: number | string[];
  config?: Record<string, unknown>;
  seed?: number;
  network?: SimulationOptions["network"];
  keepTrace?: boolean;
  clientTimeoutMs?: number;
}

/** Three masters with a replica each (n4 of n1, n5 of n2, n6 of n3), a short node timeout. */
export const SIX: Record<string, unknown> = { masters: ["n1", "n2", "n3"], replicas: { n4: "n1", n5: "n2", n6: "n3" }, nodeTimeoutMs: 3000 };

export class Cluster {
  readonly sim: Simulation;
  private view: InvariantView | undefined;

  constructor(options: ClusterOptions = {}) {
    const nodes = Array.isArray(options.nodes) ? options.nodes : Array.from({ length: options.nodes ?? 6 }, (_, i) => `n${i + 1}`);
    const spy: SystemDefinition = {
      ...redisCluster,
      summarize: (view) => {
        this.view = view;
        return redisCluster.summarize(view);
      },
    };
    this.sim = new Simulation({
      system: spy,
      nodes,
      config: options.config ?? SIX,
      network: options.network ?? { latencyMs: 1, jitterMs: 1 },
      seed: options.seed ?? 1,
      keepTrace: options.keepTrace,
      clientTimeoutMs: options.clientTimeoutMs ?? 10_000,
    });
    this.sim.summarize();
  }

  get now(): number {
    return this.sim.now;
  }

  node(id: string): RedisNode {
    const n = (this.view as InvariantView).node(id);
    if (!(n instanceof RedisNode)) throw new Error(`no Redis node ${id}`);
    return n;
  }

  get viewOf(): InvariantView {
    return this.view as InvariantView;
  }

  summary(): Record<string, string | number | null> {
    return this.sim.summarize();
  }

  run(ms: number): void {
    this.sim.runUntil(this.sim.now + ms);
  }

  apply(input: SimInput): void {
    this.sim.apply(input);
  }

  /** A player's operation through `via`, run until it completes. */
  op(via: string, op: ClientOp, maxMs = 20_000): Completion {
    let done: Completion | undefined;
    const id = this.sim.clientRequest(this.sim.freshProcess(), via, op);
    const off = this.sim.onCompletion((c) => {
      if (c.requestId === id) done = c.completion;
    });
    const end = this.sim.now + maxMs;
    while (done === undefined && this.sim.now < end) this.sim.runUntil(Math.min(end, (this.sim.nextEventTime() ?? end)));
    off();
    if (done === undefined) throw new Error(`no completion for ${JSON.stringify(op)} via ${via}`);
    return done;
  }

  write(via: string, key: string, value: string): Completion {
    return this.op(via, { f: "write", key, value });
  }

  read(via: string, key: string): Completion {
    return this.op(via, { f: "read", key });
  }
}
