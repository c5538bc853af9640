// Cross-checks the checker against linearizability straight from its definition, by brute force, on small random
// histories that are often not linearizable: repeated values, reads of anything, cas, info and fail outcomes.
// The checker prunes its search in several ways (memoization, reads placed eagerly, unread values merged,
// unobserved info writes dropped); each is argued sound in the source, and this is where those arguments are tested.

import { describe, expect, it } from "vitest";
import { checkHistory, type HistoryEvent, type Operation, pairOperations } from "../../../shared/checkers";
import { Rng } from "../../../shared/sim/rng";

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * Is there an order of all ok ops and any subset of info ops, with every op after each op that returned before
 * it was invoked, in which a register starting at null gives every ok read its value and every placed cas its
 * expected value? Failed ops never happened; an info op placed took effect, one left out did not.
 */
function linearizableByDefinition(ops: readonly Operation[]): boolean {
  const live = ops.filter((op) => op.status !== "fail");
  const placed = new Array<boolean>(live.length).fill(false);
  const search = (state: unknown, remainingOk: number): boolean => {
    if (remainingOk === 0) return true;
    for (let i = 0; i < live.length; i++) {
      if (placed[i]) continue;
      const op = live[i];
      const blocked = live.some((other, j) => !placed[j] && other.status === "ok" && other.completeIndex < op.invokeIndex);
      if (blocked) continue;
      let next: unknown;
      if (op.f === "read") {
        if (op.status === "ok" && !same(op.output, state)) continue;
        next = state;
      } else if (op.f === "write") {
        next = op.value;
      } else {
        const [expected, replacement] = op.value as [unknown, unknown];
        if (!same(expected, state)) continue;
        next = replacement;
      }
      placed[i] = true;
      const found = search(next, remainingOk - (op.status === "ok" ? 1 : 0));
      placed[i] = false;
      if (found) return true;
    }
    return false;
  };
  return search(null, live.filter((op) => op.status === "ok").length);
}

/** A random small history on one or two keys, of any shape a client could record. */
function randomHistory(rng: Rng, size: number, keys: readonly string[]): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  const open = new Map<number, HistoryEvent>();
  let nextProcess = 3;
  const idle = [0, 1, 2];
  const values = [1, 2, 3];
  let invoked = 0;
  let time = 0;
  while (invoked < size || open.size > 0) {
    time += rng.int(0, 3);
    const canInvoke = invoked < size && idle.length > 0;
    if (canInvoke && (open.size === 0 || rng.float() < 0.5)) {
      const process = idle.splice(rng.int(0, idle.length), 1)[0];
      const f = rng.pick(["read", "read", "write", "write", "cas"]);
      const value = f === "read" ? null : f === "write" ? rng.pick(values) : [rng.pick([null, ...values]), rng.pick(values)];
      const invoke: HistoryEvent = { process, type: "invoke", f, key: rng.pick(keys), value, time };
      events.push(invoke);
      open.set(process, invoke);
      invoked++;
      continue;
    }
    const process = rng.pick([...open.keys()]);
    const invoke = open.get(process) as HistoryEvent;
    open.delete(process);
    const roll = rng.float();
    const type = roll < 0.7 ? "ok" : roll < 0.85 ? "fail" : "info";
    const value = invoke.f === "read" ? rng.pick([null, ...values]) : invoke.value;
    events.push({ process, type, f: invoke.f, key: invoke.key, value, time });
    if (type === "info") idle.push(nextProcess++);
    else idle.push(process);
  }
  return events;
}

function byKeyByDefinition(events: HistoryEvent[]): boolean {
  const ops = pairOperations(events);
  const keys = new Set(ops.map((op) => op.key));
  return [...keys].every((key) => linearizableByDefinition(ops.filter((op) => op.key === key)));
}

describe("agreement with linearizability by definition", () => {
  it("gives the brute-force verdict on 3000 small random histories", () => {
    const rng = new Rng(2024);
    let violations = 0;
    for (let i = 0; i < 3000; i++) {
      const events = randomHistory(rng, rng.int(3, 8), i % 3 === 0 ? ["a", "b"] : ["a"]);
      const expected = byKeyByDefinition(events);
      const result = checkHistory(events);
      if (result.ok !== expected) expect.fail(`history ${i}: checker says ${result.status}, definition says ${expected}\n${JSON.stringify(events)}`);
      if (!expected) {
        violations++;
        const blamed = result.ops?.[0];
        expect(blamed && (blamed.f === "read" || blamed.f === "cas") && blamed.status === "ok").toBe(true);
        expect(result.explanation).toMatch(/^(read|cas) of [ab] by process \d+ /);
      }
    }
    // Both verdicts must be well represented, or the comparison proves little.
    expect(violations).toBeGreaterThan(600);
    expect(violations).toBeLessThan(2400);
  });
});
