// What a MinIO server does for one request, as small state machines driven by the replies of the drives involved
// (cmd/erasure-object.go putObject / getObjectWithFileInfo, cmd/erasure-healing.go healObject).
//
//   pool  with several server pools, put, get and heal first read xl.meta in the object's set of every pool: the
//         pool that has the object is where it is read, healed and overwritten; a new object goes to a pool drawn
//         at random in proportion to the free space of its set there (cmd/erasure-server-pool.go getPoolIdx).
//   put   encode the object into data + parity shards, write each (with its bitrot hashes) into .minio.sys/tmp on
//         the drive that hashOrder gives it, then rename them into place; success needs the write quorum (data
//         shards, +1 when data == parity) at both steps. Short of it, the staged shards are deleted and the client
//         gets InsufficientWriteQuorum: the previous version stays.
//   get   read xl.meta from every drive of the set; the newest version held by at least its read quorum (its data
//         shard count) is the object. Read data shards first; a missing or corrupt one (bitrot hash mismatch) is
//         replaced by a parity shard and the object is queued for healing. Fewer than `data` good shards:
//         InsufficientReadQuorum. The bytes returned always hash to what was written, or the read fails.
//   heal  like a get of every shard; the shards missing, outdated or corrupt on drives that are online are rebuilt
//         from the others and written back.

import type { Completion } from "../../sim/types";
import { decodeObject, encodeObject, fromHex, readShardFile, rebuildShards, toHex } from "./codec";
import type { MinioConfig } from "./config";
import { ERR_DRIVE_FULL, ERR_DRIVE_OFFLINE, ERR_FILE_NOT_FOUND, newerThan, type ShardMeta } from "./drive";
import { type DriveRef, type Layout, placementOf } from "./layout";
import { sha256Bytes } from "./node";
import { readQuorum } from "./quorum";
import { putParity } from "./storage-class";
import type { DriveReply, DriveRequest } from "./wire";

export interface OperationHost {
  readonly self: string;
  /** The server pools, in the order they were added (one for most deployments). */
  readonly pools: readonly Layout[];
  readonly cfg: MinioConfig;
  /** A number in [0, 1) from the server's own seeded stream (a new object's pool is drawn at random). */
  random(): number;
  now(): number;
  /** Sends a request to a server (this one answers at once). */
  ask(server: string, msg: DriveRequest): void;
  abort(server: string, upload: string, drives: string[]): void;
  /** Releases a namespace lock on a server's locker. */
  unlock(server: string, resource: string, uid: string): void;
  respond(requestId: number, completion: Completion): void;
  /** (Re)arms this operation's single timeout. */
  armTimer(ms: number): void;
  /** The operation is over: forget it. */
  done(): void;
  /**
   * Queue an object for healing; deep: verify every shard's bitrot hashes (a read found a corrupt one); recheck: a
   * heal found too few intact shards and looks once more, with fresh metadata, before it declares the object lost.
   */
  needsHealing(object: string, deep?: boolean, recheck?: boolean): void;
  /** What the coordinator last saw of a drive: online (it answered) or offline (an error or no answer). */
  observe(drive: string, online: boolean): void;
  /** Whether this server currently believes a drive offline (its disk health tracking): it is not asked. */
  isOffline(drive: string): boolean;
  emit(kind: string, text: string): void;
  finishedHeal(): void;
}

/** Every operation a server runs: started once, fed replies, and told when its timer runs out. */
export interface Operation {
  readonly object: string;
  start(): void;
  reply(from: string, r: DriveReply): void;
  timedOut(): void;
  describe(): string;
}

export const ERR_WRITE_QUORUM = "InsufficientWriteQuorum: Storage resources are insufficient for the write operation";
export const ERR_READ_QUORUM = "InsufficientReadQuorum: Storage resources are insufficient for the read operation";
export const ERR_DISK_FULL = "XMinioStorageFull: Storage backend has reached its minimum free drive threshold. Please delete a few objects to proceed.";

