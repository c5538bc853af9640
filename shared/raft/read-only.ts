// ReadIndex bookkeeping on the leader (Raft thesis §6.4, etcd's ReadOnlySafe). A read records the commit index
// when it arrives, then waits for a majority to answer a heartbeat sent after that moment: only then is the
// leader sure no newer leader could have committed anything it does not know about.

import type { RaftId } from "./types";

export interface ReadIndexRequest {
  /** The leader's commit index when the read arrived: the reader must apply at least this far. */
  index: number;
  context: string;
  /** Who asked: the leader itself, or the follower that forwarded the read. */
  from: RaftId;
  acks: Set<RaftId>;
}

export class ReadOnly {
  private readonly pending = new Map<string, ReadIndexRequest>();
  private readonly queue: string[] = [];

  /** Registers a read; a context already pending (a duplicated message) is not registered twice. */
  addRequest(index: number, context: string, from: RaftId, self: RaftId): void {
    if (this.pending.has(context)) return;
    this.pending.set(context, { index, context, from, acks: new Set([self]) });
    this.queue.push(context);
  }

  /** Records a heartbeat answer for `context`; returns who has acknowledged it so far. */
  recvAck(from: RaftId, context: string): ReadonlySet<RaftId> | undefined {
    const req = this.pending.get(context);
    if (!req) return undefined;
    req.acks.add(from);
    return req.acks;
  }

  /**
   * Releases `context` and every read queued before it: a quorum confirming leadership after the later read
   * arrived confirms it for the earlier ones too.
   */
  advance(context: string): ReadIndexRequest[] {
    const at = this.queue.indexOf(context);
    if (at < 0) return [];
    const done = this.queue.splice(0, at + 1);
    return done.map((ctx) => {
      const req = this.pending.get(ctx) as ReadIndexRequest;
      this.pending.delete(ctx);
      return req;
    });
  }

  /** The newest pending read: heartbeats carry it so that one round can confirm every read queued so far. */
  lastPendingContext(): string | undefined {
    return this.queue[this.queue.length - 1];
  }

  pendingCount(): number {
    return this.queue.length;
  }

  reset(): void {
    this.pending.clear();
    this.queue.length = 0;
  }
}
