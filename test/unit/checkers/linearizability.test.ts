import { describe, expect, it } from "vitest";
import { checkHistory } from "../../../shared/checkers";
import { history } from "./history-builder";

describe("linearizable histories pass", () => {
  it("accepts a simple sequential history, starting from an empty register", () => {
    const h = history().read(0, "k1", null, 0, 1).write(0, "k1", 1, 2, 3).read(1, "k1", 1, 4, 5).write(1, "k1", 2, 6, 7).read(0, "k1", 2, 8, 9);
    expect(checkHistory(h.events)).toMatchObject({ status: "ok", ok: true, keysChecked: 1 });
  });

  it("accepts a read of either of two concurrent writes", () => {
    const concurrent = () => history().invoke(1, "write", "k1", 1, 0).invoke(2, "write", "k1", 2, 1).ok(1, "write", "k1", 1, 10).ok(2, "write", "k1", 2, 11);
    expect(checkHistory(concurrent().read(3, "k1", 1, 12, 13).events).status).toBe("ok");
    expect(checkHistory(concurrent().read(3, "k1", 2, 12, 13).events).status).toBe("ok");
    // After both writes completed, the register cannot be empty any more.
    expect(checkHistory(concurrent().read(3, "k1", null, 12, 13).events).status).toBe("violation");
  });

  it("accepts a read concurrent with a write seeing the old or the new value", () => {
    const base = () => history().write(1, "k1", 1, 0, 1).invoke(1, "write", "k1", 2, 2).invoke(2, "read", "k1", null, 3);
    expect(checkHistory(base().ok(2, "read", "k1", 1, 4).ok(1, "write", "k1", 2, 5).events).status).toBe("ok");
    expect(checkHistory(base().ok(2, "read", "k1", 2, 4).ok(1, "write", "k1", 2, 5).events).status).toBe("ok");
  });

  it("accepts an empty history", () => {
    expect(checkHistory([])).toMatchObject({ status: "ok", ok: true, keysChecked: 0 });
  });
});

describe("stale and impossible reads are violations, explained", () => {
  it("rejects a stale read after a completed write, naming the read, the value's write and what overwrote it", () => {
    const h = history().write(1, "k1", 1, 0, 1).write(3, "k1", 2, 2, 3).read(2, "k1", 1, 4, 5);
    const result = checkHistory(h.events);
    expect(result).toMatchObject({ status: "violation", ok: false, key: "k1" });
    expect(result.explanation).toBe(
      "read of k1 by process 2 (invoked 0.004 s, ok at 0.005 s) returned 1, but the write of 1 (process 1, ok at 0.001 s) had already been overwritten by the write of 2 (process 3, ok at 0.003 s) before this read began.",
    );
    expect(result.ops?.map((op) => [op.f, op.process, op.output ?? op.value])).toEqual([
      ["read", 2, 1],
      ["write", 1, 1],
      ["write", 3, 2],
    ]);
  });

  it("rejects a read of the empty register after a write completed", () => {
    const result = checkHistory(history().write(1, "k1", 1, 0, 1).read(2, "k1", null, 2, 3).events);
    expect(result.explanation).toBe(
      "read of k1 by process 2 (invoked 0.002 s, ok at 0.003 s) returned null, but k1 was no longer empty: the write of 1 (process 1, ok at 0.001 s) had completed before this read began.",
    );
  });

  it("rejects a new-then-old inversion between two reads during one slow write, naming the write the search placed", () => {
    const h = history()
      .write(1, "k1", 0, 0, 1)
      .invoke(1, "write", "k1", 1, 2)
      .read(2, "k1", 1, 3, 5)
      .read(3, "k1", 0, 6, 8)
      .ok(1, "write", "k1", 1, 20);
    const result = checkHistory(h.events);
    expect(result.status).toBe("violation");
    expect(result.explanation).toBe(
      "read of k1 by process 3 (invoked 0.006 s, ok at 0.008 s) returned 0, but the last write that could have preceded it wrote 1 (process 1, ok at 0.020 s).",
    );
  });

  it("rejects a read of a value written only after the read returned", () => {
    const h = history().read(2, "k1", 5, 0, 1).write(1, "k1", 5, 2, 3);
    expect(checkHistory(h.events).explanation).toBe(
      "read of k1 by process 2 (invoked 0.000 s, ok at 0.001 s) returned 5, but the write of 5 (process 1) only began at 0.002 s, after this read had returned.",
    );
  });

  it("orders events with equal timestamps as the history records them", () => {
    // The write completed before the read was invoked, in the same millisecond: the read must see it.
    const h = history().invoke(1, "write", "k1", 1, 0).ok(1, "write", "k1", 1, 5).invoke(2, "read", "k1", null, 5).ok(2, "read", "k1", null, 6);
    expect(checkHistory(h.events).status).toBe("violation");
  });
});

