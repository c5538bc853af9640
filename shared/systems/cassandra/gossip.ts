// Gossip and failure detection (gms/Gossiper.java, FailureDetector.java). Every node keeps a state per endpoint:
// its generation (bumped at every start), a version that grows with every heartbeat and status change, its
// status (NORMAL, BOOTSTRAPPING, LEAVING, LEFT), tokens, datacenter and rack. Once per gossip interval a node bumps
// its own heartbeat, then pushes and pulls the whole state map with one random live peer and, with probability
// unreachable / (live + 1), with one unreachable peer (so a node that came back is found). A newer version of an
// endpoint counts as a heartbeat arrival for the phi-accrual detector; each round a node convicts the endpoints
// whose phi passed phi_convict_threshold and marks them down, and marks an endpoint up again as soon as gossip
// brings a newer heartbeat. Coordinators route only to endpoints they believe up.

import type { Rng } from "../../sim/rng";
import { FailureDetector } from "./failure-detector";

export type EndpointStatus = "NORMAL" | "BOOTSTRAPPING" | "LEAVING" | "LEFT";

export interface EndpointState {
  node: string;
  generation: number;
  version: number;
  status: EndpointStatus;
  dc: string;
  rack: string;
  /** Signed 64-bit tokens as decimal strings. */
  tokens: string[];
}

/** A change in what this node believes about another one, for the event log. */
export type LivenessChange = { node: string; up: boolean; phi?: number };

export class Gossiper {
  readonly states = new Map<string, EndpointState>();
  private readonly fd: FailureDetector;
  /** Endpoints this node believes down, and since when (its own time). */
  private readonly down = new Map<string, number>();

  constructor(
    readonly self: string,
    known: readonly EndpointState[],
    phiConvictThreshold: number,
    now: number,
    /** True at the cluster's first start (every node was up a moment ago); false after a restart (nobody heard yet). */
    everyoneUp: boolean,
  ) {
    this.fd = new FailureDetector({ phiConvictThreshold });
    for (const s of known) {
      this.states.set(s.node, { ...s, tokens: [...s.tokens] });
      if (s.node === self) continue;
      if (everyoneUp) this.fd.report(s.node, now);
      else this.down.set(s.node, now);
    }
  }

  /**
   * The node's handlers start running at `now` (its own clock). The constructor has no clock, so what it assumed is
   * dated from here: peers believed up were last heard now, peers believed down have been down since now. Without
   * this, a node added at 60 s took its peers' last heartbeat to be at 0 s and convicted them all at its first
   * round, and a node restarted after max_hint_window took its peers to be down longer than the window and kept no
   * hints for them (Cassandra marks saved endpoints down at startup, so their downtime counts from then).
   */
  startAt(now: number): void {
    for (const node of this.down.keys()) this.down.set(node, now);
    for (const node of this.fd.known()) {
      this.fd.forget(node);
      this.fd.report(node, now);
    }
  }

  get me(): EndpointState {
    const s = this.states.get(this.self);
    if (!s) throw new Error(`gossip: ${this.self} has no state of its own`);
    return s;
  }

  /** Changes this node's own status; the new version spreads with the next rounds. */
  setStatus(status: EndpointStatus): void {
    const me = this.me;
    me.status = status;
    me.version++;
  }

  /** Endpoints that are part of the ring (not LEFT), in a stable order. */
  members(): EndpointState[] {
    return [...this.states.values()].filter((s) => s.status !== "LEFT").sort((a, b) => (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
  }

  /** Whether this node believes `node` is up (itself always). */
  isAlive(node: string): boolean {
    if (node === this.self) return true;
    const s = this.states.get(node);
    return s !== undefined && s.status !== "LEFT" && !this.down.has(node);
  }

  /** Since when (this node's time) it has believed `node` down, or undefined when it believes it up. */
  downSince(node: string): number | undefined {
    return this.down.get(node);
  }

  phi(node: string, now: number): number {
    return this.fd.phi(node, now);
  }

  /** One gossip round: beat, then choose whom to gossip with. */
  round(rng: Rng): string[] {
    this.me.version++;
    const others = this.members().filter((s) => s.node !== this.self);
    const live = others.filter((s) => this.isAlive(s.node)).map((s) => s.node);
    const unreachable = others.filter((s) => !this.isAlive(s.node)).map((s) => s.node);
    const targets: string[] = [];
    if (live.length > 0) targets.push(rng.pick(live));
    if (unreachable.length > 0 && rng.float() < unreachable.length / (live.length + 1)) targets.push(rng.pick(unreachable));
    return targets;
  }

  /** The state map as it travels (copies). */
  snapshot(): EndpointState[] {
    return [...this.states.values()].map((s) => ({ ...s, tokens: [...s.tokens] }));
  }

  /**
   * Merges states heard from a peer. A newer generation or version replaces what this node knew; for another
   * endpoint it is also a heartbeat arrival. Returns the endpoints that came back up and the ones newly seen.
   */
  merge(remote: readonly EndpointState[], now: number): { cameUp: string[]; added: string[]; changed: string[] } {
    const cameUp: string[] = [];
    const added: string[] = [];
    const changed: string[] = [];
    for (const r of remote) {
      if (r.node === this.self) continue;
      const l = this.states.get(r.node);
      const newer = l === undefined || r.generation > l.generation || (r.generation === l.generation && r.version > l.version);
      if (!newer) continue;
      // A node removed from the ring stays removed: when one that was removed while down (removenode) restarts, its
      // new generation must not put it back with its old data. Peers keep it LEFT and tell it so, and it stops.
      if (l?.status === "LEFT" && r.status !== "LEFT") continue;
      if (l === undefined) added.push(r.node);
      if (l !== undefined && (l.status !== r.status || l.tokens.join() !== r.tokens.join())) changed.push(r.node);
      if (l !== undefined && r.generation > l.generation) this.fd.forget(r.node);
      this.states.set(r.node, { ...r, tokens: [...r.tokens] });
      if (r.status === "LEFT") {
        this.down.delete(r.node);
        continue;
      }
      this.fd.report(r.node, now);
      if (this.down.delete(r.node) || l === undefined) cameUp.push(r.node);
    }
    return { cameUp, added, changed };
  }

  /** The status check of each round: convict the endpoints whose phi passed the threshold. */
  convict(now: number): LivenessChange[] {
    const changes: LivenessChange[] = [];
    for (const s of this.members()) {
      if (s.node === this.self || this.down.has(s.node)) continue;
      if (!this.fd.isAlive(s.node, now)) {
        this.down.set(s.node, now);
        changes.push({ node: s.node, up: false, phi: this.fd.phi(s.node, now) });
      }
    }
    return changes;
  }
}
