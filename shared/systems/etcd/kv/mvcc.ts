// etcd's multi-version key-value store (mvcc). One revision counter for the whole store moves by one for every
// transaction that writes; each key remembers the revision that created it, the revision that last changed it and
// how many times it was put since it was created. Old versions stay readable by revision until compacted.
// Numbers match etcd 3.4 as measured (FACTS §4.7): a fresh store is at revision 1, and the first write makes it 2.

export interface KeyValue {
  key: string;
  value: unknown;
  createRevision: number;
  modRevision: number;
  /** 1 at creation, +1 per put, gone with a delete (a later put starts again at 1). */
  version: number;
}

/** One change to a key: a new value, or a tombstone for a delete. */
interface KeyRevision {
  revision: number;
  kv: KeyValue | undefined;
}

export const ERR_COMPACTED = "mvcc: required revision has been compacted";
export const ERR_FUTURE_REV = "mvcc: required revision is a future revision";

/** A read at a revision that no longer exists or does not exist yet; the message is etcd's own. */
export class MvccError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MvccError";
  }
}

export type Compare =
  | { target: "value"; key: string; op: CompareOp; value: unknown }
  | { target: "version" | "create" | "mod"; key: string; op: CompareOp; value: number };

export type CompareOp = "=" | "!=" | "<" | ">";

export type TxnOp = { type: "put"; key: string; value: unknown } | { type: "delete"; key: string } | { type: "get"; key: string };

export type TxnOpResult =
  | { type: "put"; prev: KeyValue | undefined }
  | { type: "delete"; deleted: number }
  | { type: "get"; kv: KeyValue | undefined };

export interface TxnResult {
  succeeded: boolean;
  /** The store's revision after the transaction (unchanged if it wrote nothing). */
  revision: number;
  results: TxnOpResult[];
}

/** Value equality for compares: the same JSON value (etcd compares bytes; our values are plain JSON). */
export function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

export class MvccStore {
  /** The revision of the last write transaction; a new store is at 1, as etcd's is. */
  revision = 1;
  /** Reads below this revision fail: their history is gone. */
  compactRevision = 0;
  private readonly history = new Map<string, KeyRevision[]>();

  /** The key as of `atRevision` (default: now). Throws MvccError for a compacted or future revision. */
  get(key: string, atRevision?: number): KeyValue | undefined {
    const rev = atRevision ?? this.revision;
    if (atRevision !== undefined) {
      if (atRevision > this.revision) throw new MvccError(ERR_FUTURE_REV);
      if (atRevision < this.compactRevision) throw new MvccError(ERR_COMPACTED);
    }
    const revs = this.history.get(key);
    if (!revs) return undefined;
    for (let i = revs.length - 1; i >= 0; i--) {
      if (revs[i].revision <= rev) return revs[i].kv;
    }
    return undefined;
  }

  /** Every live key in key order (for inspection). */
  range(): KeyValue[] {
    const out: KeyValue[] = [];
    for (const key of [...this.history.keys()].sort()) {
      const kv = this.get(key);
      if (kv) out.push(kv);
    }
    return out;
  }

  put(key: string, value: unknown): { revision: number; prev: KeyValue | undefined } {
    const r = this.txn([], [{ type: "put", key, value }], []);
    const first = r.results[0] as { prev: KeyValue | undefined };
    return { revision: r.revision, prev: first.prev };
  }

  /** Deletes the key; deleting an absent key writes nothing and leaves the revision alone. */
  delete(key: string): { revision: number; deleted: number } {
    const r = this.txn([], [{ type: "delete", key }], []);
    return { revision: r.revision, deleted: (r.results[0] as { deleted: number }).deleted };
  }

  /**
   * If every compare holds, run `success`, else `failure`, atomically at one revision: all writes of the
   * transaction share the revision it moves to, and the revision moves only if something was written.
   */
  txn(compares: readonly Compare[], success: readonly TxnOp[], failure: readonly TxnOp[]): TxnResult {
    const succeeded = compares.every((c) => this.holds(c));
    const ops = succeeded ? success : failure;
    const writes = ops.some((op) => op.type === "put" || (op.type === "delete" && this.latest(op.key) !== undefined));
    const rev = writes ? this.revision + 1 : this.revision;
    const results = ops.map((op) => this.run(op, rev));
    this.revision = rev;
    return { succeeded, revision: rev, results };
  }

  /** Forgets history below `revision`; reads there fail from now on (etcd's error and message). */
  compact(revision: number): void {
    if (revision <= this.compactRevision) throw new MvccError(ERR_COMPACTED);
    if (revision > this.revision) throw new MvccError(ERR_FUTURE_REV);
    this.compactRevision = revision;
    for (const [key, revs] of this.history) {
      // Keep the newest change at or below the compaction point: it is still the value there.
      let keepFrom = 0;
      for (let i = 0; i < revs.length; i++) if (revs[i].revision <= revision) keepFrom = i;
      const kept = revs.slice(keepFrom);
      if (kept.length === 1 && kept[0].kv === undefined) this.history.delete(key);
      else this.history.set(key, kept);
    }
  }

  private holds(c: Compare): boolean {
    const kv = this.get(c.key);
    if (c.target === "value") {
      // etcd: a value compare against a missing key is false, whatever the operator.
      if (!kv) return false;
      const eq = sameValue(kv.value, c.value);
      if (c.op === "=") return eq;
      if (c.op === "!=") return !eq;
      return compareOrdered(String(kv.value), String(c.value), c.op);
    }
    const actual = c.target === "version" ? (kv?.version ?? 0) : c.target === "create" ? (kv?.createRevision ?? 0) : (kv?.modRevision ?? 0);
    return compareOrdered(actual, c.value, c.op);
  }

  private run(op: TxnOp, rev: number): TxnOpResult {
    const prev = this.latest(op.key);
    if (op.type === "get") return { type: "get", kv: prev };
    if (op.type === "put") {
      const kv: KeyValue = {
        key: op.key,
        value: op.value,
        createRevision: prev ? prev.createRevision : rev,
        modRevision: rev,
        version: prev ? prev.version + 1 : 1,
      };
      this.record(op.key, rev, kv);
      return { type: "put", prev };
    }
    if (!prev) return { type: "delete", deleted: 0 };
    this.record(op.key, rev, undefined);
    return { type: "delete", deleted: 1 };
  }

  /** The newest state of the key, including writes made earlier in the transaction being run. */
  private latest(key: string): KeyValue | undefined {
    const revs = this.history.get(key);
    return revs ? revs[revs.length - 1].kv : undefined;
  }

  private record(key: string, revision: number, kv: KeyValue | undefined): void {
    const revs = this.history.get(key) ?? [];
    // A second write to the key in the same transaction replaces the first: one change per key per revision.
    if (revs.length > 0 && revs[revs.length - 1].revision === revision) revs[revs.length - 1] = { revision, kv };
    else revs.push({ revision, kv });
    this.history.set(key, revs);
  }
}

function compareOrdered<T extends number | string>(a: T, b: T, op: CompareOp): boolean {
  switch (op) {
    case "=":
      return a === b;
    case "!=":
      return a !== b;
    case "<":
      return a < b;
    case ">":
      return a > b;
  }
}