describe("compare-and-set", () => {
  it("accepts a successful cas from the current value, and reads of its new value", () => {
    const h = history().write(1, "k1", 1, 0, 1).cas(2, "k1", 1, 2, 2, 3, true).read(1, "k1", 2, 4, 5);
    expect(checkHistory(h.events).status).toBe("ok");
  });

  it("accepts a cas from the initial empty value", () => {
    expect(checkHistory(history().cas(2, "k1", null, 7, 0, 1, true).read(1, "k1", 7, 2, 3).events).status).toBe("ok");
  });

  it("rejects a successful cas whose expected value had been overwritten", () => {
    const h = history().write(1, "k1", 1, 0, 1).write(1, "k1", 3, 2, 3).cas(2, "k1", 1, 2, 4, 5, true);
    const result = checkHistory(h.events);
    expect(result.status).toBe("violation");
    expect(result.explanation).toBe(
      "cas of k1 by process 2 (invoked 0.004 s, ok at 0.005 s) swapped 1 for 2, so k1 must have held 1, but the write of 1 (process 1, ok at 0.001 s) had already been overwritten by the write of 3 (process 1, ok at 0.003 s) before this cas began.",
    );
  });

  it("accepts a cas that failed because the value differed, and treats it as never having happened", () => {
    const h = history().write(1, "k1", 1, 0, 1).cas(2, "k1", 5, 6, 2, 3, false).read(1, "k1", 1, 4, 5);
    expect(checkHistory(h.events).status).toBe("ok");
  });

  it("rejects a read of the new value of a cas that failed", () => {
    const h = history().write(1, "k1", 1, 0, 1).cas(2, "k1", 1, 6, 2, 3, false).read(1, "k1", 6, 4, 5);
    const result = checkHistory(h.events);
    expect(result.status).toBe("violation");
    expect(result.explanation).toContain("returned 6, but the only cas that wrote 6 failed (process 2, failed at 0.003 s), so it never took effect.");
  });

  it("rejects two successful cas from the same value, naming the cas the search placed before", () => {
    // Both claim to have swapped 1 away, concurrently; only one can have.
    const h = history().write(1, "k1", 1, 0, 1).invoke(2, "cas", "k1", [1, 2], 2).invoke(3, "cas", "k1", [1, 3], 3).ok(2, "cas", "k1", [1, 2], 4).ok(3, "cas", "k1", [1, 3], 5);
    const result = checkHistory(h.events);
    expect(result.explanation).toBe(
      "cas of k1 by process 3 (invoked 0.003 s, ok at 0.005 s) swapped 1 for 3, so k1 must have held 1, but the last write that could have preceded it was a cas from 1 to 2 (process 2, ok at 0.004 s).",
    );
  });

  it("accepts a cas whose expected value comes from a concurrent write", () => {
    const h = history().invoke(1, "write", "k1", 1, 0).invoke(2, "cas", "k1", [1, 2], 1).ok(2, "cas", "k1", [1, 2], 3).ok(1, "write", "k1", 1, 4).read(3, "k1", 2, 5, 6);
    expect(checkHistory(h.events).status).toBe("ok");
  });
});

describe("unknown (info) and failed writes", () => {
  const withInfoWrite = () => history().write(1, "k1", 1, 0, 1).invoke(2, "write", "k1", 2, 2).info(2, "write", "k1", 2, 10);

  it("accepts later reads that show the info write did not happen", () => {
    expect(checkHistory(withInfoWrite().read(3, "k1", 1, 11, 12).read(3, "k1", 1, 13, 14).events).status).toBe("ok");
  });

  it("accepts later reads that show it did happen, even long after the info", () => {
    expect(checkHistory(withInfoWrite().read(3, "k1", 2, 11, 12).events).status).toBe("ok");
    expect(checkHistory(withInfoWrite().read(3, "k1", 1, 11, 12).read(3, "k1", 2, 500, 501).events).status).toBe("ok");
  });

  it("rejects reads that see it happen and then un-happen", () => {
    expect(checkHistory(withInfoWrite().read(3, "k1", 2, 11, 12).read(3, "k1", 1, 13, 14).events).status).toBe("violation");
  });

  it("rejects a read of a value that was never written", () => {
    const result = checkHistory(withInfoWrite().read(3, "k1", 9, 11, 12).events);
    expect(result.status).toBe("violation");
    expect(result.explanation).toBe("read of k1 by process 3 (invoked 0.011 s, ok at 0.012 s) returned 9, but no operation on k1 ever wrote 9.");
  });

  it("rejects a read of the info write's value before the write was invoked", () => {
    const h = history().write(1, "k1", 1, 0, 1).read(3, "k1", 2, 2, 3).invoke(2, "write", "k1", 2, 4).info(2, "write", "k1", 2, 10);
    expect(checkHistory(h.events).status).toBe("violation");
  });

  it("treats a write still open at the end of the history as unknown", () => {
    const h = history().write(1, "k1", 1, 0, 1).invoke(2, "write", "k1", 2, 2);
    expect(checkHistory(h.read(3, "k1", 2, 3, 4).events).status).toBe("ok");
    expect(checkHistory(history().write(1, "k1", 1, 0, 1).invoke(2, "write", "k1", 2, 2).read(3, "k1", 1, 3, 4).events).status).toBe("ok");
  });

  it("accepts an info cas either way, but only from its expected value", () => {
    const base = () => history().write(1, "k1", 1, 0, 1).invoke(2, "cas", "k1", [1, 2], 2).info(2, "cas", "k1", [1, 2], 3);
    expect(checkHistory(base().read(3, "k1", 2, 4, 5).events).status).toBe("ok");
    expect(checkHistory(base().read(3, "k1", 1, 4, 5).events).status).toBe("ok");
    const wrongExpected = history().write(1, "k1", 1, 0, 1).invoke(2, "cas", "k1", [7, 2], 2).info(2, "cas", "k1", [7, 2], 3).read(3, "k1", 2, 4, 5);
    expect(checkHistory(wrongExpected.events).status).toBe("violation");
  });

  it("ignores an info read, whatever it carries", () => {
    const h = history().write(1, "k1", 1, 0, 1).invoke(2, "read", "k1", null, 2).info(2, "read", "k1", 99, 3);
    expect(checkHistory(h.events).status).toBe("ok");
  });

  it("rejects a read that observes a failed write, saying the write failed", () => {
    const h = history().write(1, "k1", 1, 0, 1).invoke(2, "write", "k1", 2, 2).fail(2, "write", "k1", 2, 3).read(3, "k1", 2, 4, 5);
    const result = checkHistory(h.events);
    expect(result.status).toBe("violation");
    expect(result.explanation).toBe(
      "read of k1 by process 3 (invoked 0.004 s, ok at 0.005 s) returned 2, but the only write that wrote 2 failed (process 2, failed at 0.003 s), so it never took effect.",
    );
    expect(result.ops?.map((op) => [op.process, op.status])).toEqual([
      [3, "ok"],
      [2, "fail"],
    ]);
  });
});

