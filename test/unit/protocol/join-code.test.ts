import { describe, expect, it } from "vitest";
import { generateJoinCode, JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, normalizeJoinCode } from "../../../shared/protocol/join-code";

// A deterministic byte source: a fixed sequence, repeated.
function bytesFrom(seq: number[]) {
  let i = 0;
  return (n: number) => Uint8Array.from({ length: n }, () => seq[i++ % seq.length]);
}

describe("join codes", () => {
  it("are 5 characters from the unambiguous alphabet", () => {
    let state = 12345;
    const lcg = (n: number) =>
      Uint8Array.from({ length: n }, () => {
        state = (state * 1103515245 + 12345) >>> 0;
        return (state >>> 16) & 0xff;
      });
    for (let i = 0; i < 200; i++) {
      const code = generateJoinCode(lcg);
      expect(code).toHaveLength(JOIN_CODE_LENGTH);
      for (const ch of code) expect(JOIN_CODE_ALPHABET).toContain(ch);
      expect(code).not.toMatch(/[01ILO]/);
    }
  });

  it("map bytes to characters without favouring the first letters", () => {
    // 248..255 would wrap onto A..H under a plain modulo; they must be skipped instead.
    const code = generateJoinCode(bytesFrom([248, 255, 0, 250, 30, 1, 31, 253, 62, 2]));
    expect(code).toBe("A9BAA"); // 0→A, 30→9, 1→B, 31→A, 62→A
  });

  it("read what people type: case, spaces and dashes do not matter", () => {
    expect(normalizeJoinCode("  abc-de ")).toEqual({ ok: true, code: "ABCDE" });
    expect(normalizeJoinCode("k7 m2q")).toEqual({ ok: true, code: "K7M2Q" });
  });

  it("refuse look-alike characters with a reason instead of guessing", () => {
    const zero = normalizeJoinCode("AB0DE");
    expect(zero.ok).toBe(false);
    if (!zero.ok) expect(zero.error).toMatch(/"0".*looks like the letter O/);
    const ell = normalizeJoinCode("abcdl");
    if (!ell.ok) expect(ell.error).toMatch(/"L"/);
    else throw new Error("L must be refused");
  });

  it("refuse other characters and wrong lengths, saying what a code looks like", () => {
    const sym = normalizeJoinCode("AB#DE");
    expect(sym).toEqual({ ok: false, error: expect.stringMatching(/"#" cannot be part of a join code/) });
    expect(normalizeJoinCode("ABCD")).toEqual({ ok: false, error: expect.stringMatching(/5 characters; "ABCD" has 4/) });
    expect(normalizeJoinCode("")).toEqual({ ok: false, error: expect.stringMatching(/Enter the 5-character/) });
    const long = normalizeJoinCode("A".repeat(5000));
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.error.length).toBeLessThan(120);
  });
});
