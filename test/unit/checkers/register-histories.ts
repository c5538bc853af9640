// Generates register histories that are linearizable by construction: every operation takes effect on a real
// sequential register at one instant strictly inside its [invoke, completion] window, so the history the clients
// record is what a correct system could produce. Some ops end as info (taking effect or not, at random) or as
// fail (not taking effect), as they would under timeouts and rejections.

import type { HistoryEvent } from "../../../shared/checkers";
import { Rng } from "../../../shared/sim/rng";

export interface GenOptions {
  ops: number;
  clients: number;
  keys: readonly string[];
  /** Longest gap (ms) between an op's invoke and its effect, and between its effect and its completion. */
  window: number;
  infoRate: number;
  failRate: number;
}

interface Planned {
  slot: number;
  process: number;
  f: "read" | "write" | "cas";
  key: string;
  arg: unknown;
  call: number;
  at: number;
  ret: number;
  fate: "ok" | "fail" | "info";
  /** For an info write/cas: whether it took effect. */
  applied: boolean;
  output?: unknown;
}

function plan(rng: Rng, o: GenOptions): Planned[] {
  const free = new Array<number>(o.clients).fill(0);
  const process = Array.from({ length: o.clients }, (_, i) => i);
  let nextProcess = o.clients;
  const written = new Map<string, number[]>(o.keys.map((k) => [k, []]));
  let counter = 0;
  const planned: Planned[] = [];
  for (let i = 0; i < o.ops; i++) {
    const slot = rng.int(0, o.clients);
    const call = free[slot] + rng.int(0, 4);
    const at = call + 1 + rng.int(0, o.window);
    const ret = at + 1 + rng.int(0, o.window);
    free[slot] = ret;
    const key = rng.pick(o.keys);
    const roll = rng.float();
    const f = roll < 0.45 ? "read" : roll < 0.85 ? "write" : "cas";
    const values = written.get(key) as number[];
    let arg: unknown = null;
    if (f === "write") {
      counter++;
      arg = counter;
      values.push(counter);
    } else if (f === "cas") {
      counter++;
      const recent = values.slice(-3);
      arg = [recent.length > 0 && rng.float() < 0.85 ? rng.pick(recent) : null, counter];
      values.push(counter);
    }
    const fateRoll = rng.float();
    const fate = fateRoll < o.infoRate ? "info" : f === "write" && fateRoll < o.infoRate + o.failRate ? "fail" : "ok";
    planned.push({ slot, process: process[slot], f, key, arg, call, at, ret, fate, applied: fate === "ok" || (fate === "info" && rng.float() < 0.5) });
    if (fate === "info") process[slot] = nextProcess++;
  }
  return planned;
}

/** Runs the planned ops on a real register in the order they take effect, filling in reads and cas outcomes. */
function execute(planned: Planned[]): void {
  const register = new Map<string, unknown>();
  for (const op of [...planned].sort((a, b) => a.at - b.at)) {
    const current = register.has(op.key) ? register.get(op.key) : null;
    if (op.f === "read") {
      op.output = current;
    } else if (op.f === "write") {
      if (op.applied) register.set(op.key, op.arg);
    } else {
      const [expected, next] = op.arg as [unknown, unknown];
      const swaps = current === expected;
      if (op.fate === "ok" && !swaps) op.fate = "fail";
      if (op.applied && swaps) register.set(op.key, next);
    }
  }
}

export function generateHistory(seed: number, o: GenOptions): HistoryEvent[] {
  const rng = new Rng(seed).fork("register-history");
  const planned = plan(rng, o);
  execute(planned);
  const events: { time: number; order: number; event: HistoryEvent }[] = [];
  for (const op of planned) {
    events.push({ time: op.call, order: 1, event: { process: op.process, type: "invoke", f: op.f, key: op.key, value: op.arg, time: op.call } });
    const value = op.f === "read" ? op.output : op.arg;
    const completion: HistoryEvent =
      op.fate === "info"
        ? { process: op.process, type: "info", f: op.f, key: op.key, time: op.ret, error: "timeout" }
        : { process: op.process, type: op.fate, f: op.f, key: op.key, value, time: op.ret };
    events.push({ time: op.ret, order: 0, event: completion });
  }
  // At equal times completions go first: a process's next invoke may share its previous completion's ms, and any
  // op completing at t took effect before t while any op invoked at t takes effect after it.
  events.sort((a, b) => a.time - b.time || a.order - b.order);
  return events.map((e) => e.event);
}
