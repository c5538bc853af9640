import { describe, expect, it } from "vitest";
import { canonicalJson, writeCanonicalJson } from "../../../shared/sim/canonical-json";
import { JsonBytes } from "../../../shared/sim/json-bytes";
import { Rng } from "../../../shared/sim/rng";

/**
 * The definition, spelt out with the platform's JSON.stringify: every plain object's keys put in order first.
 * (Not for keys that look like array indexes: an object lists those first whatever order they were added in.)
 */
function reference(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  }) ?? "null";
}

const STRINGS = ["", "a", "kind", "é→中😀", '"q"', "back\\slash", "line\nbreak", "\u0000", "\ud800", "\udfff", "__proto_", "Z"];

function randomValue(rng: Rng, depth: number): unknown {
  const roll = rng.int(0, depth > 3 ? 6 : 9);
  switch (roll) {
    case 0:
      return rng.pick(STRINGS);
    case 1:
      return rng.pick([0, -0, 1, -7, 2 ** 40, 1.5, -1e-9, 1e21, Number.NaN, Number.POSITIVE_INFINITY, rng.float()]);
    case 2:
      return rng.chance(0.5);
    case 3:
      return null;
    case 4:
      return undefined;
    case 5:
      return rng.int(-1000, 1000);
    case 6:
    case 7:
      return Array.from({ length: rng.int(0, 5) }, () => randomValue(rng, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = rng.int(0, 6); i > 0; i--) o[rng.pick(STRINGS)] = randomValue(rng, depth + 1);
      return o;
    }
  }
}

describe("canonicalJson", () => {
  it("writes the same text whatever order the keys were added in", () => {
    const a = { kind: "append", term: 3, entries: [{ t: 1, c: { z: 1, a: 2 } }], from: "n1" };
    const b = { from: "n1", entries: [{ c: { a: 2, z: 1 }, t: 1 }], term: 3, kind: "append" };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"entries":[{"c":{"a":2,"z":1},"t":1}],"from":"n1","kind":"append","term":3}');
  });

  it("is valid JSON that parses back to the same plain data", () => {
    const value = { s: 'quote " and \\ and \n', n: -1.5e-7, b: false, nil: null, list: [1, "two", [3]], nested: { x: {} } };
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
  });

  it("follows JSON for undefined, non-finite numbers and -0", () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(canonicalJson([undefined, Number.NaN, Number.POSITIVE_INFINITY, -0])).toBe("[null,null,null,0]");
  });

  it("refuses what is not plain data", () => {
    expect(() => canonicalJson({ n: 10n })).toThrow(/bigint/);
    expect(() => canonicalJson(new Map())).toThrow(/Map or Set/);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => canonicalJson(cycle)).toThrow(/cycle/);
  });

  it("is JSON.stringify of the same data with every object's keys in order, on random nested data", () => {
    const rng = new Rng(11);
    for (let i = 0; i < 3000; i++) {
      const value = randomValue(rng, 0);
      expect(canonicalJson(value)).toBe(reference(value));
    }
  });

  it("orders keys that look like numbers as text, like every other key", () => {
    expect(canonicalJson({ 2: "b", 10: "a", x: 1, "-1": 0 })).toBe('{"-1":0,"10":"a","2":"b","x":1}');
  });

  it("writes the same as bytes (the trace's form) as it does as text", () => {
    const rng = new Rng(12);
    for (let i = 0; i < 500; i++) {
      const value = randomValue(rng, 0);
      const out = new JsonBytes(8);
      writeCanonicalJson(out, value);
      expect(out.bytes.slice(0, out.length)).toEqual(new TextEncoder().encode(canonicalJson(value)));
    }
  });
});
