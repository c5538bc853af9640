// The Cassandra write path as plain data: last-write-wins cells (Cells.reconcile), commit log, memtable, flush,
// size-tiered compaction (SizeTieredCompactionStrategy) and crash recovery by commit log replay (FACTS §3.6).

import { describe, expect, it } from "vitest";
import { type Cell, getCell, putCell, reconcile } from "../../../shared/systems/cassandra/storage/cell";
import { appendMutation, newCommitLog, replay } from "../../../shared/systems/cassandra/storage/commit-log";
import { compact, pickCompaction, stcsBuckets } from "../../../shared/systems/cassandra/storage/compaction";
import { applyToMemtable, newMemtable } from "../../../shared/systems/cassandra/storage/memtable";
import { flushMemtable, makeSSTable, readKey, type SSTable } from "../../../shared/systems/cassandra/storage/sstable";
import {
  afterCrash,
  durablePart,
  flushNow,
  keys,
  newStorage,
  read,
  write,
} from "../../../shared/systems/cassandra/storage/storage-engine";

const live = (value: string, ts: number): Cell => ({ value, ts });
const tomb = (ts: number): Cell => ({ value: null, ts });

/** An SSTable of `size` distinct keys, all written at `ts`. */
function table(id: number, size: number, ts = id): SSTable {
  const cells: Record<string, Cell> = {};
  for (let i = 0; i < size; i++) cells[`t${id}-k${i}`] = live(`v${i}`, ts);
  return makeSSTable(id, 0, cells);
}

const sizesOf = (buckets: SSTable[][]) => buckets.map((b) => b.map((t) => t.size));

describe("last write wins (Cells.reconcile)", () => {
  it("the higher timestamp wins, whatever the order", () => {
    expect(reconcile(live("old", 1), live("new", 2))).toEqual(live("new", 2));
    expect(reconcile(live("new", 2), live("old", 1))).toEqual(live("new", 2));
    expect(reconcile(tomb(1), live("back", 2))).toEqual(live("back", 2));
    expect(reconcile(live("gone", 1), tomb(2))).toEqual(tomb(2));
  });

  it("on equal timestamps a tombstone beats a live value", () => {
    expect(reconcile(live("zzz", 5), tomb(5))).toEqual(tomb(5));
    expect(reconcile(tomb(5), live("zzz", 5))).toEqual(tomb(5));
  });

  it("on equal timestamps between live values the greater value wins, comparing UTF-8 bytes unsigned", () => {
    expect(reconcile(live("a", 5), live("b", 5))).toEqual(live("b", 5));
    expect(reconcile(live("b", 5), live("a", 5))).toEqual(live("b", 5));
    expect(reconcile(live("ab", 5), live("a", 5))).toEqual(live("ab", 5));
    // U+FF5E is EF BD 9E, U+1F600 is F0 9F 98 80: by bytes the emoji is greater (UTF-16 order would say otherwise).
    expect(reconcile(live("\uFF5E", 5), live("\u{1F600}", 5))).toEqual(live("\u{1F600}", 5));
    expect(reconcile(live("\u{1F600}", 5), live("\uFF5E", 5))).toEqual(live("\u{1F600}", 5));
  });

  it("a missing cell loses to any cell", () => {
    expect(reconcile(undefined, live("x", 1))).toEqual(live("x", 1));
    expect(reconcile(tomb(1), undefined)).toEqual(tomb(1));
    expect(reconcile(undefined, undefined)).toBeUndefined();
  });

  it("keys such as __proto__ are ordinary keys", () => {
    const cells: Record<string, Cell> = {};
    expect(getCell(cells, "toString")).toBeUndefined();
    putCell(cells, "__proto__", live("p", 1));
    expect(getCell(cells, "__proto__")).toEqual(live("p", 1));
    expect(Object.keys(cells)).toEqual(["__proto__"]);
    const s = newStorage();
    write(s, { key: "__proto__", cell: live("q", 2) }, { memtableFlushCells: 1 });
    expect(read(s, "__proto__")).toEqual(live("q", 2));
  });
});

