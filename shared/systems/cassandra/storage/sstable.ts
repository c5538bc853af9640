// SSTables: immutable sorted files written by a memtable flush or by compaction. A read merges the memtable and every
// SSTable, cell by cell, newest timestamp winning (FACTS §3.6; src/java/org/apache/cassandra/io/sstable/).
// Size unit here is cells (one per key), where Cassandra measures bytes on disk.

import { type Cell, type CellMap, copyCells, getCell, reconcile } from "./cell";
import type { Memtable } from "./memtable";

export interface SSTable {
  id: number;
  /**
   * How many compactions this data has been through: 0 for a table written by a flush, 1 + the highest input's for a
   * compaction's output. (Not Cassandra's descriptor generation, which is the file's sequence number: that is `id`.)
   */
  generation: number;
  cells: CellMap;
  /** Number of cells: our size unit. */
  size: number;
  /** Lowest and highest write timestamp in the table (StatsMetadata minTimestamp/maxTimestamp); 0 when empty. */
  minTs: number;
  maxTs: number;
}

/** Build an SSTable from cells (copied). */
export function makeSSTable(id: number, generation: number, cells: CellMap): SSTable {
  const own = copyCells(cells);
  const all = Object.values(own);
  let minTs = all.length === 0 ? 0 : Number.POSITIVE_INFINITY;
  let maxTs = all.length === 0 ? 0 : Number.NEGATIVE_INFINITY;
  for (const c of all) {
    minTs = Math.min(minTs, c.ts);
    maxTs = Math.max(maxTs, c.ts);
  }
  return { id, generation, cells: own, size: all.length, minTs, maxTs };
}

/** Write the memtable's contents out as a new SSTable (a flush). */
export function flushMemtable(memtable: Memtable, id: number): SSTable {
  return makeSSTable(id, 0, memtable.cells);
}

/** A key's current cell: the reconciliation of the memtable's and every SSTable's version. Tombstones included. */
export function readKey(memtable: Memtable, sstables: readonly SSTable[], key: string): Cell | undefined {
  let cell = getCell(memtable.cells, key);
  for (const t of sstables) cell = reconcile(cell, getCell(t.cells, key));
  return cell === undefined ? undefined : { value: cell.value, ts: cell.ts };
}

export function copySSTable(t: SSTable): SSTable {
  return { id: t.id, generation: t.generation, cells: copyCells(t.cells), size: t.size, minTs: t.minTs, maxTs: t.maxTs };
}
