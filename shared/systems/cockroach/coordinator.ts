// The gateway's transaction coordinator (TxnCoordSender) and the application's retry loop around it. A transfer is
// what the SQL statements below become: read each balance, write it back changed, and commit with parallel commits:
//   BEGIN;
//   UPDATE accounts SET balance = balance - $amount WHERE id = $from;   -- read, then an intent
//   UPDATE accounts SET balance = balance + $amount WHERE id = $to;     -- read, then the final write ...
//   COMMIT;                                                              -- ... in parallel with the STAGING record
// The coordinator heartbeats its record, refreshes its reads when its write timestamp was pushed, restarts on a
// retry error (a new epoch) and begins anew when it was aborted, up to `clientRetries` times (cockroach-go's
// crdb.ExecuteTx). A balance read is a read-only transaction over every account at one timestamp.

import type { Completion, NodeContext } from "../../sim/types";
import { addMs, cmp, fmt, maxTs, next, type Timestamp } from "./hlc";
import { accountKey } from "./keys";
import type { TxnMeta } from "./mvcc";
import type { KvRequest, KvResult } from "./wire";

export interface CoordHost {
  readonly id: string;
  readonly maxOffsetMs: number;
  readonly heartbeatMs: number;
  readonly retries: number;
  now(): Timestamp;
  newTxnId(): string;
  priority(ctx: NodeContext): number;
  send(ctx: NodeContext, key: string, req: KvRequest, done: (ctx: NodeContext, res: KvResult) => void): void;
  later(ctx: NodeContext, ms: number, fn: (ctx: NodeContext) => void): string;
  cancel(ctx: NodeContext, timer: string): void;
  restarted(reason: string): void;
  /** A read completed with these balances (the referee's ledger). */
  readDone(balances: Record<string, number>): void;
}

/** Give up on a transaction after this long (monotonic); the client has long timed out by then. */
const DEADLINE_MS = 30_000;

abstract class Txn {
  txn!: TxnMeta;
  readTs!: Timestamp;
  reads: string[] = [];
  readonly restarts: string[] = [];
  finished = false;
  readonly startedAt: number;

  constructor(
    protected readonly h: CoordHost,
    protected readonly requestId: number,
    protected readonly respond: (c: Completion) => void,
    ctx: NodeContext,
    anchor: string,
  ) {
    this.startedAt = ctx.monotonicTime;
    this.fresh(ctx, anchor);
  }

  protected fresh(ctx: NodeContext, anchor: string): void {
    const now = this.h.now();
    this.txn = { id: this.h.newTxnId(), key: anchor, epoch: 0, ts: now, minTs: now, priority: this.h.priority(ctx) };
    this.readTs = now;
    this.reads = [];
  }

  /** The global uncertainty limit: the start plus the max offset, never below the read timestamp. */
  protected limit(): Timestamp {
    return maxTs(this.readTs, addMs(this.txn.minTs, this.h.maxOffsetMs));
  }

  protected overdue(ctx: NodeContext): boolean {
    return ctx.monotonicTime - this.startedAt > DEADLINE_MS;
  }

  protected restartNote(): string {
    if (this.restarts.length === 0) return "";
    const times = this.restarts.length === 1 ? "once" : `${this.restarts.length} times`;
    return ` (restarted ${times}: ${[...new Set(this.restarts)].join(", ")})`;
  }

  protected finish(c: Completion): void {
    if (this.finished) return;
    this.finished = true;
    this.respond(c);
  }

