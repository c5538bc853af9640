// FACTS §5.2 and vectors/memberlist_vectors.json: memberlist's formulas against the upstream unit-test vectors
// and the LAN-default table, and the suspicion timer and Lifeguard awareness built on them. The table is a
// verbatim copy of ../shared/fidelity/vectors/memberlist_vectors.json, kept here so a clean clone can run this.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  Awareness,
  confirmationsWanted,
  LAN_DEFAULTS,
  pushPullScale,
  remainingSuspicionTime,
  retransmitLimit,
  Suspicion,
  suspicionBounds,
  suspicionTimeout,
} from "../../shared/systems/consul";

interface Row {
  n: number;
  suspicion_min_ms: number;
  suspicion_max_ms: number;
  k_confirmations: number;
  retransmit_limit: number;
  total_timeout_ms_after_c_confirmations_at_t0: number[];
}
// The file is the JSON table followed by one line the Go run printed: suspicionTimeout(3,50,1s)/3, retransmitLimit(3,99)
// and remainingSuspicionTime(2,3,3s,2s,30s).
const RAW = readFileSync(new URL("./vectors/memberlist_vectors.json", import.meta.url), "utf8");
const END = RAW.lastIndexOf("]") + 1;
const TABLE = JSON.parse(RAW.slice(0, END)) as Row[];
const PRINTED = RAW.slice(END).trim();

describe("memberlist formulas (util_test.go, suspicion_test.go)", () => {
  it("suspicionTimeout(3, n, 1s) / 3 matches util_test.go", () => {
    const cases: Record<number, number> = { 5: 1000, 10: 1000, 50: 1698, 100: 2000, 500: 2698, 1000: 3000 };
    for (const [n, ms] of Object.entries(cases)) expect(suspicionTimeout(3, Number(n), 1000) / 3).toBe(ms);
  });

  it("gives the values the Go run printed after the table", () => {
    expect(PRINTED).toBe("1.698s 6 4.81s");
    expect(`${suspicionTimeout(3, 50, 1000) / 3 / 1000}s ${retransmitLimit(3, 99)} ${remainingSuspicionTime(2, 3, 3000, 2000, 30000) / 1000}s`).toBe(PRINTED);
  });

  it("retransmitLimit matches util_test.go", () => {
    expect(retransmitLimit(3, 0)).toBe(0);
    expect(retransmitLimit(3, 1)).toBe(3);
    expect(retransmitLimit(3, 99)).toBe(6);
  });

  it("pushPullScale doubles past 32 nodes and triples past 64", () => {
    for (const n of [0, 1, 32]) expect(pushPullScale(1000, n)).toBe(1000);
    for (const n of [33, 64]) expect(pushPullScale(1000, n)).toBe(2000);
    for (const n of [65, 128]) expect(pushPullScale(1000, n)).toBe(3000);
  });

  it("remainingSuspicionTime matches suspicion_test.go", () => {
    const cases = [
      [0, 3, 0, 2000, 30000, 30000],
      [1, 3, 2000, 2000, 30000, 14000],
      [2, 3, 3000, 2000, 30000, 4810],
      [3, 3, 4000, 2000, 30000, -2000],
      [4, 3, 5000, 2000, 30000, -3000],
      [5, 3, 10000, 2000, 30000, -8000],
    ];
    for (const [n, k, elapsed, min, max, expected] of cases) expect(remainingSuspicionTime(n, k, elapsed, min, max)).toBe(expected);
  });

  it("reproduces every row of the LAN-default table", () => {
    const d = LAN_DEFAULTS;
    expect(TABLE.length).toBe(12);
    for (const row of TABLE) {
      const { min, max } = suspicionBounds(d.suspicionMult, d.suspicionMaxTimeoutMult, row.n, d.probeIntervalMs);
      expect(min, `min at n=${row.n}`).toBe(row.suspicion_min_ms);
      expect(max, `max at n=${row.n}`).toBe(row.suspicion_max_ms);
      const k = confirmationsWanted(d.suspicionMult, row.n);
      expect(k, `k at n=${row.n}`).toBe(row.k_confirmations);
      expect(retransmitLimit(d.retransmitMult, row.n), `retransmit at n=${row.n}`).toBe(row.retransmit_limit);
      const totals = row.total_timeout_ms_after_c_confirmations_at_t0;
      totals.forEach((total, c) => {
        const s = new Suspicion("origin", k, min, max, 0);
        for (let i = 0; i < c; i++) s.confirm(`peer${i}`);
        expect(s.timeout(), `n=${row.n}, ${c} confirmations`).toBe(total);
      });
    }
  });
});

describe("the suspicion timer", () => {
  it("ignores the originator and repeated confirmers, and stops counting at k", () => {
    const s = new Suspicion("n1", 2, 4000, 24000, 1000);
    expect(s.deadline()).toBe(25000);
    expect(s.confirm("n1")).toBe(false);
    expect(s.confirm("n2")).toBe(true);
    expect(s.confirm("n2")).toBe(false);
    expect(s.deadline()).toBe(1000 + 11381);
    expect(s.confirm("n3")).toBe(true);
    expect(s.deadline()).toBe(5000);
    expect(s.confirm("n4")).toBe(false);
  });

  it("starts at min when no confirmations are wanted (clusters of 3 or fewer)", () => {
    const s = new Suspicion("n1", 0, 4000, 24000, 0);
    expect(s.timeout()).toBe(4000);
    expect(s.confirm("n2")).toBe(false);
  });
});

describe("Lifeguard awareness", () => {
  it("scales timeouts by score + 1 and stays within [0, AwarenessMaxMultiplier - 1]", () => {
    const a = new Awareness(LAN_DEFAULTS.awarenessMaxMultiplier);
    expect(a.scale(1000)).toBe(1000);
    a.applyDelta(3);
    expect(a.scale(1000)).toBe(4000);
    a.applyDelta(100);
    expect(a.score).toBe(7);
    expect(a.scale(1000)).toBe(8000);
    a.applyDelta(-100);
    expect(a.score).toBe(0);
  });
});
