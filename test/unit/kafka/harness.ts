// Drives the Kafka plug-in on the real simulation kernel: a small cluster, client sends and polls run to
// completion, and read-only access to each broker's machine through the InvariantView the kernel hands summarize().

import type { ClientOp, Completion, Simulation, SimulationOptions } from "../../../shared/sim";
import { requestToCompletion, type Spied, spiedSimulation } from "../spied-simulation";
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
  private readonly spied: Spied;

  constructor(options: ClusterOptions = {}) {
    const nodes = Array.from({ length: options.nodes ?? 3 }, (_, i) => `n${i + 1}`);
    this.spied = spiedSimulation(kafka, {
      nodes,
      config: { partitions: 3, replicationFactor: 3, ...options.config },
      network: options.network ?? { latencyMs: 2, jitterMs: 1 },
      seed: options.seed ?? 1,
      keepTrace: options.keepTrace,
      clientTimeoutMs: 10_000,
    });
    this.sim = this.spied.sim;
  }

  get now(): number {
    return this.sim.now;
  }

  node(id: string): KafkaNode {
    const n = this.spied.view().node(id);
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
    return requestToCompletion(this.sim, target, op, maxMs);
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
    const img = clusterImage(this.spied.view());
    if (!img) throw new Error("no running broker");
    return img.partitions[tp];
  }
}