  /** Reads `key` at the read timestamp; conflicts are pushed and uncertainty moves the timestamp up. */
  protected read(
    ctx: NodeContext,
    key: string,
    k: (ctx: NodeContext, v: number | null) => void,
    onRestart: (ctx: NodeContext) => void,
    onUncertain?: (ctx: NodeContext, ts: Timestamp) => void,
  ): void {
    if (this.finished) return;
    if (this.overdue(ctx)) return this.giveUp("the transaction ran out of time");
    const req: KvRequest = { t: "scan", keys: [key], txn: this.txn, readTs: this.readTs, limit: this.limit() };
    this.h.send(ctx, key, req, (c, res) => {
      if (this.finished) return;
      if (res.ok) {
        if (!this.reads.includes(key)) this.reads.push(key);
        return k(c, res.values?.[key] ?? null);
      }
      // A transaction holding intents that waits can close a cycle; CockroachDB's txnwait queue finds such deadlocks
      // and aborts one. Here a read-write transaction pushes with PUSH_ABORT (the higher priority wins), which
      // breaks every cycle; a read-only transaction holds nothing, so it only waits.
      if (res.err === "intent") return this.conflict(c, res.intent.txn, res.intent.key, this.holdsIntents(), () => this.read(c, key, k, onRestart, onUncertain));
      if (res.err === "uncertain" && onUncertain) return onUncertain(c, res.ts);
      if (res.err === "uncertain") {
        // ReadWithinUncertaintyIntervalError: move above the uncertain value; keep the reads already made if a
        // refresh shows nothing changed under them, otherwise restart.
        this.h.restarted("ReadWithinUncertaintyIntervalError");
        this.restarts.push("uncertainty");
        const to = next(res.ts);
        return this.refresh(c, to, () => this.read(c, key, k, onRestart), () => onRestart(c));
      }
      return this.unavailable(c, res);
    });
  }

  /** Refreshes every read span to `to`: success moves the read timestamp; failure is a retry error. */
  protected refresh(ctx: NodeContext, to: Timestamp, ok: () => void, fail: () => void): void {
    const keys = [...this.reads];
    const from = this.readTs;
    if (keys.length === 0) {
      this.readTs = to;
      this.txn = { ...this.txn, ts: maxTs(this.txn.ts, to) };
      return ok();
    }
    let waiting = keys.length;
    let good = true;
    for (const key of keys) {
      this.h.send(ctx, key, { t: "refresh", keys: [key], from, to, txnId: this.txn.id }, (_c, res) => {
        if (!res.ok) good = false;
        if (--waiting > 0 || this.finished) return;
        if (!good) return fail();
        this.readTs = maxTs(this.readTs, to);
        this.txn = { ...this.txn, ts: maxTs(this.txn.ts, to) };
        ok();
      });
    }
  }

  /** Another transaction's intent is in the way: push it; resolve it if it is finished, else wait and retry. */
  protected conflict(ctx: NodeContext, pushee: TxnMeta, key: string, writer: boolean, retry: () => void): void {
    const req: KvRequest = { t: "push", pushee, pusherPriority: this.txn.priority, pusherId: this.txn.id, mayAbort: writer, force: writer && this.isStaging() };
    this.h.send(ctx, pushee.key, req, (c, res) => {
      if (this.finished) return;
      if (res.ok && (res.status === "COMMITTED" || res.status === "ABORTED")) {
        const resolve: KvRequest = { t: "resolve", key, txnId: pushee.id, commit: res.status === "COMMITTED", ts: res.ts ?? pushee.ts };
        return this.h.send(c, key, resolve, () => retry());
      }
      this.h.later(c, 100, () => retry());
    });
  }

  protected unavailable(_ctx: NodeContext, res: KvResult): void {
    const why = res.ok ? "" : res.err === "unavailable" ? res.why : res.err;
    this.giveUp(`the range is unavailable: ${why}`);
  }

  protected abstract giveUp(why: string): void;

  protected holdsIntents(): boolean {
    return false;
  }

  protected isStaging(): boolean {
    return false;
  }
}

/** A balance read: SELECT id, balance FROM accounts, one read-only transaction at one timestamp. */
export class ReadTxn extends Txn {
  private readonly values = new Map<string, number | null>();

  constructor(h: CoordHost, requestId: number, respond: (c: Completion) => void, ctx: NodeContext, private readonly accounts: readonly number[]) {
    super(h, requestId, respond, ctx, accountKey(accounts[0]));
  }

  private epoch = 0;

