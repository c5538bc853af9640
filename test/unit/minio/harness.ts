// Helpers for driving the MinIO plug-in on the real simulation kernel: a small cluster (servers × drives), a
// player's puts and gets of real bytes run to completion, and read-only access to each server's drives, the oracle's
// view of every object (cluster-view.ts objectViews) and the summary metrics.
//
// The machines are read through the InvariantView the kernel hands the system's summarize(): the harness wraps the
// minio SystemDefinition so that view is kept. Nothing else about the system changes, so runs are the same as with
// the registry's definition.

import {
  type ClientOp,
  type Completion,
  type InvariantView,
  Rng,
  type SimInput,
  Simulation,
  type SimulationOptions,
  type SystemDefinition,
  type TimelineEvent,
} from "../../../shared/sim";
import { minio, MinioNode } from "../../../shared/systems/minio";
import { type ObjectView, objectViews } from "../../../shared/systems/minio/cluster-view";
import { toHex } from "../../../shared/systems/minio/codec";
import type { Drive, ShardFile } from "../../../shared/systems/minio/drive";
import { type DriveRef, placementOf } from "../../../shared/systems/minio/layout";
import { sha256Bytes } from "../../../shared/systems/minio/node";

export interface MinioClusterOptions {
  /** Server count (n1..nN) or names. Default 4. */
  servers?: number | string[];
  /** Drives per server. Default 2 (4 servers × 2 = one erasure set of 8, EC:4). */
  drivesPerServer?: number;
  /** Other MinIO settings (config.ts). */
  config?: Record<string, unknown>;
  seed?: number;
  network?: SimulationOptions["network"];
  clientTimeoutMs?: number;
  keepTrace?: boolean;
}

export interface Answer {
  completion: Completion;
  /** Simulated time the client got the answer. */
  at: number;
  latencyMs: number;
}

/** The sha256 hex of some bytes: what the history records for a put and a get (GUIDE §4). */
export function sha(bytes: Uint8Array): string {
  return sha256Bytes(bytes);
}

/** `n` bytes from a seeded generator. */
export function randomBytes(rng: Rng, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.int(0, 256);
  return out;
}

/** The client op of a put of these bytes: the body is their hex, the history value their sha256 (ops.ts). */
export function putOp(key: string, bytes: Uint8Array): ClientOp {
  return { f: "put", key, value: sha(bytes), body: toHex(bytes) };
}

export class MinioCluster {
  readonly sim: Simulation;
  readonly servers: string[];
  private view: InvariantView | undefined;

  constructor(options: MinioClusterOptions = {}) {
    const servers = Array.isArray(options.servers) ? options.servers : Array.from({ length: options.servers ?? 4 }, (_, i) => `n${i + 1}`);
    this.servers = servers;
    const spy: SystemDefinition = {
      ...minio,
      summarize: (view) => {
        this.view = view;
        return minio.summarize(view);
      },
    };
    this.sim = new Simulation({
      system: spy,
      nodes: servers,
      config: { drivesPerServer: options.drivesPerServer ?? 2, ...options.config },
      network: options.network ?? { latencyMs: 2, jitterMs: 1 },
      seed: options.seed ?? 1,
      keepTrace: options.keepTrace,
      clientTimeoutMs: options.clientTimeoutMs ?? 30_000,
    });
    this.sim.summarize();
  }

  get now(): number {
    return this.sim.now;
  }

  private get reader(): InvariantView {
    return this.view as InvariantView;
  }

  /** The server's state machine (the running one, or the crashed one as it was). */
  node(id: string): MinioNode {
    const n = this.reader.node(id);
    if (!(n instanceof MinioNode)) throw new Error(`no MinIO server ${id}`);
    return n;
  }

  /** A drive by id ("n2/d1"), as its server holds it now. */
  drive(id: string): Drive {
    const server = id.split("/")[0];
    const d = this.node(server).drives.get(id);
    if (!d) throw new Error(`no drive ${id}`);
    return d;
  }

  /** What a drive holds of an object (its committed shard file), if anything. */
  shard(driveId: string, key: string): ShardFile | undefined {
    const d = this.drive(driveId);
    return Object.hasOwn(d.objects, key) ? d.objects[key] : undefined;
  }

  /** The drives of an object's erasure set in shard order: shards[i] holds shard i (data first, then parity). */
  placement(key: string): DriveRef[] {
    const n = this.node(this.servers[0]);
    return placementOf(n.pools[0], key, n.cfg.deploymentId).shards;
  }

  get setSize(): number {
    return this.node(this.servers[0]).pools[0].setSize;
  }

  /** The parity new objects get now (the storage class or MinIO's default), as the first running server sees it. */
  parity(): number {
    return this.node(this.servers.find((s) => this.sim.isUp(s)) ?? this.servers[0]).parity();
  }

  /** The oracle's view of every object: its current version and the state of each of its shards. */
  objects(): ObjectView[] {
    return objectViews(this.reader);
  }

  object(key: string): ObjectView | undefined {
    return this.objects().find((o) => o.object === key);
  }

  summary(): Record<string, string | number | null> {
    return this.sim.summarize();
  }

