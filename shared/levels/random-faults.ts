// The random fault schedule of `--chaos random` (VOPR-style): from the seed alone it draws crashes, restarts,
// partitions, lossy and slow links at random moments, for the first 70% of the round (the safety phase). Then it
// heals the network and restarts every crashed node, and stops (the liveness phase): a correct system must
// recover from whatever it was put through. Each fault is drawn when it is due, from the cluster's members as they
// are then (so a member added or removed meanwhile counts), so every drawn action is valid; the round records them
// as inputs, which is how a run prints its schedule.

import type { PlayerAction } from "../protocol/actions";
import type { Rng } from "../sim/rng";
import type { ClusterNow } from "./node-ref";

/** Share of the round spent injecting faults before the cluster is healed. */
export const SAFETY_PHASE = 0.7;
const FIRST_FAULT_MS = 1000;
const MIN_GAP_MS = 300;
const MAX_GAP_MS = 5000;

type Kind = "crash" | "restart" | "partition" | "heal" | "loss" | "latency";

export class RandomFaults {
  private at: number;
  private readonly healAt: number;
  private healed = false;

  constructor(
    private readonly rng: Rng,
    timeLimitMs: number,
  ) {
    this.healAt = Math.floor(timeLimitMs * SAFETY_PHASE);
    this.at = FIRST_FAULT_MS + rng.int(0, MAX_GAP_MS);
  }

  nextAt(): number {
    if (this.healed) return Number.POSITIVE_INFINITY;
    return Math.min(this.at, this.healAt);
  }

  /** The actions due now, in order. Call when `now >= nextAt()`. */
  draw(now: number, cluster: ClusterNow): PlayerAction[] {
    if (now >= this.healAt) {
      this.healed = true;
      const down = cluster.nodes.filter((n) => !cluster.isUp(n));
      return [{ type: "heal" }, ...down.map((node): PlayerAction => ({ type: "restart", node }))];
    }
    this.at = now + this.rng.int(MIN_GAP_MS, MAX_GAP_MS + 1);
    return this.fault(cluster);
  }

  private fault(cluster: ClusterNow): PlayerAction[] {
    const nodes = cluster.nodes;
    const up = nodes.filter((n) => cluster.isUp(n));
    const down = cluster.nodes.filter((n) => !cluster.isUp(n));
    const weights: [Kind, number][] = [
      ["crash", up.length > 1 ? 3 : 0],
      ["restart", down.length > 0 ? 2 + down.length : 0],
      ["partition", nodes.length > 1 ? 2 : 0],
      ["heal", 2],
      ["loss", nodes.length > 1 ? 1 : 0],
      ["latency", nodes.length > 1 ? 1 : 0],
    ];
    switch (this.weighted(weights)) {
      case "crash":
        return [{ type: "crash", node: this.rng.pick(up) }];
      case "restart":
        return [{ type: "restart", node: this.rng.pick(down) }];
      case "partition":
        return this.partition(nodes);
      case "heal":
        return [{ type: "heal" }];
      case "loss": {
        const [from, to] = this.pair(nodes);
        return [{ type: "loss", from, to, rate: this.rng.int(1, 6) / 10 }];
      }
      case "latency": {
        const [from, to] = this.pair(nodes);
        return [{ type: "latency", from, to, ms: this.rng.int(10, 501) }];
      }
    }
  }

  private weighted(weights: readonly [Kind, number][]): Kind {
    const total = weights.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.rng.int(0, total);
    for (const [kind, w] of weights) {
      if (roll < w) return kind;
      roll -= w;
    }
    return "heal";
  }

  private pair(nodes: readonly string[]): [string, string] {
    const [from, to] = this.rng.shuffle([...nodes]);
    return [from, to];
  }

  /** Two sides, the smaller of 1..n/2 nodes, with every link between them cut. */
  private partition(nodes: readonly string[]): PlayerAction[] {
    const shuffled = this.rng.shuffle([...nodes]);
    const k = this.rng.int(1, Math.floor(shuffled.length / 2) + 1);
    const side = shuffled.slice(0, k);
    const rest = shuffled.slice(k);
    return side.flatMap((from) => rest.map((to): PlayerAction => ({ type: "cut", from, to })));
  }
}
