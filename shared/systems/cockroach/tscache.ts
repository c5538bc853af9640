// The timestamp cache (pkg/kv/kvserver/tscache): the leaseholder remembers the highest timestamp at which each key
// was read, so that no later write lands underneath a read already served; such a write is pushed above it. A new
// leaseholder knows nothing of its predecessor's reads, so everything starts at the lease's start (the low-water
// mark). It is volatile: it lives only on the leaseholder.

import { cmp, type Timestamp, ZERO } from "./hlc";

export class TimestampCache {
  private readonly reads = new Map<string, { ts: Timestamp; txn: string | undefined }>();
  private lowWater: Timestamp = ZERO;

  reset(lowWater: Timestamp): void {
    this.reads.clear();
    this.lowWater = lowWater;
  }

  add(key: string, ts: Timestamp, txn: string | undefined): void {
    const cur = this.reads.get(key);
    if (!cur || cmp(ts, cur.ts) > 0) this.reads.set(key, { ts, txn });
    else if (cmp(ts, cur.ts) === 0 && cur.txn !== txn) this.reads.set(key, { ts, txn: undefined });
  }

  /** The highest read of `key` by anyone but `txn` (or the low-water mark). */
  maxRead(key: string, txn: string): Timestamp {
    const cur = this.reads.get(key);
    if (!cur || cur.txn === txn || cmp(cur.ts, this.lowWater) < 0) return this.lowWater;
    return cur.ts;
  }
}
