// The practical limit under the kernel bench (bench.ts, part a): the ring's scheduling with no work per event.
// Same five nodes, the same token hops (the default network's 2 ms + 0..1 ms jitter, drawn from the same seeded
// stream as the kernel's network, so the events come out in the same order), the same 10 ms heartbeat timer per
// node, the same (time, insertion) ordering key, and the same number of events as the kernel processed. Each event
// is a pop and the push of its follow-up, nothing else: no node code, no trace, no invariants, no in-flight table.
//
// Two queues run it: the kernel's own EventQueue (shared/sim/event-queue.ts), and a heap of typed arrays that
// holds only numbers (the fastest plain binary heap we know how to write in JavaScript).

import { performance } from "node:perf_hooks";
import { EventQueue } from "../../shared/sim/event-queue";
import { DEFAULT_NETWORK } from "../../shared/sim/network";
import { Rng } from "../../shared/sim/rng";

const NODES = 5;
const HEARTBEAT_MS = 10;
/** Passes are repeated until this much wall time has gone by; the best pass counts (other load only slows one). */
const MIN_WALL_MS = 1000;
const TOKEN = 0;
const BEAT = 1;

export interface BareLoopResult {
  queue: string;
  events: number;
  eventsPerSecond: number;
  passes: number;
}

/** One token hop's delay, as the kernel's Network.transit() draws it on a default, fault-free link. */
function hops(seed: number): () => number {
  const rng = new Rng(seed).fork("network");
  const { latencyMs, jitterMs } = DEFAULT_NETWORK;
  return () => (jitterMs > 0 ? latencyMs + rng.int(0, jitterMs + 1) : latencyMs);
}

// The ring's schedule, run for `events` events; returns the last event's time (so nothing is optimized out). An
// event's code is node * 2 + TOKEN | BEAT. Two copies of the same loop, one per queue class, so that each call
// site sees a single class: one shared loop would be polymorphic and measure V8's dispatch instead of the heap.

function ringOnKernelQueue(events: number, seed: number): number {
  const hop = hops(seed);
  const queue = new EventQueue<number>();
  // As the ring's start(): every node sends its token to the next node, then sets its heartbeat.
  for (let node = 0; node < NODES; node++) {
    queue.push(hop(), ((node + 1) % NODES) * 2 + TOKEN);
    queue.push(HEARTBEAT_MS, node * 2 + BEAT);
  }
  let now = 0;
  for (let i = 0; i < events; i++) {
    now = queue.peekTime();
    const code = queue.pop() as number;
    if ((code & 1) === TOKEN) queue.push(now + hop(), (((code >> 1) + 1) % NODES) * 2 + TOKEN);
    else queue.push(now + HEARTBEAT_MS, code);
  }
  return now;
}

function ringOnTypedHeap(events: number, seed: number): number {
  const hop = hops(seed);
  const queue = new TypedHeap();
  for (let node = 0; node < NODES; node++) {
    queue.push(hop(), ((node + 1) % NODES) * 2 + TOKEN);
    queue.push(HEARTBEAT_MS, node * 2 + BEAT);
  }
  let now = 0;
  for (let i = 0; i < events; i++) {
    const code = queue.pop();
    now = queue.lastTime;
    if ((code & 1) === TOKEN) queue.push(now + hop(), (((code >> 1) + 1) % NODES) * 2 + TOKEN);
    else queue.push(now + HEARTBEAT_MS, code);
  }
  return now;
}

/** A binary min-heap on (time, seq) in typed arrays: no objects, no bounds checks beyond the engine's own. */
class TypedHeap {
  private times = new Float64Array(64);
  private seqs = new Float64Array(64);
  private codes = new Int32Array(64);
  private size = 0;
  private seq = 0;
  lastTime = 0;

  push(time: number, code: number): void {
    if (this.size === this.times.length) this.grow();
    const seq = this.seq++;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = this.times[parent];
      if (pt < time || (pt === time && this.seqs[parent] < seq)) break;
      this.times[i] = pt;
      this.seqs[i] = this.seqs[parent];
      this.codes[i] = this.codes[parent];
      i = parent;
    }
    this.times[i] = time;
    this.seqs[i] = seq;
    this.codes[i] = code;
  }

  pop(): number {
    const top = this.codes[0];
    this.lastTime = this.times[0];
    const n = --this.size;
    const time = this.times[n];
    const seq = this.seqs[n];
    const code = this.codes[n];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && (this.times[right] < this.times[child] || (this.times[right] === this.times[child] && this.seqs[right] < this.seqs[child]))) child = right;
      const ct = this.times[child];
      if (ct > time || (ct === time && this.seqs[child] > seq)) break;
      this.times[i] = ct;
      this.seqs[i] = this.seqs[child];
      this.codes[i] = this.codes[child];
      i = child;
    }
    this.times[i] = time;
    this.seqs[i] = seq;
    this.codes[i] = code;
    return top;
  }

  private grow(): void {
    const grown = (a: Float64Array) => {
      const b = new Float64Array(a.length * 2);
      b.set(a);
      return b;
    };
    this.times = grown(this.times);
    this.seqs = grown(this.seqs);
    const codes = new Int32Array(this.codes.length * 2);
    codes.set(this.codes);
    this.codes = codes;
  }
}

function measure(queue: string, run: (events: number, seed: number) => number, events: number, seed: number): BareLoopResult {
  run(Math.min(events, 100_000), seed); // warm the JIT up
  let best = Number.POSITIVE_INFINITY;
  let passes = 0;
  const started = performance.now();
  while (passes < 3 || performance.now() - started < MIN_WALL_MS) {
    const t0 = performance.now();
    run(events, seed);
    best = Math.min(best, performance.now() - t0);
    passes++;
  }
  return { queue, events, eventsPerSecond: Math.round(events / (best / 1000)), passes };
}

/** The time of the last of `events` events of the bare loop on `queue`: the same as the kernel's (the unit test checks). */
export function bareRingTime(queue: "event-queue" | "typed-heap", events: number, seed: number): number {
  return queue === "event-queue" ? ringOnKernelQueue(events, seed) : ringOnTypedHeap(events, seed);
}

/** The bare loop over `events` events, on both queues (best pass of each). */
export function bareLoops(events: number, seed: number): { kernelQueue: BareLoopResult; typedHeap: BareLoopResult } {
  return {
    kernelQueue: measure("shared/sim/event-queue.ts (the kernel's own queue)", ringOnKernelQueue, events, seed),
    typedHeap: measure("typed-array heap", ringOnTypedHeap, events, seed),
  };
}
