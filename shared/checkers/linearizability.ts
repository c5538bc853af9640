// Checks that a register history (read, write, cas per key) is linearizable: that there is one order of the
// operations, consistent with real time, in which every read saw the latest write. Keys are independent registers
// and linearizability is compositional (Herlihy & Wing), so each key is checked alone, which keeps the search small.

import { explainViolation, impossibleOp, indexWriters, keyLabel } from "./explain";
import { HistoryError, type Operation, pairOperations } from "./history-ops";
import { ABSENT, canonical, observedValues, RegisterModel, registerProblems, ValueTable } from "./register-model";
import { searchLinearization } from "./wgl-search";

export type CheckStatus = "ok" | "violation" | "unknown";

export interface CheckResult {
  /** "unknown" means the search ran out of its step budget: neither a pass nor a proven bug. */
  status: CheckStatus;
  /** True only when every key was proven linearizable. */
  ok: boolean;
  /** How many keys were examined (the check stops at the first violation). */
  keysChecked: number;
  /** The key that is not linearizable (violation) or that could not be decided (unknown). */
  key?: string;
  /** Plain words for a student: which op, what it saw, what it should have seen. */
  explanation?: string;
  /** The operations the explanation names, the failing one first. */
  ops?: Operation[];
  /** Search steps spent, over all keys. */
  steps: number;
}

export interface CheckOptions {
  /** Search steps allowed per key before giving up with "unknown". */
  maxStepsPerKey?: number;
}

export const DEFAULT_MAX_STEPS_PER_KEY = 2_000_000;

/** Groups ops by key, in a stable order (first appearance), so results are deterministic. */
function byKey(ops: readonly Operation[]): Map<string | undefined, Operation[]> {
  const groups = new Map<string | undefined, Operation[]>();
  for (const op of ops) {
    const group = groups.get(op.key);
    if (group) group.push(op);
    else groups.set(op.key, [op]);
  }
  return groups;
}

/**
 * Ops the search must consider. Failed ops certainly did not happen and a read with an unknown outcome constrains
 * nothing, so both are left out. An info write or cas whose value nobody ever observed is left out too: in any
 * valid order, nothing between it and the next write reads the register, so the same order without it is valid.
 * Without this, every timed-out write stays "maybe" forever and the search multiplies by each one.
 */
function relevant(ops: readonly Operation[], observed: ReadonlySet<string>): Operation[] {
  return ops.filter((op) => {
    if (op.status === "ok") return true;
    if (op.status === "fail" || op.f === "read") return false;
    const written = op.f === "write" ? op.value : (op.value as unknown[])[1];
    return observed.has(canonical(written));
  });
}

type KeyVerdict =
  | { status: "ok"; steps: number }
  | { status: "violation" | "unknown"; steps: number; explanation: string; ops: Operation[] };

function checkKey(keyOps: readonly Operation[], maxSteps: number): KeyVerdict {
  const writersOf = indexWriters(keyOps);
  const impossible = impossibleOp(keyOps, writersOf);
  if (impossible) return { status: "violation", steps: 0, explanation: impossible.text, ops: impossible.ops };
  const observed = observedValues(keyOps);
  const ops = relevant(keyOps, observed);
  const model = new RegisterModel(ops, new ValueTable(observed));
  // History positions, not times: they order equal timestamps the way the events really happened.
  const searchOps = ops.map((op) => ({ call: op.invokeIndex, ret: op.completeIndex, readOnly: op.f === "read" }));
  const result = searchLinearization(searchOps, ABSENT, model.step, maxSteps);
  if (result.status === "ok") return result;
  if (result.status === "unknown") {
    return {
      status: "unknown",
      steps: result.steps,
      explanation: `The checker gave up on ${keyLabel(keyOps[0].key)} after ${maxSteps} search steps: too many overlapping operations to try every order. This is not evidence of a bug.`,
      ops: [],
    };
  }
  const failing = ops[result.failure.op];
  const order = result.failure.order.map((i) => ops[i]);
  const { text, ops: named } = explainViolation(failing, order, writersOf);
  return { status: "violation", steps: result.steps, explanation: text, ops: named };
}

/**
 * Checks a Jepsen register history (GUIDE §4). Throws HistoryError if the history is malformed or holds
 * operations that are not register operations. A violation is reported for the first failing key in order of
 * first appearance; an unknown key does not stop the check, since a later key may still show a real violation.
 */
export function checkHistory(history: unknown, opts: CheckOptions = {}): CheckResult {
  const maxSteps = opts.maxStepsPerKey ?? DEFAULT_MAX_STEPS_PER_KEY;
  if (!Number.isInteger(maxSteps) || maxSteps < 1) {
    throw new RangeError(`maxStepsPerKey must be a positive integer, got ${maxSteps}`);
  }
  const ops = pairOperations(history);
  const problems = registerProblems(ops);
  if (problems.length > 0) throw new HistoryError(problems);
  let steps = 0;
  let keysChecked = 0;
  let undecided: CheckResult | undefined;
  for (const [key, keyOps] of byKey(ops)) {
    keysChecked++;
    const verdict = checkKey(keyOps, maxSteps);
    steps += verdict.steps;
    if (verdict.status === "violation") {
      return { status: "violation", ok: false, keysChecked, key, explanation: verdict.explanation, ops: verdict.ops, steps };
    }
    if (verdict.status === "unknown" && !undecided) {
      undecided = { status: "unknown", ok: false, keysChecked: 0, key, explanation: verdict.explanation, ops: [], steps: 0 };
    }
  }
  if (undecided) return { ...undecided, keysChecked, steps };
  return { status: "ok", ok: true, keysChecked, steps };
}
