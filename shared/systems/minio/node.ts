// One MinIO server on the simulation kernel. Every server is the same: it owns some drives, serves the requests
// other servers make of them, and coordinates the S3 requests clients send it (any server takes any request; there
// is no leader). Puts, gets and heals are small state machines in operations.ts; this file carries messages
// between them and the drives, and runs the heal queue and the data scanner.
//
// Every put and heal runs under its object's write lock and every get under its read lock (locks/: dsync over the
// lockers of the object's erasure set), so operations on one object never interleave.
//
// Durable (survives a crash): the drives and their contents, and the storage-class config. Volatile: requests in
// progress, the heal queue (MinIO's MRF queue lives in memory too) and the locks this server's locker grants.

import { Sha256 } from "../../sim/sha256";
import type { ClientRequest, Message, NodeContext, NodeId, NodeInspection, SystemNode } from "../../sim/types";
import { fromHex, toHex } from "./codec";
import type { MinioConfig } from "./config";
import { type Drive, ERR_DRIVE_FULL, ERR_DRIVE_OFFLINE, ERR_FILE_NOT_FOUND, ERR_NEWER_VERSION, newDrive, newerThan, own, type ShardFile, usedBytes } from "./drive";
import { driveId, type Layout, placementOf, poolsOf } from "./layout";
import { LockTable } from "./locks/lock-table";
import { ERR_LOCK_TIMEOUT, NamespaceLocked } from "./locks/namespace-lock";
import { GetOperation, HealOperation, ListOperation, type Operation, type OperationHost, PutOperation } from "./operations";
import { defaultParity } from "./storage-class";
import type { DriveReply, DriveRequest, MinioMessage } from "./wire";

/**
 * The cluster's config, the same on every server: the storage class and the server pools (MinIO's command line,
 * `minio server POOL1 POOL2`, which every server is restarted with when a pool is added).
 */
export interface StorageConfig {
  version: number;
  /** EC:N for STANDARD; null: MinIO's default for the set size. */
  parity: number | null;
  /** The servers of each pool, in the order the pools were added. */
  pools: string[][];
}

export interface MinioDurable {
  drives: Drive[];
  config: StorageConfig;
  /** Versions this server has coordinated, so version ids stay unique across restarts. */
  versions: number;
  /** How many times this server has started, so operation ids stay unique across restarts too. */
  incarnation?: number;
}

export type MinioCommand =
  | { kind: "fail-drive"; drive: string }
  | { kind: "replace-drive"; drive: string }
  | { kind: "bitrot"; drive: string; object?: string }
  | { kind: "heal"; deep: boolean }
  | { kind: "config"; config: StorageConfig };

const SCANNER = "scanner";
const HEAL_NEXT = "heal-next";
const OP_TIMER = "op";
const PROBE = "probe";
/** A lock nobody releases (its coordinator crashed) is dropped after this: MinIO's lock validity, one minute. */
const LOCK_VALIDITY_MS = 60_000;
/** How often a server checks whether the drives it saw offline are back. */
const PROBE_MS = 2000;

export class MinioNode implements SystemNode {
  readonly drives = new Map<string, Drive>();
  config: StorageConfig;
  private versions: number;
  private ctx!: NodeContext;
  private readonly ops = new Map<number, Operation>();
  /**
   * Operation ids tag requests to other servers and their replies. Replies sent to the incarnation before a crash
   * can still arrive after a restart, so each incarnation numbers its operations apart: a late answer to the old
   * op 1 (say, "file not found" for another object) must not be taken for the new op 1's.
   */
  private readonly incarnation: number;
  private nextOp: number;
  /** Objects waiting to be healed (deep: verify every shard's bitrot), in order, without duplicates. */
  readonly healQueue: { object: string; deep: boolean; recheck?: boolean }[] = [];
  /** The heal running now (under its lock, or waiting for it). */
  private healing: Operation | undefined;
  /** This server's locker: locks it granted to coordinators (its own included). Lost with a crash. */
  private readonly locks = new LockTable(LOCK_VALIDITY_MS);
  /** Replies of this server's own drives, delivered after the handler that asked (drainLocal). */
  private readonly localReplies: { op: number; reply: DriveReply }[] = [];
  /** Disk health tracking: drives this server saw fail to answer, until one answers again. */
  private readonly offlineDrives = new Set<string>();
  private healTimerSet = false;

