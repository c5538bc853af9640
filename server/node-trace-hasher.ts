// The simulations' trace hash through node:crypto (OpenSSL, with the CPU's SHA instructions where it has them)
// instead of shared/'s plain TypeScript SHA-256: the same digest, at a small part of the cost per event
// (npm run bench, part a). Installed once per process by whatever runs simulations on the server.

import { createHash, type Hash } from "node:crypto";
import { type TraceHasher, useTraceHasher } from "../shared/sim/trace-hasher";

class NodeSha256 implements TraceHasher {
  private readonly hash: Hash = createHash("sha256");

  updateBytes(bytes: Uint8Array, length: number): void {
    // update() consumes the bytes before it returns, so the trace may reuse its buffer at once.
    this.hash.update(length === bytes.length ? bytes : bytes.subarray(0, length));
  }

  digestHex(): string {
    // digest() ends a Hash; a copy keeps the running one open, since the trace hash is read mid-run.
    return this.hash.copy().digest("hex");
  }
}

/** From now on, every simulation this process creates hashes its trace with node:crypto. */
export function useNodeTraceHasher(): void {
  useTraceHasher(() => new NodeSha256());
}
