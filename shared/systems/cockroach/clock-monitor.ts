// The RemoteClockMonitor (pkg/rpc/clock_offset.go): every RPC heartbeat measures the offset of the other node's
// clock as remote − (sent + rtt/2). A node that finds itself more than 80% of --max-offset away from at least half
// of the nodes it measured (fewer than half within it) stops itself: it cannot trust its clock, and serving with
// it could break the uncertainty and lease guarantees that assume the offset stays below the maximum.

import type { NodeId } from "../../sim/types";

/** Measurements older than this are forgotten (a node cut off is not counted either way). */
const FRESH_MS = 10_000;

export class ClockMonitor {
  private readonly offsets = new Map<NodeId, { offset: number; at: number }>();

  constructor(private readonly maxOffsetMs: number) {}

  record(peer: NodeId, sentAt: number, remoteWall: number, receivedAt: number, monotonic: number): void {
    const rtt = receivedAt - sentAt;
    this.offsets.set(peer, { offset: remoteWall - (sentAt + rtt / 2), at: monotonic });
  }

  /** The reason to stop, or undefined while the clock is trustworthy. */
  verdict(monotonic: number): string | undefined {
    const tolerance = 0.8 * this.maxOffsetMs;
    let measured = 0;
    let healthy = 0;
    for (const m of this.offsets.values()) {
      if (monotonic - m.at > FRESH_MS) continue;
      measured++;
      if (Math.abs(m.offset) <= tolerance) healthy++;
    }
    if (measured === 0 || healthy >= measured / 2) return undefined;
    return `clock synchronization error: this node is more than ${tolerance}ms away from at least half of the known nodes (${healthy} of ${measured} are within the offset)`;
  }

  /** Median measured offset of the others relative to this node (for display). */
  view(monotonic: number): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [peer, m] of [...this.offsets].sort(([a], [b]) => (a < b ? -1 : 1))) if (monotonic - m.at <= FRESH_MS) out[peer] = Math.round(m.offset);
    return out;
  }
}
