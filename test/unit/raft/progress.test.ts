import { describe, expect, it } from "vitest";
import { Progress } from "../../../shared/raft";

describe("follower progress", () => {
  it("probe sends one append at a time; an answer unpauses it", () => {
    const pr = new Progress(0, 5, 4);
    expect(pr.isPaused()).toBe(false);
    pr.sentEntries(6, 2);
    expect(pr.isPaused()).toBe(true);
    expect(pr.next).toBe(5);
    expect(pr.maybeUpdate(6)).toBe(true);
    expect(pr.isPaused()).toBe(false);
    expect(pr.next).toBe(7);
  });

  it("a probe rejection jumps next to the hint, never below match + 1", () => {
    const pr = new Progress(2, 11, 4);
    expect(pr.maybeDecrTo(10, 3)).toBe(true);
    expect(pr.next).toBe(4);
    // A rejection of an append we no longer have outstanding is stale.
    expect(pr.maybeDecrTo(10, 1)).toBe(false);
    expect(pr.maybeDecrTo(3, 0)).toBe(true);
    expect(pr.next).toBe(3);
  });

  it("replicate streams optimistically within a window and falls back on rejection", () => {
    const pr = new Progress(5, 6, 2);
    pr.becomeReplicate();
    pr.sentEntries(7, 2);
    pr.sentEntries(9, 2);
    expect(pr.next).toBe(10);
    expect(pr.isPaused()).toBe(true);
    pr.inflights.freeLE(7);
    expect(pr.isPaused()).toBe(false);
    // Rejections at or below match are stale in replicate.
    expect(pr.maybeDecrTo(5, 0)).toBe(false);
    expect(pr.maybeDecrTo(8, 0)).toBe(true);
    expect(pr.next).toBe(6);
  });
});
