// The Wing & Gong linearizability search with Lowe's memoization, as Knossos and Porcupine implement it.
//
// Calls and returns sit in one time-ordered linked list. The search repeatedly "linearizes" an operation whose
// call is before the first remaining return (so it really could come next), removes its entries, and continues;
// when it reaches a return whose operation is still unplaced, no order up to here works and it backtracks.
// A (set of placed ops, model state) pair already explored cannot lead anywhere new, so it is cached: this
// turns the factorial search into one bounded by the distinct configurations, which is small for registers.
//
// Operations with an infinite return (unknown outcome) have no return entry: they may be placed anywhere after
// their call or never, and the search succeeds once every operation with a return has been placed.
//
// One reduction on top: an op that never changes the state (a read) and can be placed now is placed at once, and
// no alternative is tried at that point. Any valid order that places it later stays valid with it moved here: the
// states the other ops see are unchanged, and moving an op earlier only keeps "returned before invoked" constraints
// that point away from it, while none point towards it (no unplaced op returned before its call).

/** An operation as the search sees it: its call and return positions (return Infinity = may be dropped). */
export interface SearchOp {
  call: number;
  ret: number;
  /** True if the op leaves every state as it was whenever it can take effect (a read). */
  readOnly?: boolean;
}

/** How far the search got before it proved there is no order: used to explain the failure. */
export interface SearchFailure {
  /** The op whose return was reached, at the deepest point, without any way to place it. */
  op: number;
  /** The model state at that point. */
  state: number;
  /** The ops placed at that point, in order: the longest valid prefix the search found. */
  order: number[];
}

export type SearchResult =
  | { status: "ok"; steps: number }
  | { status: "violation"; steps: number; failure: SearchFailure }
  | { status: "unknown"; steps: number };

/** A step function over integer states: the next state, or -1 if `op` cannot take effect in `state`. */
export type StepFunction = (state: number, op: number) => number;

const HEAD = 0;
const NONE = -1;

/** Remembers visited (placed set, state) pairs; keyed by a hash and confirmed exactly, so a collision never prunes. */
class ConfigCache {
  private readonly buckets = new Map<number, { bits: Uint32Array; state: number }[]>();

  /** Adds the configuration; false if it was already there. */
  add(bits: Uint32Array, state: number): boolean {
    let h1 = Math.imul(state + 1, 0x9e3779b1);
    let h2 = Math.imul(state + 7, 0x85ebca6b);
    for (let i = 0; i < bits.length; i++) {
      h1 = Math.imul(h1 ^ bits[i], 0x01000193);
      h1 ^= h1 >>> 15;
      h2 = Math.imul(h2 + bits[i], 0xc2b2ae35);
      h2 ^= h2 >>> 13;
    }
    const key = (h1 >>> 0) + (h2 & 0x1fffff) * 0x100000000;
    const bucket = this.buckets.get(key);
    if (!bucket) {
      this.buckets.set(key, [{ bits: bits.slice(), state }]);
      return true;
    }
    for (const seen of bucket) {
      if (seen.state === state && sameBits(seen.bits, bits)) return false;
    }
    bucket.push({ bits: bits.slice(), state });
    return true;
  }
}

