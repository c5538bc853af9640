// How often one address may upload a level: each upload costs a validation, a row in the database and a proof on a
// worker thread, so a script must not be able to make thousands. A token bucket per address: ten at once, then ten
// a minute. Every upload counts, good or bad, since a bad one costs the validation too. Behind a school's NAT a whole
// class shares an address; ten a minute is still more than a class of authors saves.

import { LruMap } from "../lru-map";
import { type Bucket, refilled, secondsUntilOne } from "./minute-bucket";

/** Uploads an address may make at once (burst), and how many come back per minute. */
export type UploadRate = Bucket;

export const UPLOAD_RATE: UploadRate = { burst: 10, perMinute: 10 };

interface Tokens {
  tokens: number;
  at: number;
}

/** Addresses tracked at most; past it the one seen longest ago is forgotten (as if new: a full bucket). */
const MAX_ADDRESSES = 10_000;

export class UploadLimiter {
  private readonly byAddress: LruMap<string, Tokens>;

  constructor(
    private readonly rate: UploadRate = UPLOAD_RATE,
    private readonly now: () => number = () => performance.now(),
    maxAddresses = MAX_ADDRESSES,
  ) {
    this.byAddress = new LruMap(maxAddresses);
  }

  /** The rate in words, for the answer to a refused upload: "10 a minute". */
  describe(): string {
    return `${this.rate.perMinute} a minute`;
  }

  /** Counts one upload from `address`: undefined when it may go ahead, else the seconds until it may. */
  take(address: string): number | undefined {
    const t = this.refill(address);
    if (t.tokens < 1) return secondsUntilOne(t.tokens, this.rate);
    t.tokens -= 1;
    return undefined;
  }

  private refill(address: string): Tokens {
    const now = this.now();
    let t = this.byAddress.get(address);
    if (!t) {
      t = { tokens: this.rate.burst, at: now };
      this.byAddress.set(address, t);
    }
    t.tokens = refilled(t.tokens, now - t.at, this.rate);
    t.at = now;
    return t;
  }

  /** Addresses being tracked (for tests: the map must not grow without bound). */
  get size(): number {
    return this.byAddress.size;
  }
}
