// The bench compares the kernel with a bare priority-queue loop (server/tools/bench-bare-loop.ts); the comparison
// is only honest if the bare loop schedules exactly what the kernel does on the ring: the same events at the same
// times, in the same order.

import { describe, expect, it } from "vitest";
import { Simulation } from "../../../shared/sim/simulation";
import { bareRingTime } from "../../../server/tools/bench-bare-loop";
import { ringSystem } from "../../../server/tools/bench-ring";

/** The time of every event the kernel processes on the ring (its deliveries and timers), in order. */
function kernelEventTimes(seed: number, untilMs: number): { times: number[]; eventCount: number } {
  const sim = new Simulation({ system: ringSystem, nodes: ["n1", "n2", "n3", "n4", "n5"], seed, keepTrace: true });
  sim.runUntil(untilMs);
  const times = (sim.traceLines ?? [])
    .map((line) => JSON.parse(line) as [number, string])
    .filter(([, kind]) => kind === "deliver" || kind === "timer")
    .map(([t]) => t);
  return { times, eventCount: sim.eventCount };
}

describe("the bench's bare loop", () => {
  for (const seed of [1, 7]) {
    const { times, eventCount } = kernelEventTimes(seed, 400);

    it(`sees the ring's events as the kernel counts them (seed ${seed})`, () => {
      expect(times.length).toBe(eventCount);
      expect(eventCount).toBeGreaterThan(500);
    });

    for (const queue of ["event-queue", "typed-heap"] as const) {
      it(`on the ${queue} reaches each event at the kernel's time (seed ${seed})`, () => {
        const counts = [1, 2, 5, 6, 11, 37, 100, 333, times.length];
        expect(counts.map((n) => bareRingTime(queue, n, seed))).toEqual(counts.map((n) => times[n - 1]));
      });
    }
  }
});