function sameBits(a: Uint32Array, b: Uint32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The entry list: index 0 is the head sentinel, then one call per op and one return per op that has one. */
interface EntryList {
  next: Int32Array;
  prev: Int32Array;
  op: Int32Array;
  /** For a call entry: its return entry (NONE if it has none); for a return entry: -2. */
  match: Int32Array;
}

const RETURN = -2;

function buildEntries(ops: readonly SearchOp[]): EntryList {
  const events: { pos: number; isCall: boolean; op: number }[] = [];
  ops.forEach((o, i) => {
    events.push({ pos: o.call, isCall: true, op: i });
    if (o.ret !== Infinity) events.push({ pos: o.ret, isCall: false, op: i });
  });
  // At equal positions calls go first: treating touching intervals as overlapping never invents a violation.
  events.sort((a, b) => a.pos - b.pos || (a.isCall === b.isCall ? a.op - b.op : a.isCall ? -1 : 1));
  const n = events.length + 1;
  const list: EntryList = { next: new Int32Array(n), prev: new Int32Array(n), op: new Int32Array(n), match: new Int32Array(n) };
  const callEntry = new Int32Array(ops.length);
  list.op[HEAD] = NONE;
  list.match[HEAD] = NONE;
  events.forEach((ev, k) => {
    const e = k + 1;
    list.prev[e] = e - 1;
    list.next[e - 1] = e;
    list.op[e] = ev.op;
    if (ev.isCall) {
      callEntry[ev.op] = e;
      list.match[e] = NONE;
    } else {
      list.match[e] = RETURN;
      list.match[callEntry[ev.op]] = e;
    }
  });
  list.next[n - 1] = NONE;
  list.prev[HEAD] = NONE;
  return list;
}

function lift(l: EntryList, e: number): void {
  l.next[l.prev[e]] = l.next[e];
  if (l.next[e] !== NONE) l.prev[l.next[e]] = l.prev[e];
  const m = l.match[e];
  if (m === NONE) return;
  l.next[l.prev[m]] = l.next[m];
  if (l.next[m] !== NONE) l.prev[l.next[m]] = l.prev[m];
}

function unlift(l: EntryList, e: number): void {
  const m = l.match[e];
  if (m !== NONE) {
    l.next[l.prev[m]] = m;
    if (l.next[m] !== NONE) l.prev[l.next[m]] = m;
  }
  l.next[l.prev[e]] = e;
  if (l.next[e] !== NONE) l.prev[l.next[e]] = e;
}

/** The first read-only op that could be placed now (its call comes before every remaining return). */
function placeableRead(list: EntryList, ops: readonly SearchOp[], step: StepFunction, state: number): number {
  for (let e = list.next[HEAD]; e !== NONE && list.match[e] !== RETURN; e = list.next[e]) {
    const op = list.op[e];
    if (ops[op].readOnly && step(state, op) >= 0) return e;
  }
  return NONE;
}

/**
 * Searches for an order of `ops` that respects real time and the model. `maxSteps` bounds the work: past it the
 * answer is "unknown", never a guess.
 */
export function searchLinearization(ops: readonly SearchOp[], initial: number, step: StepFunction, maxSteps: number): SearchResult {
  const list = buildEntries(ops);
  const bits = new Uint32Array(Math.max(1, Math.ceil(ops.length / 32)));
  const cache = new ConfigCache();
  cache.add(bits, initial);
  const stackEntry = new Int32Array(ops.length);
  const stackState = new Int32Array(ops.length);
  // 1 where the op was placed by the read reduction: its configuration has no alternatives left when it fails.
  const stackForced = new Uint8Array(ops.length);
  let sp = 0;
  let state = initial;
  let mustPlace = 0;
  for (const o of ops) if (o.ret !== Infinity) mustPlace++;
  let deepest = -1;
  let failure: SearchFailure | undefined;
  let steps = 0;
  let entry = list.next[HEAD];
  let fresh = true; // at a configuration not yet looked at
  let dead = false; // the current configuration has no way forward: backtrack

  const place = (e: number, after: number, forced: boolean): boolean => {
    const op = list.op[e];
    bits[op >>> 5] |= 1 << (op & 31);
    if (!cache.add(bits, after)) {
      bits[op >>> 5] &= ~(1 << (op & 31));
      return false;
    }
    stackEntry[sp] = e;
    stackState[sp] = state;
    stackForced[sp] = forced ? 1 : 0;
    sp++;
    state = after;
    if (ops[op].ret !== Infinity) mustPlace--;
    lift(list, e);
    entry = list.next[HEAD];
    fresh = true;
    return true;
  };

  while (mustPlace > 0) {
    if (++steps > maxSteps) return { status: "unknown", steps: steps - 1 };
    if (!dead && fresh) {
      fresh = false;
      const read = placeableRead(list, ops, step, state);
      if (read !== NONE) {
        // The config after the read was explored before and failed; the read had to go first, so this one fails too.
        if (!place(read, state, true)) dead = true;
        continue;
      }
    }
    if (!dead && entry !== NONE && list.match[entry] !== RETURN) {
      const after = step(state, list.op[entry]);
      if (after < 0 || !place(entry, after, false)) entry = list.next[entry];
      continue;
    }
    if (!dead && sp > deepest && entry !== NONE) {
      // A return whose op is unplaced: no order of what is placed so far can continue. Remember the deepest.
      deepest = sp;
      const order: number[] = [];
      for (let i = 0; i < sp; i++) order.push(list.op[stackEntry[i]]);
      failure = { op: list.op[entry], state, order };
    }
    if (sp === 0) break;
    sp--;
    const placed = stackEntry[sp];
    const op = list.op[placed];
    state = stackState[sp];
    bits[op >>> 5] &= ~(1 << (op & 31));
    if (ops[op].ret !== Infinity) mustPlace++;
    unlift(list, placed);
    entry = list.next[placed];
    dead = stackForced[sp] === 1;
    fresh = false;
  }
  if (mustPlace === 0) return { status: "ok", steps };
  // Every explored configuration ends at a return it cannot pass, so a failed search has recorded one.
  if (!failure) throw new Error("linearizability search failed without recording where");
  return { status: "violation", steps, failure };
}