function byServer(drives: readonly DriveRef[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const d of drives) out.set(d.server, [...(out.get(d.server) ?? []), d.id]);
  return out;
}

/** Bytes of one shard file of an object: its share of every block, each block's share behind a 32-byte hash. */
function shardFileBytes(size: number, data: number, blockSize: number): number {
  const blocks = Math.max(1, Math.ceil(size / blockSize));
  return Math.ceil(size / Math.max(1, data)) + 32 * blocks;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

// --- put -----------------------------------------------------------------------------------------------------------

export class PutOperation implements Operation {
  private shards: DriveRef[] = [];
  /** Several pools: xl.meta of the object's set in each, to find the pool that has it or the room for it. */
  private lookup: PoolLookup | undefined;
  private data: number;
  private parityCount: number;
  private quorum = 0;
  private upgradedFrom: number | undefined;
  private readonly upload: string;
  private phase: "write" | "commit" = "write";
  private readonly answers = new Map<string, string | null>();
  private readonly commits = new Map<string, string | null>();

  constructor(
    private readonly op: number,
    private readonly host: OperationHost,
    private readonly requestId: number,
    readonly object: string,
    private readonly bytes: Uint8Array,
    /** The parity a new object gets in a pool of this erasure set size (the storage class). */
    private readonly parityFor: (setSize: number) => number,
    private readonly versionNo: number,
  ) {
    this.parityCount = 0;
    this.data = 0;
    this.upload = `${host.self}-${versionNo}`;
  }

  describe(): string {
    if (this.lookup) return `put ${this.object}: looking for its pool`;
    return `put ${this.object}: ${this.phase === "write" ? `${this.answers.size} of ${this.shards.length} shards written` : `${this.commits.size} renamed`}, write quorum ${this.quorum}`;
  }

  start(): void {
    const h = this.host;
    if (h.pools.length === 1) return this.write(h.pools[0]);
    this.lookup = new PoolLookup(this.op, h, this.object, true);
    this.lookup.start();
    if (this.lookup.settled) this.pickPool();
  }

  /**
   * The pool that has the object already takes the new version; a new object goes to a pool drawn in proportion
   * to the free space of its erasure set there. A pool where one of those drives has no room for its shard gets
   * nothing (MinIO's getServerPoolsAvailableSpace).
   */
  private pickPool(): void {
    const h = this.host;
    const lookup = this.lookup as PoolLookup;
    this.lookup = undefined;
    const found = lookup.choose();
    if (typeof found === "object") return this.write(h.pools[found.round.pool]);
    const room = lookup.rounds.map((round) => {
      const pool = h.pools[round.pool];
      const shardBytes = shardFileBytes(this.bytes.length, pool.setSize - this.parityFor(pool.setSize), h.cfg.blockSize);
      const free = [...round.entries.values()].map((e) => e.free).filter((f): f is number => f !== undefined);
      return free.length === 0 || free.some((f) => f < shardBytes) ? 0 : free.reduce((a, b) => a + b, 0);
    });
    const total = room.reduce((a, b) => a + b, 0);
    if (total === 0) {
      h.respond(this.requestId, { type: "fail", error: ERR_DISK_FULL });
      h.done();
      return;
    }
    const choose = Math.floor(h.random() * total);
    let at = 0;
    const pool = room.findIndex((r) => (at += r) > choose);
    this.write(h.pools[pool]);
  }

  private write(layout: Layout): void {
    const h = this.host;
    this.shards = placementOf(layout, this.object, h.cfg.deploymentId).shards;
    this.parityCount = this.parityFor(layout.setSize);
    this.data = this.shards.length - this.parityCount;
    // Availability-optimized writes: every drive this server believes offline adds a parity shard (up to half).
    const plan = putParity(this.shards.length, this.parityCount, this.shards.filter((d) => h.isOffline(d.id)).length);
    if (!plan.ok) {
      h.respond(this.requestId, { type: "fail", error: `${ERR_WRITE_QUORUM} (${plan.offlineDrives} of ${this.shards.length} drives offline)` });
      h.done();
      return;
    }
    this.parityCount = plan.parity;
    this.data = plan.dataBlocks;
    this.quorum = plan.writeQuorum;
    this.upgradedFrom = plan.upgradedFrom;
    const files = encodeObject(this.bytes, this.data, this.parityCount, h.cfg.blockSize);
    const sha256 = sha256Bytes(this.bytes);
    const version = `${h.self}.${this.versionNo}`;
    h.armTimer(h.cfg.requestTimeoutMs);
    this.shards.forEach((drive, index) => {
      // A drive known to be offline is not asked (MinIO leaves offline disks out of the write).
      if (h.isOffline(drive.id)) {
        this.answers.set(drive.id, ERR_DRIVE_OFFLINE);
        return;
      }
      const meta: ShardMeta = { version, modTime: h.now(), data: this.data, parity: this.parityCount, index, size: this.bytes.length, blockSize: h.cfg.blockSize, sha256 };
      h.ask(drive.server, { kind: "shard-write", op: this.op, drive: drive.id, object: this.object, upload: this.upload, shard: { meta, file: toHex(files[index]) } });
    });
    if (this.answers.size === this.shards.length) this.decide();
  }

  reply(from: string, r: DriveReply): void {
    if (this.lookup) {
      if (this.lookup.take(from, r)) this.pickPool();
    } else if (this.phase === "write" && r.kind === "written" && !this.answers.has(r.drive)) {
      this.answers.set(r.drive, r.error ?? null);
      this.host.observe(r.drive, r.error !== ERR_DRIVE_OFFLINE);
      if (this.answers.size === this.shards.length) this.decide();
    } else if (this.phase === "commit" && r.kind === "committed" && !this.commits.has(r.drive)) {
      this.commits.set(r.drive, r.error ?? null);
      if (this.commits.size === this.written().length) this.finish();
    }
  }

  timedOut(): void {
    if (this.lookup) {
      this.lookup.close();
      this.pickPool();
    } else if (this.phase === "write") {
      for (const d of this.shards) if (!this.answers.has(d.id)) this.host.observe(d.id, false);
      this.decide();
    } else this.finish();
  }

  private written(): string[] {
    return this.shards.filter((d) => this.answers.get(d.id) === null).map((d) => d.id);
  }

  private decide(): void {
    const h = this.host;
    const written = this.written();
    if (written.length < this.quorum) {
      for (const [server, drives] of byServer(this.shards.filter((d) => written.includes(d.id)))) h.abort(server, this.upload, drives);
      const full = [...this.answers.values()].filter((e) => e === ERR_DRIVE_FULL).length;
      // Drives out of room make it a full cluster, not a missing quorum (MinIO reduces errDiskFull to StorageFull).
      const error = full > 0 && written.length + full >= this.quorum ? ERR_DISK_FULL : ERR_WRITE_QUORUM;
      h.respond(this.requestId, { type: "fail", error: `${error} (${written.length} of ${this.shards.length} drives took the shard; ${this.quorum} needed${full > 0 ? `; ${full} full` : ""})` });
      h.done();
      return;
    }
    this.phase = "commit";
    h.armTimer(h.cfg.requestTimeoutMs);
    for (const d of this.shards) if (written.includes(d.id)) h.ask(d.server, { kind: "commit", op: this.op, drive: d.id, upload: this.upload });
  }

  private finish(): void {
    const h = this.host;
    const committed = [...this.commits].filter(([, e]) => e === null).length;
    const missing = this.shards.filter((d) => this.commits.get(d.id) !== null).map((d) => d.id);
    if (committed >= this.quorum) {
      const degraded = missing.length > 0 ? `; ${missing.join(", ")} missed it and it is queued for healing` : "";
      const upgraded = this.upgradedFrom !== undefined ? ` (parity raised from ${this.upgradedFrom} for the drives offline)` : "";
      h.respond(this.requestId, { type: "ok", note: `${this.data} data + ${this.parityCount} parity shards${upgraded} on ${committed} of ${this.shards.length} drives (write quorum ${this.quorum})${degraded}` });
      if (missing.length > 0) h.needsHealing(this.object);
    } else {
      h.respond(this.requestId, { type: "info", error: `${ERR_WRITE_QUORUM} (only ${committed} of ${this.quorum} shards renamed into place: the outcome is unknown)` });
    }
    h.done();
  }
}

// --- reading metadata: the first step of get and heal ---------------------------------------------------------------

interface MetaEntry {
  meta?: ShardMeta;
  error?: string;
  /** Free bytes on the drive, when asked (a put choosing a pool). */
  free?: number;
  /** Not asked (believed offline) or no answer in time: counted as offline, but what it holds is unknown. */
  unknown?: boolean;
}

/** Reads xl.meta from every drive of an object's set in one pool and picks the version with read quorum. */
class MetaRound {
  readonly entries = new Map<string, MetaEntry>();
  private readonly waiting = new Set<string>();
  readonly shards: DriveRef[];
  readonly pool: number;

  constructor(
    private readonly op: number,
    private readonly host: OperationHost,
    readonly object: string,
    layout: Layout,
    private readonly free = false,
  ) {
    this.shards = placementOf(layout, object, host.cfg.deploymentId).shards;
    this.pool = layout.pool;
  }

  /** Sends the reads (the caller arms the timer). */
  start(): void {
    const h = this.host;
    const online = this.shards.filter((d) => !h.isOffline(d.id));
    for (const d of this.shards) if (h.isOffline(d.id)) this.entries.set(d.id, { error: ERR_DRIVE_OFFLINE, unknown: true });
    this.waiting.clear();
    for (const d of online) this.waiting.add(d.server);
    for (const [server, drives] of byServer(online)) h.ask(server, { kind: "meta-read", op: this.op, object: this.object, drives, ...(this.free ? { free: true } : {}) });
  }

  /** True when there was nobody to ask (every drive offline). */
  get settled(): boolean {
    return this.waiting.size === 0;
  }

  /** Takes a `metas` reply; true once every server answered. */
  take(from: string, r: DriveReply): boolean {
    if (r.kind !== "metas" || !this.waiting.delete(from)) return false;
    for (const e of r.entries) {
      const free = e.free !== undefined ? { free: e.free } : {};
      this.entries.set(e.drive, e.meta ? { meta: e.meta, ...free } : { error: e.error, ...free });
      this.host.observe(e.drive, e.error !== ERR_DRIVE_OFFLINE);
    }
    return this.waiting.size === 0;
  }

  /** Drives that did not answer count as offline. */
  close(): void {
    for (const d of this.shards) {
      if (this.entries.has(d.id)) continue;
      this.entries.set(d.id, { error: ERR_DRIVE_OFFLINE, unknown: true });
      this.host.observe(d.id, false);
    }
    this.waiting.clear();
  }

  /**
   * The newest version that at least its read quorum of drives hold, or why there is none: "absent" when at least
   * half the drives say the object does not exist, "no-quorum" otherwise.
   */
  choose(): { version: ShardMeta; holders: Map<number, DriveRef> } | "absent" | "no-quorum" {
    const counts = new Map<string, { meta: ShardMeta; n: number }>();
    for (const e of this.entries.values()) {
      if (!e.meta) continue;
      const c = counts.get(e.meta.version);
      if (c) c.n++;
      else counts.set(e.meta.version, { meta: e.meta, n: 1 });
    }
    const quorate = [...counts.values()]
      .filter((c) => c.n >= readQuorum(c.meta.data + c.meta.parity, c.meta.parity))
      .sort((a, b) => b.meta.modTime - a.meta.modTime || (a.meta.version < b.meta.version ? 1 : -1));
    if (quorate.length > 0) {
      const version = quorate[0].meta;
      const holders = new Map<number, DriveRef>();
      for (const d of this.shards) {
        const m = this.entries.get(d.id)?.meta;
        if (m?.version === version.version) holders.set(m.index, d);
      }
      return { version, holders };
    }
    const absent = [...this.entries.values()].filter((e) => e.error !== undefined && e.error !== ERR_DRIVE_OFFLINE).length;
    return counts.size === 0 && absent >= Math.ceil(this.shards.length / 2) ? "absent" : "no-quorum";
  }

  /** Drives (online) that do not hold `version`. */
  lacking(version: string): DriveRef[] {
    return this.shards.filter((d) => {
      const e = this.entries.get(d.id);
      return e?.error !== ERR_DRIVE_OFFLINE && e?.meta?.version !== version;
    });
  }
}

/** xl.meta of an object's set in every pool at once; the object is in the pool with its newest quorate version. */
class PoolLookup {
  readonly rounds: MetaRound[];

  constructor(op: number, host: OperationHost, object: string, free = false) {
    this.rounds = host.pools.map((layout) => new MetaRound(op, host, object, layout, free));
    this.host = host;
  }

  private readonly host: OperationHost;

  start(): void {
    this.host.armTimer(this.host.cfg.requestTimeoutMs);
    for (const r of this.rounds) r.start();
  }

  get settled(): boolean {
    return this.rounds.every((r) => r.settled);
  }

  /** Takes a `metas` reply (pools have servers of their own: the sender says which round it is for). */
  take(from: string, r: DriveReply): boolean {
    const round = this.rounds.find((m) => m.shards.some((d) => d.server === from));
    return round !== undefined && round.take(from, r) && this.settled;
  }

  close(): void {
    for (const r of this.rounds) r.close();
  }

  /**
   * The newest quorate version in any pool (and the pool's round), else "no-quorum" when some pool cannot tell,
   * else "absent".
   */
  choose(): { round: MetaRound; version: ShardMeta; holders: Map<number, DriveRef> } | "absent" | "no-quorum" {
    let best: { round: MetaRound; version: ShardMeta; holders: Map<number, DriveRef> } | undefined;
    let unsure = false;
    for (const round of this.rounds) {
      const c = round.choose();
      if (c === "no-quorum") unsure = true;
      else if (c !== "absent" && (!best || newerThan(c.version, best.version))) best = { round, ...c };
    }
    return best ?? (unsure ? "no-quorum" : "absent");
  }
}

// --- reading shards: the second step of get and heal ----------------------------------------------------------------

/** Why a shard read failed when its server did not answer: the shard may well be intact. */
const NO_ANSWER = "no answer in time";

class ShardRound {
  readonly good = new Map<number, Uint8Array>();
  readonly bad = new Map<number, string>();
  /** Shards that were there but failed their bitrot check (a subset of `bad`). */
  readonly corrupt = new Set<number>();
  private readonly asked = new Set<number>();

  constructor(
    private readonly op: number,
    private readonly host: OperationHost,
    private readonly object: string,
    readonly version: ShardMeta,
    readonly holders: Map<number, DriveRef>,
  ) {}

  /** Asks for shards (data shards first) until `want` are good or in flight; false when none is left to ask. */
  askMore(want: number): boolean {
    let asked = false;
    const order = [...this.holders.keys()].sort((a, b) => a - b);
    for (const index of order) {
      if (this.good.size + this.inFlight() >= want) break;
      if (this.asked.has(index)) continue;
      this.asked.add(index);
      asked = true;
      const d = this.holders.get(index) as DriveRef;
      this.host.ask(d.server, { kind: "shard-read", op: this.op, drive: d.id, object: this.object, version: this.version.version });
    }
    return asked || this.inFlight() > 0;
  }

  inFlight(): number {
    return this.asked.size - this.good.size - this.bad.size;
  }

  /** Takes a `shard` reply: checks its bitrot hashes. */
  take(r: DriveReply): boolean {
    // A late answer to an earlier round of the same operation (another version) is not this round's.
    if (r.kind !== "shard" || (r.version !== undefined && r.version !== this.version.version)) return false;
    const index = [...this.holders].find(([, d]) => d.id === r.drive)?.[0];
    if (index === undefined || !this.asked.has(index) || this.good.has(index) || this.bad.has(index)) return false;
    const stream = r.file === undefined ? null : readShardFile(fromHex(r.file), this.version.blockSize, this.version.data);
    if (stream) this.good.set(index, stream);
    else this.bad.set(index, r.error ?? "bitrot: hash mismatch");
    if (!stream && r.file !== undefined) this.corrupt.add(index);
    return true;
  }

  /** Shards not answered in time count as bad. */
  expire(): void {
    for (const index of this.asked) if (!this.good.has(index) && !this.bad.has(index)) this.bad.set(index, NO_ANSWER);
  }

  streams(total: number): (Uint8Array | null)[] {
    return Array.from({ length: total }, (_, i) => this.good.get(i) ?? null);
  }
}

// --- get -----------------------------------------------------------------------------------------------------------

export class GetOperation implements Operation {
  private metas: PoolLookup;
  private reads: ShardRound | undefined;
  private rereadMeta = false;

  constructor(
    private readonly op: number,
    private readonly host: OperationHost,
    private readonly requestId: number,
    readonly object: string,
  ) {
    this.metas = new PoolLookup(op, host, object);
  }

  describe(): string {
    return `get ${this.object}: ${this.reads ? `${this.reads.good.size} good shards of ${this.reads.version.data} needed` : "reading metadata"}`;
  }

  start(): void {
    this.metas.start();
    if (this.metas.settled) this.afterMeta();
  }

  reply(from: string, r: DriveReply): void {
    if (!this.reads) {
      if (this.metas.take(from, r)) this.afterMeta();
    } else if (this.reads.take(r)) this.progress();
  }

  timedOut(): void {
    if (!this.reads) {
      this.metas.close();
      this.afterMeta();
    } else {
      this.reads.expire();
      this.progress();
    }
  }

  private afterMeta(): void {
    const h = this.host;
    const chosen = this.metas.choose();
    if (chosen === "absent") {
      h.respond(this.requestId, { type: "ok", value: null, note: "no such object" });
      h.done();
      return;
    }
    if (chosen === "no-quorum") {
      h.respond(this.requestId, { type: "fail", error: `${ERR_READ_QUORUM} (no version of ${this.object} is on enough drives)` });
      h.done();
      return;
    }
    if (chosen.round.lacking(chosen.version.version).length > 0) h.needsHealing(this.object);
    this.reads = new ShardRound(this.op, h, this.object, chosen.version, chosen.holders);
    h.armTimer(h.cfg.requestTimeoutMs);
    this.reads.askMore(chosen.version.data);
  }

  private progress(): void {
    const h = this.host;
    const reads = this.reads as ShardRound;
    const v = reads.version;
    // A corrupt shard is healed only by a heal that verifies bitrot (MinIO queues it with HealDeepScan): a normal
    // heal looks at xl.meta alone, which is intact, and would leave the rotten shard where it is.
    if (reads.bad.size > 0) h.needsHealing(this.object, reads.corrupt.size > 0);
    if (reads.good.size >= v.data) {
      const bytes = decodeObject(reads.streams(v.data + v.parity), v.data, v.parity, v.size, v.blockSize);
      const sha = sha256Bytes(bytes);
      const rebuilt = [...reads.good.keys()].some((i) => i >= v.data);
      const bad = [...reads.bad.keys()].map((i) => `shard ${i + 1} (${reads.bad.get(i)})`);
      if (sha !== v.sha256) {
        // Cannot happen while the coder is right; never hand out bytes that are not what was written.
        h.respond(this.requestId, { type: "fail", error: `InternalError: the rebuilt bytes of ${this.object} do not match their checksum` });
      } else {
        const how = rebuilt ? `rebuilt from ${reads.good.size} shards (${bad.join(", ") || "data shards missing"} replaced by parity)` : `read from its ${v.data} data shards`;
        h.respond(this.requestId, { type: "ok", value: sha, note: `${how}; EC ${v.data}+${v.parity}` });
      }
      h.done();
      return;
    }
    if (!reads.askMore(v.data)) {
      if (!this.rereadMeta && [...reads.bad.values()].includes(ERR_FILE_NOT_FOUND)) {
        // Drives that held this version when xl.meta was read hold it no more: a put renamed a newer one into place
        // in between (MinIO's namespace lock would have made this get wait for the put). Read xl.meta again.
        this.rereadMeta = true;
        this.reads = undefined;
        this.metas = new PoolLookup(this.op, h, this.object);
        this.start();
        return;
      }
      h.respond(this.requestId, {
        type: "fail",
        error: `${ERR_READ_QUORUM} (${reads.good.size} good shards of ${this.object}, ${v.data} needed: ${plural(reads.bad.size, "shard")} missing or corrupt)`,
      });
      h.done();
    } else h.armTimer(h.cfg.requestTimeoutMs);
  }
}

// --- heal ----------------------------------------------------------------------------------------------------------

export class HealOperation implements Operation {
  private readonly metas: PoolLookup;
  /** The pool's round that holds the version being healed. */
  private round: MetaRound | undefined;
  private reads: ShardRound | undefined;
  /** Drive -> undefined while the write is out, then null (written) or the error. */
  private writes: Map<string, string | null | undefined> | undefined;
  private targets: { index: number; drive: DriveRef }[] = [];

  constructor(
    private readonly op: number,
    private readonly host: OperationHost,
    readonly object: string,
    private readonly deep: boolean,
    /** A second look at an object the first heal found short of intact shards: now a shortfall means it is lost. */
    private readonly recheck = false,
  ) {
    this.metas = new PoolLookup(op, host, object);
  }

  describe(): string {
    return `heal ${this.object}${this.deep ? " (deep)" : ""}`;
  }

  start(): void {
    this.metas.start();
    if (this.metas.settled) this.afterMeta();
  }

  reply(from: string, r: DriveReply): void {
    if (this.writes) {
      if (r.kind === "written" && this.writes.has(r.drive) && this.writes.get(r.drive) === undefined) {
        this.writes.set(r.drive, r.error ?? null);
        if ([...this.writes.values()].every((e) => e !== undefined)) this.finishWrites();
      }
    } else if (this.reads) {
      if (this.reads.take(r) && this.reads.inFlight() === 0) this.afterReads();
    } else if (this.metas.take(from, r)) this.afterMeta();
  }

  timedOut(): void {
    if (this.writes) this.finishWrites();
    else if (this.reads) {
      this.reads.expire();
      this.afterReads();
    } else {
      this.metas.close();
      this.afterMeta();
    }
  }

  private end(): void {
    this.host.done();
    this.host.finishedHeal();
  }

  private afterMeta(): void {
    const chosen = this.metas.choose();
    if (chosen === "absent") return this.end();
    if (chosen === "no-quorum") {
      this.host.emit("heal-failed", `${this.object} cannot be healed: no version of it is on enough drives to read`);
      return this.end();
    }
    this.round = chosen.round;
    const lacking = chosen.round.lacking(chosen.version.version);
    if (lacking.length === 0 && !this.deep) return this.end();
    this.reads = new ShardRound(this.op, this.host, this.object, chosen.version, chosen.holders);
    this.host.armTimer(this.host.cfg.requestTimeoutMs);
    // Every shard there is: a deep heal verifies each one, and the rebuild needs `data` good ones anyway.
    this.reads.askMore(chosen.holders.size);
    if (this.reads.inFlight() === 0) this.afterReads();
  }

  private afterReads(): void {
    const reads = this.reads as ShardRound;
    const v = reads.version;
    const round = this.round as MetaRound;
    this.targets = round.shards
      .map((drive, index) => ({ index, drive }))
      .filter(({ index, drive }) => round.entries.get(drive.id)?.error !== ERR_DRIVE_OFFLINE && !reads.good.has(index));
    if (this.targets.length === 0) return this.end();
    if (reads.good.size < v.data) {
      this.shortOfShards(reads);
      return;
    }
    const files = rebuildShards(reads.streams(v.data + v.parity), v.data, v.parity, v.size, v.blockSize);
    this.writes = new Map(this.targets.map((t) => [t.drive.id, undefined]));
    this.host.armTimer(this.host.cfg.requestTimeoutMs);
    for (const t of this.targets) {
      const meta: ShardMeta = { ...v, index: t.index };
      this.host.ask(t.drive.server, { kind: "shard-write", op: this.op, drive: t.drive.id, object: this.object, shard: { meta, file: toHex(files[t.index]) } });
    }
  }

  /**
   * Fewer intact shards answered than the object needs. It is lost only if no drive can still have one: heals run
   * without MinIO's object lock here, so a put may be renaming this version (or a newer one) into place right now,
   * and drives that were not asked or did not answer may hold intact shards.
   */
  private shortOfShards(reads: ShardRound): void {
    const v = reads.version;
    const h = this.host;
    if ([...reads.bad.values()].includes(ERR_FILE_NOT_FOUND)) {
      // A drive that held this version in xl.meta a moment ago has it no more: a put replaced it while this heal ran.
      h.needsHealing(this.object, this.deep);
      this.end();
      return;
    }
    const unknown = [...reads.bad.values()].filter((e) => e === NO_ANSWER).length + [...(this.round as MetaRound).entries.values()].filter((e) => e.unknown).length;
    if (reads.good.size + unknown >= v.data) {
      h.emit("heal-failed", `${this.object} cannot be healed now: ${reads.good.size} intact shards answered, ${v.data} needed (${plural(unknown, "drive")} unreachable)`);
      this.end();
      return;
    }
    if (!this.recheck) {
      // Drives that lacked the version when xl.meta was read may be taking it from a put right now: look again.
      h.needsHealing(this.object, this.deep, true);
      this.end();
      return;
    }
    h.emit("object-lost", `${this.object} cannot be healed: ${reads.good.size} intact shards, ${v.data} needed — the object is lost`);
    this.end();
  }

  private finishWrites(): void {
    const writes = this.writes as Map<string, string | null | undefined>;
    const done = [...writes].filter(([, e]) => e === null).map(([d]) => d);
    if (done.length > 0) this.host.emit("healed", `healed ${this.object}: rebuilt ${plural(done.length, "shard")} onto ${done.join(", ")}`);
    this.end();
  }
}

// --- list (a heal sweep asks every server what its drives hold) -----------------------------------------------------

export class ListOperation implements Operation {
  private readonly waiting: Set<string>;
  private readonly found = new Set<string>();
  readonly object = "";

  constructor(
    private readonly op: number,
    private readonly host: OperationHost,
    private readonly servers: readonly string[],
    private readonly then: (objects: string[]) => void,
  ) {
    this.waiting = new Set(servers);
  }

  describe(): string {
    return `listing objects on ${[...this.waiting].join(", ")}`;
  }

  start(): void {
    this.host.armTimer(this.host.cfg.requestTimeoutMs);
    for (const server of this.servers) {
      const drives = this.host.pools.flatMap((p) => p.drives).filter((d) => d.server === server).map((d) => d.id);
      this.host.ask(server, { kind: "list", op: this.op, drives });
    }
  }

  reply(from: string, r: DriveReply): void {
    if (r.kind !== "listing" || !this.waiting.delete(from)) return;
    for (const o of r.objects) this.found.add(o);
    if (this.waiting.size === 0) this.timedOut();
  }

  timedOut(): void {
    this.host.done();
    this.then([...this.found].sort());
  }
}
