// How a leaseholder evaluates a KV request (pkg/kv/kvserver/batcheval), after latching the keys it touches so that
// evaluation and replication of conflicting requests happen one at a time. Reads are served from the leaseholder's
// own state without a Raft round and recorded in the timestamp cache; writes are turned into commands and proposed
// to the range's Raft group, and answered once applied.
//
//   scan          read at readTs; a committed value in (readTs, limit] is uncertain; another's intent conflicts
//   put           write an intent; pushed above a newer version (WriteTooOld) or a later read (timestamp cache)
//   refresh       no one wrote the keys in (from, to]: the transaction may move its read timestamp to `to`
//   end           write the record STAGING (parallel commits), COMMITTED or ABORTED
//   heartbeat     keep the record alive (creates it PENDING)
//   push          a conflicting transaction asks about this record's transaction: final status, or abort it
//                 (abandoned, or a writer of higher priority), or recover a STAGING record whose coordinator died
//   resolve       turn an intent into a committed value, or remove it
//   query-intent  is this write of a STAGING transaction here? If not, prevent it from ever landing below ts

import { cmp, next, type Timestamp } from "./hlc";
import type { Replica } from "./replica";
import { expired, recordFor, type TxnRecord } from "./txn-record";
import type { KvRequest, KvResult } from "./wire";

export interface EvalHost {
  now(): Timestamp;
  readonly heartbeatMs: number;
  pid(): string;
  /** Sends a request through the node's DistSender (recovery asks other ranges). */
  sendKv(key: string, req: KvRequest, done: (res: KvResult) => void): void;
}

type Reply = (res: KvResult) => void;

const UNAVAILABLE: KvResult = { ok: false, err: "unavailable", why: "the command was not applied (the lease changed); retry" };

function latchKeys(req: KvRequest): string[] {
  switch (req.t) {
    case "scan":
    case "refresh":
      return req.keys;
    case "put":
    case "resolve":
    case "query-intent":
      return [req.key];
    case "end":
    case "heartbeat":
      return [`txn:${req.txn.id}`];
    case "push":
      return [`txn:${req.pushee.id}`];
  }
}

/** Evaluates `req`; `again` re-enters the whole serve path (lease checks included) once the latches are free. */
export function evaluate(h: EvalHost, rep: Replica, req: KvRequest, reply: Reply, again: () => void): void {
  const keys = latchKeys(req);
  if (rep.latched(keys)) {
    rep.waiting.push(again);
    return;
  }
  switch (req.t) {
    case "scan":
      return reply(scan(rep, req));
    case "refresh":
      for (const key of req.keys) if (rep.mvcc.changedIn(key, req.from, req.to, req.txnId)) return reply({ ok: false, err: "refresh-failed", key });
      for (const key of req.keys) rep.tscache.add(key, req.to, req.txnId);
      return reply({ ok: true });
    case "put":
      return put(h, rep, req, reply, keys);
    case "resolve": {
      const intent = rep.mvcc.data[req.key]?.intent;
      if (!intent || intent.txn.id !== req.txnId) return reply({ ok: true });
      return propose(h, rep, keys, { c: "resolve", key: req.key, txnId: req.txnId, commit: req.commit, ts: req.ts }, reply, () => ({ ok: true }));
    }
    case "query-intent": {
      const intent = rep.mvcc.data[req.key]?.intent;
      const found = intent !== undefined && intent.txn.id === req.txnId && intent.txn.epoch === req.epoch && cmp(intent.ts, req.ts) <= 0;
      // Prevent: a write of this transaction arriving later is pushed above ts, so it can never complete the commit.
      if (!found) rep.tscache.add(req.key, req.ts, undefined);
      return reply({ ok: true, found });
    }
    case "end":
      return endTxn(h, rep, req, reply, keys);
    case "heartbeat": {
      const rec = rep.records[req.txn.id];
      if (rec?.status === "ABORTED") return reply({ ok: false, err: "aborted" });
      if (rec?.status === "COMMITTED") return reply({ ok: true, status: "COMMITTED" });
      const next: TxnRecord = rec ? { ...rec, lastHeartbeat: h.now() } : recordFor(req.txn, "PENDING", h.now());
      return propose(h, rep, keys, { c: "record", rec: next }, reply, () => ({ ok: true, status: rep.records[req.txn.id]?.status }));
    }
    case "push":
      return push(h, rep, req, reply, keys);
  }
}

function scan(rep: Replica, req: Extract<KvRequest, { t: "scan" }>): KvResult {
  const values: Record<string, number | null> = {};
  for (const key of req.keys) {
    const r = rep.mvcc.read(key, req.readTs, req.limit, req.txn);
    if (r.kind === "intent") return { ok: false, err: "intent", intent: { txn: r.intent.txn, key } };
    if (r.kind === "uncertain") return { ok: false, err: "uncertain", ts: r.ts, key };
    values[key] = r.value;
  }
  for (const key of req.keys) rep.tscache.add(key, req.readTs, req.txn.id);
  return { ok: true, values };
}