describe("keys are independent registers", () => {
  it("checks each key alone: interleaved keys that are each linearizable pass", () => {
    const h = history()
      .invoke(1, "write", "k1", 1, 0)
      .invoke(2, "write", "k2", 10, 1)
      .ok(1, "write", "k1", 1, 2)
      .read(3, "k2", null, 3, 4)
      .ok(2, "write", "k2", 10, 5)
      .read(3, "k1", 1, 6, 7)
      .read(1, "k2", 10, 8, 9);
    expect(checkHistory(h.events)).toMatchObject({ status: "ok", keysChecked: 2 });
  });

  it("does not let a value written to one key explain a read of another", () => {
    const h = history().write(1, "k1", 1, 0, 1).read(2, "k2", 1, 2, 3);
    const result = checkHistory(h.events);
    expect(result).toMatchObject({ status: "violation", key: "k2", keysChecked: 2 });
    expect(result.explanation).toContain("no operation on k2 ever wrote 1");
  });

  it("reports the key that failed while other keys are fine", () => {
    const h = history().write(1, "a", 1, 0, 1).read(1, "a", 1, 2, 3).write(2, "b", 5, 4, 5).write(2, "b", 6, 6, 7).read(3, "b", 5, 8, 9);
    expect(checkHistory(h.events)).toMatchObject({ status: "violation", key: "b" });
  });

  it("distinguishes 4 from \"4\"", () => {
    expect(checkHistory(history().write(1, "k1", 4, 0, 1).read(2, "k1", "4", 2, 3).events).status).toBe("violation");
  });
});

describe("the step budget", () => {
  // Twelve writes all in flight together, then a read: many orders to consider before the read can be placed.
  const crowded = () => {
    const h = history();
    for (let p = 0; p < 12; p++) h.invoke(p, "write", "k1", p, p);
    for (let p = 0; p < 12; p++) h.ok(p, "write", "k1", p, 20 + p);
    return h.read(12, "k1", 5, 40, 41);
  };

  it("says unknown, not ok, when the search runs out of steps", () => {
    const result = checkHistory(crowded().events, { maxStepsPerKey: 50 });
    expect(result).toMatchObject({ status: "unknown", ok: false, key: "k1", keysChecked: 1 });
    expect(result.explanation).toBe(
      "The checker gave up on k1 after 50 search steps: too many overlapping operations to try every order. This is not evidence of a bug.",
    );
  });

  it("decides the same history with the default budget", () => {
    expect(checkHistory(crowded().events).status).toBe("ok");
  });

  it("still reports a violation on another key after one key was undecided", () => {
    const result = checkHistory(crowded().write(1, "k2", 1, 50, 51).read(2, "k2", null, 52, 53).events, { maxStepsPerKey: 50 });
    expect(result).toMatchObject({ status: "violation", key: "k2", keysChecked: 2 });
  });

  it("rejects a budget that is not a positive integer", () => {
    expect(() => checkHistory([], { maxStepsPerKey: 0 })).toThrow("maxStepsPerKey must be a positive integer, got 0");
  });
});
