// A cell: one value with its write timestamp, or a tombstone. Replicas converge by reconciling cells, never by
// asking which write "really" came last: the higher timestamp wins, whatever the arrival order (last write wins).
// Source: src/java/org/apache/cassandra/db/rows/Cells.java (reconcile, resolveRegular, compareValues), Cassandra 4.x.

export interface Cell {
  /** null = tombstone (a deletion). */
  value: string | null;
  /** Write timestamp in microseconds (the client's or coordinator's clock, as USING TIMESTAMP). */
  ts: number;
}

/** A partition's cells by key, as plain data. Keys are arbitrary strings, so always go through getCell/putCell. */
export type CellMap = Record<string, Cell>;

const utf8 = new TextEncoder();

/** Unsigned lexicographic comparison of the values' UTF-8 bytes (ValueAccessor.compare / compareUnsigned). */
function compareValueBytes(a: string, b: string): number {
  const x = utf8.encode(a);
  const y = utf8.encode(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

/**
 * Which of two versions of a cell survives (Cells.resolveRegular):
 * 1. the higher timestamp;
 * 2. on equal timestamps, a tombstone beats a live value ("Tombstones always win reconciliation with live cells of
 *    the same timestamp", CASSANDRA-14592);
 * 3. then the greater value, comparing bytes unsigned; on a full tie the first argument.
 * Commutative: reconcile(a, b) and reconcile(b, a) give equal cells.
 */
export function reconcile(a: Cell | undefined, b: Cell | undefined): Cell | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  if (a.ts !== b.ts) return a.ts > b.ts ? a : b;
  const aDead = a.value === null;
  const bDead = b.value === null;
  if (aDead || bDead) return aDead ? a : b;
  return compareValueBytes(a.value as string, b.value as string) >= 0 ? a : b;
}

export function isTombstone(cell: Cell | undefined): boolean {
  return cell !== undefined && cell.value === null;
}

/** The cell stored under `key`, ignoring anything inherited (a key may be "__proto__" or "toString"). */
export function getCell(cells: CellMap, key: string): Cell | undefined {
  return Object.hasOwn(cells, key) ? cells[key] : undefined;
}

/** Store `cell` under `key` as an own property, even for keys such as "__proto__". */
export function putCell(cells: CellMap, key: string, cell: Cell): void {
  Object.defineProperty(cells, key, { value: cell, enumerable: true, writable: true, configurable: true });
}

/** Reconcile `cell` into `cells[key]`. */
export function mergeCell(cells: CellMap, key: string, cell: Cell): void {
  putCell(cells, key, reconcile(getCell(cells, key), cell) as Cell);
}

export function copyCell(c: Cell): Cell {
  return { value: c.value, ts: c.ts };
}

export function copyCells(cells: CellMap): CellMap {
  const out: CellMap = {};
  for (const key of Object.keys(cells)) putCell(out, key, copyCell(cells[key]));
  return out;
}
