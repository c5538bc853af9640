// Shared by the system test harnesses (test/unit/<system>/harness.ts): a real Simulation whose system's summarize()
// is wrapped to keep the InvariantView the kernel hands it, so tests can read every node's machine; and a client op
// run to completion.

import { type ClientOp, type Completion, type InvariantView, Simulation, type SimulationOptions, type SystemDefinition } from "../../shared/sim";

export interface Spied {
  sim: Simulation;
  /** The kernel's read-only view of the nodes, as of the last summarize() (one is made at once). */
  view(): InvariantView;
}

export function spiedSimulation(system: SystemDefinition, options: Omit<SimulationOptions, "system">): Spied {
  let view: InvariantView | undefined;
  const spy: SystemDefinition = {
    ...system,
    summarize: (v) => {
      view = v;
      return system.summarize(v);
    },
  };
  const sim = new Simulation({ ...options, system: spy });
  sim.summarize();
  return { sim, view: () => view as InvariantView };
}

/** Sends one client op to `target` and runs until it completes (or throws after `maxMs` of simulated time). */
export function requestToCompletion(sim: Simulation, target: string, op: ClientOp, maxMs = 15_000): Completion {
  let done: Completion | undefined;
  const id = sim.clientRequest(sim.freshProcess(), target, op, 10_000);
  const off = sim.onCompletion((n) => {
    if (n.requestId === id) done = n.completion;
  });
  const until = sim.now + maxMs;
  while (done === undefined && sim.now < until) sim.runUntil(sim.now + 5);
  off();
  if (!done) throw new Error(`request ${JSON.stringify(op)} to ${target} did not complete`);
  return done;
}
