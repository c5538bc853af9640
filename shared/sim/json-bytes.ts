// A growable UTF-8 byte buffer that JSON is written into directly. The trace writes every kernel event as a line of
// JSON and hashes its bytes: writing them here, rather than building strings and encoding them afterwards, spares
// the garbage and the copying of hundreds of thousands of short-lived strings per run.
//
// The bytes are exactly what TextEncoder would make of the text JSON.stringify writes: strings escape `"`, `\` and
// control characters as JSON.stringify does (\b \f \n \r \t, else \u00xx), escape a lone surrogate as \udxxx, and
// encode everything else as UTF-8; numbers are written as String(n) writes them.

const HEX = "0123456789abcdef";
/** Up to this many bytes, append() copies in a loop rather than through subarray + set. */
const SMALL_COPY = 64;

const decoder = new TextDecoder();

export class JsonBytes {
  /** The buffer; bytes [0, length) are written. Replaced when it grows, so read it after writing. */
  bytes: Uint8Array;
  length = 0;

  constructor(capacity = 1024) {
    this.bytes = new Uint8Array(Math.max(16, capacity));
  }

  /** The text of bytes [from, to) (by default, everything written). */
  text(from = 0, to = this.length): string {
    return decoder.decode(this.bytes.subarray(from, to));
  }

  /** One byte (an ASCII character code). */
  byte(b: number): void {
    if (this.length === this.bytes.length) this.grow(1);
    this.bytes[this.length++] = b;
  }

  /** Bytes [0, length) of another buffer. */
  append(other: JsonBytes): void {
    const n = other.length;
    this.room(n);
    if (n <= SMALL_COPY) {
      // A message body (tens of bytes) is copied byte by byte: subarray + set allocates a view and calls into the
      // runtime, which costs more than the copy itself at this size.
      const from = other.bytes;
      const to = this.bytes;
      let p = this.length;
      for (let i = 0; i < n; i++) to[p++] = from[i];
      this.length = p;
      return;
    }
    this.bytes.set(n === other.bytes.length ? other.bytes : other.bytes.subarray(0, n), this.length);
    this.length += n;
  }

  /** Bytes already encoded (a few: they are copied one by one). */
  raw(bytes: Uint8Array): void {
    const n = bytes.length;
    this.room(n);
    const to = this.bytes;
    let p = this.length;
    for (let i = 0; i < n; i++) to[p++] = bytes[i];
    this.length = p;
  }

  /** Text as UTF-8, unquoted and unescaped (a lone surrogate becomes U+FFFD, as TextEncoder makes it). */
  utf8(s: string): void {
    const n = s.length;
    // At most 3 bytes per UTF-16 code unit (a surrogate pair is 4 bytes for 2 units).
    this.room(3 * n);
    const b = this.bytes;
    let p = this.length;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) {
        b[p++] = c;
      } else if (c < 0x800) {
        b[p++] = 0xc0 | (c >> 6);
        b[p++] = 0x80 | (c & 0x3f);
      } else if (c < 0xd800 || c > 0xdfff) {
        p = put3(b, p, c);
      } else {
        const pair = surrogatePair(s, i, c);
        if (pair < 0) {
          p = put3(b, p, 0xfffd);
        } else {
          p = put4(b, p, pair);
          i++;
        }
      }
    }
    this.length = p;
  }

  /** A string as JSON.stringify quotes it. */
  string(s: string): void {
    const n = s.length;
    // The worst case is a \u escape (6 bytes) per code unit, plus the quotes.
    this.room(6 * n + 2);
    const b = this.bytes;
    let p = this.length;
    b[p++] = 0x22;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) {
        if (c >= 0x20 && c !== 0x22 && c !== 0x5c) {
          b[p++] = c;
        } else {
          p = putEscape(b, p, c);
        }
      } else if (c < 0x800) {
        b[p++] = 0xc0 | (c >> 6);
        b[p++] = 0x80 | (c & 0x3f);
      } else if (c < 0xd800 || c > 0xdfff) {
        p = put3(b, p, c);
      } else {
        const pair = surrogatePair(s, i, c);
        if (pair < 0) {
          p = putUnicodeEscape(b, p, c);
        } else {
          p = put4(b, p, pair);
          i++;
        }
      }
    }
    b[p++] = 0x22;
    this.length = p;
  }

  /** A number as String(n) writes it (so -0 is "0"). Not for NaN or infinities, which JSON has no text for. */
  number(n: number): void {
    if (Number.isSafeInteger(n)) {
      this.integer(n);
      return;
    }
    const s = String(n);
    this.room(s.length);
    const b = this.bytes;
    let p = this.length;
    // Digits, ".", "e", "+", "-": all ASCII.
    for (let i = 0; i < s.length; i++) b[p++] = s.charCodeAt(i);
    this.length = p;
  }

  private integer(n: number): void {
    // 16 digits and a sign cover every safe integer.
    this.room(17);
    const b = this.bytes;
    let p = this.length;
    if (n < 0) {
      b[p++] = 0x2d;
      n = -n;
    }
    // Times, ids and indexes are almost always below 2^31. There the digits are counted by comparison and split
    // off with int32 arithmetic ((n / 10) | 0), which V8 compiles to a multiply; Math.floor on a float division,
    // needed above 2^31, was the costliest part of writing a trace line.
    if (n <= 0x7fffffff) {
      let v = n | 0;
      p += int32Digits(v);
      this.length = p;
      do {
        const q = (v / 10) | 0;
        b[--p] = 0x30 + (v - q * 10);
        v = q;
      } while (v > 0);
      return;
    }
    let digits = 1;
    for (let rest = n; rest >= 10; rest = Math.floor(rest / 10)) digits++;
    p += digits;
    this.length = p;
    do {
      const q = Math.floor(n / 10);
      b[--p] = 0x30 + (n - q * 10);
      n = q;
    } while (n > 0);
  }

  /** Makes room for `n` more bytes. */
  room(n: number): void {
    if (this.length + n > this.bytes.length) this.grow(n);
  }

  private grow(n: number): void {
    const next = new Uint8Array(Math.max(2 * this.bytes.length, this.length + n));
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
  }
}

