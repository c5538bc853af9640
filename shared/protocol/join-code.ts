// Join codes: what a teacher writes on the board and students type in.
// Five characters from an alphabet without look-alikes (no 0/O, 1/I/L), so a code read aloud or from a
// projector is typed right the first time. 31^5 ≈ 28.6 million codes: plenty for the rooms one server holds.
// Shared stays pure: the caller passes its random source (node:crypto on the server).

export const JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const JOIN_CODE_LENGTH = 5;

/** Fills a buffer of `n` random bytes (e.g. node:crypto's randomBytes). */
export type RandomBytes = (n: number) => Uint8Array;

// The largest multiple of the alphabet size that fits in a byte: bytes at or above it are discarded so
// every character is equally likely (a plain `byte % 31` would favour the first 8 characters).
const UNBIASED_LIMIT = Math.floor(256 / JOIN_CODE_ALPHABET.length) * JOIN_CODE_ALPHABET.length;

/** A fresh join code drawn uniformly from the alphabet. */
export function generateJoinCode(randomBytes: RandomBytes): string {
  let code = "";
  while (code.length < JOIN_CODE_LENGTH) {
    for (const byte of randomBytes(JOIN_CODE_LENGTH * 2)) {
      if (byte >= UNBIASED_LIMIT) continue;
      code += JOIN_CODE_ALPHABET[byte % JOIN_CODE_ALPHABET.length];
      if (code.length === JOIN_CODE_LENGTH) break;
    }
  }
  return code;
}

const LOOK_ALIKES: Record<string, string> = {
  "0": "zero looks like the letter O",
  O: "the letter O looks like zero",
  "1": "one looks like the letters I and L",
  I: "the letter I looks like one",
  L: "the letter L looks like one",
};

export type JoinCodeResult = { ok: true; code: string } | { ok: false; error: string };

/**
 * Reads what a person typed: ignores case, surrounding spaces and the spaces or dashes people put in the
 * middle ("abc-de"). Look-alike characters are refused rather than guessed, because guessing could put a
 * student into somebody else's game.
 */
export function normalizeJoinCode(input: string): JoinCodeResult {
  const code = input.trim().toUpperCase().replace(/[\s-]+/g, "");
  if (code.length === 0) return { ok: false, error: "Enter the 5-character join code." };
  for (const ch of code) {
    if (JOIN_CODE_ALPHABET.includes(ch)) continue;
    const why = LOOK_ALIKES[ch];
    const shown = JSON.stringify(ch);
    return {
      ok: false,
      error: why
        ? `Join codes never contain ${shown} (${why}); check the code again.`
        : `${shown} cannot be part of a join code: codes use the letters A-Z except I, L and O, and the digits 2-9.`,
    };
  }
  if (code.length !== JOIN_CODE_LENGTH) {
    const shown = code.length > 12 ? `${code.slice(0, 12)}…` : code;
    return { ok: false, error: `A join code has ${JOIN_CODE_LENGTH} characters; "${shown}" has ${code.length}.` };
  }
  return { ok: true, code };
}
