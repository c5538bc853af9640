// Size-tiered compaction (STCS), Cassandra's default: SSTables of similar size are grouped into buckets, and a bucket
// with at least min_threshold tables is merged into one, so reads touch fewer files and overwritten cells are dropped
// (FACTS §3.6). Sources: src/java/org/apache/cassandra/db/compaction/SizeTieredCompactionStrategy.java (getBuckets,
// mostInterestingBucket, trimToThresholdWithHotness) and SizeTieredCompactionStrategyOptions.java.
//
// Scaling: Cassandra measures sizes in bytes on disk and min_sstable_size is 50 MiB; here the size unit is cells
// (one per key), so minSSTableSize is in cells, default 32, which keeps the "small tables all go in one bucket" rule
// visible at game scale.
// Tombstones are kept through compaction: gc_grace_seconds is 10 days, which a game never reaches.

import { type CellMap, mergeCell } from "./cell";
import { makeSSTable, type SSTable } from "./sstable";

export interface StcsOptions {
  /** min_threshold: fewest tables worth compacting together (default 4). */
  minThreshold?: number;
  /** max_threshold: most tables compacted at once (default 32). */
  maxThreshold?: number;
  /** bucket_low (default 0.5) and bucket_high (default 1.5): a table joins a bucket if its size is within
   *  (bucketLow x average, bucketHigh x average), bounds exclusive. */
  bucketLow?: number;
  bucketHigh?: number;
  /** min_sstable_size in cells (default 32): tables below it all share a bucket with other small ones. */
  minSSTableSize?: number;
}

export const STCS_DEFAULTS: Required<StcsOptions> = {
  minThreshold: 4,
  maxThreshold: 32,
  bucketLow: 0.5,
  bucketHigh: 1.5,
  minSSTableSize: 32,
};

function withDefaults(options: StcsOptions | undefined): Required<StcsOptions> {
  return { ...STCS_DEFAULTS, ...options };
}

interface Bucket {
  /** Integer average size (Java long division), the bucket's key in getBuckets. */
  average: number;
  tables: SSTable[];
}

/**
 * getBuckets: sort the tables by size, then put each into the first bucket whose average it is within
 * (bucketLow, bucketHigh) of, or where both it and the bucket's average are below minSSTableSize; the bucket's
 * average is then recomputed. A table matching no bucket starts a new one.
 * Cassandra keeps buckets in a HashMap keyed by average size, so which matching bucket is "first" follows the hash
 * order; here it is creation order, which is deterministic. Each bucket lists its tables smallest first.
 */
export function stcsBuckets(sstables: readonly SSTable[], options?: StcsOptions): SSTable[][] {
  const o = withDefaults(options);
  const sorted = [...sstables].sort((a, b) => a.size - b.size || a.id - b.id);
  const buckets: Bucket[] = [];
  for (const t of sorted) {
    const size = t.size;
    const home = buckets.find(
      (b) =>
        (size > b.average * o.bucketLow && size < b.average * o.bucketHigh) ||
        (size < o.minSSTableSize && b.average < o.minSSTableSize),
    );
    if (home) {
      const total = home.average * home.tables.length + size;
      home.tables.push(t);
      home.average = Math.floor(total / home.tables.length);
    } else {
      buckets.push({ average: size, tables: [t] });
    }
  }
  return buckets.map((b) => b.tables);
}

function averageSize(tables: readonly SSTable[]): number {
  return Math.floor(tables.reduce((n, t) => n + t.size, 0) / tables.length);
}

/**
 * mostInterestingBucket: trim every bucket to its first maxThreshold tables, drop those with fewer than
 * minThreshold, and pick the "hottest" (most reads per key). With no read meters every bucket's hotness is 0 and
 * the tie is broken by average size, and Cassandra's comparator under Collections.max takes the bucket with the
 * LARGEST average size (the old comment said "smallest first"; later versions kept the behaviour and fixed the
 * comment). Equal averages: the first bucket. Trimming keeps the smallest tables (a stable sort by equal hotness
 * leaves the bucket in size order). null when no bucket qualifies.
 */
export function pickCompaction(sstables: readonly SSTable[], options?: StcsOptions): SSTable[] | null {
  const o = withDefaults(options);
  let best: SSTable[] | null = null;
  for (const bucket of stcsBuckets(sstables, o)) {
    const trimmed = bucket.slice(0, o.maxThreshold);
    if (trimmed.length < o.minThreshold) continue;
    if (best === null || averageSize(trimmed) > averageSize(best)) best = trimmed;
  }
  return best;
}

/**
 * Merge tables into one new SSTable with id `id`: for each key, the reconciled cell (newest timestamp wins, with
 * Cells.reconcile's tie rules). Its generation is one more than the highest input's.
 */
export function compact(tables: readonly SSTable[], id: number): SSTable {
  const merged: CellMap = {};
  for (const t of tables) for (const key of Object.keys(t.cells)) mergeCell(merged, key, t.cells[key]);
  const generation = tables.reduce((g, t) => Math.max(g, t.generation + 1), 1);
  return makeSSTable(id, generation, merged);
}
