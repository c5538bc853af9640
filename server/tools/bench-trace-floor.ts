// What the trace alone costs on the kernel bench's ring (bench.ts, part a): the lines the kernel writes for the
// same number of events, written and hashed exactly as the kernel does it (Trace, the message body as canonical
// JSON once per send, the hasher installed), with nothing else: no queue, no nodes, no network. The ring's events
// are four token hops (`[t,"deliver",id]` then `[t,"send",id,from,to,arriveAt,{"kind":"token"}]`) to one
// heartbeat (`[t,"timer",node,"beat"]`). Every kernel event writes its trace line, so this bounds the kernel's
// events per second from above, whatever the rest costs.

import { performance } from "node:perf_hooks";
import { writeCanonicalJson } from "../../shared/sim/canonical-json";
import { JsonBytes } from "../../shared/sim/json-bytes";
import { Trace } from "../../shared/sim/trace";

const NODES = ["n1", "n2", "n3", "n4", "n5"];
const MIN_WALL_MS = 1000;

function writeRingTrace(events: number): string {
  const trace = new Trace(false);
  const body = new JsonBytes(64);
  let id = 0;
  for (let i = 0; i < events; i++) {
    // Four events to the millisecond and a half, as the ring runs (2-3 ms hops, five tokens, 10 ms beats).
    const t = (i * 2) / 5;
    const t0 = Math.floor(t);
    const node = i % 5;
    if (node === 4) {
      trace.begin(t0, "timer");
      trace.string(NODES[(i >> 3) % 5]);
      trace.string("beat");
      trace.end();
      continue;
    }
    trace.begin(t0, "deliver");
    trace.number(id);
    trace.end();
    body.length = 0;
    writeCanonicalJson(body, { kind: "token" });
    trace.begin(t0, "send");
    trace.number(++id);
    trace.string(NODES[node]);
    trace.string(NODES[node + 1]);
    trace.number(t0 + 2 + (i & 1));
    trace.jsonBytes(body);
    trace.end();
  }
  return trace.hash();
}

/** Events per second of the ring's trace alone (best pass; other load only slows a pass). */
export function ringTraceOnly(events: number): { events: number; eventsPerSecond: number; passes: number } {
  writeRingTrace(Math.min(events, 100_000)); // warm the JIT up
  let best = Number.POSITIVE_INFINITY;
  let passes = 0;
  const started = performance.now();
  while (passes < 3 || performance.now() - started < MIN_WALL_MS) {
    const t0 = performance.now();
    writeRingTrace(events);
    best = Math.min(best, performance.now() - t0);
    passes++;
  }
  return { events, eventsPerSecond: Math.round(events / (best / 1000)), passes };
}
