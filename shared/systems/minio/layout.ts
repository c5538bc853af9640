// Where MinIO puts things. The drives of a pool are listed as `minio server` expands its ellipses, then cut into
// erasure sets of equal size (the largest divisor of the drive count in 2..16). An object's set is
// sipHashMod(object, sets, deploymentID); inside the set, hashOrder(object, setSize) rotates which drive holds
// which shard (cmd/erasure-sets.go, cmd/erasure-metadata-utils.go: shuffleDisks puts the drive at position i in
// charge of shard distribution[i]).
//
// The drive list runs as MinIO expands `http://n{1...4}/d{1...4}`: the host varies fastest (n1/d1, n2/d1, ...,
// n1/d2, ...; placement/sets.ts ellipsisOrder), so each erasure set spreads over every server it can. The set size
// must also fit the server count evenly (possibleSetCountsWithSymmetry). MinIO hashes "bucket/object" for the
// shard order; there are no buckets here, so the object name alone is hashed, for the set and the order alike.
//
// Server pools: a deployment grows by whole pools (`minio server POOL1 POOL2`), each with its own drives and erasure
// sets. An object lives in one pool; which one is decided when it is first written (operations.ts), never by hashing
// across pools, so adding a pool moves nothing.

import { erasureSetSize } from "./placement/sets";
import { hashOrder } from "./placement/hash-order";
import { sipHashMod } from "./placement/siphash";

export interface DriveRef {
  id: string;
  server: string;
}

/** One server pool: its drives in ellipsis order, cut into erasure sets. */
export interface Layout {
  /** The pool's number, from 0 in the order the pools were added. */
  pool: number;
  drives: DriveRef[];
  sets: DriveRef[][];
  setSize: number;
}

export function driveId(server: string, n: number): string {
  return `${server}/d${n}`;
}

export function layoutOf(servers: readonly string[], drivesPerServer: number, pool = 0): Layout {
  const drives: DriveRef[] = [];
  for (let d = 1; d <= drivesPerServer; d++) for (const server of servers) drives.push({ id: driveId(server, d), server });
  const setSize = drives.length === 1 ? 1 : erasureSetSize(drives.length, { servers: servers.length });
  const sets: DriveRef[][] = [];
  for (let i = 0; i < drives.length; i += setSize) sets.push(drives.slice(i, i + setSize));
  return { pool, drives, sets, setSize };
}

/** Every pool's layout, from the servers of each pool in the order the pools were added. */
export function poolsOf(pools: readonly (readonly string[])[], drivesPerServer: number): Layout[] {
  return pools.map((servers, i) => layoutOf(servers, drivesPerServer, i));
}

/** The erasure set of an object, and its drives in shard order: shards[i] is the drive that holds shard i. */
export function placementOf(layout: Layout, object: string, deploymentId: string): { set: number; shards: DriveRef[] } {
  const set = layout.sets.length === 1 ? 0 : sipHashMod(object, layout.sets.length, deploymentId);
  const drives = layout.sets[set];
  const distribution = hashOrder(object, drives.length);
  const shards: DriveRef[] = new Array(drives.length);
  drives.forEach((drive, i) => {
    shards[distribution[i] - 1] = drive;
  });
  return { set, shards };
}
