// How many drives of an erasure set must answer for a read or a write of one object. Pure arithmetic on the set size
// and the object's parity, which MinIO keeps in every drive's xl.meta (so two objects in one set may have different
// quorums). Sources: cmd/erasure-metadata.go objectQuorumFromMeta, cmd/erasure.go defaultRQuorum/defaultWQuorum,
// cmd/erasure-object.go putObject. FACTS §7.1 and vectors/minio_quorum_table.json.
//
// readQuorum = data shards: any `data` shards rebuild the object. writeQuorum = data shards, plus one when
// data == parity: with exactly half the drives written, the other half could hold a different version, and neither
// half could prove it was the latest (split brain); the extra drive breaks the tie.

import { defaultParity } from "./storage-class";

function checkSet(setSize: number, parity: number): void {
  if (!Number.isSafeInteger(setSize) || setSize < 1) throw new RangeError(`an erasure set has at least one drive, got ${setSize}`);
  if (!Number.isSafeInteger(parity) || parity < 0 || parity >= setSize) {
    throw new RangeError(`parity must be a whole number from 0 to ${setSize - 1} for a set of ${setSize} drives, got ${parity}`);
  }
}

/** Data shards of an object: setSize − parity. */
export function dataShards(setSize: number, parity: number): number {
  checkSet(setSize, parity);
  return setSize - parity;
}

/** Drives that must return good shards (and agreeing metadata) for a read: the data shard count. */
export function readQuorum(setSize: number, parity: number): number {
  return dataShards(setSize, parity);
}

/** Drives that must accept a write: the data shard count, plus one when data equals parity. */
export function writeQuorum(setSize: number, parity: number): number {
  const data = dataShards(setSize, parity);
  return data === parity ? data + 1 : data;
}

/** One row of FACTS §7.1's table: a set at its default parity. */
export interface QuorumRow {
  setDriveCount: number;
  defaultParity: number;
  dataShards: number;
  readQuorum: number;
  writeQuorum: number;
  /** Drives that can be lost with every object still readable. */
  maxDrivesLostForRead: number;
  /** Drives that can be lost with writes still accepted. */
  maxDrivesLostForWrite: number;
  /** Usable fraction of raw capacity: data / set size (unrounded). */
  storageEfficiency: number;
}

/** The quorum table row for a set of setDriveCount drives at the given parity (by default, MinIO's default parity). */
export function quorumRow(setDriveCount: number, parity: number = defaultParity(setDriveCount)): QuorumRow {
  const data = dataShards(setDriveCount, parity);
  const read = readQuorum(setDriveCount, parity);
  const write = writeQuorum(setDriveCount, parity);
  return {
    setDriveCount,
    defaultParity: parity,
    dataShards: data,
    readQuorum: read,
    writeQuorum: write,
    maxDrivesLostForRead: setDriveCount - read,
    maxDrivesLostForWrite: setDriveCount - write,
    storageEfficiency: data / setDriveCount,
  };
}
