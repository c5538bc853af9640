// The trace hashes bytes written by JsonBytes, and promises they are the UTF-8 of what JSON.stringify writes:
// the hash of a run must not depend on how its lines were produced. Checked against the platform's own
// JSON.stringify, String(number) and TextEncoder on awkward and random inputs.

import { describe, expect, it } from "vitest";
import { JsonBytes } from "../../../shared/sim/json-bytes";
import { Rng } from "../../../shared/sim/rng";

const encoder = new TextEncoder();

// Quotes, backslashes, every kind of control character, DEL, the edges of each UTF-8 length, astral characters,
// line and paragraph separators, and both halves of a surrogate pair on their own.
const ALPHABET = ['"', "\\", "/", "\b", "\f", "\n", "\r", "\t", "\u0000", "\u001f", "\u007f", "a", "Z", "0", " ", "é", "\u07ff", "\u0800", "→", "中", "\u2028", "\uffff", "😀", "\ud800", "\udbff", "\udc00", "\udfff"];

function randomText(rng: Rng): string {
  let text = "";
  const n = rng.int(0, 40);
  for (let i = 0; i < n; i++) text += rng.pick(ALPHABET);
  return text;
}

function written(write: (out: JsonBytes) => void, capacity?: number): Uint8Array {
  const out = new JsonBytes(capacity);
  write(out);
  return out.bytes.slice(0, out.length);
}

describe("JsonBytes", () => {
  it("quotes strings exactly as JSON.stringify does, as UTF-8", () => {
    const rng = new Rng(5);
    for (let i = 0; i < 2000; i++) {
      const text = randomText(rng);
      expect(written((o) => o.string(text))).toEqual(encoder.encode(JSON.stringify(text)));
    }
  });

  it("writes raw text as TextEncoder does, a lone surrogate becoming U+FFFD", () => {
    const rng = new Rng(6);
    for (let i = 0; i < 2000; i++) {
      const text = randomText(rng);
      expect(written((o) => o.utf8(text))).toEqual(encoder.encode(text));
    }
  });

  it("writes numbers as String(n) does", () => {
    const rng = new Rng(7);
    const numbers = [0, -0, 1, -1, 9, 10, 99, 100, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), 2 ** 32, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER];
    numbers.push(2 ** 53 + 2, 1e21, -1e21, 1.5, -0.25, 0.1 + 0.2, 1e-7, 5e-324, Number.MAX_VALUE, 123456789012345.6);
    for (let i = 0; i < 16; i++) numbers.push(10 ** i, 10 ** i - 1, -(10 ** i));
    for (let i = 0; i < 2000; i++) {
      numbers.push(rng.int(-1_000_000, 1_000_000), rng.next() * 2 ** 21 + rng.next(), (rng.float() - 0.5) * 10 ** rng.int(-30, 30));
    }
    for (const n of numbers) expect(new TextDecoder().decode(written((o) => o.number(n))), String(n)).toBe(String(n));
  });

  it("grows as it is written, keeping what it holds", () => {
    const rng = new Rng(8);
    const texts = Array.from({ length: 300 }, () => randomText(rng));
    const bytes = written((o) => {
      for (const t of texts) {
        o.string(t);
        o.byte(0x2c);
        o.number(t.length);
      }
    }, 16);
    expect(bytes).toEqual(encoder.encode(texts.map((t) => `${JSON.stringify(t)},${t.length}`).join("")));
  });

  it("appends another buffer's bytes and reads text back", () => {
    const a = new JsonBytes(16);
    a.string("héllo → 😀");
    const b = new JsonBytes(16);
    b.byte(0x5b);
    b.append(a);
    b.append(a);
    b.byte(0x5d);
    expect(b.text()).toBe('["héllo → 😀""héllo → 😀"]');
    expect(b.text(1, 1 + a.length)).toBe('"héllo → 😀"');
  });
});
