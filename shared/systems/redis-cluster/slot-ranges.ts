// Slot sets as the screen and the wire carry them: sorted inclusive ranges ([[0, 5460], [10923, 16383]]), which is
// how CLUSTER NODES and CLUSTER SLOTS print them and far smaller than Redis's 2 KiB bitmap for a message.

import { SLOTS } from "./keyslot";

export type SlotRange = readonly [number, number];

/** Inclusive ranges of the ascending slot numbers given. */
export function toRanges(slots: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const s of slots) {
    const last = out[out.length - 1];
    if (last && s === last[1] + 1) last[1] = s;
    else out.push([s, s]);
  }
  return out;
}

/** Every slot of the ranges, ascending. */
export function fromRanges(ranges: readonly SlotRange[]): number[] {
  const out: number[] = [];
  for (const [a, b] of ranges) for (let s = a; s <= b; s++) out.push(s);
  return out;
}

/** "0-5460,10923-16383" (CLUSTER NODES style). */
export function describeRanges(ranges: readonly SlotRange[]): string {
  if (ranges.length === 0) return "no slots";
  return ranges.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(",");
}

/**
 * How `redis-cli --cluster create` splits the slots over n masters: each gets 16384/n (a fraction), the boundary
 * rounded, the last taking the rest — 3 masters get 0-5460, 5461-10922, 10923-16383.
 */
export function evenSplit(masters: number): [number, number][] {
  const per = SLOTS / masters;
  const out: [number, number][] = [];
  let cursor = 0;
  let first = 0;
  for (let i = 0; i < masters; i++) {
    let last = Math.round(cursor + per - 1);
    if (last > SLOTS - 1 || i === masters - 1) last = SLOTS - 1;
    out.push([first, last]);
    first = last + 1;
    cursor += per;
  }
  return out;
}
