// The referee's view of the bank: each account's committed balance, read off the ranges' MVCC state. An intent
// counts as committed when its transaction record says COMMITTED, or says STAGING and every in-flight write is
// present at or below the record's timestamp (implicitly committed, as parallel commits define it). The total of
// these balances is what serializable transfers must never change.

import type { Timestamp } from "./hlc";
import { cmp } from "./hlc";
import { accountOf } from "./keys";
import type { KeyState } from "./mvcc";
import type { Replica } from "./replica";
import type { TxnRecord } from "./txn-record";

export function committedBalances(ranges: Iterable<Replica>): Map<number, number> {
  const keys = new Map<string, KeyState>();
  const records = new Map<string, TxnRecord>();
  for (const r of ranges) {
    for (const [k, s] of Object.entries(r.mvcc.data)) keys.set(k, s);
    for (const rec of Object.values(r.records)) records.set(rec.id, rec);
  }
  const committed = (txnId: string, epoch: number, ts: Timestamp): Timestamp | undefined => {
    const rec = records.get(txnId);
    if (!rec || rec.epoch !== epoch) return undefined;
    if (rec.status === "COMMITTED") return rec.ts;
    if (rec.status !== "STAGING") return undefined;
    const all = rec.inFlight.every((k) => {
      const i = keys.get(k)?.intent;
      return i !== undefined && i.txn.id === rec.id && i.txn.epoch === rec.epoch && cmp(i.ts, rec.ts) <= 0;
    });
    return all && cmp(ts, rec.ts) <= 0 ? rec.ts : undefined;
  };
  const out = new Map<number, number>();
  for (const [k, s] of keys) {
    const a = accountOf(k);
    if (a === undefined) continue;
    const i = s.intent;
    if (i && committed(i.txn.id, i.txn.epoch, i.ts) !== undefined) out.set(a, i.value);
    else if (s.versions[0]) out.set(a, s.versions[0].value);
  }
  return out;
}

export function totalOf(balances: Map<number, number>): number {
  let t = 0;
  for (const v of balances.values()) t += v;
  return t;
}