/**
 * The number of decimal digits of a non-negative int32. Compared against constants, small values first (times and
 * ids are mostly below 10^7): cheaper than a loop over a table of powers of ten, measured on the kernel bench.
 */
function int32Digits(v: number): number {
  if (v < 10_000) return v < 10 ? 1 : v < 100 ? 2 : v < 1_000 ? 3 : 4;
  if (v < 10_000_000) return v < 100_000 ? 5 : v < 1_000_000 ? 6 : 7;
  return v < 100_000_000 ? 8 : v < 1_000_000_000 ? 9 : 10;
}

/** The code point of the surrogate pair starting at i, or -1 if the surrogate c there is lone. */
function surrogatePair(s: string, i: number, c: number): number {
  if (c > 0xdbff || i + 1 >= s.length) return -1;
  const d = s.charCodeAt(i + 1);
  if (d < 0xdc00 || d > 0xdfff) return -1;
  return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
}

function put3(b: Uint8Array, p: number, c: number): number {
  b[p] = 0xe0 | (c >> 12);
  b[p + 1] = 0x80 | ((c >> 6) & 0x3f);
  b[p + 2] = 0x80 | (c & 0x3f);
  return p + 3;
}

function put4(b: Uint8Array, p: number, cp: number): number {
  b[p] = 0xf0 | (cp >> 18);
  b[p + 1] = 0x80 | ((cp >> 12) & 0x3f);
  b[p + 2] = 0x80 | ((cp >> 6) & 0x3f);
  b[p + 3] = 0x80 | (cp & 0x3f);
  return p + 4;
}

/** JSON's escape for `"`, `\` or a control character. */
function putEscape(b: Uint8Array, p: number, c: number): number {
  let short = 0;
  if (c === 0x22) short = 0x22;
  else if (c === 0x5c) short = 0x5c;
  else if (c === 0x08) short = 0x62; // b
  else if (c === 0x0c) short = 0x66; // f
  else if (c === 0x0a) short = 0x6e; // n
  else if (c === 0x0d) short = 0x72; // r
  else if (c === 0x09) short = 0x74; // t
  if (short === 0) return putUnicodeEscape(b, p, c);
  b[p] = 0x5c;
  b[p + 1] = short;
  return p + 2;
}

/** \uxxxx, lowercase, as JSON.stringify writes it. */
function putUnicodeEscape(b: Uint8Array, p: number, c: number): number {
  b[p] = 0x5c;
  b[p + 1] = 0x75;
  b[p + 2] = HEX.charCodeAt((c >> 12) & 15);
  b[p + 3] = HEX.charCodeAt((c >> 8) & 15);
  b[p + 4] = HEX.charCodeAt((c >> 4) & 15);
  b[p + 5] = HEX.charCodeAt(c & 15);
  return p + 6;
}
