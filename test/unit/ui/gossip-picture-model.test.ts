// The pure parts of Consul's gossip picture: the countdown's memory of when a suspicion was first seen
// (client/game/draw/gossip-timers.ts) and which packets ripple out of their sender (gossip-ripples.ts).

import { describe, expect, it } from "vitest";
import type { Flight } from "../../../client/game/draw/flights";
import { ripplesOf } from "../../../client/game/draw/gossip-ripples";
import { SuspicionClock, suspicionKey } from "../../../client/game/draw/gossip-timers";

describe("the suspicion countdown", () => {
  it("runs from full when first seen to empty at deadAt, and jumps down when Lifeguard shortens it", () => {
    const clock = new SuspicionClock();
    expect(clock.remaining("n1", "n5", 14_000, 10_000)).toBe(1);
    expect(clock.remaining("n1", "n5", 14_000, 12_000)).toBeCloseTo(0.5);
    // A confirmation from another agent brings the deadline forward.
    expect(clock.remaining("n1", "n5", 13_000, 12_000)).toBeCloseTo(1 / 3);
    expect(clock.remaining("n1", "n5", 13_000, 13_500)).toBe(0);
  });

  it("starts again for a suspicion that was dropped (refuted) and raised anew", () => {
    const clock = new SuspicionClock();
    clock.remaining("n1", "n5", 14_000, 10_000);
    clock.retain(new Set());
    expect(clock.remaining("n1", "n5", 20_000, 16_000)).toBe(1);
    clock.retain(new Set([suspicionKey("n1", "n5")]));
    expect(clock.remaining("n1", "n5", 20_000, 18_000)).toBeCloseTo(0.5);
  });
});

describe("ripples", () => {
  const flight = (id: string, from: string, to: string, kind: string, sentAt: number, progress: number): Flight => ({
    message: { id, from, to, kind, sentAt, arriveAt: sentAt + 5 },
    progress,
  });

  it("makes one ripple per packet sent together, for probes and gossip only", () => {
    const ripples = ripplesOf([
      flight("1", "n1", "n2", "gossip", 100, 0.4),
      flight("2", "n1", "n3", "gossip", 100, 0.3),
      flight("3", "n1", "n4", "ping", 100, 0.2),
      flight("4", "n2", "n1", "ack", 101, 0.1),
      flight("5", "n3", "n1", "MsgApp", 101, 0.1),
      flight("6", "n4", "n5", "ping-req", 102, 0.6),
    ]);
    expect(ripples).toEqual([
      { from: "n1", kind: "gossip", progress: 0.3 },
      { from: "n1", kind: "ping", progress: 0.2 },
      { from: "n4", kind: "ping-req", progress: 0.6 },
    ]);
  });
});
