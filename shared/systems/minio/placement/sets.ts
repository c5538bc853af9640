// How MinIO cuts a pool's drives into erasure sets: cmd/endpoint-ellipses.go getSetIndexes, commonSetDriveCount and
// possibleSetCountsWithSymmetry, and the drive order of minio/pkg ellipses ArgPattern.Expand.
//
// The set size is the largest of setSizes = {2..16} that divides the pool's drive count and is "symmetric" with the
// servers: MinIO compares each candidate with the length of the last ellipsis pattern it parsed, which is the leftmost
// one of the argument, i.e. the host range in `http://host{1...N}/data{1...M}`. A candidate s passes when
// N % s == 0 (N > s) or s % N == 0 (otherwise). That is why FACTS §7.1's "largest divisor in 2..16" is not the whole
// rule: 360 drives on 2 hosts get sets of 12, not 15, and 17 hosts × 832 drives has no valid size at all. Upstream
// vectors (cmd/endpoint-ellipses_test.go TestGetSetIndexes): 3 → 3; 27 → 9; 24 → 12; 64 → 16; 4 → 4;
// 3 hosts × 180 → 15; 2 hosts × 180 → 12; 2 hosts × 4 racks × 180 → 16; 16 × 52 → 16; 11 controllers × 8 → 11;
// `data{1...17}/export{1...52}` with 14144 drives → error. MINIO_ERASURE_SET_DRIVE_COUNT overrides the choice
// (any divisor in 2..16, no symmetry check). A single drive is MinIO's single-drive mode: one set of one.

/** cmd/endpoint-ellipses.go setSizes. */
export const SET_SIZES: readonly number[] = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];

export interface SetSizeOptions {
  /**
   * The number of servers the pool's drives are spread over (the host ellipsis, `http://host{1...servers}/...`).
   * Omitted or 1: no symmetry constraint beyond divisibility (one server, or drives listed without ellipses).
   */
  servers?: number;
  /** MINIO_ERASURE_SET_DRIVE_COUNT: a fixed set size, which must divide the drive count and lie in 2..16. */
  setDriveCount?: number;
}

const SIZES_TEXT = `[${SET_SIZES.join(" ")}]`;

function checkCount(name: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`${name} must be a whole number >= 1, got ${n}`);
}

/**
 * The erasure set size for a pool of drivesPerPool drives. Throws, with MinIO's wording, when no set size works.
 */
export function erasureSetSize(drivesPerPool: number, options: SetSizeOptions = {}): number {
  checkCount("the number of drives in a pool", drivesPerPool);
  const { servers, setDriveCount } = options;
  if (servers !== undefined) {
    checkCount("the number of servers", servers);
    if (drivesPerPool % servers !== 0) throw new RangeError(`${drivesPerPool} drives cannot be spread evenly over ${servers} servers`);
  }
  if (drivesPerPool === 1 && setDriveCount === undefined) return 1;
  if (drivesPerPool < SET_SIZES[0] || (setDriveCount !== undefined && drivesPerPool < setDriveCount)) {
    throw new RangeError(`Incorrect number of endpoints provided: ${drivesPerPool} drives are too few for an erasure set`);
  }
  const divisors = SET_SIZES.filter((s) => drivesPerPool % s === 0);
  if (divisors.length === 0) {
    throw new RangeError(`Incorrect number of endpoints provided, number of drives ${drivesPerPool} is not divisible by any supported erasure set sizes ${SIZES_TEXT}`);
  }
  if (setDriveCount !== undefined) {
    if (!divisors.includes(setDriveCount)) {
      throw new RangeError(`Invalid set drive count. Acceptable values for ${drivesPerPool} number drives are [${divisors.join(" ")}]`);
    }
    return setDriveCount;
  }
  const symmetric = servers === undefined ? divisors : divisors.filter((s) => (servers > s ? servers % s === 0 : s % servers === 0));
  if (symmetric.length === 0) {
    throw new RangeError(`No symmetric distribution detected with input endpoints provided, drives ${drivesPerPool} cannot be spread symmetrically by any supported erasure set sizes ${SIZES_TEXT}`);
  }
  // commonSetDriveCount: the candidate leaving the fewest sets, i.e. the largest.
  return symmetric[symmetric.length - 1];
}

/**
 * The pool's drives in MinIO's order cut into consecutive sets of erasureSetSize(drives.length) (endpointSet.Get).
 * Pass the drives as ellipsisOrder lists them, so each set takes its drives from as many servers as it can.
 */
export function erasureSets<T>(drives: readonly T[], options: SetSizeOptions = {}): T[][] {
  const size = erasureSetSize(drives.length, options);
  const sets: T[][] = [];
  for (let i = 0; i < drives.length; i += size) sets.push(drives.slice(i, i + size));
  return sets;
}

/**
 * The drives of `http://host{1...S}/data{1...D}` in the order MinIO expands them (minio/pkg ellipses argExpander):
 * the host varies fastest, so host1/data1, host2/data1, ..., hostS/data1, host1/data2, ...
 */
export function ellipsisOrder<S, D>(servers: readonly S[], drivesPerServer: readonly D[]): { server: S; drive: D }[] {
  const out: { server: S; drive: D }[] = [];
  for (const drive of drivesPerServer) for (const server of servers) out.push({ server, drive });
  return out;
}
