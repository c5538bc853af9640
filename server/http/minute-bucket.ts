// The token-bucket arithmetic the per-address HTTP limits share (join-limit.ts, upload-limit.ts): a bucket holds up
// to `burst` tokens and gets `perMinute` back each minute, continuously.

export interface Bucket {
  /** Requests an address may make at once. */
  burst: number;
  /** How many come back per minute. */
  perMinute: number;
}

/** `tokens` after `elapsedMs` of refilling, never above the burst. */
export function refilled(tokens: number, elapsedMs: number, bucket: Bucket): number {
  return Math.min(bucket.burst, tokens + (elapsedMs / 60_000) * bucket.perMinute);
}

/** Whole seconds (at least 1) until a bucket holding `tokens` has one again: what a 429's Retry-After says. */
export function secondsUntilOne(tokens: number, bucket: Bucket): number {
  return Math.max(1, Math.ceil(((1 - tokens) / bucket.perMinute) * 60));
}
