// The full record of a run. Every kernel event becomes one line of canonical JSON — an array that starts with the
// simulated time and the event's name — and the line is fed to a running SHA-256. Two runs are the same run exactly
// when their trace hashes are equal; that is how replays, forks and the headless runner's reports are checked.
//
// Long runs produce hundreds of thousands of lines, so the lines themselves are kept only when asked (keepTrace):
// the hash alone is enough to compare runs.

import { canonicalJson } from "./canonical-json";
import { Sha256 } from "./sha256";

// Lines are hashed in batches of about this many characters: one encode and one pass over whole blocks per batch
// instead of per line.
const BATCH_CHARS = 16_384;

export class Trace {
  private readonly sha = new Sha256();
  private pending = "";
  private readonly kept: string[] | undefined;
  private count = 0;

  constructor(keepLines: boolean) {
    this.kept = keepLines ? [] : undefined;
  }

  /** Records one event: `[time, name, ...fields]`. */
  record(fields: readonly unknown[]): void {
    this.recordLine(canonicalJson(fields));
  }

  /** Records a line already written as canonical JSON. */
  recordLine(line: string): void {
    this.pending += `${line}\n`;
    if (this.pending.length >= BATCH_CHARS) this.flush();
    this.count++;
    if (this.kept) this.kept.push(line);
  }

  /** SHA-256 (hex) of every line so far, each followed by "\n". */
  hash(): string {
    this.flush();
    return this.sha.digestHex();
  }

  private flush(): void {
    this.sha.update(this.pending);
    this.pending = "";
  }

  get lineCount(): number {
    return this.count;
  }

  /** The lines, when the trace was created with keepLines; otherwise undefined. */
  get lines(): readonly string[] | undefined {
    return this.kept;
  }
}
