// The client history in Jepsen's form, which the checkers (shared/checkers) read. A process is one single-threaded
// client: it invokes an operation, and that operation gets exactly one completion from the same process — ok (it
// happened), fail (it certainly did not) or info (unknown: a timeout). After an info the process may still have an
// operation taking effect somewhere, so its id is never used again; the client continues under a new id.
// These rules are enforced here, at the single place entries are written, so no caller can break them.

import type { ClientOp, Completion } from "./types";

export type HistoryType = "invoke" | "ok" | "fail" | "info";

export interface HistoryEntry {
  process: number;
  type: HistoryType;
  f: string;
  key?: string;
  value?: unknown;
  time: number;
  error?: string;
}

export class History {
  readonly entries: HistoryEntry[] = [];
  private readonly open = new Map<number, ClientOp>();
  private readonly retired = new Set<number>();

  /** True while the process has invoked an operation that has not completed. */
  isOpen(process: number): boolean {
    return this.open.has(process);
  }

  /** True once the process has completed an operation with info. */
  isRetired(process: number): boolean {
    return this.retired.has(process);
  }

  invoke(process: number, op: ClientOp, time: number): HistoryEntry {
    if (!Number.isSafeInteger(process) || process < 0) throw new Error(`history: a process is a whole number >= 0, got ${process}`);
    if (this.retired.has(process)) {
      throw new Error(`history: process ${process} completed with info earlier and may not invoke again`);
    }
    if (this.open.has(process)) {
      throw new Error(`history: process ${process} invoked ${this.open.get(process)?.f} and has not completed it yet`);
    }
    this.open.set(process, op);
    return this.append(process, "invoke", op, op.value, time, undefined);
  }

  /**
   * Completes the process's open operation. An ok or fail without a value of its own carries the invoked value
   * (a write's completion shows what was written), as Jepsen's clients do.
   */
  complete(process: number, completion: Completion, time: number): HistoryEntry {
    const op = this.open.get(process);
    if (op === undefined) throw new Error(`history: process ${process} has no operation to complete`);
    this.open.delete(process);
    if (completion.type === "info") {
      this.retired.add(process);
      return this.append(process, "info", op, op.value, time, completion.error);
    }
    const value = completion.value !== undefined ? completion.value : op.value;
    return this.append(process, completion.type, op, value, time, completion.type === "fail" ? completion.error : undefined);
  }

  // Field order is the report's order: process, type, f, key, value, time, error.
  private append(process: number, type: HistoryType, op: ClientOp, value: unknown, time: number, error: string | undefined): HistoryEntry {
    const entry = { process, type, f: op.f } as HistoryEntry;
    if (op.key !== undefined) entry.key = op.key;
    if (value !== undefined) entry.value = value;
    entry.time = time;
    if (error !== undefined) entry.error = error;
    this.entries.push(entry);
    return entry;
  }
}
