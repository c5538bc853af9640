// MinIO's settings as a level may set them (cluster.config), with MinIO's defaults and plain-words errors.
// The servers are the level's nodes; each has `drivesPerServer` drives, as `minio server http://n{1...4}/d{1...4}`.

export interface MinioConfig {
  /** Drives on every server. */
  drivesPerServer: number;
  /**
   * The STANDARD storage class parity (MINIO_STORAGE_CLASS_STANDARD=EC:N); null: MinIO's default for the erasure
   * set size (storage-class.ts). The operator can change it at run time; each object keeps the parity it was
   * written with (in its xl.meta).
   */
  parity: number | null;
  /** The deployment id (format.json); it keys the SipHash that picks an object's erasure set. */
  deploymentId: string;
  /** Erasure block size (blockSizeV2 = 1 MiB): objects are coded block by block. */
  blockSize: number;
  /** A drive or server that has not answered by then counts as offline for the request. */
  requestTimeoutMs: number;
  /**
   * The data scanner's cycle: each server walks the objects on its drives and queues for healing those missing
   * shards on a drive. It does not verify bitrot (that is the deep scan, `mc admin heal --scan deep`, or
   * heal bitrotscan=on).
   */
  scannerIntervalMs: number;
  /** The healer's pause between two objects (the heal subsystem's max_sleep throttle). */
  healSleepMs: number;
  /**
   * Bytes each drive holds. With several server pools a new object goes to a pool in proportion to the free space
   * of its erasure set there, and a full drive takes nothing more (XMinioStorageFull).
   */
  driveCapacity: number;
}

export const MINIO_DEFAULTS: Readonly<MinioConfig> = Object.freeze({
  drivesPerServer: 4,
  parity: null,
  deploymentId: "f5c58c61-7175-4018-ab5e-a94fe9c2de4e",
  blockSize: 1024 * 1024,
  requestTimeoutMs: 2000,
  scannerIntervalMs: 60_000,
  healSleepMs: 250,
  driveCapacity: 1024 * 1024 * 1024,
} satisfies MinioConfig);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function whole(key: string, v: unknown, min: number, max: number): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < min || v > max) {
    throw new Error(`minio setting ${key} must be a whole number from ${min} to ${max}, got ${JSON.stringify(v)}`);
  }
  return v;
}

/** Reads and checks a level's MinIO config; throws an Error naming the setting and what was expected. */
export function parseMinioConfig(raw: Readonly<Record<string, unknown>>): MinioConfig {
  const known = Object.keys(MINIO_DEFAULTS);
  for (const key of Object.keys(raw)) {
    if (!known.includes(key)) throw new Error(`minio has no setting "${key}"; the settings are ${known.join(", ")}`);
  }
  const cfg: MinioConfig = { ...MINIO_DEFAULTS };
  if (raw.drivesPerServer !== undefined) cfg.drivesPerServer = whole("drivesPerServer", raw.drivesPerServer, 1, 32);
  if (raw.parity !== undefined && raw.parity !== null) cfg.parity = whole("parity", raw.parity, 0, 8);
  if (raw.deploymentId !== undefined) {
    if (typeof raw.deploymentId !== "string" || !UUID.test(raw.deploymentId)) {
      throw new Error(`minio setting deploymentId must be a UUID such as ${MINIO_DEFAULTS.deploymentId}, got ${JSON.stringify(raw.deploymentId)}`);
    }
    cfg.deploymentId = raw.deploymentId;
  }
  if (raw.blockSize !== undefined) cfg.blockSize = whole("blockSize", raw.blockSize, 64, 16 * 1024 * 1024);
  if (raw.requestTimeoutMs !== undefined) cfg.requestTimeoutMs = whole("requestTimeoutMs", raw.requestTimeoutMs, 1, 600_000);
  if (raw.scannerIntervalMs !== undefined) cfg.scannerIntervalMs = whole("scannerIntervalMs", raw.scannerIntervalMs, 100, 3_600_000);
  if (raw.healSleepMs !== undefined) cfg.healSleepMs = whole("healSleepMs", raw.healSleepMs, 0, 60_000);
  if (raw.driveCapacity !== undefined) cfg.driveCapacity = whole("driveCapacity", raw.driveCapacity, 1024, Number.MAX_SAFE_INTEGER);
  return cfg;
}
