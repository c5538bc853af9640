// One node's storage engine, as plain data: the write path (commit log -> memtable -> flush to SSTable -> size-tiered
// compaction), reads merging every layer, and what survives a crash (FACTS §3.6). A node keeps a StorageState,
// returns durablePart() from durable(), and rebuilds with afterCrash() on restart.
// Source: src/java/org/apache/cassandra/db/Keyspace.java (apply: commit log first, then memtable),
// ColumnFamilyStore.java (flush), CommitLogReplayer.java (replay on startup).
//
// Functions change the state in place (the node owns it); durablePart() hands out a deep copy.

import { type Cell, type CellMap, putCell } from "./cell";
import {
  appendMutation,
  type CommitLog,
  copyCommitLog,
  discardUpTo,
  type Mutation,
  newCommitLog,
  replay,
  rollSegment,
} from "./commit-log";
import { compact, pickCompaction, type StcsOptions } from "./compaction";
import { applyToMemtable, type Memtable, newMemtable } from "./memtable";
import { copySSTable, flushMemtable, readKey, type SSTable } from "./sstable";

export interface StorageState {
  commitLog: CommitLog;
  memtable: Memtable;
  sstables: SSTable[];
  /** Next SSTable id (flushes and compactions both take one). */
  nextId: number;
}

/** What survives a crash: the commit log and the SSTables (and the id counter, which lives in their file names). */
export interface DurableStorage {
  commitLog: CommitLog;
  sstables: SSTable[];
  nextId: number;
}

export interface WriteOptions {
  /** Flush the memtable once it holds this many mutations (our stand-in for memtable_cleanup_threshold). */
  memtableFlushCells: number;
  compaction?: StcsOptions;
}

export interface WriteResult {
  /** The SSTable this write's flush produced, if the memtable reached its threshold. */
  flushed: SSTable | null;
  /** The SSTable a compaction produced right after that flush, if a bucket qualified. */
  compacted: SSTable | null;
}

export function newStorage(): StorageState {
  return { commitLog: newCommitLog(), memtable: newMemtable(), sstables: [], nextId: 1 };
}

/**
 * A local write: append to the commit log, then apply to the memtable (the order that makes an acknowledged write
 * survive a crash). If the memtable has reached memtableFlushCells it is flushed, and then one compaction runs if a
 * size-tiered bucket qualifies. Cassandra flushes and compacts in the background and re-checks for more compaction
 * after each one; here at most one compaction runs per flush, and any cascade waits for the next flush.
 */
export function write(state: StorageState, mutation: Mutation, options: WriteOptions): WriteResult {
  appendMutation(state.commitLog, mutation);
  applyToMemtable(state.memtable, mutation);
  if (state.memtable.size < options.memtableFlushCells) return { flushed: null, compacted: null };
  const flushed = flushNow(state);
  const compacted = flushed === null ? null : compactOnce(state, options.compaction);
  return { flushed, compacted };
}

/**
 * nodetool flush: write the memtable to a new SSTable, start a fresh memtable and commit log segment, and discard
 * the segments whose data is now in SSTables. Returns the new SSTable, or null if the memtable was empty (Cassandra
 * writes no SSTable for an empty memtable).
 */
export function flushNow(state: StorageState): SSTable | null {
  if (state.memtable.size === 0) return null;
  const sealed = rollSegment(state.commitLog);
  const table = flushMemtable(state.memtable, state.nextId++);
  state.sstables.push(table);
  state.memtable = newMemtable();
  discardUpTo(state.commitLog, sealed);
  return table;
}

/** Run one size-tiered compaction if a bucket qualifies; returns the merged SSTable or null. */
export function compactOnce(state: StorageState, options?: StcsOptions): SSTable | null {
  const picked = pickCompaction(state.sstables, options);
  if (picked === null) return null;
  const merged = compact(picked, state.nextId++);
  const gone = new Set(picked.map((t) => t.id));
  state.sstables = [...state.sstables.filter((t) => !gone.has(t.id)), merged];
  return merged;
}

/** A key's current cell across memtable and SSTables (a tombstone if its newest version is a deletion). */
export function read(state: StorageState, key: string): Cell | undefined {
  return readKey(state.memtable, state.sstables, key);
}

/** Every key with a cell in any layer, tombstoned keys included, sorted. */
export function keys(state: StorageState): string[] {
  const all = new Set<string>(Object.keys(state.memtable.cells));
  for (const t of state.sstables) for (const k of Object.keys(t.cells)) all.add(k);
  return [...all].sort();
}

/** The reconciled cell of every key (tombstones included), e.g. for repair or display. */
export function snapshot(state: StorageState): CellMap {
  const out: CellMap = {};
  for (const key of keys(state)) {
    const cell = read(state, key);
    if (cell) putCell(out, key, cell);
  }
  return out;
}

/** The durable part of the state, deep-copied plain data. */
export function durablePart(state: StorageState): DurableStorage {
  return {
    commitLog: copyCommitLog(state.commitLog),
    sstables: state.sstables.map(copySSTable),
    nextId: state.nextId,
  };
}

/**
 * Restart after a crash: the memtable is gone; replaying the commit log rebuilds it, so every write that was
 * appended (every acknowledged write) is readable again. Cassandra flushes the replayed memtable at the end of
 * startup; here it stays in the memtable with its commit log, which reads the same and flushes at the next threshold.
 */
export function afterCrash(durable: DurableStorage): StorageState {
  const state: StorageState = {
    commitLog: copyCommitLog(durable.commitLog),
    memtable: newMemtable(),
    sstables: durable.sstables.map(copySSTable),
    nextId: durable.nextId,
  };
  for (const m of replay(state.commitLog)) applyToMemtable(state.memtable, m);
  return state;
}
