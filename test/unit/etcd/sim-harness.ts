// Helpers for driving the etcd plug-in on the real simulation kernel.

import { Simulation, type SimulationOptions } from "../../../shared/sim";
import { etcd } from "../../../shared/systems/etcd";

export function etcdSim(nodes: number, seed: number, options: Partial<SimulationOptions> = {}): Simulation {
  return new Simulation({
    system: etcd,
    nodes: Array.from({ length: nodes }, (_, i) => `n${i + 1}`),
    network: { latencyMs: 2, jitterMs: 1 },
    seed,
    ...options,
  });
}

export function leaderOf(sim: Simulation): string | null {
  const l = sim.summarize().leader;
  return typeof l === "string" ? l : null;
}

/** Runs until `pred` holds or `limitMs` passes, in steps of `stepMs`; returns the time it first held, or null. */
export function runUntilTrue(sim: Simulation, pred: () => boolean, limitMs: number, stepMs = 1): number | null {
  const end = sim.now + limitMs;
  while (sim.now < end) {
    if (pred()) return sim.now;
    sim.runUntil(Math.min(end, sim.now + stepMs));
  }
  return pred() ? sim.now : null;
}

/** Time of the first `leader` timeline event at or after `since`. */
export function firstLeaderEvent(sim: Simulation, since: number): { t: number; node: string; term: number } | undefined {
  const e = sim.timeline.find((ev) => ev.kind === "leader" && ev.t >= since);
  return e ? { t: e.t, node: e.node as string, term: e.term as number } : undefined;
}
