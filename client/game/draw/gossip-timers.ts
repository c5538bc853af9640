// How much of a suspicion is left, as a fraction for the countdown arc. The room sends only when a suspicion
// expires (deadAt), not when it began, so the picture remembers the simulated time it first saw each agent's
// suspicion of a member: the arc starts full there and is empty at deadAt. Lifeguard shortens a suspicion as
// other agents confirm it: deadAt moves earlier and the arc jumps down, as the timer really did.

export class SuspicionClock {
  private readonly seen = new Map<string, number>();

  /** Forget suspicions no longer held; `held` are the keys of this frame's ("agent>member"). */
  retain(held: ReadonlySet<string>): void {
    for (const key of this.seen.keys()) if (!held.has(key)) this.seen.delete(key);
  }

  /** The fraction of `agent`'s suspicion of `member` still to run at `now` (1 when first seen, 0 at deadAt). */
  remaining(agent: string, member: string, deadAt: number, now: number): number {
    const key = suspicionKey(agent, member);
    let start = this.seen.get(key);
    if (start === undefined || start > now) {
      start = now;
      this.seen.set(key, start);
    }
    const total = deadAt - start;
    return total <= 0 ? 0 : Math.min(1, Math.max(0, (deadAt - now) / total));
  }
}

export function suspicionKey(agent: string, member: string): string {
  return `${agent}>${member}`;
}
