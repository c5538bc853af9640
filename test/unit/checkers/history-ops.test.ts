import { describe, expect, it } from "vitest";
import { checkHistory, HistoryError, pairOperations, readOperations } from "../../../shared/checkers";
import { history } from "./history-builder";

function problemsOf(events: unknown): readonly string[] {
  try {
    checkHistory(events);
  } catch (error) {
    expect(error).toBeInstanceOf(HistoryError);
    return (error as HistoryError).problems;
  }
  throw new Error("the history was accepted");
}

describe("pairing invokes with completions", () => {
  it("pairs each invoke with its process's completion, with the completion's value as output", () => {
    const ops = pairOperations(
      history().invoke(1, "write", "k1", 4, 10).invoke(2, "read", "k1", null, 12).ok(1, "write", "k1", 4, 15).ok(2, "read", "k1", 4, 20).events,
    );
    expect(ops).toHaveLength(2);
    expect(ops[0]).toMatchObject({ process: 1, f: "write", key: "k1", value: 4, call: 10, ret: 15, status: "ok", invokeIndex: 0, completeIndex: 2 });
    expect(ops[1]).toMatchObject({ process: 2, f: "read", output: 4, call: 12, ret: 20, status: "ok" });
  });

  it("gives an info op an infinite return, since it may take effect at any later time", () => {
    const [op] = pairOperations(history().invoke(3, "write", "k1", 9, 100).info(3, "write", "k1", 9, 600).events);
    expect(op).toMatchObject({ status: "info", ret: Infinity, infoTime: 600, error: "timeout" });
  });

  it("treats an invoke still open when the history ends as info", () => {
    const [op] = pairOperations(history().invoke(3, "write", "k1", 9, 100).events);
    expect(op).toMatchObject({ status: "info", ret: Infinity, infoTime: null });
  });

  it("keeps a failed op with its completion time", () => {
    const [op] = pairOperations(history().invoke(0, "write", "k1", 1, 5).fail(0, "write", "k1", 1, 9).events);
    expect(op).toMatchObject({ status: "fail", ret: 9, error: "rejected" });
  });
});

describe("malformed histories are rejected with plain-words errors", () => {
  it("rejects a completion without an invoke", () => {
    const problems = problemsOf(history().ok(2, "read", "k1", null, 5).events);
    expect(problems).toEqual(["entry 0 (process 2, ok read at 0.005 s): a completion without an invoke; process 2 had no operation outstanding"]);
  });

  it("rejects a process reused after an info completion", () => {
    const problems = problemsOf(history().invoke(1, "write", "k1", 1, 0).info(1, "write", "k1", 1, 5).invoke(1, "read", "k1", null, 6).ok(1, "read", "k1", 1, 7).events);
    expect(problems[0]).toBe(
      "entry 2 (process 1, invoke read at 0.006 s): process 1 was used again after its operation ended as info at entry 1; a process is retired after an unknown outcome",
    );
    expect(problems).toHaveLength(2);
  });

  it("rejects two outstanding operations on one process", () => {
    const problems = problemsOf(history().invoke(1, "write", "k1", 1, 0).invoke(1, "read", "k1", null, 2).ok(1, "write", "k1", 1, 3).events);
    expect(problems).toEqual([
      "entry 1 (process 1, invoke read at 0.002 s): process 1 invoked a new operation while its write from entry 0 was still outstanding; a process runs one operation at a time",
    ]);
  });

  it("rejects events out of time order", () => {
    const problems = problemsOf(history().write(1, "k1", 1, 10, 12).write(2, "k1", 2, 5, 6).events);
    expect(problems[0]).toContain("time goes backwards from 0.012 s; the history must be in time order");
  });

  it("rejects a completion whose f differs from its invoke", () => {
    const problems = problemsOf(history().invoke(1, "write", "k1", 1, 0).ok(1, "read", "k1", 1, 2).events);
    expect(problems[0]).toContain("completes a read, but process 1's outstanding operation (entry 0) is a write");
  });

  it("rejects entries with bad fields, naming each", () => {
    const problems = problemsOf([{ process: -1, type: "done", f: "", time: "soon" }]);
    expect(problems).toEqual([
      "entry 0: process must be a non-negative integer, got -1",
      'entry 0: type must be invoke, ok, fail or info, got "done"',
      'entry 0: f must be a non-empty string, got ""',
      'entry 0: time must be a finite number of ms, got "soon"',
    ]);
  });

  it("rejects something that is not a list of events", () => {
    expect(readOperations({ history: [] }).problems).toEqual(["the history must be an array of events"]);
    expect(() => checkHistory("nope")).toThrow("malformed history: the history must be an array of events");
  });

  it("rejects operations that are not register operations, and a cas without [expected, new]", () => {
    const problems = problemsOf(
      history().invoke(1, "send", "k1", "m", 0).ok(1, "send", "k1", "m", 1).invoke(2, "cas", "k1", 3, 2).ok(2, "cas", "k1", 3, 3).events,
    );
    expect(problems).toEqual([
      'operation 0 (process 1, send invoked at entry 0): "send" is not a register operation (read, write or cas)',
      "operation 1 (process 2, cas invoked at entry 2): a cas value must be [expected, new], got 3",
    ]);
  });

  it("summarises many problems in the error message", () => {
    const events = history();
    for (let i = 0; i < 8; i++) events.ok(i, "read", "k1", null, i);
    expect(() => checkHistory(events.events)).toThrow(/malformed history: entry 0 .*; entry 4 .* \(and 3 more\)$/);
  });
});
