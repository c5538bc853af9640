// Cassandra's phi-accrual failure detector: how suspicious a node's silence is, given how often its gossip heartbeats
// usually arrive. Source: src/java/org/apache/cassandra/gms/FailureDetector.java (FailureDetector, ArrivalWindow,
// ArrayBackedBoundedStats), Cassandra 4.x. Rules:
// - report(ep) is called when gossip brings a newer heartbeat for ep. The first report seeds the window with one
//   interval of INITIAL_VALUE (cassandra.fd_initial_value_ms, default Gossiper.intervalInMillis * 2 = 2000 ms):
//   "a very large initial interval ... better to err high (false negatives) than low (false positives)".
//   (Cassandra tells the first report by tLast == 0; simulated time 0 is a real instant, so here the absence of a
//   window decides.)
// - Later reports record now - tLast, unless it exceeds MAX_INTERVAL (cassandra.fd_max_interval_ms, default
//   INITIAL_VALUE): after a long partition the gap is not recorded, so a flaky node keeps being marked down quickly
//   instead of teaching the detector to wait longer. tLast moves on either way.
// - The window keeps the last SAMPLE_SIZE = 1000 intervals (a ring buffer); phi uses their mean.
// - phi = PHI_FACTOR * (now - tLast) / mean, PHI_FACTOR = 1 / ln(10) (the exponential-distribution form of
//   CASSANDRA-2597, scaled so the old phi_convict_threshold default of 8 keeps its meaning).
// - interpret() convicts when phi > phi_convict_threshold (default 8). With heartbeats every second that is about
//   8 * ln(10) * 1000 ms = 18.4 s of silence.
// Not modelled: the local-pause guard (no convictions for 5 s after the detector itself was paused), and the gossip
// side (markDead / markAlive), which the node does with isAlive().
// This is volatile state: a restarted node starts with no history and sees nobody alive until heartbeats arrive.

/** Cassandra's ArrivalWindow size (FailureDetector.SAMPLE_SIZE). */
export const SAMPLE_SIZE = 1000;
/** Gossiper.intervalInMillis: one gossip round per second. */
export const GOSSIP_INTERVAL_MS = 1000;
/** cassandra.fd_initial_value_ms default: Gossiper.intervalInMillis * 2. */
export const DEFAULT_INITIAL_INTERVAL_MS = GOSSIP_INTERVAL_MS * 2;
/** phi_convict_threshold default (cassandra.yaml). */
export const DEFAULT_PHI_CONVICT_THRESHOLD = 8;
/** 1 / ln(10) = 0.434... */
export const PHI_FACTOR = 1 / Math.log(10);

export interface FailureDetectorOptions {
  phiConvictThreshold?: number;
  initialIntervalMs?: number;
  /** Defaults to initialIntervalMs, as cassandra.fd_max_interval_ms does. */
  maxIntervalMs?: number;
}

/** ArrivalWindow: the last SAMPLE_SIZE inter-arrival intervals of one endpoint, and when it was last heard. */
class ArrivalWindow {
  private readonly intervals: number[] = [];
  private next = 0;
  private sum = 0;

  constructor(public tLast: number) {}

  add(interval: number): void {
    if (this.intervals.length < SAMPLE_SIZE) {
      this.intervals.push(interval);
    } else {
      this.sum -= this.intervals[this.next];
      this.intervals[this.next] = interval;
      this.next = (this.next + 1) % SAMPLE_SIZE;
    }
    this.sum += interval;
  }

  mean(): number {
    return this.intervals.length === 0 ? 0 : this.sum / this.intervals.length;
  }

  size(): number {
    return this.intervals.length;
  }
}

export class FailureDetector {
  readonly phiConvictThreshold: number;
  readonly initialIntervalMs: number;
  readonly maxIntervalMs: number;
  private readonly windows = new Map<string, ArrivalWindow>();

  constructor(options: FailureDetectorOptions = {}) {
    this.phiConvictThreshold = options.phiConvictThreshold ?? DEFAULT_PHI_CONVICT_THRESHOLD;
    this.initialIntervalMs = options.initialIntervalMs ?? DEFAULT_INITIAL_INTERVAL_MS;
    this.maxIntervalMs = options.maxIntervalMs ?? this.initialIntervalMs;
  }

  /** A heartbeat arrival: gossip showed a newer heartbeat for `node` at time `now` (ms). */
  report(node: string, now: number): void {
    const w = this.windows.get(node);
    if (!w) {
      const fresh = new ArrivalWindow(now);
      fresh.add(this.initialIntervalMs);
      this.windows.set(node, fresh);
      return;
    }
    const interval = now - w.tLast;
    if (interval <= this.maxIntervalMs) w.add(interval);
    w.tLast = now;
  }

  /**
   * phi, scaled by PHI_FACTOR so it compares directly with the threshold (as nodetool failuredetector shows it).
   * Infinity for a node never heard from (Cassandra has no window for it and cannot call it alive).
   */
  phi(node: string, now: number): number {
    const w = this.windows.get(node);
    if (!w || w.mean() <= 0) return Number.POSITIVE_INFINITY;
    return (PHI_FACTOR * Math.max(0, now - w.tLast)) / w.mean();
  }

  /** Not convicted: phi <= threshold (FailureDetector.interpret convicts when phi > threshold). */
  isAlive(node: string, now: number): boolean {
    return this.phi(node, now) <= this.phiConvictThreshold;
  }

  /** The mean inter-arrival interval for `node`, or undefined if never heard from. */
  meanInterval(node: string): number | undefined {
    return this.windows.get(node)?.mean();
  }

  /** Number of intervals recorded for `node` (at most SAMPLE_SIZE). */
  samples(node: string): number {
    return this.windows.get(node)?.size() ?? 0;
  }

  /** When `node` was last heard from, or undefined. */
  lastHeard(node: string): number | undefined {
    return this.windows.get(node)?.tLast;
  }

  /** How long after the last heartbeat `node` will be convicted, at the current mean (for timers and display). */
  convictAfterMs(node: string): number | undefined {
    const mean = this.windows.get(node)?.mean();
    return mean === undefined || mean <= 0 ? undefined : (this.phiConvictThreshold * mean) / PHI_FACTOR;
  }

  /** Drop all history for `node` (FailureDetector.remove: the node left the ring). */
  forget(node: string): void {
    this.windows.delete(node);
  }

  /** Nodes with an arrival window, in first-heard order. */
  known(): string[] {
    return [...this.windows.keys()];
  }
}
