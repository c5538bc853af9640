import { describe, expect, it } from "vitest";
import { History } from "../../../shared/sim/history";

describe("History (Jepsen rules)", () => {
  it("records an invoke and its completion in the report's field order", () => {
    const h = new History();
    h.invoke(0, { f: "write", key: "k1", value: 4 }, 5012);
    h.complete(0, { type: "ok" }, 5031);
    expect(h.entries).toEqual([
      { process: 0, type: "invoke", f: "write", key: "k1", value: 4, time: 5012 },
      { process: 0, type: "ok", f: "write", key: "k1", value: 4, time: 5031 },
    ]);
    expect(Object.keys(h.entries[1])).toEqual(["process", "type", "f", "key", "value", "time"]);
  });

  it("a read's completion carries the value read, null included", () => {
    const h = new History();
    h.invoke(1, { f: "read", key: "k" }, 1);
    h.complete(1, { type: "ok", value: null }, 2);
    expect(h.entries[0]).not.toHaveProperty("value");
    expect(h.entries[1]).toEqual({ process: 1, type: "ok", f: "read", key: "k", value: null, time: 2 });
  });

  it("a fail and an info carry their error", () => {
    const h = new History();
    h.invoke(1, { f: "cas", key: "k", value: [1, 2] }, 1);
    h.complete(1, { type: "fail", error: "compare failed" }, 2);
    h.invoke(1, { f: "write", key: "k", value: 3 }, 3);
    h.complete(1, { type: "info", error: "timeout" }, 4);
    expect(h.entries.slice(1).map((e) => [e.type, e.value, e.error])).toEqual([
      ["fail", [1, 2], "compare failed"],
      ["invoke", 3, undefined],
      ["info", 3, "timeout"],
    ]);
  });

  it("a process may not invoke while an operation is open", () => {
    const h = new History();
    h.invoke(2, { f: "read", key: "k" }, 1);
    expect(h.isOpen(2)).toBe(true);
    expect(() => h.invoke(2, { f: "read", key: "k" }, 2)).toThrow(/process 2 invoked read and has not completed/);
    expect(h.entries).toHaveLength(1);
  });

  it("every completion matches an open invoke of the same process", () => {
    const h = new History();
    expect(() => h.complete(3, { type: "ok" }, 1)).toThrow(/no operation to complete/);
    h.invoke(3, { f: "read", key: "k" }, 1);
    h.complete(3, { type: "ok", value: 1 }, 2);
    expect(() => h.complete(3, { type: "ok" }, 3)).toThrow(/no operation to complete/);
  });

  it("after an info the process id is never used again", () => {
    const h = new History();
    h.invoke(4, { f: "write", key: "k", value: 1 }, 1);
    h.complete(4, { type: "info", error: "timeout" }, 2);
    expect(h.isRetired(4)).toBe(true);
    expect(() => h.invoke(4, { f: "read", key: "k" }, 3)).toThrow(/process 4 completed with info/);
  });
});
