// One suspicion timer (memberlist suspicion.go): started at max (or at min when no confirmations are wanted), it
// shortens as independent members confirm the suspicion, down to min once k have. The member who raised it first
// does not count as a confirmation, and each other member counts once.

import { remainingSuspicionTime } from "./formulas";

export class Suspicion {
  private readonly confirmers = new Set<string>();
  confirmations = 0;

  constructor(
    /** Who raised the suspicion first; never counted as a confirmation. */
    readonly from: string,
    readonly k: number,
    readonly min: number,
    readonly max: number,
    /** When the timer started (monotonic ms). */
    readonly startedAt: number,
  ) {
    this.confirmers.add(from);
  }

  /** The whole timeout, from the start, given the confirmations so far. */
  timeout(): number {
    return this.k < 1 ? this.min : remainingSuspicionTime(this.confirmations, this.k, 0, this.min, this.max);
  }

  /** When the node will be declared dead (monotonic ms). */
  deadline(): number {
    return this.startedAt + this.timeout();
  }

  /** Counts a confirmation from `from`; true when it was new (and the timer shortened). */
  confirm(from: string): boolean {
    if (this.confirmations >= this.k) return false;
    if (this.confirmers.has(from)) return false;
    this.confirmers.add(from);
    this.confirmations++;
    return true;
  }
}
