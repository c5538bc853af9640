import { describe, expect, it } from "vitest";
import { Rng } from "../../../shared/sim/rng";

const draws = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.next());

describe("Rng", () => {
  it("replays the same sequence for the same seed", () => {
    expect(draws(new Rng(42), 1000)).toEqual(draws(new Rng(42), 1000));
  });

  it("gives different sequences for different seeds, including seeds equal modulo 2^32", () => {
    const a = draws(new Rng(1), 20);
    expect(draws(new Rng(2), 20)).not.toEqual(a);
    expect(draws(new Rng(0), 20)).not.toEqual(draws(new Rng(2 ** 32), 20));
    expect(draws(new Rng(-1), 20)).not.toEqual(draws(new Rng(2 ** 32 - 1), 20));
  });

  it("draws unsigned 32-bit integers and floats in [0, 1)", () => {
    const rng = new Rng(3);
    for (let i = 0; i < 10_000; i++) {
      const n = rng.next();
      expect(Number.isInteger(n) && n >= 0 && n < 2 ** 32).toBe(true);
      const f = rng.float();
      expect(f >= 0 && f < 1).toBe(true);
    }
  });

  it("int(lo, hi) stays in range, reaches both ends and is close to uniform", () => {
    const rng = new Rng(9);
    const counts = new Map<number, number>();
    for (let i = 0; i < 60_000; i++) {
      const v = rng.int(-2, 4);
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2, 3]);
    // Each bucket expects 10000 with a standard deviation near 91; 600 is more than six of them.
    for (const c of counts.values()) expect(Math.abs(c - 10_000)).toBeLessThan(600);
  });

  it("chance(p) honours its extremes and its rate", () => {
    const rng = new Rng(5);
    let hits = 0;
    for (let i = 0; i < 20_000; i++) {
      expect(rng.chance(0)).toBe(false);
      expect(rng.chance(1)).toBe(true);
      if (rng.chance(0.25)) hits++;
    }
    expect(hits / 20_000).toBeGreaterThan(0.23);
    expect(hits / 20_000).toBeLessThan(0.27);
  });

  it("exponential(mean) has that mean", () => {
    const rng = new Rng(11);
    let sum = 0;
    for (let i = 0; i < 20_000; i++) sum += rng.exponential(100);
    expect(sum / 20_000).toBeGreaterThan(95);
    expect(sum / 20_000).toBeLessThan(105);
  });

  it("pick and shuffle choose among the given items only", () => {
    const rng = new Rng(4);
    const items = ["a", "b", "c", "d", "e"];
    const picked = new Set(Array.from({ length: 200 }, () => rng.pick(items)));
    expect([...picked].sort()).toEqual(items);
    const shuffled = rng.shuffle([...items]);
    expect([...shuffled].sort()).toEqual(items);
    expect(new Rng(4).shuffle(Array.from({ length: 50 }, (_, i) => i))).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it("rejects bad arguments with an error that names them", () => {
    const rng = new Rng(1);
    expect(() => new Rng(1.5)).toThrow(/whole number/);
    expect(() => rng.int(3, 3)).toThrow(/lo < hi/);
    expect(() => rng.int(0, 2.5)).toThrow(/whole numbers/);
    expect(() => rng.pick([])).toThrow(/at least one/);
    expect(() => rng.exponential(-1)).toThrow(/mean/);
  });

  describe("fork(label)", () => {
    it("depends on the seed and the label, not on how much the parent has drawn", () => {
      const fresh = new Rng(7);
      const used = new Rng(7);
      draws(used, 1234);
      expect(draws(used.fork("network"), 50)).toEqual(draws(fresh.fork("network"), 50));
    });

    it("gives independent streams for different labels and different seeds", () => {
      const root = new Rng(7);
      const a = draws(root.fork("node n1"), 50);
      expect(draws(root.fork("node n2"), 50)).not.toEqual(a);
      expect(draws(new Rng(8).fork("node n1"), 50)).not.toEqual(a);
      expect(draws(root, 50)).not.toEqual(a);
    });

    it("is not disturbed by drawing from a sibling or the parent", () => {
      const root = new Rng(21);
      const alone = draws(new Rng(21).fork("b"), 100);
      const a = root.fork("a");
      const b = root.fork("b");
      const interleaved: number[] = [];
      for (let i = 0; i < 100; i++) {
        draws(a, 3);
        root.next();
        interleaved.push(b.next());
      }
      expect(interleaved).toEqual(alone);
    });

    it("nests: a fork of a fork is reproducible and distinct from a one-level fork", () => {
      const nested = draws(new Rng(3).fork("workload").fork("bot 0"), 30);
      expect(draws(new Rng(3).fork("workload").fork("bot 0"), 30)).toEqual(nested);
      expect(draws(new Rng(3).fork("bot 0"), 30)).not.toEqual(nested);
    });
  });
});
