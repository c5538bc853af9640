// The transaction record (roachpb.TransactionRecord): kept on the range of the transaction's anchor key, it alone
// decides whether the transaction's intents are committed. PENDING while the coordinator heartbeats it; STAGING
// when the coordinator has sent its final batch with parallel commits (the record lists the writes still in
// flight; the transaction is implicitly committed once all of them have succeeded at or below its timestamp);
// COMMITTED and ABORTED are final.

import { addMs, cmp, type Timestamp } from "./hlc";
import type { TxnMeta } from "./mvcc";

export type TxnStatus = "PENDING" | "STAGING" | "COMMITTED" | "ABORTED";

export interface TxnRecord {
  id: string;
  key: string;
  status: TxnStatus;
  epoch: number;
  /** The commit timestamp (provisional until COMMITTED). */
  ts: Timestamp;
  lastHeartbeat: Timestamp;
  priority: number;
  /** STAGING: the writes that were in flight with the final batch. */
  inFlight: string[];
  /** Every key the transaction wrote, so whoever finalizes it can resolve them. */
  intents: string[];
}

/** kv.TxnLivenessThreshold: 5 × the 1 s heartbeat interval. */
export const LIVENESS_MULTIPLIER = 5;

export function isFinal(s: TxnStatus): boolean {
  return s === "COMMITTED" || s === "ABORTED";
}

/** Whether a transaction last heard of at `last` is abandoned at `now` (its coordinator stopped heartbeating). */
export function expired(last: Timestamp, now: Timestamp, heartbeatMs: number): boolean {
  return cmp(now, addMs(last, LIVENESS_MULTIPLIER * heartbeatMs)) > 0;
}

export function recordFor(txn: TxnMeta, status: TxnStatus, now: Timestamp, inFlight: string[] = [], intents: string[] = []): TxnRecord {
  return { id: txn.id, key: txn.key, status, epoch: txn.epoch, ts: txn.ts, lastHeartbeat: now, priority: txn.priority, inFlight, intents };
}
