// The trace and canonical JSON keep the bytes of short strings and object keys they have written before, to copy
// them instead of encoding them again. What they write must not depend on that: a string or key met for the first
// time, met again, too long to keep, or met after the cache is full is written exactly as JSON.stringify writes it.

import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../../shared/sim/canonical-json";
import { sha256Hex } from "../../../shared/sim/sha256";
import { Trace } from "../../../shared/sim/trace";

const hashOf = (lines: readonly string[]) => sha256Hex(lines.map((l) => `${l}\n`).join(""));

/** Strings of every kind the caches treat differently: short, at the length limit, past it, escaped, non-ASCII. */
function strings(count: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const kind = i % 5;
    if (kind === 0) out.push(`n${i}`);
    else if (kind === 1) out.push(`"q"\\${i}\n`);
    else if (kind === 2) out.push(`ünï 😀 ${i} \ud800`);
    else if (kind === 3) out.push("x".repeat(32 - String(i).length) + i);
    else out.push("y".repeat(33 + (i % 7)) + i);
  }
  return out;
}

describe("cached string bytes", () => {
  it("trace lines are the same whether their strings are new, repeated, too long or past the cache's size", () => {
    const trace = new Trace(true);
    const expected: string[] = [];
    // 3000 distinct strings, more than the cache holds, each written three times over the run.
    const all = strings(3000);
    for (let round = 0; round < 3; round++) {
      all.forEach((s, i) => {
        trace.begin(i, s);
        trace.string(s);
        trace.number(round);
        trace.end();
        expected.push(JSON.stringify([i, s, s, round]));
      });
    }
    expect(trace.lines).toEqual(expected);
    expect(trace.hash()).toBe(hashOf(expected));
  });

  it("canonical JSON writes object keys the same whether new, repeated, too long or past the cache's size", () => {
    const keys = strings(3000);
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < keys.length; i += 3) {
        const value = { [keys[i]]: i, [keys[i + 1] ?? "last"]: [keys[i + 2] ?? null], z: round };
        const sorted = Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
        expect(canonicalJson(value)).toBe(JSON.stringify(sorted));
      }
    }
  });
});