describe("memtable and SSTables", () => {
  it("the memtable keeps the newest cell per key and counts every mutation", () => {
    const m = newMemtable();
    applyToMemtable(m, { key: "k", cell: live("new", 2) });
    applyToMemtable(m, { key: "k", cell: live("old", 1) });
    expect(m.size).toBe(2);
    expect(getCell(m.cells, "k")).toEqual(live("new", 2));
  });

  it("a flush writes one cell per key with the timestamp range", () => {
    const m = newMemtable();
    applyToMemtable(m, { key: "a", cell: live("1", 10) });
    applyToMemtable(m, { key: "b", cell: live("2", 30) });
    applyToMemtable(m, { key: "a", cell: live("3", 20) });
    const t = flushMemtable(m, 7);
    expect(t).toMatchObject({ id: 7, generation: 0, size: 2, minTs: 20, maxTs: 30 });
    expect(t.cells).toEqual({ a: live("3", 20), b: live("2", 30) });
  });

  it("a read merges memtable and every SSTable, newest timestamp winning", () => {
    const older = makeSSTable(1, 0, { k: live("v1", 1), j: live("j", 1) });
    const newer = makeSSTable(2, 0, { k: tomb(3) });
    const m = newMemtable();
    applyToMemtable(m, { key: "k", cell: live("v2", 2) });
    expect(readKey(m, [older, newer], "k")).toEqual(tomb(3));
    expect(readKey(m, [older], "k")).toEqual(live("v2", 2));
    expect(readKey(m, [newer, older], "j")).toEqual(live("j", 1));
    expect(readKey(m, [older, newer], "nope")).toBeUndefined();
  });

  it("the commit log replays every mutation in order", () => {
    const log = newCommitLog();
    appendMutation(log, { key: "a", cell: live("1", 1) });
    appendMutation(log, { key: "a", cell: tomb(2) });
    expect(replay(log)).toEqual([
      { key: "a", cell: live("1", 1) },
      { key: "a", cell: tomb(2) },
    ]);
  });
});

describe("size-tiered compaction", () => {
  it("four SSTables of similar size form a bucket and are compacted", () => {
    const four = [table(1, 100), table(2, 110), table(3, 90), table(4, 120)];
    expect(sizesOf(stcsBuckets(four))).toEqual([[90, 100, 110, 120]]);
    expect(pickCompaction(four)?.map((t) => t.id).sort()).toEqual([1, 2, 3, 4]);
  });

  it("three are not enough (min_threshold 4)", () => {
    expect(pickCompaction([table(1, 100), table(2, 110), table(3, 90)])).toBeNull();
    expect(pickCompaction([table(1, 100), table(2, 110), table(3, 90)], { minThreshold: 3 })?.length).toBe(3);
  });

  it("very different sizes land in different buckets", () => {
    const mixed = [table(1, 40), table(2, 100), table(3, 400), table(4, 1600)];
    expect(sizesOf(stcsBuckets(mixed))).toEqual([[40], [100], [400], [1600]]);
    expect(pickCompaction(mixed)).toBeNull();
  });

  it("a table joins a bucket only strictly within (0.5, 1.5) of its average", () => {
    expect(sizesOf(stcsBuckets([table(1, 100), table(2, 149)]))).toEqual([[100, 149]]);
    expect(sizesOf(stcsBuckets([table(1, 100), table(2, 150)]))).toEqual([[100], [150]]);
    // The average moves as tables join: 100, 140 (avg 120), then 179 < 180 joins.
    expect(sizesOf(stcsBuckets([table(1, 100), table(2, 140), table(3, 179)]))).toEqual([[100, 140, 179]]);
  });

  it("tables below min_sstable_size share one bucket whatever their sizes", () => {
    const small = [table(1, 1), table(2, 5), table(3, 20), table(4, 31)];
    expect(sizesOf(stcsBuckets(small))).toEqual([[1, 5, 20, 31]]);
    expect(pickCompaction(small)?.length).toBe(4);
    // With a lower floor the size rule applies: 31 is not below 1.5 x 20.
    expect(sizesOf(stcsBuckets(small, { minSSTableSize: 2 }))).toEqual([[1], [5], [20], [31]]);
    expect(sizesOf(stcsBuckets([table(1, 20), table(2, 29)], { minSSTableSize: 2 }))).toEqual([[20, 29]]);
  });

  it("with no read rates, the bucket with the larger average size is compacted first (Cassandra's tie-break)", () => {
    const smalls = [1, 2, 3, 4].map((i) => table(i, 100));
    const bigs = [5, 6, 7, 8].map((i) => table(i, 1000));
    expect(pickCompaction([...smalls, ...bigs])?.map((t) => t.size)).toEqual([1000, 1000, 1000, 1000]);
  });

  it("at most max_threshold (32) tables are compacted at once, the smallest of the bucket", () => {
    const many = Array.from({ length: 40 }, (_, i) => table(i + 1, 100 + (39 - i)));
    const picked = pickCompaction(many) ?? [];
    expect(picked.length).toBe(32);
    expect(Math.max(...picked.map((t) => t.size))).toBe(131);
  });

  it("compaction keeps the newest cell per key, tombstones included", () => {
    const a = makeSSTable(1, 0, { k: live("old", 1), x: live("x", 9), d: live("alive", 2) });
    const b = makeSSTable(2, 1, { k: live("new", 5), d: tomb(4) });
    const c = makeSSTable(3, 0, { k: live("mid", 3), y: live("y", 1) });
    const merged = compact([a, b, c], 9);
    expect(merged.cells).toEqual({ k: live("new", 5), x: live("x", 9), d: tomb(4), y: live("y", 1) });
    expect(merged).toMatchObject({ id: 9, generation: 2, size: 4, minTs: 1, maxTs: 9 });
    // The result reads the same as the inputs did.
    for (const key of ["k", "x", "d", "y", "none"]) {
      expect(readKey(newMemtable(), [merged], key)).toEqual(readKey(newMemtable(), [a, b, c], key));
    }
  });
});

