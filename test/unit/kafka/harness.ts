// Drives the Kafka plug-in on the real simulation kernel: a small cluster, client sends and polls run to
// completion, and read-only access to each broker's machine through the InvariantView the kernel hands summarize().

import { type ClientOp, type Completion, type InvariantView, Simulation, type SimulationOptions, type SystemDefinition } from "../../../shared/sim";
import { kafka, KafkaNode } from "../../../shared/systems/kafka";
import { clusterImage } from "../../../shared/systems/kafka/cluster-view";

export interface ClusterOptions {
  nodes?: number;
  config?: Record<string, unknown>;
  seed?: number;
  network?: SimulationOptions["network"];
  keepTrace?: boolean;
}

export class KafkaCluster {
  readonly sim: Simulation;
  private view: InvariantView | undefined;

  constructor(options: ClusterOptions = {}) {
    const nodes = Array.from({ length: options.nodes ?? 3 }, (_, i) => `n${i + 1}`);
    const spy: SystemDefinition = {
      ...kafka,
      summarize: (view) => {
        this.view = view;
        return kafka.summarize(view);
      },
    };
    this.sim = new Simulation({
      system: spy,
      nodes,
      config: { partitions: 3, replicationFactor: 3, ...options.config },
      network: options.network ?? { latencyMs: 2, jitterMs: 1 },
      seed: options.seed ?? 1,
      keepTrace: options.keepTrace,
      clientTimeoutMs: 10_000,
    });
    this.sim.summarize();
  }

  get now(): number {
    return this.sim.now;
  }

  node(id: string): KafkaNode {
    const n = (this.view as InvariantView).node(id);
    if (!(n instanceof KafkaNode)) throw new Error(`no Kafka broker ${id}`);
    return n;
  }

  summary(): Record<string, string | number | null> {
    return this.sim.summarize();
  }

  run(ms: number): void {
    this.sim.runUntil(this.sim.now + ms);
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

  /** Sends to the partition's leader, following one redirect. */
  send(key: string, value: string, via = "n1"): Completion {
    const first = this.request(via, { f: "send", key, value });
    if (first.type === "fail" && first.redirect) return this.request(first.redirect, { f: "send", key, value });
    return first;
  }

  apply(action: Record<string, unknown>): void {
    this.sim.apply({ type: "action", action: action as { type: string } });
  }

  /** A partition as the newest metadata any running broker has applied shows it. */
  partition(tp: string) {
    this.sim.summarize();
    const img = clusterImage(this.view as InvariantView);
    if (!img) throw new Error("no running broker");
    return img.partitions[tp];
  }
}
