// Puts a register linearizability violation into words a student can follow. The simple causes (a value nobody
// wrote, a write that failed, a write that began too late) are certain on their own and the clearest, so they are
// looked for first, before any search. Otherwise the search names the op it could not place at its deepest point:
// if its value had certainly been overwritten before it began, that is said; failing that, the write that left the
// register's value in the order the search found is named as what the op should have seen.

import { type Operation, seconds } from "./history-ops";
import { canonical } from "./register-model";

export interface Explanation {
  text: string;
  /** The ops the text names, the failing one first. */
  ops: Operation[];
}

export function keyLabel(key: string | undefined): string {
  return key === undefined ? "the register" : key;
}

function show(value: unknown): string {
  return value === null || value === undefined ? "null" : JSON.stringify(value);
}

/** "read of k1 by process 3 (invoked 5.001 s, ok at 5.012 s)". */
function describeOp(op: Operation): string {
  const end = op.status === "info" ? "outcome unknown" : `${op.status} at ${seconds(op.ret)}`;
  return `${op.f} of ${keyLabel(op.key)} by process ${op.process} (invoked ${seconds(op.call)}, ${end})`;
}

/** When an op finished, for naming the write a reader should have seen. */
function finished(op: Operation): string {
  return op.status === "info" ? `invoked at ${seconds(op.call)}, outcome unknown` : `${op.status} at ${seconds(op.ret)}`;
}

/** The value an op leaves in the register, if it writes one. */
function written(op: Operation): unknown {
  if (op.f === "write") return op.value;
  if (op.f === "cas") return (op.value as [unknown, unknown])[1];
  return undefined;
}

function isWriter(op: Operation): boolean {
  return op.f === "write" || op.f === "cas";
}

/** "wrote 7 (process 1, ok at 4.980 s)" or, for a cas, "was a cas from 3 to 7 (process 1, ok at 4.980 s)". */
function describeWriter(op: Operation): string {
  const verb = op.f === "write" ? `wrote ${show(op.value)}` : `was a cas from ${show((op.value as unknown[])[0])} to ${show(written(op))}`;
  return `${verb} (process ${op.process}, ${finished(op)})`;
}

/** The ops that write each value (by canonical form), in invoke order: who could explain a read of it. */
export type WriterIndex = Map<string, Operation[]>;

export function indexWriters(keyOps: readonly Operation[]): WriterIndex {
  const index: WriterIndex = new Map();
  for (const op of keyOps) {
    if (!isWriter(op)) continue;
    const key = canonical(written(op));
    const list = index.get(key);
    if (list) list.push(op);
    else index.set(key, [op]);
  }
  return index;
}

/**
 * The simple reasons `wanted` (the value a read returned, or a cas expected) cannot be explained by any write,
 * or undefined if writes of it exist that could have preceded the op.
 */
function missingWrite(failing: Operation, wanted: unknown, writersOf: WriterIndex): Explanation | undefined {
  if (wanted === null || wanted === undefined) return undefined;
  const writers = (writersOf.get(canonical(wanted)) ?? []).filter((o) => o !== failing);
  const possible = writers.filter((o) => o.status !== "fail");
  if (possible.length === 0) {
    const failed = writers.find((o) => o.status === "fail");
    if (failed) {
      return {
        text: `the only ${failed.f} that wrote ${show(wanted)} failed (process ${failed.process}, failed at ${seconds(failed.ret)}), so it never took effect`,
        ops: [failed],
      };
    }
    return { text: `no operation on ${keyLabel(failing.key)} ever wrote ${show(wanted)}`, ops: [] };
  }
  if (possible.every((o) => o.invokeIndex > failing.completeIndex)) {
    const first = possible[0];
    return {
      text: `the ${first.f} of ${show(wanted)} (process ${first.process}) only began at ${seconds(first.call)}, after this ${failing.f} had returned`,
      ops: [first],
    };
  }
  return undefined;
}

/** "the write of 4 (process 1, ok at 0.010 s)" or "the cas from 3 to 4 (process 1, ok at 0.010 s)". */
function theWrite(op: Operation): string {
  const what = op.f === "write" ? `write of ${show(op.value)}` : `cas from ${show((op.value as unknown[])[0])} to ${show(written(op))}`;
  return `the ${what} (process ${op.process}, ${finished(op)})`;
}

