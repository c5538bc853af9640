import { describe, expect, it } from "vitest";
import { checkHistory, type HistoryEvent, pairOperations } from "../../../shared/checkers";
import { Rng } from "../../../shared/sim/rng";
import { type GenOptions, generateHistory } from "./register-histories";

const OPTIONS: GenOptions = { ops: 300, clients: 6, keys: ["k1", "k2", "k3"], window: 12, infoRate: 0.04, failRate: 0.04 };
/** Twice as many clients on one key, slow ops and frequent timeouts: many ops in flight at once. */
const CROWDED: GenOptions = { ops: 300, clients: 12, keys: ["k1"], window: 30, infoRate: 0.1, failRate: 0.04 };
const NEVER_WRITTEN = -1;

/** Changes the value of the read whose ok completion is at `index`; returns the new history. */
function withReadValue(events: readonly HistoryEvent[], index: number, value: unknown): HistoryEvent[] {
  const mutated = events.slice();
  mutated[index] = { ...events[index], value };
  return mutated;
}

/** Checks one history, and the same history with one ok read changed to a value that was never written. */
function checkPair(seed: number, options: GenOptions): void {
  const events = generateHistory(seed, options);
  const result = checkHistory(events);
  if (result.status !== "ok") expect.fail(`seed ${seed}: ${result.status}: ${result.explanation}`);
  const reads = pairOperations(events).filter((op) => op.f === "read" && op.status === "ok");
  const read = new Rng(seed).fork("mutation").pick(reads);
  const broken = checkHistory(withReadValue(events, read.completeIndex, NEVER_WRITTEN));
  if (broken.status !== "violation") expect.fail(`seed ${seed}: a read of a never-written value was ${broken.status}`);
  expect(broken.key).toBe(read.key);
  expect(broken.ops?.[0]).toMatchObject({ f: "read", process: read.process, invokeIndex: read.invokeIndex, output: NEVER_WRITTEN });
  expect(broken.explanation).toContain(`returned ${NEVER_WRITTEN}, but no operation on ${read.key} ever wrote ${NEVER_WRITTEN}.`);
}

describe("randomized register histories", () => {
  it("accepts 1000 histories from a real register and rejects each with one read changed to a never-written value", () => {
    for (let seed = 1; seed <= 1000; seed++) checkPair(seed, OPTIONS);
  });

  it("does the same with many concurrent clients on one key and frequent timeouts", () => {
    for (let seed = 1; seed <= 200; seed++) checkPair(seed, CROWDED);
  });

  it("rejects a read changed to a value that two completed writes had already replaced", () => {
    let mutated = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const events = generateHistory(seed, OPTIONS);
      const ops = pairOperations(events);
      const rng = new Rng(seed).fork("stale");
      // The read sees W's value though W, then a second write, both completed before the read was invoked.
      const candidates = ops.flatMap((read) => {
        if (read.f !== "read" || read.status !== "ok") return [];
        const done = ops.filter((w) => w.key === read.key && w.status === "ok" && w.f !== "read" && w.completeIndex < read.invokeIndex);
        const stale = done.filter((w) => w.f === "write" && done.some((w2) => w2.invokeIndex > w.completeIndex));
        return stale.map((w) => ({ read, value: w.value }));
      });
      if (candidates.length === 0) continue;
      const { read, value } = rng.pick(candidates);
      const result = checkHistory(withReadValue(events, read.completeIndex, value));
      if (result.status !== "violation") expect.fail(`seed ${seed}: a stale read of ${value} was ${result.status}`);
      expect(result.key).toBe(read.key);
      expect(result.explanation).toMatch(/^(read|cas) of k\d by process \d+ \(invoked \d+\.\d{3} s, ok at \d+\.\d{3} s\) (returned|swapped) .*, but /);
      mutated++;
    }
    expect(mutated).toBeGreaterThan(290);
  });

  it("generates histories that exercise concurrency, info and fail outcomes", () => {
    const events = generateHistory(42, OPTIONS);
    const types = new Set(events.map((e) => e.type));
    expect([...types].sort()).toEqual(["fail", "info", "invoke", "ok"]);
    let outstanding = 0;
    let maxOutstanding = 0;
    for (const e of events) {
      outstanding += e.type === "invoke" ? 1 : -1;
      maxOutstanding = Math.max(maxOutstanding, outstanding);
    }
    expect(maxOutstanding).toBeGreaterThanOrEqual(4);
  });
});
