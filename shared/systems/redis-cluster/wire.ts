// The messages Redis Cluster nodes exchange, by kind (the picture colours them by kind):
//   cluster bus (port+10000): ping, pong, meet (with gossip sections), fail, failover-auth-request,
//     failover-auth-ack, mfstart, update
//   replication link: psync, fullresync, continue, repl (one command of the stream), replconf-ack, repl-ping
//   client connections carried between nodes: cmd / reply (a client library's hop to the node it picked)
//   redis-cli --cluster reshard: setslot / setslot-reply, migrate / migrate-reply
// Every message is plain data: the kernel writes it into the trace.

import type { NodeId } from "../../sim/types";
import type { SlotRange } from "./slot-ranges";

/** One gossip entry: what the sender believes about another node (clusterMsgDataGossip). */
export interface GossipEntry {
  id: NodeId;
  role: "master" | "replica";
  pfail: boolean;
  fail: boolean;
}

/** The header every cluster-bus message carries (clusterMsg): the sender's epochs, role, slots and offset. */
export interface BusHeader {
  currentEpoch: number;
  /** A master's own configEpoch; a replica sends its master's. */
  configEpoch: number;
  role: "master" | "replica";
  master: NodeId | null;
  /** The slots the sender serves (a replica: its master's). */
  slots: SlotRange[];
  offset: number;
  /** Set by a master paused for a manual failover (CLUSTERMSG_FLAG0_PAUSED). */
  paused: boolean;
}

export interface ReplEntry {
  /** Offset in the replication stream (counted in commands here, in bytes in Redis). */
  o: number;
  k: string;
  /** The value SET, or null for a DEL. */
  v: string | null;
  /** Set only on the master that acknowledged this write to a client (bookkeeping for writesLost). */
  a?: 1;
}

/** A client command as a node executes it. */
export interface KeyCommand {
  name: "GET" | "SET" | "MGET" | "MSET" | "DEL";
  keys: string[];
  values?: string[];
}

export type Reply = { ok: true; value: string | null | (string | null)[] } | { ok: false; error: string };

export type RedisMessage =
  | ({ kind: "ping" | "pong" | "meet"; gossip: GossipEntry[] } & BusHeader)
  | { kind: "fail"; node: NodeId }
  | ({ kind: "failover-auth-request"; forceAck: boolean } & BusHeader)
  | { kind: "failover-auth-ack"; epoch: number }
  | { kind: "mfstart" }
  | { kind: "update"; node: NodeId; configEpoch: number; slots: SlotRange[] }
  | { kind: "psync"; replid: string; offset: number }
  | { kind: "fullresync"; replid: string; offset: number; replid2: string; offset2: number; data: [string, string][]; backlog: ReplEntry[] }
  | { kind: "continue"; replid: string; replid2: string; offset2: number; entries: ReplEntry[] }
  | { kind: "repl"; replid: string; entry: ReplEntry }
  | { kind: "repl-ping"; replid: string; offset: number }
  | { kind: "replconf-ack"; offset: number }
  | { kind: "cmd"; rid: number; cmd: KeyCommand; asking: boolean }
  | { kind: "reply"; rid: number; reply: Reply }
  | { kind: "setslot"; id: number; slot: number; state: "importing" | "migrating" | "node" | "stable"; node: NodeId }
  | { kind: "setslot-reply"; id: number; error: string | null }
  | { kind: "migrate"; id: number; entries: [string, string][] }
  | { kind: "migrate-reply"; id: number; error: string | null };
