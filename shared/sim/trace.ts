// The full record of a run. Every kernel event becomes one line of canonical JSON — an array that starts with the
// simulated time and the event's name — and the line is fed to a running SHA-256. Two runs are the same run exactly
// when their trace hashes are equal; that is how replays, forks and the headless runner's reports are checked.
//
// Lines are written as UTF-8 bytes straight into one buffer (begin, fields, end), which is hashed whenever it fills:
// no string is built per event. Long runs produce hundreds of thousands of lines, so the lines themselves are kept
// (as text) only when asked (keepTrace): the hash alone is enough to compare runs. The SHA-256 is the one the host
// installed (trace-hasher.ts): plain TypeScript in the browser, node:crypto on the server; the digest is the same.

import { writeCanonicalJson } from "./canonical-json";
import { JsonBytes } from "./json-bytes";
import { createTraceHasher } from "./trace-hasher";

// The buffer is hashed once it holds about this many bytes: whole blocks in one pass, rarely.
const HASH_AT = 32_768;

/** Strings up to this long, and at most this many, are kept quoted (quotedField); the rest are written each time. */
const QUOTED_MAX_LENGTH = 32;
const QUOTED_MAX_ENTRIES = 1024;

const OPEN = 0x5b; // [
const COMMA = 0x2c;
const CLOSE = 0x5d; // ]
const NEWLINE = 0x0a;

export class Trace {
  private readonly sha = createTraceHasher();
  private readonly out = new JsonBytes(HASH_AT + 4096);
  /** Where the line being written starts in `out`, or -1 between lines. */
  private lineStart = -1;
  private readonly kept: string[] | undefined;
  private count = 0;
  /**
   * `,"text"` as bytes, for the short strings that make up most of every line (event names, node ids, timer names):
   * copying them is cheaper than quoting and encoding them again, character by character, on every line.
   */
  private readonly quoted = new Map<string, Uint8Array>();

  constructor(keepLines: boolean) {
    this.kept = keepLines ? [] : undefined;
  }

  /** Starts a line: `[time,"name"`. Add its fields, then end() it. */
  begin(time: number, name: string): void {
    this.open();
    this.out.byte(OPEN);
    this.out.number(time);
    this.quotedField(name);
  }

  /** A number field. */
  number(n: number): void {
    this.out.byte(COMMA);
    this.out.number(n);
  }

  /** A string field. */
  string(s: string): void {
    this.quotedField(s);
  }

  /** A field of any plain data, as canonical JSON. If the value cannot be written, the line is dropped and it throws. */
  json(value: unknown): void {
    this.out.byte(COMMA);
    this.canonical(value);
  }

  /** A field already written as canonical JSON (e.g. a message body recorded on several lines). */
  jsonBytes(written: JsonBytes): void {
    this.out.byte(COMMA);
    this.out.append(written);
  }

  /** Ends the line begun with begin(): `]` and a newline. */
  end(): void {
    this.out.byte(CLOSE);
    this.finish();
  }

  /** Records one event: `[time, name, ...fields]`. */
  record(fields: readonly unknown[]): void {
    this.open();
    this.canonical(fields);
    this.finish();
  }

  /** Records a line already written as canonical JSON. */
  recordLine(line: string): void {
    this.open();
    this.out.utf8(line);
    this.finish();
  }

  /** SHA-256 (hex) of every line so far, each followed by "\n". */
  hash(): string {
    this.flush();
    return this.sha.digestHex();
  }

  get lineCount(): number {
    return this.count;
  }

  /** The lines, when the trace was created with keepLines; otherwise undefined. */
  get lines(): readonly string[] | undefined {
    return this.kept;
  }

  /** `,` and the string as JSON, from the cache of short strings when it is there. */
  private quotedField(s: string): void {
    let bytes = this.quoted.get(s);
    if (bytes === undefined) {
      if (s.length > QUOTED_MAX_LENGTH || this.quoted.size >= QUOTED_MAX_ENTRIES) {
        this.out.byte(COMMA);
        this.out.string(s);
        return;
      }
      const field = new JsonBytes(6 * s.length + 3);
      field.byte(COMMA);
      field.string(s);
      bytes = field.bytes.slice(0, field.length);
      this.quoted.set(s, bytes);
    }
    this.out.raw(bytes);
  }

  private open(): void {
    // A line left open (something threw while it was written) is dropped, not half-recorded.
    if (this.lineStart >= 0) this.out.length = this.lineStart;
    this.lineStart = this.out.length;
  }

  private canonical(value: unknown): void {
    try {
      writeCanonicalJson(this.out, value);
    } catch (e) {
      this.out.length = this.lineStart;
      this.lineStart = -1;
      throw e;
    }
  }

  private finish(): void {
    const out = this.out;
    if (this.kept) this.kept.push(out.text(this.lineStart));
    out.byte(NEWLINE);
    this.lineStart = -1;
    this.count++;
    if (out.length >= HASH_AT) this.flush();
  }

  /** Hashes the finished lines in the buffer; a line being written stays for later. */
  private flush(): void {
    const out = this.out;
    const done = this.lineStart >= 0 ? this.lineStart : out.length;
    this.sha.updateBytes(out.bytes, done);
    out.bytes.copyWithin(0, done, out.length);
    out.length -= done;
    if (this.lineStart >= 0) this.lineStart = 0;
  }
}