  run(ctx: NodeContext): void {
    this.values.clear();
    const epoch = this.epoch;
    for (const a of this.accounts) {
      const key = accountKey(a);
      this.read(
        ctx,
        key,
        (_c, v) => {
          if (this.epoch !== epoch) return;
          this.values.set(key, v);
          if (this.values.size === this.accounts.length) this.done();
        },
        (c) => this.again(c, epoch, this.readTs),
        (c, ts) => this.again(c, epoch, next(ts)),
      );
    }
  }

  /** ReadWithinUncertaintyIntervalError: read everything again above the uncertain value. */
  private again(ctx: NodeContext, epoch: number, to: Timestamp): void {
    if (this.epoch !== epoch || this.finished) return;
    this.epoch++;
    this.h.restarted("ReadWithinUncertaintyIntervalError");
    this.restarts.push("uncertainty");
    if (this.restarts.length > this.h.retries) return this.giveUp("too many restarts");
    this.reads = [];
    this.readTs = maxTs(this.readTs, to);
    this.txn = { ...this.txn, ts: this.readTs };
    this.run(ctx);
  }

  private done(): void {
    const balances: Record<string, number> = {};
    let total = 0;
    for (const a of this.accounts) {
      const v = this.values.get(accountKey(a)) ?? 0;
      balances[String(a)] = v;
      total += v;
    }
    this.h.readDone(balances);
    const what = this.accounts.length === 1 ? `WHERE id = ${this.accounts[0]}` : "";
    this.finish({ type: "ok", value: balances, note: `SELECT id, balance FROM accounts ${what}AS OF ${fmt(this.readTs)}: total ${total}${this.restartNote()}` });
  }

  protected giveUp(why: string): void {
    this.finish({ type: "fail", error: `TransactionRetryWithProtoRefreshError: ${why}` });
  }
}

/** A transfer: two read-modify-writes and a parallel commit. */
export class TransferTxn extends Txn {
  private written: string[] = [];
  private staged = false;
  private heartbeat: string | undefined;
  private aborted = false;
  private epochs = 0;

  constructor(h: CoordHost, requestId: number, respond: (c: Completion) => void, ctx: NodeContext, private readonly from: number, private readonly to: number, private readonly amount: number) {
    super(h, requestId, respond, ctx, accountKey(from));
  }

  run(ctx: NodeContext): void {
    this.beat(ctx);
    this.attempt(ctx);
  }

  protected override holdsIntents(): boolean {
    return true;
  }

  protected override isStaging(): boolean {
    return this.staged;
  }

  private get fromKey(): string {
    return accountKey(this.from);
  }

  private get toKey(): string {
    return accountKey(this.to);
  }

  private attempt(ctx: NodeContext): void {
    const epoch = this.epochs;
    const live = (): boolean => !this.finished && this.epochs === epoch;
    const restart = (c: NodeContext): void => {
      if (live()) this.restart(c, "RETRY_SERIALIZABLE");
    };
    this.read(ctx, this.fromKey, (c, a) => {
      if (!live()) return;
      this.write(c, this.fromKey, (a ?? 0) - this.amount, () => {
        if (!live()) return;
        this.read(c, this.toKey, (c2, b) => {
          if (!live()) return;
          this.commit(c2, (b ?? 0) + this.amount, epoch);
        }, restart);
      });
    }, restart);
  }

  private write(ctx: NodeContext, key: string, value: number, k: () => void): void {
    if (this.finished) return;
    if (this.overdue(ctx)) return this.giveUp("the transaction ran out of time");
    if (this.aborted) return this.restartAborted(ctx);
    this.h.send(ctx, key, { t: "put", key, value, txn: this.txn }, (c, res) => {
      if (this.finished) return;
      if (res.ok) {
        if (!this.written.includes(key)) this.written.push(key);
        if (res.ts && cmp(res.ts, this.txn.ts) > 0) this.txn = { ...this.txn, ts: res.ts };
        return k();
      }
      if (res.err === "intent") return this.conflict(c, res.intent.txn, key, true, () => this.write(c, key, value, k));
      if (res.err === "aborted") return this.restartAborted(c);
      this.unavailable(c, res);
    });
  }

