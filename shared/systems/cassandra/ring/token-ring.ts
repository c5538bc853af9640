// The token ring: every node's tokens in one sorted list, and who owns which part of the ring (FACTS §3.3).
// A key with token t belongs to the range (previous token, token], so its primary replica is the owner of the
// smallest node token >= t, wrapping to the lowest token when t is above them all
// (TokenMetadata.firstTokenIndex / ringIterator in src/java/org/apache/cassandra/locator/TokenMetadata.java).

import { MAX_TOKEN, MIN_TOKEN, tokenForKey } from "./murmur3";

export interface Endpoint {
  node: string;
  dc: string;
  rack: string;
  tokens: readonly bigint[];
}

export interface RingToken {
  token: bigint;
  node: string;
}

const RING_SIZE = 1n << 64n;

/**
 * Deterministic vnode tokens for a node: token i = tokenForKey(`${node}#${i}`), sorted ascending.
 *
 * This stands in for Cassandra's random token assignment. It depends only on the node's name, never on the run's
 * seed, so every node can compute every other node's tokens without asking. Cassandra 4's default
 * allocate_tokens_for_local_replication_factor (a balancing allocation algorithm, TokenAllocation.java) is not
 * modelled: with num_tokens 16 the ownership here is about as uneven as random assignment gives.
 * A repeated token (a 64-bit hash collision, never seen in practice) is kept once.
 */
export function vnodeTokens(node: string, numTokens: number): bigint[] {
  const tokens = new Set<bigint>();
  for (let i = 0; i < numTokens; i++) tokens.add(tokenForKey(`${node}#${i}`));
  return [...tokens].sort(compareTokens);
}

export function compareTokens(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Clockwise distance from token a to token b, in (0, 2^64]; a full turn when a === b. */
function ringDistance(from: bigint, to: bigint): bigint {
  const d = (((to - from) % RING_SIZE) + RING_SIZE) % RING_SIZE;
  return d === 0n ? RING_SIZE : d;
}

export class TokenRing {
  /** Every node token, ascending. */
  readonly sorted: readonly RingToken[];
  private readonly byNode: ReadonlyMap<string, Endpoint>;

  /**
   * Two nodes claiming the same token: the first in `endpoints` keeps it and the later claim is ignored (in
   * Cassandra a token maps to one endpoint, and a bootstrapping node that collides is refused; here the order of the
   * list decides, so the ring is the same on every node).
   */
  constructor(endpoints: readonly Endpoint[]) {
    const byNode = new Map<string, Endpoint>();
    const owner = new Map<bigint, string>();
    for (const e of endpoints) {
      if (byNode.has(e.node)) throw new Error(`node ${e.node} is listed twice in the ring`);
      byNode.set(e.node, e);
      for (const t of e.tokens) {
        if (t < MIN_TOKEN || t > MAX_TOKEN) throw new RangeError(`token ${t} of ${e.node} is outside the 64-bit ring`);
        if (!owner.has(t)) owner.set(t, e.node);
      }
    }
    this.byNode = byNode;
    this.sorted = [...owner.entries()].map(([token, node]) => ({ token, node })).sort((a, b) => compareTokens(a.token, b.token));
  }

  endpoint(node: string): Endpoint | undefined {
    return this.byNode.get(node);
  }

  /** The ring's members, in the order they were given. */
  nodes(): string[] {
    return [...this.byNode.keys()];
  }

  /**
   * Index in `sorted` of the smallest node token >= t, wrapping to 0 when t is above every token (binary search, as
   * TokenMetadata.firstTokenIndex). -1 for an empty ring.
   */
  primaryIndex(token: bigint): number {
    const n = this.sorted.length;
    if (n === 0) return -1;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid].token < token) lo = mid + 1;
      else hi = mid;
    }
    return lo === n ? 0 : lo;
  }

  /** The node that owns token t as primary replica, undefined for an empty ring. */
  primaryOwner(token: bigint): string | undefined {
    const i = this.primaryIndex(token);
    return i < 0 ? undefined : this.sorted[i].node;
  }

  /**
   * The fraction of the ring each node owns as primary: each token owns the range from the previous token (exclusive)
   * to itself (inclusive); the lowest token's range wraps round through MAX_TOKEN. Fractions sum to 1. Every member
   * appears, with 0 if all its tokens were taken by an earlier node.
   */
  ownership(): Map<string, number> {
    const owned = new Map<string, bigint>();
    for (const node of this.byNode.keys()) owned.set(node, 0n);
    const n = this.sorted.length;
    for (let i = 0; i < n; i++) {
      const prev = this.sorted[(i + n - 1) % n].token;
      const cur = this.sorted[i];
      owned.set(cur.node, (owned.get(cur.node) ?? 0n) + ringDistance(prev, cur.token));
    }
    const out = new Map<string, number>();
    for (const [node, size] of owned) out.set(node, Number(size) / Number(RING_SIZE));
    return out;
  }
}
