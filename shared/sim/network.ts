// The network between nodes: what happens to a message sent on a directed link from → to.
//
// Every link has the default latency, jitter and loss unless overridden; a link may be cut in one direction only
// (asymmetric partitions are real and are what breaks naive failure detectors). Jitter is drawn per message, so two
// messages on the same link can arrive out of order, as on a real network; that is part of what Raft must survive.
// All randomness comes from the network's own seeded stream, drawn in event order, so a run replays exactly.
//
// Only directed links are stored; the fault layer turns a symmetric cut or heal into both directions.

import type { Rng } from "./rng";
import type { NodeId } from "./types";

export interface NetworkOptions {
  /** One-way delay of a node-to-node message, ms. */
  latencyMs: number;
  /** Extra delay drawn uniformly from 0..jitterMs (inclusive) per message. */
  jitterMs: number;
  /** Probability that a message is lost. */
  loss: number;
  /** Probability that a sent message is delivered twice (each copy with its own delay). */
  duplicate: number;
}

export const DEFAULT_NETWORK: Readonly<NetworkOptions> = { latencyMs: 2, jitterMs: 1, loss: 0, duplicate: 0 };

/** transit() result for a message the link drops. Any result >= 0 is a delay in ms. */
export const DROPPED_CUT = -1;
export const DROPPED_LOSS = -2;

export interface LinkRef {
  from: NodeId;
  to: NodeId;
}

export interface NetworkState {
  defaults: Readonly<NetworkOptions>;
  /** Directed: a symmetric cut appears as two entries. */
  cuts: LinkRef[];
  latency: (LinkRef & { ms: number; jitterMs: number })[];
  loss: (LinkRef & { rate: number })[];
  duplicate: number;
}

interface LinkOverride {
  cut: boolean;
  latencyMs?: number;
  jitterMs?: number;
  loss?: number;
}

export class Network {
  readonly defaults: Readonly<NetworkOptions>;
  private duplicateRate: number;
  /** from -> to -> override. Empty inner maps and default-valued overrides are removed. */
  private readonly links = new Map<NodeId, Map<NodeId, LinkOverride>>();
  private overrideCount = 0;

  constructor(
    defaults: NetworkOptions,
    private readonly rng: Rng,
  ) {
    checkOptions(defaults);
    this.defaults = Object.freeze({ ...defaults });
    this.duplicateRate = defaults.duplicate;
  }

  /** The fate of one message sent now on from → to: a delay in ms (>= 0), DROPPED_CUT or DROPPED_LOSS. */
  transit(from: NodeId, to: NodeId): number {
    const link = this.overrideCount === 0 ? undefined : this.links.get(from)?.get(to);
    if (link?.cut) return DROPPED_CUT;
    const loss = link?.loss ?? this.defaults.loss;
    // A draw is taken only when loss is possible, so a lossless network spends no randomness on it.
    if (loss > 0 && this.rng.chance(loss)) return DROPPED_LOSS;
    const latency = link?.latencyMs ?? this.defaults.latencyMs;
    const jitter = link?.jitterMs ?? this.defaults.jitterMs;
    return jitter > 0 ? latency + this.rng.int(0, jitter + 1) : latency;
  }

  /** Whether the message just sent is also delivered a second time. */
  duplicates(): boolean {
    return this.duplicateRate > 0 && this.rng.chance(this.duplicateRate);
  }

  isCut(from: NodeId, to: NodeId): boolean {
    return this.overrideCount !== 0 && this.links.get(from)?.get(to)?.cut === true;
  }

  cut(from: NodeId, to: NodeId): void {
    this.edit(from, to, (link) => {
      link.cut = true;
    });
  }

  /** Restores one directed link to the defaults: uncut, default latency and loss. */
  heal(from: NodeId, to: NodeId): void {
    const inner = this.links.get(from);
    if (inner?.delete(to)) {
      this.overrideCount--;
      if (inner.size === 0) this.links.delete(from);
    }
  }

  /** Restores every link touching `node`, both directions. */
  healNode(node: NodeId): void {
    for (const link of this.overriddenLinks()) if (link.from === node || link.to === node) this.heal(link.from, link.to);
  }

  /** Restores the whole network to its configured defaults, duplication included. */
  healAll(): void {
    this.links.clear();
    this.overrideCount = 0;
    this.duplicateRate = this.defaults.duplicate;
  }

  /** Removes every cut, keeping latency and loss overrides (a new partition replaces the old one). */
  clearCuts(): void {
    for (const link of this.overriddenLinks()) {
      this.edit(link.from, link.to, (o) => {
        o.cut = false;
      });
    }
  }

  setLatency(from: NodeId, to: NodeId, ms: number, jitterMs: number): void {
    this.edit(from, to, (link) => {
      link.latencyMs = ms;
      link.jitterMs = jitterMs;
    });
  }

  setLoss(from: NodeId, to: NodeId, rate: number): void {
    this.edit(from, to, (link) => {
      link.loss = rate;
    });
  }

  setDuplicate(rate: number): void {
    this.duplicateRate = rate;
  }

  /** A node left the cluster: its links' overrides would surprise whoever reuses the id later. */
  forget(node: NodeId): void {
    this.healNode(node);
  }

  state(): NetworkState {
    const state: NetworkState = { defaults: this.defaults, cuts: [], latency: [], loss: [], duplicate: this.duplicateRate };
    for (const [from, inner] of this.links) {
      for (const [to, link] of inner) {
        if (link.cut) state.cuts.push({ from, to });
        if (link.latencyMs !== undefined) state.latency.push({ from, to, ms: link.latencyMs, jitterMs: link.jitterMs ?? this.defaults.jitterMs });
        if (link.loss !== undefined) state.loss.push({ from, to, rate: link.loss });
      }
    }
    return state;
  }

  /** A snapshot of the overridden links, so callers may change the maps while walking it. */
  private overriddenLinks(): LinkRef[] {
    const refs: LinkRef[] = [];
    for (const [from, inner] of this.links) for (const to of inner.keys()) refs.push({ from, to });
    return refs;
  }

  /** Applies a change to a link's override, then drops whatever is back at the default. */
  private edit(from: NodeId, to: NodeId, change: (link: LinkOverride) => void): void {
    let inner = this.links.get(from);
    if (!inner) {
      inner = new Map();
      this.links.set(from, inner);
    }
    let link = inner.get(to);
    if (!link) {
      link = { cut: false };
      inner.set(to, link);
      this.overrideCount++;
    }
    change(link);
    const d = this.defaults;
    if (link.latencyMs === d.latencyMs && (link.jitterMs ?? d.jitterMs) === d.jitterMs) {
      link.latencyMs = undefined;
      link.jitterMs = undefined;
    }
    if (link.loss === d.loss) link.loss = undefined;
    if (!link.cut && link.latencyMs === undefined && link.jitterMs === undefined && link.loss === undefined) this.heal(from, to);
  }
}

function checkOptions(o: NetworkOptions): void {
  const bad = (what: string, v: unknown) => new RangeError(`network ${what}, got ${String(v)}`);
  if (!Number.isSafeInteger(o.latencyMs) || o.latencyMs < 0) throw bad("latencyMs must be a whole number >= 0", o.latencyMs);
  if (!Number.isSafeInteger(o.jitterMs) || o.jitterMs < 0) throw bad("jitterMs must be a whole number >= 0", o.jitterMs);
  if (!(o.loss >= 0 && o.loss <= 1)) throw bad("loss must be between 0 and 1", o.loss);
  if (!(o.duplicate >= 0 && o.duplicate <= 1)) throw bad("duplicate must be between 0 and 1", o.duplicate);
}