  /** Before committing above the read timestamp, the reads must be refreshed (serializable isolation). */
  private commit(ctx: NodeContext, toValue: number, epoch: number): void {
    if (cmp(this.txn.ts, this.readTs) > 0) {
      return this.refresh(ctx, this.txn.ts, () => this.parallelCommit(ctx, toValue, epoch), () => this.restart(ctx, "RETRY_SERIALIZABLE"));
    }
    this.parallelCommit(ctx, toValue, epoch);
  }

  /** The final write and the STAGING record go out together; both succeeding at ts <= commit ts is a commit. */
  private parallelCommit(ctx: NodeContext, toValue: number, epoch: number): void {
    if (this.aborted) return this.restartAborted(ctx);
    const commitTs = this.txn.ts;
    const intents = [...new Set([...this.written, this.toKey])];
    let stagedOk: boolean | undefined;
    let putTs: Timestamp | undefined;
    const settle = (c: NodeContext): void => {
      if (this.finished || this.epochs !== epoch || stagedOk === undefined || putTs === undefined) return;
      if (!stagedOk) return this.restartAborted(c);
      if (cmp(putTs, commitTs) <= 0) return this.implicitlyCommitted(c, commitTs, intents);
      // The final write was pushed: not implicitly committed. Refresh to its timestamp and commit explicitly.
      this.txn = { ...this.txn, ts: putTs };
      this.refresh(c, putTs, () => this.explicitCommit(c, intents), () => this.abortThenRestart(c, "RETRY_SERIALIZABLE"));
    };
    this.staged = true;
    const staging = { ...this.txn, ts: commitTs };
    this.h.send(ctx, this.txn.key, { t: "end", txn: staging, status: "STAGING", inFlight: [this.toKey], intents }, (c, res) => {
      if (res.ok && res.status === "COMMITTED") {
        // Someone recovered it and found every write: it is committed.
        stagedOk = true;
      } else stagedOk = res.ok;
      if (!res.ok && res.err === "unavailable") return this.ambiguous(res.why);
      settle(c);
    });
    this.write(ctx, this.toKey, toValue, () => {
      putTs = this.txn.ts;
      settle(ctx);
    });
  }

  private explicitCommit(ctx: NodeContext, intents: string[]): void {
    this.h.send(ctx, this.txn.key, { t: "end", txn: this.txn, status: "COMMITTED", inFlight: [], intents }, (c, res) => {
      if (res.ok && res.status === "COMMITTED") return this.committed(c, res.ts ?? this.txn.ts, intents, "explicit commit");
      if (!res.ok && res.err === "aborted") return this.restartAborted(c);
      this.ambiguous(res.ok ? `record is ${res.status}` : res.err);
    });
  }

  private implicitlyCommitted(ctx: NodeContext, ts: Timestamp, intents: string[]): void {
    this.committed(ctx, ts, intents, "parallel commit");
    // Asynchronously make the commit explicit, then resolve the intents.
    this.h.send(ctx, this.txn.key, { t: "end", txn: { ...this.txn, ts }, status: "COMMITTED", inFlight: [], intents }, (c, res) => {
      // Intents are resolved only once the record says COMMITTED; otherwise recovery will find them.
      if (!res.ok || res.status !== "COMMITTED") return;
      for (const key of intents) this.h.send(c, key, { t: "resolve", key, txnId: this.txn.id, commit: true, ts }, () => {});
    });
  }

  private committed(ctx: NodeContext, ts: Timestamp, intents: string[], how: string): void {
    this.stopBeat(ctx);
    if (how === "explicit commit") for (const key of intents) this.h.send(ctx, key, { t: "resolve", key, txnId: this.txn.id, commit: true, ts }, () => {});
    const sql = `BEGIN; UPDATE accounts SET balance = balance - ${this.amount} WHERE id = ${this.from}; UPDATE accounts SET balance = balance + ${this.amount} WHERE id = ${this.to}; COMMIT`;
    this.finish({ type: "ok", value: { from: this.from, to: this.to, amount: this.amount }, note: `${sql} at ${fmt(ts)} via ${this.h.id} (${how})${this.restartNote()}` });
  }

