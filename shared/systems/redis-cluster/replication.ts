// Asynchronous replication, master -> replica (FACTS §1, GUIDE §5). A master applies a write, acknowledges it to
// the client, and only then streams it to its replicas: nothing waits for a replica. A replica applies the stream
// in offset order. PSYNC (Redis 4+ "PSYNC2"): a replica asks to continue from (replid, offset); the master agrees
// when that point is in its own history — its current replication id, or the id it had before a failover
// (replid2) up to the offset where it took over (offset2). Otherwise: full resync, the replica's data replaced.
//
// This is where acknowledged writes are lost: a replica promoted at offset O does not have its old master's writes
// after O. When that old master comes back it cannot continue (its history went past offset2), so the full resync
// throws those writes away. Every entry a master acknowledged carries a mark (`a`), so the count is exact.
// The backlog is kept whole (repl-backlog-size is 1 MB in Redis; a game never fills it), and a full resync ships
// it with the snapshot so the replica's history is complete too.

import type { NodeContext, NodeId } from "../../sim/types";
import type { RedisNode } from "./node";
import type { RedisMessage, ReplEntry } from "./wire";

export interface ReplState {
  replid: string;
  /** Offset of the last entry in this node's stream (entries are numbered 1, 2, 3...). */
  offset: number;
  /** The replication id this node followed before it was promoted, valid up to offset2 (-1: none). */
  replid2: string;
  offset2: number;
  backlog: ReplEntry[];
}

/** How often a replica retries PSYNC while not synced, and acknowledges its offset (REPLCONF ACK: every second). */
export const RESYNC_RETRY_MS = 1000;
export const REPLCONF_ACK_MS = 1000;

/** A master appends a command to its stream and sends it to every connected replica. */
export function propagate(n: RedisNode, ctx: NodeContext, key: string, value: string | null, acked: boolean): void {
  const entry: ReplEntry = { o: n.repl.offset + 1, k: key, v: value };
  n.repl.offset = entry.o;
  n.repl.backlog.push(acked ? { ...entry, a: 1 } : entry);
  for (const replica of n.replicaLinks.keys()) ctx.send(replica, { kind: "repl", replid: n.repl.replid, entry });
}

export function startReplicaSync(n: RedisNode, ctx: NodeContext): void {
  n.masterLinkUp = false;
  n.pendingRepl.clear();
  n.lastSyncAttempt = ctx.monotonicTime;
  if (n.master) ctx.send(n.master, { kind: "psync", replid: n.repl.replid, offset: n.repl.offset });
}

export function replicationCron(n: RedisNode, ctx: NodeContext): void {
  const now = ctx.monotonicTime;
  if (n.role === "master") {
    if (now - n.lastReplPing >= n.cfg.replPingReplicaPeriodMs) {
      n.lastReplPing = now;
      for (const r of n.replicaLinks.keys()) ctx.send(r, { kind: "repl-ping", replid: n.repl.replid, offset: n.repl.offset });
    }
    return;
  }
  if (!n.master) return;
  if (!n.masterLinkUp) {
    if (now - n.lastSyncAttempt >= RESYNC_RETRY_MS) startReplicaSync(n, ctx);
  } else if (now - n.lastAck >= REPLCONF_ACK_MS) {
    n.lastAck = now;
    ctx.send(n.master, { kind: "replconf-ack", offset: n.repl.offset });
  }
}

type ReplMessage = Extract<RedisMessage, { kind: "psync" | "fullresync" | "continue" | "repl" | "repl-ping" | "replconf-ack" }>;

export function handleReplication(n: RedisNode, ctx: NodeContext, from: NodeId, msg: ReplMessage): void {
  switch (msg.kind) {
    case "psync":
      if (n.role === "master") answerPsync(n, ctx, from, msg.replid, msg.offset);
      return;
    case "replconf-ack":
      if (n.replicaLinks.has(from)) n.replicaLinks.set(from, msg.offset);
      return;
  }
  if (n.role !== "replica" || from !== n.master) return;
  n.lastMasterInteraction = ctx.monotonicTime;
  switch (msg.kind) {
    case "fullresync":
      fullResync(n, ctx, from, msg);
      return;
    case "continue":
      // Everything this node acknowledged as a master is part of the new master's history: not lost.
      n.repl.backlog = n.repl.backlog.map(({ o, k, v }) => ({ o, k, v }));
      n.repl.replid = msg.replid;
      n.masterLinkUp = true;
      for (const e of msg.entries) receive(n, e);
      return;
    case "repl":
      if (n.masterLinkUp && msg.replid === n.repl.replid) receive(n, msg.entry);
      return;
    case "repl-ping":
      return;
  }
}

function answerPsync(n: RedisNode, ctx: NodeContext, replica: NodeId, replid: string, offset: number): void {
  const r = n.repl;
  const canContinue = (replid === r.replid && offset <= r.offset) || (replid === r.replid2 && offset <= r.offset2);
  n.replicaLinks.set(replica, offset);
  if (canContinue) {
    ctx.send(replica, { kind: "continue", replid: r.replid, replid2: r.replid2, offset2: r.offset2, entries: r.backlog.filter((e) => e.o > offset).map(({ o, k, v }) => ({ o, k, v })) });
    return;
  }
  ctx.send(replica, {
    kind: "fullresync",
    replid: r.replid,
    offset: r.offset,
    replid2: r.replid2,
    offset2: r.offset2,
    data: [...n.data],
    backlog: r.backlog.map(({ o, k, v }) => ({ o, k, v })),
  });
}

function fullResync(n: RedisNode, ctx: NodeContext, master: NodeId, msg: Extract<RedisMessage, { kind: "fullresync" }>): void {
  // The part of this node's history the master shares: up to offset2 if it was promoted from us, else none.
  const shared = msg.replid2 === n.repl.replid ? msg.offset2 : msg.replid === n.repl.replid ? msg.offset : 0;
  const lost = n.ackedAfter(shared);
  if (lost > 0) {
    n.writesDiscarded += lost;
    ctx.emit({
      kind: "writes-lost",
      node: n.id,
      count: lost,
      text: `${n.id} resyncs from ${master} and discards ${lost} write${lost === 1 ? "" : "s"} it had acknowledged but never replicated before ${master} took over (asynchronous replication)`,
    });
  }
  n.data.clear();
  for (const [k, v] of msg.data) n.data.set(k, v);
  n.repl = { replid: msg.replid, offset: msg.offset, replid2: "", offset2: -1, backlog: msg.backlog.map((e) => ({ ...e })) };
  n.pendingRepl.clear();
  n.masterLinkUp = true;
}

/** Applies stream entries in offset order, holding any that arrive early. */
function receive(n: RedisNode, e: ReplEntry): void {
  if (e.o <= n.repl.offset) return;
  n.pendingRepl.set(e.o, e);
  for (let next = n.pendingRepl.get(n.repl.offset + 1); next; next = n.pendingRepl.get(n.repl.offset + 1)) {
    n.pendingRepl.delete(next.o);
    if (next.v === null) n.data.delete(next.k);
    else n.data.set(next.k, next.v);
    n.repl.offset = next.o;
    n.repl.backlog.push({ o: next.o, k: next.k, v: next.v });
  }
}
