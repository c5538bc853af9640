// Turns a Jepsen history (a time-ordered list of invoke and completion events) into operations, each with the
// interval in which it could have taken effect. Every checker starts here, so this is also where a malformed
// history is rejected: a checker that silently guessed what a broken history meant could pass a buggy system.

/** One event of a Jepsen history (GUIDE §4). */
export interface HistoryEvent {
  process: number;
  type: "invoke" | "ok" | "fail" | "info";
  f: string;
  key?: string;
  value?: unknown;
  time: number;
  error?: string;
}

/** How an operation ended: it happened, it certainly did not, or nobody knows. */
export type OpStatus = "ok" | "fail" | "info";

/** An invoke paired with its completion. */
export interface Operation {
  /** Position in the list of operations (in invoke order). */
  id: number;
  process: number;
  f: string;
  key?: string;
  /** The invoke's argument (the value written, [expected, new] for cas). */
  value: unknown;
  /** The completion's value (the value read); undefined for info. */
  output: unknown;
  /** Invoke time, ms. */
  call: number;
  /** Completion time, ms; Infinity for info, because an unknown op may take effect at any later time. */
  ret: number;
  status: OpStatus;
  /** When the info completion was recorded (ms), or null when the history ended with the op still open. */
  infoTime?: number | null;
  error?: string;
  /** Index of the invoke in the history. Real-time order is history order, which also orders equal times. */
  invokeIndex: number;
  /** Index of the completion in the history; Infinity for info. */
  completeIndex: number;
}

/** A history that cannot be checked; `problems` lists every defect found, in plain words. */
export class HistoryError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    const shown = problems.slice(0, 5).join("; ");
    const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : "";
    super(`malformed history: ${shown}${more}`);
    this.name = "HistoryError";
    this.problems = problems;
  }
}

const TYPES = new Set(["invoke", "ok", "fail", "info"]);
const NO_PROBLEMS: string[] = [];

/** Formats a time in ms as seconds, the unit players see. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(3)} s`;
}

/** Names an event in a problem: "entry 5 (process 3, ok read at 5.012 s)". */
function where(index: number, event: HistoryEvent): string {
  return `entry ${index} (process ${event.process}, ${event.type} ${event.f} at ${seconds(event.time)})`;
}

/** The problems with one event's shape, or none. Cheap when the event is well formed: it runs for every event. */
function shapeProblems(event: unknown, index: number): string[] {
  const e = event as Record<string, unknown> | null;
  if (
    typeof e === "object" && e !== null && Number.isInteger(e.process) && (e.process as number) >= 0 && TYPES.has(e.type as string) &&
    typeof e.f === "string" && e.f !== "" && (e.key === undefined || typeof e.key === "string") && Number.isFinite(e.time)
  ) {
    return NO_PROBLEMS;
  }
  const at = `entry ${index}`;
  if (typeof e !== "object" || e === null || Array.isArray(e)) return [`${at} is not an object`];
  const problems: string[] = [];
  if (typeof e.process !== "number" || !Number.isInteger(e.process) || e.process < 0) {
    problems.push(`${at}: process must be a non-negative integer, got ${JSON.stringify(e.process)}`);
  }
  if (typeof e.type !== "string" || !TYPES.has(e.type)) {
    problems.push(`${at}: type must be invoke, ok, fail or info, got ${JSON.stringify(e.type)}`);
  }
  if (typeof e.f !== "string" || e.f === "") problems.push(`${at}: f must be a non-empty string, got ${JSON.stringify(e.f)}`);
  if (e.key !== undefined && typeof e.key !== "string") problems.push(`${at}: key must be a string, got ${JSON.stringify(e.key)}`);
  if (typeof e.time !== "number" || !Number.isFinite(e.time)) {
    problems.push(`${at}: time must be a finite number of ms, got ${JSON.stringify(e.time)}`);
  }
  return problems;
}

interface Open {
  event: HistoryEvent;
  index: number;
  op: Operation;
}

/**
 * Pairs invokes with completions. Returns the operations (in invoke order) and every problem found; a history with
 * problems must not be checked. An invoke still open when the history ends (the run stopped first) counts as info,
 * as in Jepsen: it may or may not have taken effect.
 */
export function readOperations(history: unknown): { ops: Operation[]; problems: string[] } {
  if (!Array.isArray(history)) return { ops: [], problems: ["the history must be an array of events"] };
  const problems: string[] = [];
  const open = new Map<number, Open>();
  const retired = new Map<number, number>(); // process -> history index of its info completion
  const ops: Operation[] = [];
  let lastTime = -Infinity;
  for (let index = 0; index < history.length; index++) {
    const shape = shapeProblems(history[index], index);
    if (shape.length > 0) {
      problems.push(...shape);
      continue;
    }
    const event = history[index] as HistoryEvent;
    if (event.time < lastTime) {
      problems.push(`${where(index, event)}: time goes backwards from ${seconds(lastTime)}; the history must be in time order`);
    }
    lastTime = Math.max(lastTime, event.time);
    const retiredAt = retired.get(event.process);
    if (retiredAt !== undefined) {
      problems.push(`${where(index, event)}: process ${event.process} was used again after its operation ended as info at entry ${retiredAt}; a process is retired after an unknown outcome`);
      continue;
    }
    const pending = open.get(event.process);
    if (event.type === "invoke") {
      if (pending) {
        problems.push(`${where(index, event)}: process ${event.process} invoked a new operation while its ${pending.event.f} from entry ${pending.index} was still outstanding; a process runs one operation at a time`);
        continue;
      }
      const op: Operation = {
        id: ops.length, process: event.process, f: event.f, key: event.key, value: event.value, output: undefined,
        call: event.time, ret: Infinity, status: "info", infoTime: undefined, error: undefined, invokeIndex: index, completeIndex: Infinity,
      };
      ops.push(op);
      open.set(event.process, { event, index, op });
      continue;
    }
    if (!pending) {
      problems.push(`${where(index, event)}: a completion without an invoke; process ${event.process} had no operation outstanding`);
      continue;
    }
    if (event.f !== pending.event.f) {
      problems.push(`${where(index, event)}: completes a ${event.f}, but process ${event.process}'s outstanding operation (entry ${pending.index}) is a ${pending.event.f}`);
    }
    if (event.key !== undefined && event.key !== pending.event.key) {
      problems.push(`${where(index, event)}: completes key ${JSON.stringify(event.key)}, but the invoke at entry ${pending.index} was for key ${JSON.stringify(pending.event.key)}`);
    }
    open.delete(event.process);
    const op = pending.op;
    op.status = event.type as OpStatus;
    if (event.error !== undefined) op.error = event.error;
    if (event.type === "info") {
      op.infoTime = event.time;
      retired.set(event.process, index);
      continue;
    }
    op.output = event.value;
    op.ret = event.time;
    op.completeIndex = index;
  }
  // Still open when the history ended: the run stopped first, so the outcome is unknown.
  for (const { op } of open.values()) op.infoTime = null;
  return { ops, problems };
}

/** Pairs invokes with completions; throws HistoryError listing every problem if the history is malformed. */
export function pairOperations(history: unknown): Operation[] {
  const { ops, problems } = readOperations(history);
  if (problems.length > 0) throw new HistoryError(problems);
  return ops;
}
