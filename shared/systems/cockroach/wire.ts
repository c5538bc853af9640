// What CockroachDB nodes say to each other, besides Raft (which travels as shared/raft/wire's messages plus the
// range id): the KV batch requests a gateway's DistSender sends to leaseholders and their answers, and the RPC
// heartbeats that carry clock readings (for the clock-offset monitor) and gossip (store load, settings, range
// descriptors).

import type { Timestamp } from "./hlc";
import type { RangeDescriptor } from "./keys";
import type { TxnMeta } from "./mvcc";
import type { ClusterSettings } from "./settings";
import type { TxnStatus } from "./txn-record";

export type KvRequest =
  | { t: "scan"; keys: string[]; txn: TxnMeta; readTs: Timestamp; limit: Timestamp }
  | { t: "put"; key: string; value: number; txn: TxnMeta }
  | { t: "refresh"; keys: string[]; from: Timestamp; to: Timestamp; txnId: string }
  | { t: "end"; txn: TxnMeta; status: "STAGING" | "COMMITTED" | "ABORTED"; inFlight: string[]; intents: string[] }
  | { t: "heartbeat"; txn: TxnMeta }
  | { t: "push"; pushee: TxnMeta; pusherPriority: number; pusherId: string; mayAbort: boolean; force?: boolean }
  | { t: "resolve"; key: string; txnId: string; commit: boolean; ts: Timestamp }
  | { t: "query-intent"; key: string; txnId: string; epoch: number; ts: Timestamp };

export type KvError =
  | { err: "not-leaseholder"; hint: string | null }
  | { err: "range-mismatch"; desc: RangeDescriptor | null }
  | { err: "intent"; intent: { txn: TxnMeta; key: string } }
  | { err: "uncertain"; ts: Timestamp; key: string }
  | { err: "aborted" }
  | { err: "refresh-failed"; key: string }
  | { err: "unavailable"; why: string };

export type KvResult =
  | { ok: true; values?: Record<string, number | null>; ts?: Timestamp; status?: TxnStatus; found?: boolean }
  | ({ ok: false } & KvError);

export interface BatchRequest {
  kind: "BatchRequest";
  rpc: number;
  rangeId: number;
  key: string;
  req: KvRequest;
  /** The sender's HLC reading, which the receiver's clock ratchets to. */
  now: Timestamp;
}

export interface BatchResponse {
  kind: "BatchResponse";
  rpc: number;
  res: KvResult;
  now: Timestamp;
}

export interface StoreGossip {
  replicas: number;
  leases: number;
}

export interface Ping {
  kind: "Ping";
  sentAt: number;
  store: StoreGossip;
  settings: ClusterSettings;
  descs: RangeDescriptor[];
}

export interface Pong {
  kind: "Pong";
  sentAt: number;
  /** The answering node's wall clock (localTime) when it answered. */
  remoteWall: number;
  store: StoreGossip;
  settings: ClusterSettings;
  descs: RangeDescriptor[];
}
