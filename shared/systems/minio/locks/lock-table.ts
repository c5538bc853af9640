// One server's locker (MinIO's lock REST server, cmd/local-locker.go): in memory, so a server that restarts holds
// no locks. A resource has either one writer or any number of readers. A lock whose owner never unlocks it (its
// coordinator crashed) is dropped once it is older than the validity period, as MinIO's lock maintenance expires
// locks that stop being refreshed.

interface Held {
  /** The writer's uid, when the lock is held for writing. */
  writer?: string;
  /** uid -> when it was granted (ms of this server's monotonic clock), for each holder. */
  holders: Map<string, number>;
}

export class LockTable {
  private readonly held = new Map<string, Held>();

  constructor(private readonly validityMs: number) {}

  /** Grants the lock to `uid` (for writing: alone; for reading: beside other readers), or refuses it. */
  lock(resource: string, uid: string, write: boolean, now: number): boolean {
    this.expire(resource, now);
    const h = this.held.get(resource);
    if (h && h.holders.has(uid)) return true;
    if (h && (write || h.writer !== undefined)) return false;
    if (!h) this.held.set(resource, write ? { writer: uid, holders: new Map([[uid, now]]) } : { holders: new Map([[uid, now]]) });
    else h.holders.set(uid, now);
    return true;
  }

  unlock(resource: string, uid: string): void {
    const h = this.held.get(resource);
    if (!h || !h.holders.delete(uid)) return;
    if (h.writer === uid) h.writer = undefined;
    if (h.holders.size === 0) this.held.delete(resource);
  }

  /**
   * Resources locked now, with how they are held: for the node's own player. Read-only (expired locks are left
   * for the next lock request to drop), so looking at a server never changes what it does.
   */
  describe(now: number): string[] {
    const out: string[] = [];
    for (const resource of [...this.held.keys()].sort()) {
      const h = this.held.get(resource) as Held;
      const live = [...h.holders].filter(([, at]) => now - at < this.validityMs).length;
      if (live === 0) continue;
      out.push(`${resource}: ${h.writer !== undefined ? `write (${h.writer})` : `read ×${live}`}`);
    }
    return out;
  }

  private expire(resource: string, now: number): void {
    const h = this.held.get(resource);
    if (!h) return;
    for (const [uid, at] of h.holders) if (now - at >= this.validityMs) this.unlock(resource, uid);
  }
}
