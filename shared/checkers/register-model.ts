// The sequential specification of one register (one key of etcd, Consul KV, Cassandra, Redis): read, write and
// compare-and-set, starting empty. Values are interned as small integers so the search can memoize
// (linearized set, state) pairs cheaply and compare states with ===.

import type { Operation } from "./history-ops";

/** State id of the empty register (null, the initial value). */
export const ABSENT = 0;
/**
 * State id shared by every value that no op ever observes (no ok read returned it, no cas expected it). Every
 * step only compares the state with observed values, so such states are indistinguishable; merging them lets the
 * search's cache treat "which unread write came last" as one configuration instead of many.
 */
export const UNOBSERVED = 1;

/** A value as a string that is equal for equal values, so that 4 and "4" stay distinct and {a,b} = {b,a}. */
export function canonical(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value !== "object") return `${typeof value}:${String(value)}`;
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
}

/** Values observed on one key, numbered from 2 (0 is absent, 1 any value nobody observed). */
export class ValueTable {
  private readonly ids = new Map<string, number>([["null", ABSENT]]);
  private readonly values: unknown[] = [null, undefined];
  private readonly observed: ReadonlySet<string>;

  /** `observed`: canonical forms of the values some op relies on (see observedValues). */
  constructor(observed: ReadonlySet<string>) {
    this.observed = observed;
  }

  id(value: unknown): number {
    const key = canonical(value);
    if (!this.observed.has(key)) return UNOBSERVED;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(key, id);
      this.values.push(value);
    }
    return id;
  }

  value(id: number): unknown {
    return this.values[id];
  }
}

/** Canonical forms of every value some op relies on having been in the register, null included. */
export function observedValues(ops: readonly Operation[]): Set<string> {
  const seen = new Set<string>(["null"]);
  for (const op of ops) {
    if (op.f === "read" && op.status === "ok") seen.add(canonical(op.output ?? null));
    else if (op.f === "cas" && op.status !== "fail") seen.add(canonical((op.value as unknown[])[0]));
  }
  return seen;
}

const READ = 0;
const WRITE = 1;
const CAS = 2;

/** What the problems of register operations look like, so a malformed op is named precisely. */
function describe(op: Operation): string {
  return `operation ${op.id} (process ${op.process}, ${op.f} invoked at entry ${op.invokeIndex})`;
}

/** Problems that make a list of operations not a register history, in plain words. */
export function registerProblems(ops: readonly Operation[]): string[] {
  const problems: string[] = [];
  for (const op of ops) {
    if (op.f !== "read" && op.f !== "write" && op.f !== "cas") {
      problems.push(`${describe(op)}: ${JSON.stringify(op.f)} is not a register operation (read, write or cas)`);
    } else if (op.f === "cas" && !(Array.isArray(op.value) && op.value.length === 2)) {
      problems.push(`${describe(op)}: a cas value must be [expected, new], got ${JSON.stringify(op.value)}`);
    } else if (op.f === "write" && op.value === undefined) {
      problems.push(`${describe(op)}: a write must carry the value it writes`);
    }
  }
  return problems;
}

/**
 * The register's step function over interned states, for the operations that can matter: ok ops (which must
 * be placed) and info writes/cas (which may be placed or dropped). Returns the next state, or -1 when the op
 * cannot take effect in `state` (a read that saw something else, a successful cas whose expected value differs).
 */
export class RegisterModel {
  private readonly kind: Int8Array;
  private readonly arg: Int32Array;
  private readonly next: Int32Array;

  constructor(ops: readonly Operation[], table: ValueTable) {
    this.kind = new Int8Array(ops.length);
    this.arg = new Int32Array(ops.length);
    this.next = new Int32Array(ops.length);
    ops.forEach((op, i) => {
      if (op.f === "read") {
        this.kind[i] = READ;
        // A read that completed without a value read an absent key (JSON drops undefined, GUIDE says null).
        this.arg[i] = table.id(op.output ?? null);
      } else if (op.f === "write") {
        this.kind[i] = WRITE;
        this.next[i] = table.id(op.value);
      } else {
        const [expected, replacement] = op.value as [unknown, unknown];
        this.kind[i] = CAS;
        this.arg[i] = table.id(expected);
        this.next[i] = table.id(replacement);
      }
    });
  }

  readonly step = (state: number, op: number): number => {
    switch (this.kind[op]) {
      case READ:
        return this.arg[op] === state ? state : -1;
      case WRITE:
        return this.next[op];
      default:
        return this.arg[op] === state ? this.next[op] : -1;
    }
  };
}
