// The commit log: every mutation is appended here before it touches the memtable, so a crash loses nothing that was
// acknowledged; on restart the log is replayed into a fresh memtable (FACTS §3.6;
// src/java/org/apache/cassandra/db/commitlog/CommitLog.java, CommitLogSegment.java, CommitLogReplayer.java).
//
// Plain data, changed in place by the functions below. Segments: the last one is active (appends go there); when a
// memtable is flushed the active segment is sealed and a new one started, and every segment whose mutations are all
// in SSTables is discarded (recycled). Cassandra rolls segments at commitlog_segment_size (32 MiB); here a segment
// is simply everything between two flushes.
//
// Durability: commitlog_sync is periodic (10 s) in Cassandra, so a machine that loses power may lose the last
// seconds of acknowledged writes; a process crash does not (the OS still has the pages). The simulation models
// process crashes: the whole log survives.

import { type Cell, copyCell } from "./cell";

export interface Mutation {
  key: string;
  cell: Cell;
}

export interface CommitLogSegment {
  id: number;
  mutations: Mutation[];
}

export interface CommitLog {
  segments: CommitLogSegment[];
}

export function newCommitLog(): CommitLog {
  return { segments: [{ id: 1, mutations: [] }] };
}

function activeSegment(log: CommitLog): CommitLogSegment {
  if (log.segments.length === 0) log.segments.push({ id: 1, mutations: [] });
  return log.segments[log.segments.length - 1];
}

/** Append a mutation to the active segment. */
export function appendMutation(log: CommitLog, m: Mutation): void {
  activeSegment(log).mutations.push(copyMutation(m));
}

/** Seal the active segment and start a new one; returns the id of the sealed segment. */
export function rollSegment(log: CommitLog): number {
  const sealed = activeSegment(log).id;
  log.segments.push({ id: sealed + 1, mutations: [] });
  return sealed;
}

/** Discard every segment with id <= segmentId: their data is all flushed to SSTables. */
export function discardUpTo(log: CommitLog, segmentId: number): void {
  log.segments = log.segments.filter((s) => s.id > segmentId);
}

/** Every mutation still in the log, oldest first: what a restart replays into the memtable. */
export function replay(log: CommitLog): Mutation[] {
  return log.segments.flatMap((s) => s.mutations.map(copyMutation));
}

/** Number of mutations in the log. */
export function commitLogSize(log: CommitLog): number {
  return log.segments.reduce((n, s) => n + s.mutations.length, 0);
}

export function copyMutation(m: Mutation): Mutation {
  return { key: m.key, cell: copyCell(m.cell) };
}

export function copyCommitLog(log: CommitLog): CommitLog {
  return { segments: log.segments.map((s) => ({ id: s.id, mutations: s.mutations.map(copyMutation) })) };
}
