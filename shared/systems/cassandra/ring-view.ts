// The ring as one node sees it through gossip: which endpoints own tokens, where a key's replicas are, which
// replicas are pending (a node bootstrapping into the range), and the token ranges a node replicates.
// Rebuilt only when gossip changes a status or a token list.

import type { EndpointState } from "./gossip";
import { tokenForKey } from "./ring/murmur3";
import { replicasFor, type Replication } from "./ring/placement";
import { type Endpoint, TokenRing } from "./ring/token-ring";
import type { TokenRangeWire } from "./wire";

export interface Replicas {
  /** Natural replicas, primary first. */
  natural: string[];
  /** Nodes bootstrapping into this key's range: writes go to them too and wait for them as well. */
  pending: string[];
}

function endpoint(s: EndpointState): Endpoint {
  return { node: s.node, dc: s.dc, rack: s.rack, tokens: s.tokens.map((t) => BigInt(t)) };
}

export class RingView {
  /** The ring of endpoints that own ranges now (NORMAL and LEAVING). */
  readonly ring: TokenRing;
  /** The ring once every bootstrap and decommission in progress has finished. */
  readonly future: TokenRing;
  private readonly dcs = new Map<string, string>();
  /** Replicas per key for one replication setting: a view is rebuilt whenever the ring changes, so this is exact. */
  private readonly memo = new Map<string, Replicas>();
  private memoFor: Replication | undefined;

  constructor(states: readonly EndpointState[]) {
    const owning = states.filter((s) => s.status === "NORMAL" || s.status === "LEAVING");
    const future = states.filter((s) => s.status === "NORMAL" || s.status === "BOOTSTRAPPING");
    this.ring = new TokenRing(owning.map(endpoint));
    this.future = new TokenRing(future.map(endpoint));
    for (const s of states) this.dcs.set(s.node, s.dc);
  }

  dcOf(node: string): string {
    return this.dcs.get(node) ?? "";
  }

  replicas(key: string, replication: Replication): Replicas {
    if (this.memoFor !== replication) {
      this.memo.clear();
      this.memoFor = replication;
    }
    const known = this.memo.get(key);
    if (known) return known;
    const found = this.compute(key, replication);
    this.memo.set(key, found);
    return found;
  }

  private compute(key: string, replication: Replication): Replicas {
    const token = cachedToken(key);
    const natural = this.ring.sorted.length === 0 ? [] : replicasFor(this.ring, token, replication);
    const next = this.future.sorted.length === 0 ? [] : replicasFor(this.future, token, replication);
    return { natural, pending: next.filter((n) => !natural.includes(n)) };
  }

  /** The ranges (previous token, token] of `ring` for which `node` is a replica. */
  rangesOf(node: string, replication: Replication, ring: TokenRing = this.ring): TokenRangeWire[] {
    const sorted = ring.sorted;
    const ranges: TokenRangeWire[] = [];
    for (let i = 0; i < sorted.length; i++) {
      const end = sorted[i].token;
      if (!replicasFor(ring, end, replication).includes(node)) continue;
      const start = sorted[(i - 1 + sorted.length) % sorted.length].token;
      ranges.push({ start: start.toString(), end: end.toString() });
    }
    return ranges;
  }
}

/** Tokens of the keys seen so far: a game uses a few dozen keys, and Murmur3 over BigInt is not cheap. */
const tokens = new Map<string, bigint>();
const TOKEN_CACHE_LIMIT = 100_000;

export function cachedToken(key: string): bigint {
  let t = tokens.get(key);
  if (t === undefined) {
    if (tokens.size >= TOKEN_CACHE_LIMIT) tokens.clear();
    t = tokenForKey(key);
    tokens.set(key, t);
  }
  return t;
}

/** Whether `token` lies in (start, end], wrapping around the ring when start >= end. */
export function inRange(token: bigint, range: TokenRangeWire): boolean {
  const start = BigInt(range.start);
  const end = BigInt(range.end);
  if (start < end) return token > start && token <= end;
  return token > start || token <= end;
}

export function keyInRanges(key: string, ranges: readonly TokenRangeWire[]): boolean {
  const token = cachedToken(key);
  return ranges.some((r) => inRange(token, r));
}
