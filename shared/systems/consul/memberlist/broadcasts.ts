// The transmit-limited queue of gossip (memberlist queue.go's TransmitLimitedQueue): each state change waits here
// and rides on outgoing packets, the least-sent first, until it has been sent retransmitLimit times. A newer
// message about a node replaces the older one still queued (Invalidates), so stale news never overtakes fresh.

import { retransmitLimit } from "./formulas";
import type { Gossip } from "./wire";

interface Queued {
  msg: Gossip;
  transmits: number;
  /** Insertion order: among equally sent messages, the newest goes first. */
  id: number;
}

export class BroadcastQueue {
  private readonly byNode = new Map<string, Queued>();
  private nextId = 0;

  queue(msg: Gossip): void {
    this.byNode.set(msg.node, { msg, transmits: 0, id: this.nextId++ });
  }

  get length(): number {
    return this.byNode.size;
  }

  /** Up to `max` messages for one packet; each taken counts one transmit and leaves after `limit(mult, n)`. */
  take(max: number, mult: number, numNodes: number): Gossip[] {
    if (this.byNode.size === 0) return [];
    const limit = retransmitLimit(mult, numNodes);
    const items = [...this.byNode.values()].sort((a, b) => a.transmits - b.transmits || b.id - a.id).slice(0, max);
    for (const q of items) {
      q.transmits++;
      if (q.transmits >= limit) this.byNode.delete(q.msg.node);
    }
    return items.map((q) => q.msg);
  }

  clear(): void {
    this.byNode.clear();
  }
}