  constructor(
    readonly id: NodeId,
    readonly cfg: MinioConfig,
    saved: MinioDurable | undefined,
    initialMembers: readonly NodeId[],
  ) {
    if (saved) {
      // At startup MinIO moves .minio.sys/tmp to the trash (formatErasureCleanupTmp): uploads staged on this
      // server's drives by puts that never renamed them (their coordinator crashed, or this server did) are gone.
      for (const d of saved.drives) this.drives.set(d.id, Object.keys(d.tmp).length > 0 ? { ...d, tmp: {}, rev: d.rev + 1 } : d);
      // A config saved before pools existed is one pool of the servers the cluster started with.
      this.config = { ...saved.config, pools: saved.config.pools ?? [[...initialMembers]] };
      this.versions = saved.versions;
      this.incarnation = (saved.incarnation ?? 0) + 1;
    } else {
      for (let n = 1; n <= cfg.drivesPerServer; n++) this.drives.set(driveId(id, n), newDrive(driveId(id, n)));
      this.config = { version: 0, parity: cfg.parity, pools: [[...initialMembers]] };
      this.versions = 0;
      this.incarnation = 0;
    }
    this.nextOp = this.incarnation * 1_000_000_000 + 1;
  }

  private poolCache: { pools: string[][]; layouts: Layout[] } | undefined;

  /** The server pools' layouts, from the cluster's config. */
  get pools(): Layout[] {
    if (this.poolCache?.pools !== this.config.pools) this.poolCache = { pools: this.config.pools, layouts: poolsOf(this.config.pools, this.cfg.drivesPerServer) };
    return this.poolCache.layouts;
  }

  /** The pool this server belongs to. */
  get pool(): Layout {
    return this.pools.find((p) => p.drives.some((d) => d.server === this.id)) ?? this.pools[0];
  }

  /** The parity a new object gets in a pool with sets of `setSize` drives: the storage class, or MinIO's default. */
  parityFor(setSize: number): number {
    return this.config.parity ?? defaultParity(setSize);
  }

  /** The parity a new object gets now in this server's pool. */
  parity(): number {
    return this.parityFor(this.pool.setSize);
  }

  // --- kernel entry points -----------------------------------------------------------------------------------------

  /** Delivers the replies of this server's own drives, until no operation asks for more. */
  private drainLocal(): void {
    for (let next = this.localReplies.shift(); next; next = this.localReplies.shift()) this.ops.get(next.op)?.reply(this.id, next.reply);
  }

  start(ctx: NodeContext): void {
    this.ctx = ctx;
    // MinIO's data scanner starts its first cycle one cycle after the server starts (a timer of the cycle's length,
    // then a cycle each time it fires); the servers' cycles are spread a little so they do not scan in step.
    ctx.setTimer(SCANNER, this.cfg.scannerIntervalMs + ctx.rng.int(0, Math.max(1, Math.floor(this.cfg.scannerIntervalMs / 4))));
    ctx.setTimer(PROBE, PROBE_MS);
    // The config lives in the cluster; a server that was down asks the others for the newest.
    for (const peer of this.servers()) if (peer !== this.id) ctx.send(peer, { kind: "config-pull" });
  }

  onTimer(ctx: NodeContext, name: string): void {
    this.ctx = ctx;
    this.handleTimer(name);
    this.drainLocal();
  }

  private handleTimer(name: string): void {
    const ctx = this.ctx;
    if (name === SCANNER) {
      this.scan();
      ctx.setTimer(SCANNER, this.cfg.scannerIntervalMs);
    } else if (name === PROBE) {
      this.probe();
      ctx.setTimer(PROBE, PROBE_MS);
    } else if (name === HEAL_NEXT) {
      this.healTimerSet = false;
      this.healNext();
    } else if (name.startsWith(OP_TIMER)) {
      this.ops.get(Number(name.slice(OP_TIMER.length)))?.timedOut();
    }
  }

  onClientRequest(ctx: NodeContext, req: ClientRequest): void {
    this.ctx = ctx;
    this.handleRequest(req);
    this.drainLocal();
  }

