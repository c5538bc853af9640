// Hinted handoff (hints/HintsService.java): when a replica is down or does not answer a write in time, the
// coordinator keeps the mutation as a hint for it, on disk (hints survive a restart of the coordinator). Every
// dispatch period it replays the hints of each replica it believes up again, in batches, and deletes them once
// the replica acknowledges. No hint is stored for a replica that has been down longer than max_hint_window; that
// data only comes back through read repair or anti-entropy repair. A hint does not count toward the consistency
// level, except for ANY.

import type { Cell } from "./storage/cell";

export interface Hint {
  target: string;
  key: string;
  cell: Cell;
  /** Coordinator's time when the hint was written. */
  at: number;
}

/** The largest batch sent in one hint message. */
export const HINT_BATCH = 64;

export class HintStore {
  /** Durable: plain data, saved as is. */
  readonly hints: Hint[];
  /** Volatile: batches sent and not yet acknowledged. */
  private readonly inFlight = new Map<number, { target: string; count: number; sentAt: number }>();
  private nextBatch = 1;

  constructor(saved: readonly Hint[] = []) {
    this.hints = saved.map((h) => ({ ...h, cell: { ...h.cell } }));
  }

  add(hint: Hint): void {
    this.hints.push(hint);
  }

  count(target?: string): number {
    if (target === undefined) return this.hints.length;
    let n = 0;
    for (const h of this.hints) if (h.target === target) n++;
    return n;
  }

  /** Targets with hints waiting, in a stable order. */
  targets(): string[] {
    return [...new Set(this.hints.map((h) => h.target))].sort();
  }

  /**
   * The next batch for `target`, or null when it has none or a batch is still in flight (one that has waited a
   * whole period without an answer is given up, so its hints go again).
   */
  nextBatchFor(target: string, now: number, periodMs: number): { batch: number; hints: Hint[] } | null {
    for (const [id, b] of this.inFlight) {
      if (b.target !== target) continue;
      if (now - b.sentAt < periodMs) return null;
      this.inFlight.delete(id);
    }
    const hints = this.hints.filter((h) => h.target === target).slice(0, HINT_BATCH);
    if (hints.length === 0) return null;
    const batch = this.nextBatch++;
    this.inFlight.set(batch, { target, count: hints.length, sentAt: now });
    return { batch, hints };
  }

  /** The replica acknowledged a batch: delete those hints (the oldest `count` hints for that target). */
  acknowledged(batch: number): { target: string; count: number } | null {
    const b = this.inFlight.get(batch);
    if (!b) return null;
    this.inFlight.delete(batch);
    let left = b.count;
    for (let i = 0; i < this.hints.length && left > 0; ) {
      if (this.hints[i].target === b.target) {
        this.hints.splice(i, 1);
        left--;
      } else i++;
    }
    return b;
  }

  /** A node left the ring for good: its hints can never be delivered. */
  dropFor(target: string): number {
    const before = this.hints.length;
    for (let i = this.hints.length - 1; i >= 0; i--) if (this.hints[i].target === target) this.hints.splice(i, 1);
    return before - this.hints.length;
  }
}
