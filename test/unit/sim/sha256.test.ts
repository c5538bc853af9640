import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { Rng } from "../../../shared/sim/rng";
import { Sha256, sha256Hex } from "../../../shared/sim/sha256";

describe("Sha256", () => {
  it("matches the FIPS 180-4 test vectors", () => {
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")).toBe(
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    );
  });

  it("hashes a million 'a's fed in uneven pieces", () => {
    const sha = new Sha256();
    let fed = 0;
    const sizes = [1, 63, 64, 65, 1000, 4097];
    for (let i = 0; fed < 1_000_000; i++) {
      const n = Math.min(sizes[i % sizes.length], 1_000_000 - fed);
      sha.update("a".repeat(n));
      fed += n;
    }
    expect(sha.digestHex()).toBe("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  });

  it("encodes text as UTF-8 like node:crypto, including astral characters and lone surrogates", () => {
    const rng = new Rng(17);
    const alphabet = ["a", "Z", "0", " ", "\n", "é", "→", "↔", "中", "😀", "\ud800", "\udfff", "\u0000", "\u07ff", "\u0800", "\uffff"];
    for (let i = 0; i < 300; i++) {
      let text = "";
      const n = rng.int(0, 200);
      for (let j = 0; j < n; j++) text += rng.pick(alphabet);
      expect(sha256Hex(text)).toBe(createHash("sha256").update(text, "utf8").digest("hex"));
    }
  });

  it("gives the same digest however the input is split, and reading it mid-stream does not disturb the stream", () => {
    const text = "the quick brown fox → jumps over 😀 the lazy dog ".repeat(7);
    const whole = sha256Hex(text);
    for (let cut = 0; cut <= text.length; cut++) {
      // Strings are fed whole code points at a time (a trace line is one string); never split a surrogate pair.
      if (/[\ud800-\udbff]/.test(text[cut - 1] ?? "")) continue;
      const sha = new Sha256().update(text.slice(0, cut));
      expect(sha.digestHex()).toBe(sha256Hex(text.slice(0, cut)));
      expect(sha.update(text.slice(cut)).digestHex()).toBe(whole);
    }
  });

  it("hashes bytes like the same text's UTF-8", () => {
    const bytes = new TextEncoder().encode("héllo wörld");
    expect(new Sha256().updateBytes(bytes).digestHex()).toBe(sha256Hex("héllo wörld"));
  });

  it("hashes long binary input like node:crypto, fed whole or as the first bytes of larger buffers", () => {
    const rng = new Rng(23);
    for (const size of [0, 55, 56, 63, 64, 65, 127, 128, 129, 1000, 65_537, 300_000]) {
      const bytes = new Uint8Array(size + 17);
      for (let i = 0; i < bytes.length; i++) bytes[i] = rng.int(0, 256);
      const expected = createHash("sha256").update(bytes.subarray(0, size)).digest("hex");
      expect(new Sha256().updateBytes(bytes.subarray(0, size)).digestHex()).toBe(expected);
      expect(new Sha256().updateBytes(bytes, size).digestHex()).toBe(expected);
      const half = Math.floor(size / 2);
      expect(new Sha256().updateBytes(bytes, half).updateBytes(bytes.subarray(half), size - half).digestHex()).toBe(expected);
    }
    expect(() => new Sha256().updateBytes(new Uint8Array(4), 5)).toThrow(RangeError);
  });
});
