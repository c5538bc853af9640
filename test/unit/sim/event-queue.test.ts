import { describe, expect, it } from "vitest";
import { EventQueue } from "../../../shared/sim/event-queue";
import { Rng } from "../../../shared/sim/rng";

function drain<T>(q: EventQueue<T>): [number, T][] {
  const out: [number, T][] = [];
  while (q.size > 0) {
    const t = q.peekTime();
    out.push([t, q.pop() as T]);
  }
  return out;
}

describe("EventQueue", () => {
  it("pops events in time order", () => {
    const q = new EventQueue<string>();
    q.push(30, "c");
    q.push(10, "a");
    q.push(20, "b");
    expect(drain(q)).toEqual([
      [10, "a"],
      [20, "b"],
      [30, "c"],
    ]);
  });

  it("pops events of equal time in the order they were pushed", () => {
    const q = new EventQueue<number>();
    for (let i = 0; i < 100; i++) q.push(5, i);
    q.push(1, -1);
    expect(drain(q).map(([, v]) => v)).toEqual([-1, ...Array.from({ length: 100 }, (_, i) => i)]);
  });

  it("agrees with a stable sort under random interleaved pushes and pops", () => {
    const rng = new Rng(99);
    const q = new EventQueue<number>();
    const reference: { time: number; seq: number }[] = [];
    let seq = 0;
    let now = 0;
    for (let round = 0; round < 5000; round++) {
      if (rng.chance(0.6) || reference.length === 0) {
        const time = now + rng.int(0, 8);
        q.push(time, seq);
        reference.push({ time, seq });
        seq++;
      } else {
        reference.sort((a, b) => a.time - b.time || a.seq - b.seq);
        const expected = reference.shift() as { time: number; seq: number };
        expect(q.peekTime()).toBe(expected.time);
        expect(q.peek()).toBe(expected.seq);
        expect(q.pop()).toBe(expected.seq);
        now = expected.time;
      }
      expect(q.size).toBe(reference.length);
    }
  });

  it("lists exactly the events still queued, whatever has been pushed and popped", () => {
    // The kernel reads the messages on the wire from this list (Simulation.inFlight).
    const rng = new Rng(17);
    const q = new EventQueue<number>();
    const queued = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      if (rng.chance(0.55) || q.size === 0) {
        q.push(rng.int(0, 50), i);
        queued.add(i);
      } else {
        queued.delete(q.pop() as number);
      }
      expect(new Set(q.items())).toEqual(queued);
      expect(q.items()).toHaveLength(queued.size);
    }
  });

  it("reports an empty queue as Infinity / undefined, and refuses a time that is not finite", () => {
    const q = new EventQueue<string>();
    expect(q.peekTime()).toBe(Number.POSITIVE_INFINITY);
    expect(q.pop()).toBeUndefined();
    expect(() => q.push(Number.NaN, "x")).toThrow(/finite/);
    expect(q.size).toBe(0);
  });
});
