// Storage classes: how much parity an object is written with. Source: internal/config/storageclass/storage-class.go
// (DefaultParityBlocks, parseStorageClass, ValidateParity, validateParity, LookupConfig) and the write path's
// "availability optimized" parity upgrade in cmd/erasure-object.go putObject. FACTS §7.1.
//
// STANDARD uses MINIO_STORAGE_CLASS_STANDARD (e.g. "EC:4") or, when unset, the default parity for the set size;
// REDUCED_REDUNDANCY uses MINIO_STORAGE_CLASS_RRS, default EC:1 (EC:0 on a single drive). A client picks the class per
// object with the x-amz-storage-class header, and the parity chosen is stored in the object's xl.meta.

/** Storage class names (the x-amz-storage-class header values MinIO accepts). */
export const STANDARD = "STANDARD";
export const REDUCED_REDUNDANCY = "REDUCED_REDUNDANCY";

/** storage-class.go defaultRRSParity. */
export const DEFAULT_RRS_PARITY = 1;

/** DefaultParityBlocks: 1 drive → 0, 2–3 → 1, 4–5 → 2, 6–7 → 3, 8 and more → 4 (EC:4). */
export function defaultParity(setDriveCount: number): number {
  if (!Number.isSafeInteger(setDriveCount) || setDriveCount < 1) {
    throw new RangeError(`an erasure set has at least one drive, got ${setDriveCount}`);
  }
  if (setDriveCount === 1) return 0;
  if (setDriveCount <= 3) return 1;
  if (setDriveCount <= 5) return 2;
  if (setDriveCount <= 7) return 3;
  return 4;
}

/** A storage class value, "EC:<parity drives>". */
export interface StorageClass {
  parity: number;
}

/** config.ErrStorageClassValue's message, which prefixes every parse error. */
const INVALID = "Invalid storage class value";

/**
 * Parses "EC:N" as parseStorageClass does (same checks, same wording after the "Invalid storage class value"
 * prefix). With setDriveCount, the parity is also validated against the set (validateParity below).
 */
export function parseStorageClass(text: string, setDriveCount?: number): StorageClass {
  const parts = text.split(":");
  if (parts.length > 2) throw new RangeError(`${INVALID}: Too many sections in ${text}`);
  if (parts.length < 2) throw new RangeError(`${INVALID}: Too few sections in ${text}`);
  if (parts[0] !== "EC") throw new RangeError(`${INVALID}: Unsupported scheme ${parts[0]}. Supported scheme is EC`);
  // strconv.Atoi: an optional sign and decimal digits, nothing else.
  if (!/^[+-]?\d+$/.test(parts[1])) throw new RangeError(`${INVALID}: parity "${parts[1]}" is not a whole number`);
  const parity = Number.parseInt(parts[1], 10);
  if (parity < 0) throw new RangeError(`${INVALID}: Unsupported parity value ${parts[1]} provided`);
  if (setDriveCount !== undefined) validateParity(parity, setDriveCount);
  return { parity };
}

/** "EC:N" (storageclass StorageClass.String; empty for parity 0). */
export function formatStorageClass(sc: StorageClass): string {
  return sc.parity !== 0 ? `EC:${sc.parity}` : "";
}

/**
 * storageclass.ValidateParity: parity may be at most half the set (integer division), so data ≥ parity. Throws with
 * MinIO's wording. (LookupConfig's validateParity skips this check for sets of 1 or 2 drives; it is kept here
 * because a parity above half leaves fewer data than parity shards, which MinIO never writes.)
 */
export function validateParity(parity: number, setDriveCount: number): void {
  if (!Number.isSafeInteger(setDriveCount) || setDriveCount < 1) {
    throw new RangeError(`an erasure set has at least one drive, got ${setDriveCount}`);
  }
  if (!Number.isSafeInteger(parity) || parity < 0) throw new RangeError(`parity must be a whole number >= 0, got ${parity}`);
  const max = Math.floor(setDriveCount / 2);
  if (parity > max) throw new RangeError(`parity ${parity} should be less than or equal to ${max}`);
}

/** The parity of both storage classes for one pool (storageclass.Config). */
export interface StorageClassConfig {
  standard: number;
  rrs: number;
}

/**
 * storageclass.LookupConfig: STANDARD from its "EC:N" value or the default for the set size; RRS from its value or
 * EC:1 (EC:0 for one drive); both checked against the set, and STANDARD may not have less parity than RRS.
 */
export function storageClassConfig(setDriveCount: number, values: { standard?: string; rrs?: string } = {}): StorageClassConfig {
  const standard = values.standard ? parseStorageClass(values.standard).parity : defaultParity(setDriveCount);
  const rrs = values.rrs ? parseStorageClass(values.rrs).parity : setDriveCount === 1 ? 0 : DEFAULT_RRS_PARITY;
  const max = Math.floor(setDriveCount / 2);
  if (setDriveCount > 2) {
    if (standard > max) throw new RangeError(`Standard storage class parity ${standard} should be less than or equal to ${max}`);
    if (rrs > max) throw new RangeError(`Reduced redundancy storage class parity ${rrs} should be less than or equal to ${max}`);
  }
  if (standard > 0 && rrs > 0 && standard < rrs) {
    throw new RangeError(`Standard storage class parity drives ${standard} should be greater than or equal to Reduced redundancy storage class parity drives ${rrs}`);
  }
  return { standard, rrs };
}

/** GetParityForSC: RRS parity for "REDUCED_REDUNDANCY", STANDARD parity for anything else (including no header). */
export function parityForStorageClass(config: StorageClassConfig, header?: string): number {
  return header?.trim() === REDUCED_REDUNDANCY ? config.rrs : config.standard;
}

/** The parity a PUT actually writes with, after the availability-optimized upgrade. */
export type PutParity =
  | { ok: true; parity: number; dataBlocks: number; writeQuorum: number; upgradedFrom?: number }
  | { ok: false; reason: "write-quorum"; offlineDrives: number };

/**
 * cmd/erasure-object.go putObject with the default "availability" optimization: every offline drive of the set adds
 * one parity shard to this object, capped at half the set, so the object keeps its full redundancy on the drives
 * that are up; the upgrade is recorded in xl.meta ("x-minio-internal-erasure-upgraded": "4->6"). With
 * (setSize + 1) / 2 or more drives offline the write fails at once with errErasureWriteQuorum.
 */
export function putParity(setDriveCount: number, parity: number, offlineDrives: number): PutParity {
  validateParity(parity, setDriveCount);
  if (!Number.isSafeInteger(offlineDrives) || offlineDrives < 0 || offlineDrives > setDriveCount) {
    throw new RangeError(`offline drives must be a whole number from 0 to ${setDriveCount}, got ${offlineDrives}`);
  }
  if (offlineDrives >= Math.floor((setDriveCount + 1) / 2)) return { ok: false, reason: "write-quorum", offlineDrives };
  const upgraded = Math.min(parity + offlineDrives, Math.floor(setDriveCount / 2));
  const dataBlocks = setDriveCount - upgraded;
  const writeQuorum = dataBlocks === upgraded ? dataBlocks + 1 : dataBlocks;
  return upgraded !== parity
    ? { ok: true, parity: upgraded, dataBlocks, writeQuorum, upgradedFrom: parity }
    : { ok: true, parity: upgraded, dataBlocks, writeQuorum };
}
