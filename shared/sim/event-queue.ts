// The simulation's agenda: a binary min-heap ordered by (time, sequence). The sequence number is the order of
// insertion, so events due at the same millisecond come out first-in first-out — that tie rule is part of what
// makes a run reproducible.
//
// Times and sequence numbers live in parallel number arrays (compared on every sift) and the payloads in a third,
// so ordering never touches the payload objects.

export class EventQueue<T> {
  private times: number[] = [];
  private seqs: number[] = [];
  private heapItems: T[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.heapItems.length;
  }

  /** Time of the earliest event, or Infinity when empty. */
  peekTime(): number {
    return this.heapItems.length === 0 ? Number.POSITIVE_INFINITY : this.times[0];
  }

  /** The earliest event without removing it (undefined when empty). */
  peek(): T | undefined {
    return this.heapItems[0];
  }

  /** Every queued event, in no particular order (heap order). A live view: read it, never change it. */
  items(): readonly T[] {
    return this.heapItems;
  }

  push(time: number, item: T): void {
    if (!Number.isFinite(time)) throw new RangeError(`an event needs a finite time, got ${time}`);
    let i = this.heapItems.length;
    const seq = this.nextSeq++;
    this.times.push(time);
    this.seqs.push(seq);
    this.heapItems.push(item);
    // Sift up.
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(time, seq, this.times[parent], this.seqs[parent])) break;
      this.move(parent, i);
      i = parent;
    }
    this.place(i, time, seq, item);
  }

  /** Removes and returns the earliest event (undefined when empty). Read peekTime() first for its time. */
  pop(): T | undefined {
    const n = this.heapItems.length;
    if (n === 0) return undefined;
    const top = this.heapItems[0];
    const lastTime = this.times.pop() as number;
    const lastSeq = this.seqs.pop() as number;
    const lastItem = this.heapItems.pop() as T;
    if (n > 1) this.siftDown(lastTime, lastSeq, lastItem, n - 1);
    return top;
  }

  private siftDown(time: number, seq: number, item: T, size: number): void {
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= size) break;
      const right = left + 1;
      let child = left;
      if (right < size && this.before(this.times[right], this.seqs[right], this.times[left], this.seqs[left])) child = right;
      if (!this.before(this.times[child], this.seqs[child], time, seq)) break;
      this.move(child, i);
      i = child;
    }
    this.place(i, time, seq, item);
  }

  private before(t1: number, s1: number, t2: number, s2: number): boolean {
    return t1 < t2 || (t1 === t2 && s1 < s2);
  }

  private move(from: number, to: number): void {
    this.times[to] = this.times[from];
    this.seqs[to] = this.seqs[from];
    this.heapItems[to] = this.heapItems[from];
  }

  private place(i: number, time: number, seq: number, item: T): void {
    this.times[i] = time;
    this.seqs[i] = seq;
    this.heapItems[i] = item;
  }
}
