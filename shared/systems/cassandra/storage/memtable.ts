// The memtable: the in-memory, sorted-by-key buffer a write lands in after the commit log. It is volatile (a crash
// loses it; the commit log rebuilds it) and is flushed to an immutable SSTable when it grows too large (FACTS §3.6;
// src/java/org/apache/cassandra/db/Memtable.java). A newer write to a key reconciles with the older one in place.

import { type Cell, type CellMap, getCell, mergeCell } from "./cell";
import type { Mutation } from "./commit-log";

export interface Memtable {
  cells: CellMap;
  /** Count of mutations applied (our stand-in for memtable memory use, which drives flushes). */
  size: number;
}

export function newMemtable(): Memtable {
  return { cells: {}, size: 0 };
}

/** Apply a mutation: reconcile it with whatever the memtable already holds for the key. */
export function applyToMemtable(m: Memtable, mutation: Mutation): void {
  mergeCell(m.cells, mutation.key, { value: mutation.cell.value, ts: mutation.cell.ts });
  m.size++;
}

export function memtableGet(m: Memtable, key: string): Cell | undefined {
  return getCell(m.cells, key);
}