  private handleRequest(req: ClientRequest): void {
    const ctx = this.ctx;
    if (typeof req.key !== "string" || req.key === "") {
      ctx.respond(req.id, { type: "fail", error: "InvalidArgument: an object needs a name" });
      return;
    }
    const object = req.key;
    const timedOut = () => ctx.respond(req.id, { type: "fail", error: ERR_LOCK_TIMEOUT });
    if (req.f === "put") {
      const bytes = req.body !== undefined ? fromHex(req.body) : new TextEncoder().encode(String(req.value ?? ""));
      const versionNo = ++this.versions;
      this.beginLocked(object, true, (op, host) => new PutOperation(op, host, req.id, object, bytes, (setSize) => this.parityFor(setSize), versionNo), timedOut);
    } else if (req.f === "get") {
      this.beginLocked(object, false, (op, host) => new GetOperation(op, host, req.id, object), timedOut);
    } else {
      ctx.respond(req.id, { type: "fail", error: `NotImplemented: MinIO clients here put and get, not "${req.f}"` });
    }
  }

  onCommand(ctx: NodeContext, command: Message): void {
    this.ctx = ctx;
    this.handleCommand(command as MinioCommand);
    this.drainLocal();
  }

  private handleCommand(c: MinioCommand): void {
    switch (c.kind) {
      case "fail-drive":
        this.failDrive(c.drive);
        break;
      case "replace-drive":
        this.replaceDrive(c.drive);
        break;
      case "bitrot":
        this.flipBit(c.drive, c.object);
        break;
      case "heal":
        this.sweep(c.deep);
        break;
      case "config":
        this.adoptConfig(c.config);
        break;
    }
  }

  onMessage(ctx: NodeContext, from: NodeId, message: Message): void {
    this.ctx = ctx;
    this.handleMessage(from, message as MinioMessage);
    this.drainLocal();
  }

  private handleMessage(from: NodeId, msg: MinioMessage): void {
    const ctx = this.ctx;
    switch (msg.kind) {
      case "ping":
        ctx.send(from, {
          kind: "pong",
          online: msg.drives.filter((d) => this.liveDrive(d) !== undefined),
          offline: msg.drives.filter((d) => this.liveDrive(d) === undefined),
        });
        break;
      case "pong":
        for (const d of msg.online) this.observe(d, true);
        for (const d of msg.offline) this.observe(d, false);
        break;
      case "config-pull":
        ctx.send(from, { kind: "config", config: this.config });
        break;
      case "config":
        this.adoptConfig(msg.config);
        break;
      case "shard-write":
      case "commit":
      case "meta-read":
      case "shard-read":
      case "list":
      case "lock":
        ctx.send(from, this.serve(msg));
        break;
      case "unlock":
        this.locks.unlock(msg.resource, msg.uid);
        break;
      case "abort":
        for (const d of msg.drives) {
          const drive = this.drives.get(d);
          if (drive?.state === "ok" && Object.hasOwn(drive.tmp, msg.upload)) {
            delete drive.tmp[msg.upload];
            drive.rev++;
          }
        }
        break;
      case "reply":
        this.ops.get(msg.op)?.reply(from, msg.reply);
        break;
    }
  }

  // --- the drives: what a server does when asked -------------------------------------------------------------------

  /** Serves one request on this server's drives; the answer goes back as a `reply`. */
  private serve(msg: DriveRequest): MinioMessage {
    return { kind: "reply", op: msg.op, reply: this.serveLocal(msg) };
  }

