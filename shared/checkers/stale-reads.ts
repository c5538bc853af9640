// Stale reads, found as they happen. A read is stale when it returned a value although a newer one was certainly
// there before it began: some write W was acknowledged before the read was invoked, and W itself was invoked after
// the write of the value read had been acknowledged (or, for a read of nothing, W is any acknowledged write). Then
// the value read was overwritten strictly before the read started, in real time, and no correct register — not even
// a merely regular one — could return it. This is the anomaly R + W <= RF lets through; with R + W > RF and
// last-write-wins timestamps from synchronised clocks it cannot happen.
//
// Reads the history entry by entry (invoke, then ok/fail/info), so the kernel can mark a player's read stale the
// moment it completes, and an objective can count stale reads, from the same rule.

import type { HistoryEntry } from "../sim/history";

export interface StaleRead {
  process: number;
  key: string;
  /** What the read returned. */
  value: unknown;
  /** A value that a correct read would have returned instead (the newest such write). */
  newer: unknown;
  /** When that newer write was acknowledged. */
  ackedAt: number;
  /** When the read was invoked and completed. */
  invokedAt: number;
  time: number;
}

interface AckedWrite {
  invokedAt: number;
  ackedAt: number;
  value: unknown;
}

/** Read and write functions, per GUIDE §4's history vocabulary: key-value systems, and MinIO's objects. */
const READS = new Set(["read", "get"]);
const WRITES = new Set(["write", "put"]);

function valueKey(v: unknown): string {
  return v === undefined ? "null" : JSON.stringify(v);
}

export class StaleReadTracker {
  private readonly open = new Map<number, { f: string; key: string | undefined; time: number }>();
  /** Per key: acknowledged writes in acknowledgement order, and when each value's write was acknowledged. */
  private readonly writes = new Map<string, AckedWrite[]>();
  private readonly ackOf = new Map<string, Map<string, number>>();
  readonly stale: StaleRead[] = [];

  /** Feeds one history entry; returns the stale read it completes, if any. */
  observe(e: HistoryEntry): StaleRead | null {
    if (e.type === "invoke") {
      this.open.set(e.process, { f: e.f, key: e.key, time: e.time });
      return null;
    }
    const op = this.open.get(e.process);
    this.open.delete(e.process);
    if (!op || op.key === undefined || e.type !== "ok") return null;
    if (WRITES.has(op.f)) {
      this.acked(op.key, { invokedAt: op.time, ackedAt: e.time, value: e.value });
      return null;
    }
    if (!READS.has(op.f)) return null;
    return this.judge(e.process, op.key, e.value ?? null, op.time, e.time);
  }

  private acked(key: string, w: AckedWrite): void {
    let list = this.writes.get(key);
    if (!list) this.writes.set(key, (list = []));
    list.push(w);
    let acks = this.ackOf.get(key);
    if (!acks) this.ackOf.set(key, (acks = new Map()));
    acks.set(valueKey(w.value), w.ackedAt);
  }

  private judge(process: number, key: string, value: unknown, invokedAt: number, time: number): StaleRead | null {
    const list = this.writes.get(key);
    if (!list) return null;
    // When the write of the value read was acknowledged; a value whose write is not (yet) acknowledged may be
    // concurrent with everything, so it is never judged stale.
    const ackOfValue = value === null ? Number.NEGATIVE_INFINITY : (this.ackOf.get(key)?.get(valueKey(value)) ?? Number.POSITIVE_INFINITY);
    // Newest acknowledgements first; once they are no later than ackOfValue, their writes began before it too.
    for (let i = list.length - 1; i >= 0; i--) {
      const w = list[i];
      if (w.ackedAt <= ackOfValue) break;
      if (w.ackedAt >= invokedAt) continue;
      if (w.invokedAt > ackOfValue) {
        const found: StaleRead = { process, key, value, newer: w.value, ackedAt: w.ackedAt, invokedAt, time };
        this.stale.push(found);
        return found;
      }
    }
    return null;
  }
}
