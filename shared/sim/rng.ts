// The one source of randomness in a simulation. Every random choice (jitter, loss, election timeouts, client think
// times) comes from an Rng derived from the run's seed, so a seed replays the same run byte for byte.
//
// Generator: sfc32 (Chris Doty-Humphrey's Small Fast Chaotic PRNG; passes PractRand, 128-bit state, only 32-bit
// integer arithmetic, so it is exact and fast in JavaScript). Its state is filled from a 64-bit key by splitmix32.
// fork(label) derives a child key from the parent's key and the label only — never from how many numbers the parent
// has drawn — so adding a node, or a new use of randomness somewhere, never shifts any other stream.

const TWO_POW_32 = 4294967296;

/** Murmur3's 32-bit finaliser: a bijective avalanche mix. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit hash of a string's UTF-16 code units, with a seed so two independent hashes can be taken. */
function hashLabel(label: string, seed: number): number {
  let h = seed | 0;
  for (let i = 0; i < label.length; i++) {
    h = Math.imul(h ^ label.charCodeAt(i), 0x5bd1e995);
    h ^= h >>> 15;
  }
  return fmix32(h ^ label.length);
}

export class Rng {
  // sfc32 state.
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;
  // The 64-bit key this stream was seeded from; forks derive from it.
  private k0 = 0;
  private k1 = 0;

  /** `seed` is any safe integer (negative allowed); 0 and 2^32 are different seeds. */
  constructor(seed: number) {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`a seed must be a whole number, got ${String(seed)}`);
    const lo = seed >>> 0;
    const hi = Math.floor(seed / TWO_POW_32) >>> 0;
    this.reseed(fmix32(lo ^ 0x9e3779b9), fmix32(hi ^ fmix32(lo + 0x7f4a7c15)));
  }

  private reseed(k0: number, k1: number): void {
    this.k0 = k0;
    this.k1 = k1;
    // splitmix32 over the key fills the four state words; a zero state cannot occur because d starts at 1 below.
    let s = (k0 ^ Math.imul(k1, 0x9e3779b9)) | 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) | 0;
      return fmix32(s ^ k1);
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = 1;
    // sfc32's authors discard the first outputs so weakly different keys diverge fully.
    for (let i = 0; i < 15; i++) this.next();
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1) with 32 bits of resolution. */
  float(): number {
    return this.next() / TWO_POW_32;
  }

  /** A uniformly distributed integer in [lo, hiExclusive). Unbiased (rejection sampling). */
  int(lo: number, hiExclusive: number): number {
    if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hiExclusive)) {
      throw new RangeError(`int(lo, hi) needs whole numbers, got ${lo} and ${hiExclusive}`);
    }
    const n = hiExclusive - lo;
    if (n <= 0) throw new RangeError(`int(lo, hi) needs lo < hi, got ${lo} and ${hiExclusive}`);
    if (n > TWO_POW_32) throw new RangeError(`int(lo, hi) covers at most 2^32 values, got ${n}`);
    // Values at or above `limit` would make the low residues more likely; draw again instead.
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    let x = this.next();
    while (x >= limit) x = this.next();
    return lo + (x % n);
  }

  /** True with probability p (p <= 0 never, p >= 1 always). */
  chance(p: number): boolean {
    if (Number.isNaN(p)) throw new RangeError("chance(p) needs a probability, got NaN");
    return this.float() < p;
  }

  /** A uniformly chosen element. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("pick() needs at least one item to choose from");
    return items[this.int(0, items.length)];
  }

  /** Shuffles in place (Fisher–Yates) and returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(0, i + 1);
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }

  /** An exponentially distributed float with the given mean (time between events of a Poisson process). */
  exponential(mean: number): number {
    if (!(mean >= 0) || !Number.isFinite(mean)) throw new RangeError(`exponential(mean) needs a finite mean >= 0, got ${mean}`);
    // 1 - float() is in (0, 1], so the logarithm is finite.
    return -mean * Math.log(1 - this.float());
  }

  /** An independent stream derived from this stream's seed and `label` (not from its current position). */
  fork(label: string): Rng {
    const child = new Rng(0);
    const h0 = hashLabel(label, 0x243f6a88);
    const h1 = hashLabel(label, 0x85a308d3);
    child.reseed(fmix32(this.k0 ^ h0), fmix32((this.k1 + Math.imul(h1, 0x9e3779b9)) ^ fmix32(this.k0 + h1)));
    return child;
  }
}
