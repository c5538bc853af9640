import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../../shared/sim/canonical-json";

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
});
