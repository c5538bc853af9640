// Lifeguard's local health multiplier (memberlist awareness.go): a node that misses acks, or finds itself accused
// and has to refute, trusts its own view less and slows down. The score stays in [0, max - 1]; timeouts it scales
// are multiplied by score + 1. Here it scales the probe round's deadline (direct + indirect + fallback), not the
// direct ack wait, exactly as memberlist's probeNode does.

export class Awareness {
  score = 0;

  constructor(public max: number) {}

  applyDelta(delta: number): void {
    this.score = Math.min(this.max - 1, Math.max(0, this.score + delta));
  }

  scale(timeoutMs: number): number {
    return timeoutMs * (this.score + 1);
  }
}
