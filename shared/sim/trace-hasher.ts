// The streaming SHA-256 that the trace is fed to. shared/ must run in the browser, so by default it is the plain
// TypeScript one (sha256.ts). A host with a native SHA-256 may install it once, before it creates simulations: the
// server does (server/node-trace-hasher.ts, node:crypto), which takes most of the hashing cost off every event.
// Any hasher installed must compute standard SHA-256, so the trace hash is the same whichever one a run used:
// replays recorded on the server check out in the browser and the other way round.

import { Sha256 } from "./sha256";

export interface TraceHasher {
  /** Hashes bytes [0, length) of `bytes`. The caller may overwrite them as soon as this returns. */
  updateBytes(bytes: Uint8Array, length: number): unknown;
  /** The hex digest of everything fed so far; the stream stays open for more. */
  digestHex(): string;
}

export type TraceHasherFactory = () => TraceHasher;

const plainSha256: TraceHasherFactory = () => new Sha256();
let current: TraceHasherFactory = plainSha256;

/** Makes every trace created from now on hash with `factory`'s hashers (undefined: back to the plain TypeScript one). */
export function useTraceHasher(factory: TraceHasherFactory | undefined): void {
  if (factory !== undefined && typeof factory !== "function") throw new TypeError("useTraceHasher needs a function that returns a hasher");
  current = factory ?? plainSha256;
}

/** A new hasher of the kind installed. */
export function createTraceHasher(): TraceHasher {
  return current();
}
