// Multi-version storage of one range (pkg/storage/mvcc.go): every committed value is kept with its timestamp,
// newest first, and a key may carry one intent: a provisional value written by a transaction, pointing to the
// transaction whose record decides its fate. Reads at a timestamp see the newest version at or below it; a
// committed version in (readTs, uncertaintyLimit] makes the read uncertain; another transaction's intent at or
// below the limit is a conflict the reader must resolve first. GC drops versions shadowed for longer than the TTL.

import { VERSION_BYTES } from "./config";
import { cmp, type Timestamp } from "./hlc";

/** What an intent and a transaction's messages say about the transaction. */
export interface TxnMeta {
  id: string;
  /** The anchor key: the transaction record lives on the range holding it. */
  key: string;
  epoch: number;
  /** The write timestamp this intent was written at (or the transaction's provisional commit timestamp). */
  ts: Timestamp;
  /** When the transaction started: with no record yet, a pusher judges its liveness from this. */
  minTs: Timestamp;
  priority: number;
}

export interface Version {
  ts: Timestamp;
  value: number;
  /** The transaction that wrote it: not something CockroachDB keeps, only for the referee's checker. */
  txn?: string;
}

export interface Intent {
  txn: TxnMeta;
  ts: Timestamp;
  value: number;
}

export interface KeyState {
  versions: Version[];
  intent?: Intent;
}

export type ReadResult =
  | { kind: "value"; value: number | null; ts: Timestamp | null }
  | { kind: "intent"; intent: Intent }
  | { kind: "uncertain"; ts: Timestamp };

export type MvccData = Record<string, KeyState>;

export class Mvcc {
  constructor(readonly data: MvccData = {}) {}

  keys(): string[] {
    return Object.keys(this.data).sort();
  }

  /** The newest committed version, or undefined. */
  latest(key: string): Version | undefined {
    return this.data[key]?.versions[0];
  }

  /** A transaction sees its own intent of its current epoch; an intent of an earlier epoch it ignores. */
  read(key: string, readTs: Timestamp, limit: Timestamp, txn: { id: string; epoch: number } | undefined): ReadResult {
    const k = this.data[key];
    if (!k) return { kind: "value", value: null, ts: null };
    if (k.intent) {
      if (k.intent.txn.id === txn?.id) {
        if (k.intent.txn.epoch === txn.epoch) return { kind: "value", value: k.intent.value, ts: k.intent.ts };
      } else if (cmp(k.intent.ts, limit) <= 0) return { kind: "intent", intent: k.intent };
    }
    for (const v of k.versions) {
      if (cmp(v.ts, readTs) <= 0) return { kind: "value", value: v.value, ts: v.ts };
      if (cmp(v.ts, limit) <= 0) return { kind: "uncertain", ts: v.ts };
    }
    return { kind: "value", value: null, ts: null };
  }

  /** Whether anything was written to `key` by another transaction in (from, to]: what a refresh checks. */
  changedIn(key: string, from: Timestamp, to: Timestamp, txnId: string): boolean {
    const k = this.data[key];
    if (!k) return false;
    if (k.intent && k.intent.txn.id !== txnId && cmp(k.intent.ts, to) <= 0) return true;
    return k.versions.some((v) => cmp(v.ts, from) > 0 && cmp(v.ts, to) <= 0);
  }

  putIntent(key: string, txn: TxnMeta, ts: Timestamp, value: number): void {
    const k = (this.data[key] ??= { versions: [] });
    k.intent = { txn, ts, value };
  }

  putCommitted(key: string, ts: Timestamp, value: number, txn?: string): void {
    const k = (this.data[key] ??= { versions: [] });
    k.versions.push(txn === undefined ? { ts, value } : { ts, value, txn });
    k.versions.sort((a, b) => cmp(b.ts, a.ts));
  }

  /** Resolves the intent of `txnId` on `key`: commit it at `ts`, or remove it. Idempotent. */
  resolve(key: string, txnId: string, commit: boolean, ts: Timestamp): void {
    const k = this.data[key];
    if (!k?.intent || k.intent.txn.id !== txnId) return;
    const value = k.intent.value;
    delete k.intent;
    if (commit) this.putCommitted(key, ts, value, txnId);
  }

  intentCount(): number {
    let n = 0;
    for (const k of Object.values(this.data)) if (k.intent) n++;
    return n;
  }

  /** Size in stand-in bytes: one VERSION_BYTES per version or intent. */
  bytes(): number {
    let n = 0;
    for (const k of Object.values(this.data)) n += k.versions.length + (k.intent ? 1 : 0);
    return n * VERSION_BYTES;
  }

  /** Drops every version that a newer version at or below `threshold` shadows (the GC queue). */
  gc(threshold: Timestamp): void {
    for (const k of Object.values(this.data)) {
      const i = k.versions.findIndex((v) => cmp(v.ts, threshold) <= 0);
      if (i >= 0) k.versions.length = i + 1;
    }
  }

  /** Removes and returns the keys at or above `splitKey` (the right-hand side of a split). */
  splitOff(splitKey: string): MvccData {
    const rhs: MvccData = {};
    for (const key of Object.keys(this.data)) {
      if (key >= splitKey) {
        rhs[key] = this.data[key];
        delete this.data[key];
      }
    }
    return rhs;
  }

  absorb(other: MvccData): void {
    for (const [key, state] of Object.entries(other)) this.data[key] = structuredClone(state);
  }
}
