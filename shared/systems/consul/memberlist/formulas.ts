// memberlist's timing arithmetic (hashicorp/memberlist util.go and suspicion.go), kept apart from the protocol so
// each formula can be checked against the upstream test vectors (../shared/fidelity/FACTS.md §5.2) on its own.
// All durations are milliseconds.

/**
 * suspicionTimeout(mult, n, interval) = mult * max(1, log10(max(1, n))) * interval, with the node scale truncated to
 * thousandths as memberlist does (time.Duration(nodeScale*1000)). `n` is the estimated cluster size.
 */
export function suspicionTimeout(mult: number, n: number, intervalMs: number): number {
  const nodeScale = Math.max(1, Math.log10(Math.max(1, n)));
  return Math.floor((mult * Math.floor(nodeScale * 1000) * intervalMs) / 1000);
}

/** How many independent confirmations a suspicion waits for: SuspicionMult - 2, or none in a cluster too small. */
export function confirmationsWanted(suspicionMult: number, n: number): number {
  const k = suspicionMult - 2;
  return n - 2 < k ? 0 : Math.max(0, k);
}

/**
 * Time left on a suspicion timer after `confirmations` independent confirmations, `elapsed` ms after it started:
 * the timeout falls from max towards min as log(c+1)/log(k+1), floored to whole ms, never below min.
 */
export function remainingSuspicionTime(confirmations: number, k: number, elapsedMs: number, minMs: number, maxMs: number): number {
  const frac = Math.log(confirmations + 1) / Math.log(k + 1);
  const raw = maxMs / 1000 - frac * (maxMs / 1000 - minMs / 1000);
  let timeout = Math.floor(1000 * raw);
  if (!(timeout >= minMs)) timeout = minMs;
  return timeout - elapsedMs;
}

/** The suspicion timer's bounds for a cluster of `n`: min = suspicionTimeout, max = SuspicionMaxTimeoutMult * min. */
export function suspicionBounds(suspicionMult: number, maxTimeoutMult: number, n: number, probeIntervalMs: number): { min: number; max: number } {
  const min = suspicionTimeout(suspicionMult, n, probeIntervalMs);
  return { min, max: maxTimeoutMult * min };
}

/** retransmitLimit(mult, n) = mult * ceil(log10(n + 1)): how many times each gossip message is sent on. */
export function retransmitLimit(mult: number, n: number): number {
  return mult * Math.ceil(Math.log10(n + 1));
}

/** Push/pull syncs slow down past 32 nodes: interval * (ceil(log2(n) - log2(32)) + 1). */
export function pushPullScale(intervalMs: number, n: number): number {
  if (n <= 32) return intervalMs;
  return intervalMs * (Math.ceil(Math.log2(n) - Math.log2(32)) + 1);
}
