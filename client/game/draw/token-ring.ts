// Token-ring geometry for drawing Cassandra's ring: where a token sits on the circle, which arcs each node's tokens
// own, and where a replica's first token lies clockwise from a key. Pure arithmetic on what the server projects (the
// tokens and the replica lists); who the replicas are is never decided here.
//
// A token t is a signed 64-bit integer. Its place on the ring is (t + 2^63) / 2^64, a fraction in [0, 1): the lowest
// token at the top of the circle, growing clockwise. A node's token owns the range (previous token, token], so the
// arc that ends at a token is drawn in its node's colour.

import { ringFraction } from "../../../shared/systems/cassandra/ring/murmur3";

/** The token's place on the ring, in [0, 1). Unreadable text gives 0. */
export function tokenFraction(token: string): number {
  try {
    return ringFraction(BigInt(token));
  } catch {
    return 0;
  }
}

/** Comma-separated tokens as fractions, ascending. */
export function nodeFractions(tokens: string): number[] {
  if (tokens === "") return [];
  return tokens
    .split(",")
    .map((t) => tokenFraction(t.trim()))
    .sort((a, b) => a - b);
}

export interface RingOwner {
  node: string;
  fractions: readonly number[];
}

/** One arc of the ring, from `start` to `end` (fractions, start < end), owned by `node`. */
export interface RingArc {
  node: string;
  start: number;
  end: number;
}

/**
 * The ring cut into arcs, each owned by the node whose token ends it. The range of the lowest token wraps through
 * the top of the circle; it is returned as two arcs (the one before the top and the one after), so no arc crosses 0.
 */
export function ringArcs(owners: readonly RingOwner[]): RingArc[] {
  const points: { at: number; node: string }[] = [];
  const taken = new Set<number>();
  // The first owner listed keeps a token two nodes claim, as the system's ring does.
  for (const o of owners) {
    for (const at of o.fractions) {
      if (taken.has(at)) continue;
      taken.add(at);
      points.push({ at, node: o.node });
    }
  }
  points.sort((a, b) => a.at - b.at);
  if (points.length === 0) return [];
  const arcs: RingArc[] = [];
  const first = points[0];
  const last = points[points.length - 1];
  if (points.length === 1) return [{ node: first.node, start: 0, end: 1 }];
  // The lowest token owns everything after the highest token, round through the top, up to itself.
  if (last.at < 1) arcs.push({ node: first.node, start: last.at, end: 1 });
  if (first.at > 0) arcs.push({ node: first.node, start: 0, end: first.at });
  for (let i = 1; i < points.length; i++) arcs.push({ node: points[i].node, start: points[i - 1].at, end: points[i].at });
  return arcs.filter((a) => a.end > a.start);
}

/** The share of the ring each node owns as primary (0 to 1). */
export function ownership(arcs: readonly RingArc[]): Map<string, number> {
  const share = new Map<string, number>();
  for (const a of arcs) share.set(a.node, (share.get(a.node) ?? 0) + (a.end - a.start));
  return share;
}

/** The first of `fractions` at or clockwise after `from` (wrapping round the top); undefined when there are none. */
export function firstClockwise(fractions: readonly number[], from: number): number | undefined {
  if (fractions.length === 0) return undefined;
  let best: number | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const f of fractions) {
    const d = (((f - from) % 1) + 1) % 1;
    if (d < bestDistance) {
      bestDistance = d;
      best = f;
    }
  }
  return best;
}

/** Screen angle (radians) of a ring fraction: 0 at the top, clockwise. */
export function fractionAngle(fraction: number): number {
  return -Math.PI / 2 + fraction * 2 * Math.PI;
}

/** Clockwise distance from fraction a to fraction b, in [0, 1). */
export function clockwiseDistance(a: number, b: number): number {
  return (((b - a) % 1) + 1) % 1;
}