  serveLocal(msg: DriveRequest): DriveReply {
    switch (msg.kind) {
      case "shard-write": {
        const drive = this.liveDrive(msg.drive);
        if (!drive) return { kind: "written", drive: msg.drive, error: ERR_DRIVE_OFFLINE };
        // A heal's shard replaces the one in place; a put's is staged beside it until the rename.
        const replaced = msg.upload === undefined ? (own(drive.objects, msg.object)?.file.length ?? 0) / 2 : 0;
        if (usedBytes(drive) - replaced + msg.shard.file.length / 2 > this.cfg.driveCapacity) return { kind: "written", drive: msg.drive, error: ERR_DRIVE_FULL };
        if (msg.upload === undefined) {
          // A heal's shard goes straight into place, but never over a newer version: a put may have renamed one
          // into place since the heal read xl.meta (MinIO heals under the object's lock, which keeps puts out).
          const current = own(drive.objects, msg.object);
          if (current && newerThan(current.meta, msg.shard.meta)) return { kind: "written", drive: msg.drive, error: ERR_NEWER_VERSION };
          drive.objects[msg.object] = copyShard(msg.shard);
        } else drive.tmp[msg.upload] = { object: msg.object, shard: copyShard(msg.shard) };
        drive.rev++;
        return { kind: "written", drive: msg.drive };
      }
      case "commit": {
        const drive = this.liveDrive(msg.drive);
        const staged = drive ? own(drive.tmp, msg.upload) : undefined;
        if (!drive || !staged) return { kind: "committed", drive: msg.drive, error: drive ? ERR_FILE_NOT_FOUND : ERR_DRIVE_OFFLINE };
        delete drive.tmp[msg.upload];
        drive.rev++;
        // renameData: a newer version already in place (a later put that finished first) is not replaced.
        const current = own(drive.objects, staged.object);
        if (!current || !newerThan(current.meta, staged.shard.meta)) drive.objects[staged.object] = staged.shard;
        return { kind: "committed", drive: msg.drive };
      }
      case "meta-read":
        return {
          kind: "metas",
          entries: msg.drives.map((d) => {
            const drive = this.liveDrive(d);
            if (!drive) return { drive: d, error: ERR_DRIVE_OFFLINE };
            const shard = own(drive.objects, msg.object);
            const free = msg.free ? { free: Math.max(0, this.cfg.driveCapacity - usedBytes(drive)) } : {};
            return shard ? { drive: d, meta: { ...shard.meta }, ...free } : { drive: d, error: ERR_FILE_NOT_FOUND, ...free };
          }),
        };
      case "shard-read": {
        const drive = this.liveDrive(msg.drive);
        if (!drive) return { kind: "shard", drive: msg.drive, version: msg.version, error: ERR_DRIVE_OFFLINE };
        const shard = own(drive.objects, msg.object);
        if (!shard || shard.meta.version !== msg.version) return { kind: "shard", drive: msg.drive, version: msg.version, error: ERR_FILE_NOT_FOUND };
        return { kind: "shard", drive: msg.drive, version: msg.version, file: shard.file };
      }
      case "lock":
        return { kind: "locked", uid: msg.uid, granted: this.locks.lock(msg.resource, msg.uid, msg.write, this.ctx.monotonicTime) };
      case "list": {
        const names = new Set<string>();
        for (const d of msg.drives) {
          const drive = this.liveDrive(d);
          if (drive) for (const name of Object.keys(drive.objects)) names.add(name);
        }
        return { kind: "listing", objects: [...names].sort() };
      }
    }
  }

  private liveDrive(id: string): Drive | undefined {
    const drive = this.drives.get(id);
    return drive?.state === "ok" ? drive : undefined;
  }

  // --- operations --------------------------------------------------------------------------------------------------

  private begin(make: (op: number, host: OperationHost) => Operation): void {
    const op = this.nextOp++;
    const operation = make(op, this.operationHost(op));
    this.ops.set(op, operation);
    operation.start();
  }

  /**
   * Starts an operation under its object's namespace lock: the write lock for a put or heal, the read lock for a
   * get, on the lockers of the object's set in the first pool.
   */
  private beginLocked(object: string, write: boolean, make: (op: number, host: OperationHost) => Operation, gaveUp: () => void): Operation {
    const { shards } = placementOf(this.pools[0], object, this.cfg.deploymentId);
    const lockers = [...new Set(shards.map((d) => d.server))];
    let started: Operation | undefined;
    this.begin((op, host) => (started = new NamespaceLocked(op, host, { resource: object, write, lockers }, (locked) => make(op, locked), gaveUp)));
    return started as Operation;
  }