function put(h: EvalHost, rep: Replica, req: Extract<KvRequest, { t: "put" }>, reply: Reply, keys: string[]): void {
  const intent = rep.mvcc.data[req.key]?.intent;
  if (intent && intent.txn.id !== req.txn.id) return reply({ ok: false, err: "intent", intent: { txn: intent.txn, key: req.key } });
  let ts = req.txn.ts;
  const latest = rep.mvcc.latest(req.key);
  if (latest && cmp(latest.ts, ts) >= 0) ts = next(latest.ts); // WriteTooOldError: write above it
  const read = rep.tscache.maxRead(req.key, req.txn.id);
  if (cmp(read, ts) >= 0) ts = next(read); // a later read was served: the write moves above it
  const txn = { ...req.txn, ts };
  propose(h, rep, keys, { c: "write", key: req.key, txn, ts, value: req.value }, reply, () => ({ ok: true, ts }));
}

function endTxn(h: EvalHost, rep: Replica, req: Extract<KvRequest, { t: "end" }>, reply: Reply, keys: string[]): void {
  const rec = rep.records[req.txn.id];
  if (rec?.status === "COMMITTED") return reply({ ok: true, status: "COMMITTED", ts: rec.ts });
  if (rec?.status === "ABORTED") return reply(req.status === "ABORTED" ? { ok: true, status: "ABORTED" } : { ok: false, err: "aborted" });
  const next = recordFor(req.txn, req.status, h.now(), req.inFlight, req.intents);
  propose(h, rep, keys, { c: "record", rec: next }, reply, () => {
    const now = rep.records[req.txn.id];
    if (now?.status === "ABORTED" && req.status !== "ABORTED") return { ok: false, err: "aborted" };
    return { ok: true, status: now?.status, ts: now?.ts };
  });
}

function push(h: EvalHost, rep: Replica, req: Extract<KvRequest, { t: "push" }>, reply: Reply, keys: string[]): void {
  const rec = rep.records[req.pushee.id];
  const now = h.now();
  if (rec && (rec.status === "COMMITTED" || rec.status === "ABORTED")) return reply({ ok: true, status: rec.status, ts: rec.ts });
  const last = rec ? rec.lastHeartbeat : req.pushee.minTs;
  const abandoned = expired(last, now, h.heartbeatMs);
  if (rec?.status === "STAGING") {
    // It may already be implicitly committed: never abort it outright. Recover it once its coordinator is gone.
    if (!abandoned) return reply({ ok: true, status: "STAGING" });
    return recover(h, rep, rec, reply, keys);
  }
  // force: the pusher is STAGING, so nobody can abort it; any cycle it waits in must be broken on this side. It stands
  // in for the txnwait queue's deadlock detection, which aborts a member of a waits-for cycle that can be aborted.
  const wins = req.force === true || (req.mayAbort && (req.pusherPriority > req.pushee.priority || (req.pusherPriority === req.pushee.priority && req.pusherId < req.pushee.id)));
  if (!abandoned && !wins) return reply({ ok: true, status: "PENDING" });
  const aborted: TxnRecord = { ...(rec ?? recordFor(req.pushee, "ABORTED", now)), status: "ABORTED" };
  propose(h, rep, keys, { c: "record", rec: aborted }, reply, () => {
    const r = rep.records[req.pushee.id];
    return { ok: true, status: r?.status ?? "PENDING", ts: r?.ts };
  });
}

/** Transaction recovery: a STAGING record is COMMITTED if every in-flight write is there, else ABORTED. */
function recover(h: EvalHost, rep: Replica, rec: TxnRecord, reply: Reply, keys: string[]): void {
  rep.latch(keys, 1);
  let waiting = rec.inFlight.length;
  let all = true;
  let failed = false;
  const finish = (): void => {
    rep.latch(keys, -1);
    if (failed) {
      rep.wake();
      return reply({ ok: true, status: "STAGING" });
    }
    const status = all ? "COMMITTED" : "ABORTED";
    propose(h, rep, keys, { c: "record", rec: { ...rec, status } }, reply, () => ({ ok: true, status: rep.records[rec.id]?.status, ts: rec.ts }));
  };
  if (waiting === 0) return finish();
  for (const key of rec.inFlight) {
    h.sendKv(key, { t: "query-intent", key, txnId: rec.id, epoch: rec.epoch, ts: rec.ts }, (res) => {
      if (!res.ok) failed = true;
      else if (!res.found) all = false;
      if (--waiting === 0) finish();
    });
  }
}

/** Latches `keys`, proposes `cmd`, and answers once it is applied (or the proposal is lost). */
function propose(h: EvalHost, rep: Replica, keys: string[], cmd: Parameters<Replica["propose"]>[0], reply: Reply, result: () => KvResult): void {
  rep.latch(keys, 1);
  const ok = rep.propose(cmd, h.pid(), (outcome) => {
    rep.latch(keys, -1);
    reply(outcome === "applied" || (outcome === "refused" && cmd.c === "record") ? result() : UNAVAILABLE);
    rep.wake();
  });
  if (!ok) {
    rep.latch(keys, -1);
    reply({ ok: false, err: "unavailable", why: "the range has no Raft leader" });
    rep.wake();
  }
}