  /** A retry error: a new epoch of the same transaction, at its pushed timestamp. */
  private restart(ctx: NodeContext, reason: string): void {
    if (this.finished) return;
    this.h.restarted(reason);
    this.restarts.push(reason === "RETRY_SERIALIZABLE" ? "RETRY_SERIALIZABLE" : reason);
    if (this.restarts.length > this.h.retries) return this.abortThenGiveUp(ctx);
    this.epochs++;
    this.txn = { ...this.txn, epoch: this.txn.epoch + 1 };
    this.readTs = this.txn.ts;
    this.reads = [];
    this.staged = false;
    this.attempt(ctx);
  }

  /** Aborted by a pusher: clean up, then begin again as a new transaction. */
  private restartAborted(ctx: NodeContext): void {
    if (this.finished) return;
    this.h.restarted("ABORT_REASON_ABORTED_RECORD_FOUND");
    this.restarts.push("TransactionAbortedError");
    this.cleanup(ctx, this.txn, this.written);
    if (this.restarts.length > this.h.retries) return this.finish({ type: "fail", error: "TransactionAbortedError: gave up after too many restarts" });
    this.epochs++;
    this.aborted = false;
    this.staged = false;
    this.written = [];
    const prio = this.txn.priority;
    this.fresh(ctx, this.fromKey);
    this.txn = { ...this.txn, priority: Math.max(prio, this.txn.priority) };
    this.attempt(ctx);
  }

  private abortThenRestart(ctx: NodeContext, reason: string): void {
    this.h.send(ctx, this.txn.key, { t: "end", txn: this.txn, status: "ABORTED", inFlight: [], intents: this.written }, (c, res) => {
      if (res.ok && res.status === "COMMITTED") return this.committed(c, res.ts ?? this.txn.ts, this.written, "recovered commit");
      if (res.ok) {
        this.staged = false;
        this.cleanup(c, this.txn, this.written);
        this.written = [];
        this.epochs++;
        this.h.restarted(reason);
        this.restarts.push(reason);
        this.fresh(c, this.fromKey);
        return this.attempt(c);
      }
      this.ambiguous(res.err);
    });
  }

  private abortThenGiveUp(ctx: NodeContext): void {
    this.stopBeat(ctx);
    this.h.send(ctx, this.txn.key, { t: "end", txn: this.txn, status: "ABORTED", inFlight: [], intents: this.written }, (c, res) => {
      if (res.ok && res.status === "COMMITTED") return this.committed(c, res.ts ?? this.txn.ts, this.written, "recovered commit");
      if (res.ok) {
        this.cleanup(c, this.txn, this.written);
        return this.finish({ type: "fail", error: `TransactionRetryWithProtoRefreshError: gave up after ${this.restarts.length} restarts` });
      }
      this.ambiguous(res.err);
    });
  }

  private cleanup(ctx: NodeContext, txn: TxnMeta, keys: string[]): void {
    for (const key of keys) this.h.send(ctx, key, { t: "resolve", key, txnId: txn.id, commit: false, ts: txn.ts }, () => {});
  }

  /** The outcome cannot be known from here (the commit may or may not have happened): an unknown result. */
  private ambiguous(why: string): void {
    this.finish({ type: "info", error: `result is ambiguous: ${why}` });
  }

  protected giveUp(why: string): void {
    if (this.finished) return;
    if (this.staged) return this.ambiguous(why);
    this.finish({ type: "fail", error: why });
  }

  // ---- heartbeats -----------------------------------------------------------------------------------------------

  private beat(ctx: NodeContext): void {
    this.heartbeat = this.h.later(ctx, this.h.heartbeatMs, (c) => {
      if (this.finished) return;
      this.h.send(c, this.txn.key, { t: "heartbeat", txn: this.txn }, (_c2, res) => {
        if (!res.ok && res.err === "aborted") this.aborted = true;
      });
      this.beat(c);
    });
  }

  private stopBeat(ctx: NodeContext): void {
    if (this.heartbeat) this.h.cancel(ctx, this.heartbeat);
  }

  override finish(c: Completion): void {
    if (this.finished) return;
    this.finished = true;
    this.respond(c);
  }
}
