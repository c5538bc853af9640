// The trace is what makes two runs comparable: its hash must be the SHA-256 of its lines, whichever way a line was
// written, wherever the hash is read, and a line that could not be written must leave no trace of itself.

import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../../shared/sim/canonical-json";
import { Rng } from "../../../shared/sim/rng";
import { sha256Hex } from "../../../shared/sim/sha256";
import { Trace } from "../../../shared/sim/trace";
import { JsonBytes } from "../../../shared/sim/json-bytes";

const hashOf = (lines: readonly string[]) => sha256Hex(lines.map((l) => `${l}\n`).join(""));

/** Writes one random event line through the field API and returns the same line as text. */
function writeRandomLine(trace: Trace, rng: Rng, t: number): string {
  const name = rng.pick(["send", "deliver", "emit", "timer", "→ ünïcode 😀"]);
  const fields: unknown[] = [t, name];
  trace.begin(t, name);
  for (let i = rng.int(0, 5); i > 0; i--) {
    const roll = rng.int(0, 4);
    if (roll === 0) {
      const n = rng.chance(0.8) ? rng.int(-5, 100_000) : rng.float() * 1000;
      trace.number(n);
      fields.push(n);
    } else if (roll === 1) {
      const s = rng.pick(["n1", "tick", 'a "quoted"\nline', "\ud800 lone", "中文"]);
      trace.string(s);
      fields.push(s);
    } else if (roll === 2) {
      const v = { kind: "MsgApp", term: rng.int(0, 9), entries: [{ data: "x".repeat(rng.int(0, 300)) }], skipped: undefined };
      trace.json(v);
      fields.push(v);
    } else {
      const body = new JsonBytes(4);
      const v = { to: "n2", from: "n1", reject: rng.chance(0.5) };
      body.utf8(canonicalJson(v));
      trace.jsonBytes(body);
      fields.push(v);
    }
  }
  trace.end();
  return canonicalJson(fields);
}

describe("Trace", () => {
  it("hashes exactly its lines, each followed by a newline, across many buffer-fulls, read at any point", () => {
    const rng = new Rng(3);
    const trace = new Trace(true);
    const lines: string[] = [];
    for (let t = 0; t < 3000; t++) {
      lines.push(writeRandomLine(trace, rng, t));
      if (t % 377 === 0) expect(trace.hash()).toBe(hashOf(lines));
    }
    expect(trace.lines).toEqual(lines);
    expect(trace.lineCount).toBe(lines.length);
    expect(trace.hash()).toBe(hashOf(lines));
  });

  it("records a line given as text or as fields the same as one written field by field", () => {
    const a = new Trace(false);
    a.recordLine('[5,"timer","n1","tick"]');
    a.record([6, "deliver", 12]);
    const b = new Trace(false);
    b.begin(5, "timer");
    b.string("n1");
    b.string("tick");
    b.end();
    b.begin(6, "deliver");
    b.number(12);
    b.end();
    expect(b.hash()).toBe(a.hash());
    expect(a.hash()).toBe(hashOf(['[5,"timer","n1","tick"]', '[6,"deliver",12]']));
  });

  it("leaves out a line whose value cannot be written, and carries on as if it had never been begun", () => {
    const trace = new Trace(true);
    trace.begin(1, "send");
    trace.number(7);
    trace.end();
    trace.begin(2, "send");
    trace.number(8);
    expect(() => trace.json({ big: 10n })).toThrow(/bigint/);
    trace.begin(3, "deliver");
    trace.number(7);
    trace.end();
    // A line begun and never ended is dropped by the next one too.
    trace.begin(4, "send");
    trace.string("half");
    trace.begin(5, "deliver");
    trace.end();
    const expected = ['[1,"send",7]', '[3,"deliver",7]', '[5,"deliver"]'];
    expect(trace.lines).toEqual(expected);
    expect(trace.hash()).toBe(hashOf(expected));
  });
});
