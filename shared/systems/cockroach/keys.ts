// The sorted keyspace: accounts are /accounts/0000 .. /accounts/NNNN (zero-padded, so string order is numeric
// order), and a range covers [start, end). Range descriptors say which keys a range holds and on which stores its
// replicas live; `generation` grows with every split, merge and replica change, so a gateway can tell which of two
// descriptors is newer.

import type { NodeId } from "../../sim/types";

export const KEY_MIN = "";
export const KEY_MAX = "\uffff";
const PREFIX = "/accounts/";

export function accountKey(id: number): string {
  return PREFIX + String(id).padStart(4, "0");
}

/** The account number of a key, or undefined when the key is not an account. */
export function accountOf(key: string): number | undefined {
  if (!key.startsWith(PREFIX)) return undefined;
  const n = Number(key.slice(PREFIX.length));
  return Number.isInteger(n) ? n : undefined;
}

export interface RangeDescriptor {
  rangeId: number;
  start: string;
  end: string;
  replicas: NodeId[];
  generation: number;
}

export function containsKey(d: { start: string; end: string }, key: string): boolean {
  return key >= d.start && key < d.end;
}

/** The table's first layout: `ranges` ranges splitting the accounts evenly, all on the same replicas. */
export function bootstrapDescriptors(accounts: number, ranges: number, replicas: readonly NodeId[]): RangeDescriptor[] {
  const out: RangeDescriptor[] = [];
  for (let i = 0; i < ranges; i++) {
    const start = i === 0 ? KEY_MIN : accountKey(Math.floor((i * accounts) / ranges));
    const end = i === ranges - 1 ? KEY_MAX : accountKey(Math.floor(((i + 1) * accounts) / ranges));
    out.push({ rangeId: i + 1, start, end, replicas: [...replicas], generation: 0 });
  }
  return out;
}

export function showSpan(d: { start: string; end: string }): string {
  return `[${d.start === KEY_MIN ? "/Min" : d.start}, ${d.end === KEY_MAX ? "/Max" : d.end})`;
}