  private operationHost(op: number): OperationHost {
    return {
      self: this.id,
      pools: this.pools,
      cfg: this.cfg,
      random: () => this.ctx.rng.float(),
      now: () => this.ctx.localTime,
      ask: (server, msg) => {
        // This server's own drives answer without a network hop, but only once the caller is done asking: an
        // operation must never see a reply in the middle of sending its requests.
        if (server === this.id) this.localReplies.push({ op, reply: this.serveLocal(msg) });
        else this.ctx.send(server, msg);
      },
      unlock: (server, resource, uid) => {
        if (server === this.id) this.locks.unlock(resource, uid);
        else this.ctx.send(server, { kind: "unlock", resource, uid });
      },
      abort: (server, upload, drives) => {
        if (server === this.id) this.handleMessage(this.id, { kind: "abort", upload, drives });
        else this.ctx.send(server, { kind: "abort", upload, drives });
      },
      respond: (requestId, completion) => this.ctx.respond(requestId, completion),
      armTimer: (ms) => this.ctx.setTimer(`${OP_TIMER}${op}`, ms),
      done: () => {
        this.ops.delete(op);
        this.ctx.cancelTimer(`${OP_TIMER}${op}`);
      },
      needsHealing: (object, deep, recheck) => this.enqueueHeal(object, deep === true, recheck === true),
      observe: (drive, online) => this.observe(drive, online),
      isOffline: (drive) => this.offlineDrives.has(drive),
      emit: (kind, text) => this.ctx.emit({ kind, node: this.id, text }),
      finishedHeal: () => {
        this.healing = undefined;
        this.scheduleHeal(this.cfg.healSleepMs);
      },
    };
  }

  // --- disk health --------------------------------------------------------------------------------------------------

  private observe(drive: string, online: boolean): void {
    if (online) this.offlineDrives.delete(drive);
    else this.offlineDrives.add(drive);
  }

  /** Asks the servers of the drives believed offline whether they are back (MinIO reconnects in the background). */
  private probe(): void {
    const byServer = new Map<string, string[]>();
    for (const id of [...this.offlineDrives].sort()) {
      const ref = this.pools.flatMap((p) => p.drives).find((d) => d.id === id);
      if (ref) byServer.set(ref.server, [...(byServer.get(ref.server) ?? []), id]);
    }
    for (const [server, drives] of byServer) {
      if (server === this.id) for (const d of drives) this.observe(d, this.liveDrive(d) !== undefined);
      else this.ctx.send(server, { kind: "ping", drives });
    }
  }

  // --- healing -----------------------------------------------------------------------------------------------------

  enqueueHeal(object: string, deep: boolean, recheck = false): void {
    const queued = this.healQueue.find((q) => q.object === object);
    if (queued) {
      queued.deep ||= deep;
      if (recheck) queued.recheck = true;
    } else this.healQueue.push(recheck ? { object, deep, recheck } : { object, deep });
    if (!this.healing) this.scheduleHeal(0);
  }

  private scheduleHeal(ms: number): void {
    if (this.healTimerSet || this.healQueue.length === 0) return;
    this.healTimerSet = true;
    this.ctx.setTimer(HEAL_NEXT, ms);
  }

  private healNext(): void {
    if (this.healing) return;
    const next = this.healQueue.shift();
    if (!next) return;
    const giveUp = () => {
      this.ctx.emit({ kind: "heal-failed", node: this.id, text: `${next.object} was not healed: its lock stayed taken (${ERR_LOCK_TIMEOUT.split(":")[0]})` });
      this.healing = undefined;
      this.scheduleHeal(this.cfg.healSleepMs);
    };
    this.healing = this.beginLocked(next.object, true, (op, host) => new HealOperation(op, host, next.object, next.deep, next.recheck === true), giveUp);
  }

  /** The data scanner: queue every object on this server's drives for a (shallow) heal check. */
  private scan(): void {
    for (const object of this.localObjects()) this.enqueueHeal(object, false);
  }

  /** `mc admin heal -r` (with --scan deep: verify every shard): every object of every set, from every drive. */
  private sweep(deep: boolean): void {
    const names = new Set(this.localObjects());
    const peers = this.servers().filter((s) => s !== this.id);
    this.ctx.emit({ kind: "heal", node: this.id, text: `${this.id} starts a ${deep ? "deep " : ""}heal of every object${deep ? ", checking every shard's bitrot hashes" : ""}` });
    for (const object of [...names].sort()) this.enqueueHeal(object, deep);
    // Objects this server holds no shard of are listed by the others.
    if (peers.length > 0) this.begin((op, host) => new ListOperation(op, host, peers, (found) => {
      for (const object of found) this.enqueueHeal(object, deep);
    }));
  }

  private localObjects(): string[] {
    const names = new Set<string>();
    for (const drive of this.drives.values()) if (drive.state === "ok") for (const name of Object.keys(drive.objects)) names.add(name);
    return [...names].sort();
  }

  private servers(): string[] {
    return this.config.pools.flat();
  }

