// Hybrid logical clocks (pkg/util/hlc): a timestamp is (wall, logical). Now() takes the node's physical clock (its
// skewed wall clock, ctx.localTime) unless the clock last seen is ahead, in which case the logical part counts up;
// Update() ratchets the clock to a timestamp received from another node. CockroachDB's wall part is nanoseconds;
// here it is the simulation's milliseconds, which changes no rule.

export interface Timestamp {
  w: number;
  l: number;
}

export const ZERO: Timestamp = Object.freeze({ w: 0, l: 0 });

export function cmp(a: Timestamp, b: Timestamp): number {
  return a.w !== b.w ? a.w - b.w : a.l - b.l;
}

export function less(a: Timestamp, b: Timestamp): boolean {
  return cmp(a, b) < 0;
}

export function maxTs(a: Timestamp, b: Timestamp): Timestamp {
  return cmp(a, b) >= 0 ? a : b;
}

/** The smallest timestamp above `t` (Timestamp.Next()). */
export function next(t: Timestamp): Timestamp {
  return { w: t.w, l: t.l + 1 };
}

export function addMs(t: Timestamp, ms: number): Timestamp {
  return { w: t.w + ms, l: t.l };
}

export function fmt(t: Timestamp): string {
  return `${t.w}.${t.l}`;
}

export class Hlc {
  private last: Timestamp = ZERO;

  /** Now(): max(physical, last); if the wall part did not advance, logical + 1. */
  now(physical: number): Timestamp {
    if (physical > this.last.w) this.last = { w: physical, l: 0 };
    else this.last = { w: this.last.w, l: this.last.l + 1 };
    return this.last;
  }

  /** Update(): the clock never runs behind a timestamp it has seen. */
  update(remote: Timestamp): void {
    if (cmp(remote, this.last) > 0) this.last = { w: remote.w, l: remote.l };
  }

  /** The clock's current reading without ticking it (for display). */
  peek(physical: number): Timestamp {
    return physical > this.last.w ? { w: physical, l: 0 } : this.last;
  }
}
