// The debrief's timeline chart as numbers: client availability and latency per time bucket, who led when, and the
// marks along the way (faults, repairs, membership changes, objectives met, invariants broken).

import type { ObjectiveStatus } from "../levels/objectives";
import type { HistoryEntry } from "../sim/history";
import type { TimelineEvent } from "../sim/simulation";
import type { ClusterSample } from "./samples";

export interface Bucket {
  from: number;
  to: number;
  /** Client operations that completed in the bucket, and how many of them succeeded. */
  done: number;
  ok: number;
  /** ok / done; null for a bucket where nothing completed. */
  availability: number | null;
  /** Latency of the operations that succeeded, ms (nearest-rank percentiles); null without any. */
  p50: number | null;
  p99: number | null;
}

export interface LeaderSpan {
  from: number;
  to: number;
  /** null: no leader. */
  leader: string | null;
  term?: number;
}

export type MarkKind = "fault" | "repair" | "network" | "membership" | "leader" | "goal" | "lose" | "violation";

export interface Mark {
  t: number;
  kind: MarkKind;
  /** A short label for the chart ("crash n1"). */
  label: string;
  /** The event in plain words. */
  text: string;
  node?: string;
}

export interface Series {
  bucketMs: number;
  endMs: number;
  buckets: Bucket[];
  leaders: LeaderSpan[];
  marks: Mark[];
}

const MARK_KINDS: Readonly<Record<string, MarkKind>> = {
  crash: "fault",
  "fail-drive": "fault",
  bitrot: "fault",
  restart: "repair",
  heal: "repair",
  "replace-drive": "repair",
  cut: "network",
  partition: "network",
  latency: "network",
  loss: "network",
  duplicate: "network",
  skew: "network",
  "member-added": "membership",
  "member-removed": "membership",
  leader: "leader",
  violation: "violation",
};

/**
 * Bucket widths a person reads easily. The smallest is used that keeps the chart under MAX_BUCKETS columns and
 * gives a bucket MIN_OPS completed operations on average: with fewer, a bucket where nothing happened to complete
 * would look like an outage.
 */
const BUCKET_SIZES = [100, 250, 500, 1000, 2000, 5000, 10_000, 30_000, 60_000];
const MAX_BUCKETS = 90;
const MIN_OPS = 4;

export function bucketSize(endMs: number, completed: number): number {
  const fits = (b: number) => endMs / b <= MAX_BUCKETS && (completed === 0 || (completed * b) / endMs >= MIN_OPS);
  return BUCKET_SIZES.find(fits) ?? BUCKET_SIZES[BUCKET_SIZES.length - 1];
}

export function buildSeries(input: {
  endMs: number;
  history: readonly HistoryEntry[];
  timeline: readonly TimelineEvent[];
  samples: readonly ClusterSample[];
  objectives: readonly ObjectiveStatus[];
}): Series {
  const done = completions(input.history);
  const bucketMs = bucketSize(input.endMs, done.length);
  return {
    bucketMs,
    endMs: input.endMs,
    buckets: buckets(done, input.endMs, bucketMs),
    leaders: leaderSpans(input.samples, input.endMs),
    marks: marks(input.timeline, input.objectives),
  };
}

/** A client operation that completed: when it was invoked and completed, and whether it succeeded. */
export interface Completion {
  invokedAt: number;
  at: number;
  ok: boolean;
  f: string;
}

/** Each completed client operation with the time it was invoked: a process has one operation open at a time. */
export function completions(history: readonly HistoryEntry[]): Completion[] {
  const open = new Map<number, number>();
  const out: Completion[] = [];
  for (const e of history) {
    if (e.type === "invoke") {
      open.set(e.process, e.time);
      continue;
    }
    const invokedAt = open.get(e.process);
    if (invokedAt === undefined) continue;
    open.delete(e.process);
    out.push({ invokedAt, at: e.time, ok: e.type === "ok", f: e.f });
  }
  return out;
}

function buckets(done: readonly Completion[], endMs: number, bucketMs: number): Bucket[] {
  const count = Math.max(1, Math.ceil(endMs / bucketMs));
  const latencies: number[][] = Array.from({ length: count }, () => []);
  const counts = new Array<number>(count).fill(0);
  for (const c of done) {
    const i = Math.min(count - 1, Math.floor(c.at / bucketMs));
    counts[i]++;
    if (c.ok) latencies[i].push(c.at - c.invokedAt);
  }
  return latencies.map((lat, i) => {
    lat.sort((a, b) => a - b);
    return {
      from: i * bucketMs,
      to: Math.min(endMs, (i + 1) * bucketMs),
      done: counts[i],
      ok: lat.length,
      availability: counts[i] === 0 ? null : lat.length / counts[i],
      p50: percentile(lat, 0.5),
      p99: percentile(lat, 0.99),
    };
  });
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

function leaderSpans(samples: readonly ClusterSample[], endMs: number): LeaderSpan[] {
  const spans: LeaderSpan[] = [];
  for (const s of samples) {
    const last = spans.at(-1);
    if (last && last.leader === s.leader && (s.leader === null || last.term === s.term)) continue;
    if (last) last.to = s.t;
    spans.push(s.leader === null || s.term === undefined ? { from: s.t, to: endMs, leader: s.leader } : { from: s.t, to: endMs, leader: s.leader, term: s.term });
  }
  return spans;
}

function marks(timeline: readonly TimelineEvent[], objectives: readonly ObjectiveStatus[]): Mark[] {
  const out: Mark[] = [];
  for (const e of timeline) {
    const kind = MARK_KINDS[e.kind];
    if (!kind) continue;
    const label = e.node !== undefined ? `${e.kind.replace("member-", "")} ${e.node}` : e.kind;
    // A Raft group's leader (CockroachDB's ranges) is left to the system's own view: one cluster leader here.
    if (kind === "leader" && e.group !== undefined) continue;
    out.push({ t: e.t, kind, label, text: e.text, ...(e.node !== undefined ? { node: e.node } : {}) });
  }
  for (const o of objectives) {
    if (!o.met || o.atMs === null) continue;
    out.push({ t: o.atMs, kind: o.kind === "goal" ? "goal" : "lose", label: o.id, text: o.text });
  }
  return out.sort((a, b) => a.t - b.t);
}