  metric(name: "objects" | "objectsLost" | "objectsUnreadable" | "objectsDegraded" | "drivesFailed" | "healQueue"): number {
    return this.summary()[name] as number;
  }

  apply(input: SimInput): void {
    this.sim.apply(input);
  }

  action(action: Record<string, unknown> & { type: string }): void {
    this.sim.apply({ type: "action", action });
  }

  /** fail-drive "n2/d1". */
  failDrive(id: string): void {
    const [node, d] = id.split("/d");
    this.action({ type: "fail-drive", node, drive: Number(d) });
  }

  replaceDrive(id: string): void {
    const [node, d] = id.split("/d");
    this.action({ type: "replace-drive", node, drive: Number(d) });
  }

  /** Flips a bit in the shard of `key` on a drive (or of a random object there). */
  bitrot(id: string, key?: string): void {
    const [node, d] = id.split("/d");
    this.action({ type: "bitrot", node, drive: Number(d), ...(key !== undefined ? { key } : {}) });
  }

  heal(deep = false): void {
    this.action({ type: "heal-objects", ...(deep ? { deep: true } : {}) });
  }

  crash(node: string): void {
    this.apply({ type: "crash", node });
  }

  restart(node: string): void {
    this.apply({ type: "restart", node });
  }

  run(ms: number): void {
    this.sim.runUntil(this.sim.now + ms);
  }

  /**
   * Sends a player's request and processes events one at a time until its client has the answer (an ok, a fail,
   * or an info when the client's own timeout passes first). Simulated time stops right at the answer.
   */
  request(target: string, op: ClientOp, timeoutMs?: number): Answer {
    const process = this.sim.freshProcess();
    let got: Answer | undefined;
    const off = this.sim.onCompletion((c) => {
      if (c.process === process) got = { completion: c.completion, at: this.sim.now, latencyMs: c.latencyMs };
    });
    try {
      this.sim.clientRequest(process, target, op, timeoutMs);
      while (got === undefined) {
        if (!this.sim.step()) throw new Error("the simulation ran out of events before the request completed");
      }
    } finally {
      off();
    }
    return got;
  }

  put(target: string, key: string, bytes: Uint8Array): Answer {
    return this.request(target, putOp(key, bytes));
  }

  get(target: string, key: string): Answer {
    return this.request(target, { f: "get", key });
  }

  /**
   * Whether every running server's heal queue is empty, none is healing, and none is still listing the objects a
   * heal sweep (heal-objects, a replaced drive) is to queue.
   */
  healIdle(servers: readonly string[] = this.servers): boolean {
    return servers.every((s) => {
      if (!this.sim.isUp(s)) return true;
      const seen = this.sim.inspect(s);
      const requests = (seen.detail?.requests ?? []) as string[];
      return seen.stats.healQueue === 0 && !requests.some((r) => r.startsWith("listing"));
    });
  }

  /**
   * Runs in steps of `stepMs` until `pred` holds, for at most `limitMs` of simulated time; the time it held, or
   * null. (Simulated time: never a wall-clock limit.)
   */
  runUntilTrue(pred: () => boolean, limitMs: number, stepMs = 50): number | null {
    const end = this.sim.now + limitMs;
    while (this.sim.now < end) {
      if (pred()) return this.sim.now;
      this.sim.runUntil(Math.min(end, this.sim.now + stepMs));
    }
    return pred() ? this.sim.now : null;
  }

  /**
   * Runs until the heal queues of `servers` (default: all) are empty, at most `limitMs` of simulated time; throws
   * if they never empty. (With a short scanner interval the servers refill their queues in turn, so a run may have
   * to wait for the one server that runs a heal.)
   */
  runUntilHealed(limitMs = 120_000, servers: readonly string[] = this.servers): number {
    // A heal queued right now may not show yet: give the first one a moment to start.
    this.run(10);
    const t = this.runUntilTrue(() => this.healIdle(servers), limitMs);
    if (t === null) throw new Error(`the heal queues were still busy after ${limitMs} ms of simulated time`);
    return t;
  }

  /** Timeline events of `kind` at or after `since`. */
  events(kind: string, since = 0): TimelineEvent[] {
    return this.sim.timeline.filter((e) => e.kind === kind && e.t >= since);
  }

  /** Invariants violated so far, with their first violation. */
  violations(): string[] {
    return this.sim
      .invariantReport()
      .filter((i) => !i.ok)
      .map((i) => `${i.name}: ${i.first} (at ${i.firstAt} ms)`);
  }
}

export function expectType(a: Answer, type: Completion["type"]): Answer {
  if (a.completion.type !== type) throw new Error(`expected ${type}, got ${JSON.stringify(a.completion)} at ${a.at} ms`);
  return a;
}

/** The value of an ok answer (a get's sha256, or null), or throws. */
export function okValue(a: Answer): unknown {
  if (a.completion.type !== "ok") throw new Error(`expected ok, got ${JSON.stringify(a.completion)} at ${a.at} ms`);
  return a.completion.value;
}

export function note(a: Answer): string {
  return a.completion.type === "ok" ? (a.completion.note ?? "") : a.completion.error;
}

export { Rng };
