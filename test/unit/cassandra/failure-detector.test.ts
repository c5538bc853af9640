// Cassandra's phi-accrual failure detector (gms/FailureDetector.java, ArrivalWindow): phi grows with silence relative
// to the usual heartbeat interval, and a node is convicted when PHI_FACTOR * t / mean exceeds phi_convict_threshold.

import { describe, expect, it } from "vitest";
import {
  DEFAULT_INITIAL_INTERVAL_MS,
  FailureDetector,
  PHI_FACTOR,
  SAMPLE_SIZE,
} from "../../../shared/systems/cassandra/failure-detector";

/** Heartbeats from `node` every `every` ms, `count` of them starting at `from`; returns the last arrival time. */
function heartbeats(fd: FailureDetector, node: string, from: number, every: number, count: number): number {
  let t = from;
  for (let i = 0; i < count; i++) {
    t = from + i * every;
    fd.report(node, t);
  }
  return t;
}

describe("phi-accrual failure detector", () => {
  it("uses Cassandra's defaults: threshold 8, initial and max interval 2000 ms, 1000 samples, PHI_FACTOR 1/ln 10", () => {
    const fd = new FailureDetector();
    expect(fd.phiConvictThreshold).toBe(8);
    expect(fd.initialIntervalMs).toBe(2000);
    expect(fd.maxIntervalMs).toBe(2000);
    expect(DEFAULT_INITIAL_INTERVAL_MS).toBe(2000);
    expect(SAMPLE_SIZE).toBe(1000);
    expect(PHI_FACTOR).toBeCloseTo(0.4342944819, 9);
  });

  it("a node never heard from is not alive", () => {
    const fd = new FailureDetector();
    expect(fd.isAlive("n2", 0)).toBe(false);
    expect(fd.phi("n2", 0)).toBe(Number.POSITIVE_INFINITY);
  });

  it("the first heartbeat seeds the window with the initial interval, even at time 0", () => {
    const fd = new FailureDetector();
    fd.report("n2", 0);
    expect(fd.meanInterval("n2")).toBe(2000);
    expect(fd.phi("n2", 0)).toBe(0);
    expect(fd.isAlive("n2", 0)).toBe(true);
    // With only the 2000 ms seed, conviction comes after 8 * ln(10) * 2000 ms ≈ 36.8 s of silence.
    expect(fd.isAlive("n2", 36_841)).toBe(true);
    expect(fd.isAlive("n2", 36_842)).toBe(false);
  });

  it("phi = PHI_FACTOR * silence / mean interval", () => {
    const fd = new FailureDetector();
    fd.report("n2", 10_000);
    fd.report("n2", 11_000); // intervals: 2000 (seed), 1000 → mean 1500
    expect(fd.meanInterval("n2")).toBe(1500);
    expect(fd.phi("n2", 14_000)).toBeCloseTo((PHI_FACTOR * 3000) / 1500, 12);
  });

  it("with steady 1 s heartbeats a node is convicted after about 18.4 s of silence", () => {
    const fd = new FailureDetector();
    const last = heartbeats(fd, "n2", 5000, 1000, SAMPLE_SIZE + 1); // the seed has been pushed out of the window
    expect(fd.samples("n2")).toBe(SAMPLE_SIZE);
    expect(fd.meanInterval("n2")).toBe(1000);
    // Convicted when 0.4343 * t / 1000 > 8, i.e. t > 18420.68 ms.
    expect(fd.convictAfterMs("n2")).toBeCloseTo(18_420.68, 1);
    expect(fd.isAlive("n2", last + 18_420)).toBe(true);
    expect(fd.isAlive("n2", last + 18_421)).toBe(false);
  });

  it("faster heartbeats mean faster conviction", () => {
    const fd = new FailureDetector();
    const slow = heartbeats(fd, "slow", 0, 1000, 50);
    const fast = heartbeats(fd, "fast", 0, 200, 250);
    expect(fd.phi("fast", fast + 3000)).toBeGreaterThan(fd.phi("slow", slow + 3000));
  });

  it("an interval longer than the max interval is not recorded, but the arrival still counts", () => {
    const fd = new FailureDetector();
    heartbeats(fd, "n2", 0, 1000, 3); // 2000, 1000, 1000
    expect(fd.samples("n2")).toBe(3);
    const before = fd.meanInterval("n2");
    fd.report("n2", 2000 + 30_000); // back after a 30 s partition
    expect(fd.samples("n2")).toBe(3);
    expect(fd.meanInterval("n2")).toBe(before);
    expect(fd.lastHeard("n2")).toBe(32_000);
    expect(fd.isAlive("n2", 32_000)).toBe(true);
    // An interval of exactly the max is recorded.
    fd.report("n2", 34_000);
    expect(fd.samples("n2")).toBe(4);
  });

  it("a node that comes back after being convicted is alive again at its next heartbeat", () => {
    const fd = new FailureDetector();
    const last = heartbeats(fd, "n2", 0, 1000, 20);
    expect(fd.isAlive("n2", last + 60_000)).toBe(false);
    fd.report("n2", last + 60_000);
    expect(fd.isAlive("n2", last + 60_000)).toBe(true);
  });

  it("the window keeps only the last 1000 intervals", () => {
    const fd = new FailureDetector();
    heartbeats(fd, "n2", 0, 500, 600); // seed + 599 intervals of 500
    // 1000 more arrivals: the first is 500 ms after the last one above, then 999 intervals of 1000 ms. The window
    // now holds exactly those 1000 intervals; the seed and the older 500s are gone.
    heartbeats(fd, "n2", 600 * 500, 1000, 1000);
    expect(fd.samples("n2")).toBe(SAMPLE_SIZE);
    expect(fd.meanInterval("n2")).toBe((500 + 999 * 1000) / 1000);
  });

  it("the threshold is configurable, and forget() drops a node's history", () => {
    const fd = new FailureDetector({ phiConvictThreshold: 2, initialIntervalMs: 1000, maxIntervalMs: 5000 });
    fd.report("n2", 0);
    // 0.4343 * t / 1000 > 2  ⇔  t > 4605.2 ms
    expect(fd.isAlive("n2", 4605)).toBe(true);
    expect(fd.isAlive("n2", 4606)).toBe(false);
    expect(fd.known()).toEqual(["n2"]);
    fd.forget("n2");
    expect(fd.isAlive("n2", 0)).toBe(false);
    expect(fd.known()).toEqual([]);
  });

  it("each node has its own window", () => {
    const fd = new FailureDetector();
    heartbeats(fd, "a", 0, 1000, 10);
    fd.report("b", 0);
    expect(fd.meanInterval("a")).not.toBe(fd.meanInterval("b"));
    expect(fd.isAlive("a", 9000)).toBe(true);
    expect(fd.isAlive("c", 9000)).toBe(false);
  });
});
