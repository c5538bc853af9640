// Helpers for driving the etcd plug-in on the real simulation kernel.

import { type ActionHost, type InvariantView, Simulation, type SimulationOptions, type SystemDefinition } from "../../../shared/sim";
import { etcd } from "../../../shared/systems/etcd";

/**
 * etcd as the kernel will run it once its ActionHost offers node() (the optional read-only view added to the
 * contract for actions): a copy whose actions see the nodes through the invariant view the kernel hands out.
 */
export function etcdWithNodeView(): SystemDefinition {
  let view: InvariantView | undefined;
  return {
    ...etcd,
    invariants() {
      const tap = {
        name: "test-view-tap",
        check: (v: InvariantView) => {
          view = v;
          return [];
        },
      };
      return [...etcd.invariants(), tap];
    },
    applyAction(host: ActionHost, action) {
      const seeing: ActionHost = Object.create(host, { node: { value: (id: string) => view?.node(id) } });
      etcd.applyAction(seeing, action);
    },
  };
}

export function etcdSim(nodes: number, seed: number, options: Partial<SimulationOptions> = {}): Simulation {
  return new Simulation({
    system: etcdWithNodeView(),
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