describe("storage engine", () => {
  it("flushes when the memtable reaches the threshold, and recycles the flushed commit log", () => {
    const s = newStorage();
    const opts = { memtableFlushCells: 3 };
    expect(write(s, { key: "a", cell: live("1", 1) }, opts)).toEqual({ flushed: null, compacted: null });
    expect(write(s, { key: "a", cell: live("2", 2) }, opts).flushed).toBeNull();
    const r = write(s, { key: "b", cell: live("3", 3) }, opts);
    expect(r.flushed).toMatchObject({ size: 2, generation: 0 });
    expect(s.memtable.size).toBe(0);
    expect(s.sstables.length).toBe(1);
    expect(replay(s.commitLog)).toEqual([]);
    expect(read(s, "a")).toEqual(live("2", 2));
    expect(flushNow(s)).toBeNull(); // nothing to flush
  });

  it("the fourth similar flush triggers a compaction into one SSTable", () => {
    const s = newStorage();
    const opts = { memtableFlushCells: 5 };
    const results = [];
    for (let i = 0; i < 20; i++) results.push(write(s, { key: `k${i}`, cell: live(`v${i}`, i + 1) }, opts));
    expect(results.filter((r) => r.flushed).length).toBe(4);
    const compactions = results.filter((r) => r.compacted);
    expect(compactions.length).toBe(1);
    expect(results[19].compacted).toMatchObject({ size: 20, generation: 1 });
    expect(s.sstables.length).toBe(1);
    for (let i = 0; i < 20; i++) expect(read(s, `k${i}`)).toEqual(live(`v${i}`, i + 1));
  });

  it("a crash loses the memtable, and replaying the commit log restores every acknowledged write", () => {
    const s = newStorage();
    const opts = { memtableFlushCells: 7 };
    const newest = new Map<string, Cell>();
    for (let i = 0; i < 60; i++) {
      const key = `k${i % 13}`;
      const cell = i % 11 === 10 ? tomb(i + 1) : live(`v${i}`, i + 1);
      write(s, { key, cell }, opts); // acknowledged once write() returns
      newest.set(key, cell);
    }
    expect(s.memtable.size).toBeGreaterThan(0); // some writes are only in memory

    const disk = durablePart(s);
    expect(disk).not.toHaveProperty("memtable");
    const restarted = afterCrash(disk);
    for (const [key, cell] of newest) expect(read(restarted, key)).toEqual(cell);
    expect(keys(restarted)).toEqual([...newest.keys()].sort());

    // Without the commit log, the unflushed writes would be gone: that is what it is for.
    const noLog = afterCrash({ ...disk, commitLog: newCommitLog() });
    const lost = [...newest].filter(([key, cell]) => JSON.stringify(read(noLog, key)) !== JSON.stringify(cell));
    expect(lost.length).toBeGreaterThan(0);

    // The restarted node keeps working: new writes, flushes and ids continue.
    write(restarted, { key: "k0", cell: live("after", 1000) }, opts);
    expect(read(restarted, "k0")).toEqual(live("after", 1000));
    const ids = restarted.sstables.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("durablePart is a deep copy of plain data", () => {
    const s = newStorage();
    write(s, { key: "a", cell: live("1", 1) }, { memtableFlushCells: 1 });
    write(s, { key: "b", cell: live("2", 2) }, { memtableFlushCells: 10 });
    const disk = durablePart(s);
    const json = JSON.stringify(disk);
    write(s, { key: "a", cell: live("3", 3) }, { memtableFlushCells: 1 });
    expect(JSON.stringify(disk)).toBe(json);
    expect(JSON.parse(json)).toEqual(disk);
    expect(read(afterCrash(JSON.parse(json)), "b")).toEqual(live("2", 2));
  });

  it("keys lists every key once, tombstoned ones included, sorted", () => {
    const s = newStorage();
    const opts = { memtableFlushCells: 2 };
    for (const [key, cell] of [["c", live("1", 1)], ["a", live("1", 1)], ["b", tomb(1)], ["a", live("2", 2)]] as const) {
      write(s, { key, cell }, opts);
    }
    expect(keys(s)).toEqual(["a", "b", "c"]);
  });
});
