// Writes hand-made Jepsen histories compactly: each helper appends one event at the given time (ms).

import type { HistoryEvent } from "../../../shared/checkers";

export class HistoryBuilder {
  readonly events: HistoryEvent[] = [];

  invoke(process: number, f: string, key: string, value: unknown, time: number): this {
    this.events.push({ process, type: "invoke", f, key, value, time });
    return this;
  }

  ok(process: number, f: string, key: string, value: unknown, time: number): this {
    this.events.push({ process, type: "ok", f, key, value, time });
    return this;
  }

  fail(process: number, f: string, key: string, value: unknown, time: number): this {
    this.events.push({ process, type: "fail", f, key, value, time, error: "rejected" });
    return this;
  }

  info(process: number, f: string, key: string, value: unknown, time: number): this {
    this.events.push({ process, type: "info", f, key, value, time, error: "timeout" });
    return this;
  }

  /** A write that completes ok: invoke at `from`, ok at `to`. */
  write(process: number, key: string, value: unknown, from: number, to: number): this {
    return this.invoke(process, "write", key, value, from).ok(process, "write", key, value, to);
  }

  /** A read that completes ok with `value`. */
  read(process: number, key: string, value: unknown, from: number, to: number): this {
    return this.invoke(process, "read", key, null, from).ok(process, "read", key, value, to);
  }

  /** A cas that swapped (ok) or did not (fail). */
  cas(process: number, key: string, expected: unknown, next: unknown, from: number, to: number, swapped: boolean): this {
    this.invoke(process, "cas", key, [expected, next], from);
    return swapped ? this.ok(process, "cas", key, [expected, next], to) : this.fail(process, "cas", key, [expected, next], to);
  }
}

export function history(): HistoryBuilder {
  return new HistoryBuilder();
}
