// Rebuilds a run from its seed and input log: the proof that a run is a function of (options, seed, inputs), and the
// way to scrub or fork a saved round — replay to any point, then apply different inputs from there.

import type { InputRecord, SimulationOptions } from "./simulation";
import { Simulation } from "./simulation";

/**
 * A new simulation that has processed exactly what the original had when it reached `untilMs` with these inputs.
 * Each input is applied at its time and between the same two events as originally (InputRecord.atEvent), which
 * matters when the original was stepped one event at a time. Throws if the replay diverges (a non-deterministic
 * system, or options that differ from the original's).
 */
export function replay(options: SimulationOptions, inputs: readonly InputRecord[], untilMs: number): Simulation {
  const sim = new Simulation(options);
  for (const [i, record] of inputs.entries()) {
    while (sim.eventCount < record.atEvent) {
      if (!sim.step() || sim.now > record.t) throw diverged(i, record, sim);
    }
    // The original applied this input with no further event processed, so any wait up to its time is idle.
    if (sim.now < record.t) sim.runUntil(record.t);
    if (sim.eventCount !== record.atEvent || sim.now !== record.t) throw diverged(i, record, sim);
    sim.apply(record.input);
  }
  if (untilMs > sim.now) sim.runUntil(untilMs);
  return sim;
}

function diverged(index: number, record: InputRecord, sim: Simulation): Error {
  return new Error(
    `replay diverged before input ${index} (${record.input.type} at ${record.t} ms after event ${record.atEvent}): ` +
      `the replay is at ${sim.now} ms after event ${sim.eventCount}`,
  );
}
