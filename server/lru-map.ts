// A Map with a hard cap on its size that forgets the entry touched longest ago. A Map iterates in insertion order,
// so deleting and re-inserting an entry on every touch keeps the oldest-touched one first: eviction is O(1), never a
// scan. Used where an outsider chooses the keys (per-address rate limits, cached levels), so memory stays bounded.

export class LruMap<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`LruMap capacity must be a positive integer, got ${capacity}`);
  }

  /** The value for `key`, which now counts as the most recently used; undefined when it is not kept. */
  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  /** Keeps `value` under `key` as the most recently used entry, forgetting the least recently used one when full. */
  set(key: K, value: V): void {
    this.entries.delete(key);
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as K);
    this.entries.set(key, value);
  }

  delete(key: K): boolean {
    return this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
