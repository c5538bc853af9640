// A drive as MinIO uses it: for each object, the xl.meta of its latest version and the shard file (the part file
// with a bitrot hash before every block); uploads in progress under .minio.sys/tmp until renamed into place.
// A failed drive answers nothing and has lost its contents; a replaced drive starts empty (and gets healed).
// Plain data: a server's drives are its durable state.

/** What xl.meta says about one version of an object on one drive. */
export interface ShardMeta {
  /** Version id: unique per put (MinIO's is a UUID; here the coordinator and a counter). */
  version: string;
  /** Modification time (the coordinator's clock, ms): the newest version with quorum wins. */
  modTime: number;
  /** Erasure coding of this object: data and parity shards (per-object, from the storage class when written). */
  data: number;
  parity: number;
  /** Which shard this drive holds, 0-based (data shards first, then parity). */
  index: number;
  /** Object size in bytes and the erasure block size it was coded with. */
  size: number;
  blockSize: number;
  /** sha256 of the whole object, so a reader can refuse bytes that do not match what was written. */
  sha256: string;
}

export interface ShardFile {
  meta: ShardMeta;
  /** The shard file: per block, a 32-byte bitrot hash followed by the block (bitrot/bitrot.ts), hex. */
  file: string;
}

export interface Drive {
  /** "n2/d3": server and drive number. */
  id: string;
  state: "ok" | "failed";
  /** How many times this slot's drive was replaced (a fresh drive has nothing, not even old versions). */
  generation: number;
  objects: Record<string, ShardFile>;
  /** Uploads written but not yet renamed into place, by upload id. */
  tmp: Record<string, { object: string; shard: ShardFile }>;
  /** Bumped by every change to the drive, so observers (invariants, metrics) skip drives that did not change. */
  rev: number;
}

export function newDrive(id: string, generation = 0): Drive {
  return { id, state: "ok", generation, objects: {}, tmp: {}, rev: 0 };
}

/**
 * Whether version `a` is newer than `b`: the later modification time, ties broken by version id, the order in which
 * a read picks the newest version (operations.ts MetaRound.choose).
 */
export function newerThan(a: ShardMeta, b: ShardMeta): boolean {
  return a.modTime !== b.modTime ? a.modTime > b.modTime : a.version > b.version;
}

export const ERR_DRIVE_OFFLINE = "drive not found";
/** A heal's shard that would replace a newer version a put has renamed into place since the heal read xl.meta. */
export const ERR_NEWER_VERSION = "a newer version is in place";
export const ERR_FILE_NOT_FOUND = "file not found";
/** The drive has no room for the shard (MinIO's errDiskFull). */
export const ERR_DRIVE_FULL = "drive full";

/** Bytes a drive's shard files take, committed and staged: what its free space is measured against. */
export function usedBytes(drive: Drive): number {
  let bytes = 0;
  for (const shard of Object.values(drive.objects)) bytes += shard.file.length / 2;
  for (const staged of Object.values(drive.tmp)) bytes += staged.shard.file.length / 2;
  return bytes;
}

/** Keys of plain-data records, without inherited properties, so an object named "__proto__" is harmless. */
export function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
