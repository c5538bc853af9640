// Anti-entropy repair (nodetool repair, repair/RepairSession.java): the node being repaired asks every other
// replica of its ranges for the leaves of a Merkle tree over those ranges, compares, and streams the differences
// so every replica ends with the newest cell of every key. Here the "tree" is sent as its leaves (key, timestamp,
// value): the same comparison with the hashing left out, which only saves bandwidth. Like Cassandra, a repair needs
// every replica up: it fails if one is down at the start or does not answer.

import type { Replication } from "./ring/placement";
import type { RingView } from "./ring-view";
import { type Cell, reconcile } from "./storage/cell";
import { digestOf, type KeyCell, type TokenRangeWire } from "./wire";

export const REPAIR_TIMEOUT_MS = 10_000;

export class RepairSession {
  /** What each participant (this node included) holds, as it answered. */
  private readonly trees = new Map<string, Map<string, Cell>>();

  constructor(
    readonly id: number,
    readonly self: string,
    readonly ranges: TokenRangeWire[],
    /** The other replicas of the ranges. */
    readonly peers: string[],
  ) {}

  /** Records a participant's leaves (this node's own included); true once every participant has answered. */
  receive(node: string, leaves: readonly KeyCell[]): boolean {
    if (node !== this.self && !this.peers.includes(node)) return false;
    this.trees.set(node, new Map(leaves.map((l) => [l.key, l.cell])));
    return this.trees.has(this.self) && this.peers.every((p) => this.trees.has(p));
  }

  waitingFor(): string[] {
    return this.peers.filter((p) => !this.trees.has(p));
  }

  /** The differences: for each participant, the newest cells it lacks among the keys it replicates. */
  differences(ring: RingView, replication: Replication): Map<string, KeyCell[]> {
    const newest = new Map<string, Cell>();
    for (const tree of this.trees.values()) {
      for (const [key, cell] of tree) newest.set(key, reconcile(newest.get(key), cell) as Cell);
    }
    const out = new Map<string, KeyCell[]>();
    for (const [key, cell] of [...newest].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const { natural } = ring.replicas(key, replication);
      for (const [node, tree] of this.trees) {
        if (!natural.includes(node) || digestOf(tree.get(key)) === digestOf(cell)) continue;
        const list = out.get(node) ?? [];
        list.push({ key, cell });
        out.set(node, list);
      }
    }
    return out;
  }
}