  // --- faults and repairs on this server's drives ------------------------------------------------------------------

  private failDrive(id: string): void {
    const drive = this.drives.get(id);
    if (!drive || drive.state === "failed") return;
    // A dead drive takes its data with it.
    this.drives.set(id, { ...newDrive(id, drive.generation), state: "failed", rev: drive.rev + 1 });
    this.ctx.emit({ kind: "drive-failed", node: this.id, drive: id, text: `drive ${id} failed` });
  }

  private replaceDrive(id: string): void {
    const drive = this.drives.get(id);
    if (!drive) return;
    this.drives.set(id, { ...newDrive(id, drive.generation + 1), rev: drive.rev + 1 });
    // The server has just formatted the new drive: it is online, whatever its disk health tracking saw of the old
    // one (otherwise the heal below would leave it out, as a drive believed offline, and fill nothing).
    this.observe(id, true);
    this.ctx.emit({ kind: "drive-replaced", node: this.id, drive: id, text: `drive ${id} replaced with a new, empty drive; healing fills it` });
    // A fresh drive is healed at once (healFreshDisk): every object of its erasure set.
    this.sweep(false);
  }

  private flipBit(id: string, object: string | undefined): void {
    const drive = this.liveDrive(id);
    if (!drive) return;
    const names = Object.keys(drive.objects).sort();
    const name = object ?? (names.length > 0 ? this.ctx.rng.pick(names) : undefined);
    const shard = name === undefined ? undefined : own(drive.objects, name);
    if (!name || !shard || shard.file.length === 0) {
      this.ctx.emit({ kind: "bitrot", node: this.id, drive: id, text: `bit rot on ${id} hit nothing: no shard${object ? ` of ${object}` : ""} there` });
      return;
    }
    // Flip one bit somewhere in the shard's data (past the first block's 32-byte hash).
    const bytes = fromHex(shard.file);
    const at = Math.min(bytes.length - 1, 32 + this.ctx.rng.int(0, Math.max(1, bytes.length - 32)));
    bytes[at] ^= 1 << this.ctx.rng.int(0, 8);
    drive.objects[name] = { meta: shard.meta, file: toHex(bytes) };
    drive.rev++;
    this.ctx.emit({ kind: "bitrot", node: this.id, drive: id, object: name, text: `a bit flipped in ${name}'s shard on ${id} (silent: nothing notices until the shard is read)` });
  }

  private adoptConfig(config: StorageConfig): void {
    if (config.version > this.config.version) this.config = { ...config };
  }

  // --- what the kernel saves and shows -----------------------------------------------------------------------------

  durable(): MinioDurable {
    return { drives: [...this.drives.values()], config: this.config, versions: this.versions, incarnation: this.incarnation };
  }

  inspect(): NodeInspection {
    const drives = [...this.drives.values()];
    const ok = drives.filter((d) => d.state === "ok");
    const objects = new Set<string>();
    for (const d of ok) for (const name of Object.keys(d.objects)) objects.add(name);
    const queue = this.healQueue.length + (this.healing ? 1 : 0);
    return {
      role: "server",
      pool: this.pool.pool + 1,
      stats: { drives: ok.length, failedDrives: drives.length - ok.length, objects: objects.size, healQueue: queue },
      badges: queue > 0 ? { heal: queue } : {},
      drives: drives.map((d) => ({ id: d.id, state: d.state, shards: Object.keys(d.objects).length })),
      detail: {
        drives: drives.map((d) => `${d.id}: ${d.state === "ok" ? `${Object.keys(d.objects).length} shards` : "FAILED"}`),
        healQueue: [...(this.healing ? [`healing ${this.healing.object}`] : []), ...this.healQueue.map((q) => `${q.object}${q.deep ? " (deep)" : ""}`)],
        requests: [...this.ops.values()].map((o) => o.describe()),
        locks: this.locks.describe(this.ctx?.monotonicTime ?? 0),
        storageClass: `STANDARD EC:${this.parity()}`,
      },
    };
  }
}

function copyShard(s: ShardFile): ShardFile {
  return { meta: { ...s.meta }, file: s.file };
}

/** sha256 of bytes, lowercase hex: the history's value for an object (GUIDE §4). */
export function sha256Bytes(bytes: Uint8Array): string {
  return new Sha256().updateBytes(bytes).digestHex();
}