/**
 * If every write of `wanted` was followed by a completed write of something else before `failing` began, the
 * value was certainly gone: name the most recent such pair. Run only to explain, so a linear scan is fine.
 */
function overwritten(failing: Operation, wanted: unknown, writersOf: WriterIndex): Explanation | undefined {
  const key = canonical(wanted);
  const writers = (writersOf.get(key) ?? []).filter((o) => o !== failing && o.status !== "fail");
  if (writers.length === 0 && key !== "null") return undefined;
  const others = [...writersOf].filter(([value]) => value !== key).flatMap(([, ops]) => ops.filter((o) => o.status === "ok"));
  // Reading null needs the initial value, which the first completed write replaced for good (if none wrote null).
  const last = writers.reduce<Operation | undefined>((a, o) => (a === undefined || o.completeIndex > a.completeIndex ? o : a), undefined);
  const after = last ? last.completeIndex : -1;
  let by: Operation | undefined;
  for (const o of others) {
    if (o.invokeIndex > after && o.completeIndex < failing.invokeIndex && (!by || o.completeIndex > by.completeIndex)) by = o;
  }
  if (!by) return undefined;
  if (!last) {
    return { text: `${keyLabel(failing.key)} was no longer empty: ${theWrite(by)} had completed before this ${failing.f} began`, ops: [by] };
  }
  return { text: `${theWrite(last)} had already been overwritten by ${theWrite(by)} before this ${failing.f} began`, ops: [last, by] };
}

/** The last op in the search's order that left a value in the register (undefined: still the initial null). */
function lastWriter(order: readonly Operation[]): Operation | undefined {
  for (let i = order.length - 1; i >= 0; i--) if (isWriter(order[i])) return order[i];
  return undefined;
}

/** What the register held at the failing point, as the search found it. */
function heldBefore(failing: Operation, order: readonly Operation[]): Explanation {
  const writer = lastWriter(order);
  if (!writer) {
    return {
      text: `in the longest consistent order the checker found up to this point no write came before it, so ${keyLabel(failing.key)} was still empty (null)`,
      ops: [],
    };
  }
  return { text: `the last write that could have preceded it ${describeWriter(writer)}`, ops: [writer] };
}

/** "read of k1 by process 3 (...) returned 4, but " / "cas of k1 ... must have held 1, but ", with the reason. */
function sentence(failing: Operation, reason: Explanation): Explanation {
  if (failing.f === "read") {
    return { text: `${describeOp(failing)} returned ${show(failing.output ?? null)}, but ${reason.text}.`, ops: [failing, ...reason.ops] };
  }
  const [expected, replacement] = failing.value as [unknown, unknown];
  return {
    text: `${describeOp(failing)} swapped ${show(expected)} for ${show(replacement)}, so ${keyLabel(failing.key)} must have held ${show(expected)}, but ${reason.text}.`,
    ops: [failing, ...reason.ops],
  };
}

/** The value a read or a successful cas needs the register to hold. */
function needed(op: Operation): unknown {
  return op.f === "read" ? (op.output ?? null) : (op.value as [unknown, unknown])[0];
}

/**
 * The first ok read or cas (in invoke order) that no order could ever satisfy on its own: it needs a value that
 * was never written, written only by failed ops, or written only after it returned. These need no search, and
 * naming them directly is the clearest explanation there is.
 */
export function impossibleOp(keyOps: readonly Operation[], writersOf: WriterIndex): Explanation | undefined {
  for (const op of keyOps) {
    if (op.status !== "ok" || (op.f !== "read" && op.f !== "cas")) continue;
    const reason = missingWrite(op, needed(op), writersOf);
    if (reason) return sentence(op, reason);
  }
  return undefined;
}

/**
 * Explains why `failing` (a read or a successful cas the search could not place) breaks linearizability.
 * `order` is the longest valid prefix the search found; `writersOf` indexes every op on the key, failed ones included.
 */
export function explainViolation(failing: Operation, order: readonly Operation[], writersOf: WriterIndex): Explanation {
  if (failing.f === "read" || failing.f === "cas") {
    const wanted = needed(failing);
    return sentence(failing, missingWrite(failing, wanted, writersOf) ?? overwritten(failing, wanted, writersOf) ?? heldBefore(failing, order));
  }
  // A write can always take effect, so the search never blames one; say so rather than invent a cause.
  return { text: `${describeOp(failing)} could not be placed in any order consistent with the other operations.`, ops: [failing] };
}
