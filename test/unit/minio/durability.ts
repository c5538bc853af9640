// Seeded chaos runs of a MinIO cluster, in the manner of TigerBeetle's VOPR: one seed chooses every setting and every
// fault, and the run says what it chose, so `runDurability(N)` reproduces seed N exactly.
//
// Four servers; per seed 1 to 5 drives each (one erasure set of 4, 8, 12 or 16 drives, or five sets of 4), a parity
// the set allows (1 .. setSize/2, or MinIO's default), a block size, latencies, scanner and heal pacing. Bots put and
// get 1 KiB objects on a few keys, and a player puts objects of random sizes (0 bytes included).
//
// Safety phase: a seeded schedule of faults that stays within parity — before each fault, for every erasure set, the
// drives that are failed, on a crashed or isolated server, back for less than GRACE_MS (other servers may still
// believe them offline, and a put then leaves them out), or holding a shard that is not intact (missing, outdated or
// rotten: degraded writes and bitrot not yet healed) number at most `parity` once the fault is counted. Faults: server
// crashes and restarts, quick crash-restarts, a server isolated by a partition and healed, drive failures and
// replacements, bitrot, slow links; the operator starts shallow and deep heals now and then.
// Liveness phase: heal, restart, replace, let the bots finish, one deep heal-objects; then every object must be
// intact on every drive, and every key readable from every server, all agreeing.
//
// What must hold, always: no get returns bytes whose sha256 is not that of a put of that key (nor of a put that
// failed, which certainly did not happen), no get returns a version older than a put acknowledged before it began
// (no stale read), no invariant is violated, no acknowledged object is lost (objectsLost 0), and no server says an
// object is lost.
//
// Changing the schedule below changes what every seed means: pin failing seeds as named tests that replay them.

import { StaleReadTracker, type StaleRead } from "../../../shared/checkers/stale-reads";
import type { HistoryEntry } from "../../../shared/sim";
import { ActionError, Rng, type SimInput } from "../../../shared/sim";
import { defaultParity } from "../../../shared/systems/minio/storage-class";
import { MinioCluster, putOp, randomBytes } from "./harness";

const SERVERS = ["n1", "n2", "n3", "n4"];

/** How often the safety phase looks for lost objects (an object lost for a moment, then overwritten, counts). */
const LOSS_CHECK_MS = 100;

/** How long a drive that comes back (server restarted or rejoined, drive replaced) still counts as damaged. */
const GRACE_MS = 8000;

export interface DurabilityOptions {
  /** Safety phase length, ms (faults happen). */
  faultMs: number;
  /** Keep every trace line (for debugging a seed: cluster.sim.traceLines). */
  keepTrace?: boolean;
}

export const DEFAULT_DURABILITY: DurabilityOptions = { faultMs: 30_000 };

export interface Settings {
  drivesPerServer: number;
  /** The STANDARD storage class set in the config; null: MinIO's default for the set size. */
  parity: number | null;
  /** The parity in force (for the fault budget). */
  effectiveParity: number;
  setSize: number;
  blockSize: number;
  latencyMs: number;
  jitterMs: number;
  scannerIntervalMs: number;
  healSleepMs: number;
  keys: string[];
  meanGapMs: number;
  getWeight: number;
}

export interface DurabilityResult {
  seed: number;
  /** What the seed chose, in words. */
  settings: string;
  failures: string[];
  cluster: MinioCluster;
  /** What the clients saw, from the answers' notes: what the run exercised. */
  seen: { rebuiltReads: number; raisedParity: number; readQuorumErrors: number; writeQuorumErrors: number };
}

/** Drive counts per server → erasure set size with 4 servers (layout.ts: the largest symmetric divisor in 2..16). */
const SET_SIZE: Record<number, number> = { 1: 4, 2: 8, 3: 12, 4: 16, 5: 4 };

function chooseSettings(rng: Rng): Settings {
  const drivesPerServer = rng.pick([1, 2, 2, 3, 4, 5]);
  const setSize = SET_SIZE[drivesPerServer];
  const parity = rng.chance(0.3) ? null : rng.int(1, setSize / 2 + 1);
  const keyCount = rng.int(3, 10);
  return {
    drivesPerServer,
    parity,
    effectiveParity: parity ?? defaultParity(setSize),
    setSize,
    blockSize: rng.pick([64, 256, 1000, 1024, 4096]),
    latencyMs: rng.int(1, 5),
    jitterMs: rng.int(0, 4),
    scannerIntervalMs: rng.pick([3000, 10_000, 60_000]),
    healSleepMs: rng.pick([0, 50, 250]),
    keys: Array.from({ length: keyCount }, (_, i) => `obj-${i}`),
    meanGapMs: rng.int(400, 2500),
    getWeight: rng.pick([1, 2, 3]),
  };
}

function describeSettings(seed: number, s: Settings): string {
  return (
    `seed ${seed}: 4 servers × ${s.drivesPerServer} drives (sets of ${s.setSize}), EC:${s.effectiveParity}${s.parity === null ? " (default)" : ""}, ` +
    `block ${s.blockSize} B, latency ${s.latencyMs}±${s.jitterMs} ms, scanner every ${s.scannerIntervalMs} ms, heal sleep ${s.healSleepMs} ms, ` +
    `${s.keys.length} keys, put:get 1:${s.getWeight}, a fault every ~${s.meanGapMs} ms`
  );
}

export function runDurability(seed: number, options: DurabilityOptions = DEFAULT_DURABILITY): DurabilityResult {
  const rng = new Rng(seed).fork("minio durability");
  const s = chooseSettings(rng);
  const settings = describeSettings(seed, s);
  const c = new MinioCluster({
    seed,
    servers: SERVERS,
    drivesPerServer: s.drivesPerServer,
    network: { latencyMs: s.latencyMs, jitterMs: s.jitterMs },
    keepTrace: options.keepTrace,
    config: { ...(s.parity !== null ? { parity: s.parity } : {}), blockSize: s.blockSize, scannerIntervalMs: s.scannerIntervalMs, healSleepMs: s.healSleepMs },
  });
  const failures: string[] = [];
  const seen = { rebuiltReads: 0, raisedParity: 0, readQuorumErrors: 0, writeQuorumErrors: 0 };
  c.sim.onCompletion(({ completion }) => {
    const text = completion.type === "ok" ? (completion.note ?? "") : completion.error;
    if (text.startsWith("rebuilt")) seen.rebuiltReads++;
    if (text.includes("parity raised")) seen.raisedParity++;
    if (text.startsWith("InsufficientReadQuorum")) seen.readQuorumErrors++;
    if (text.startsWith("InsufficientWriteQuorum")) seen.writeQuorumErrors++;
  });
  try {
    chaos(rng, c, s, options, failures);
  } catch (e) {
    failures.push(`exception at ${c.now} ms: ${(e as Error).stack ?? (e as Error).message}`);
  }
  failures.push(...checkGets(c.sim.history));
  // MinIO is strongly consistent for one object: no get returns a version older than a put acknowledged before the
  // get began (stale-reads.test.ts says why this holds, even apart from the namespace lock).
  failures.push(...staleReads(c.sim.history).map((r) => `stale read: get of ${r.key} (${r.invokedAt}..${r.time} ms) returned ${String(r.value)}, but ${String(r.newer)} was acknowledged at ${r.ackedAt} ms`));
  // Within parity nothing is lost, so a server that says an object is lost is wrong (and players would believe it).
  failures.push(...c.events("object-lost").map((e) => `at ${e.t} ms ${e.node} claimed a loss: ${e.text}`));
  failures.push(...c.violations().map((v) => `invariant violated: ${v}`));
  return { seed, settings, failures: failures.map((f) => `${settings}: ${f}`), cluster: c, seen };
}

// --- the fault schedule -------------------------------------------------------------------------------------------

interface FaultState {
  /** A server cut off from the others by a partition, if any. */
  isolated: string | null;
  /** Drive id -> until when it counts as damaged although it is back. */
  backUntil: Map<string, number>;
}

/** Drives of each erasure set that count against its parity now (see the file comment). */
function damagedBySet(c: MinioCluster, f: FaultState): Set<string>[] {
  const layout = c.node(SERVERS[0]).pools[0];
  const dirty = new Set<string>();
  for (const view of c.objects()) for (const shard of view.shards) if (shard.state !== "intact" && shard.state !== "server-down") dirty.add(shard.drive.id);
  return layout.sets.map((set) => {
    const out = new Set<string>();
    for (const d of set) {
      const unavailable = !c.sim.isUp(d.server) || d.server === f.isolated || c.drive(d.id).state === "failed";
      if (unavailable || dirty.has(d.id) || (f.backUntil.get(d.id) ?? 0) > c.now) out.add(d.id);
    }
    return out;
  });
}

/** Whether making `drives` unavailable keeps every set within its parity. */
function withinParity(c: MinioCluster, f: FaultState, parity: number, drives: readonly string[]): boolean {
  const sets = c.node(SERVERS[0]).pools[0].sets;
  const damaged = damagedBySet(c, f);
  return sets.every((set, i) => {
    const after = new Set(damaged[i]);
    for (const d of set) if (drives.includes(d.id)) after.add(d.id);
    return after.size <= parity;
  });
}

function serverDrives(c: MinioCluster, server: string): string[] {
  return [...c.node(server).drives.keys()];
}

function markBack(c: MinioCluster, f: FaultState, drives: readonly string[]): void {
  for (const d of drives) f.backUntil.set(d, c.now + GRACE_MS);
}

/** The next fault (or operator action), within parity; null when the roll picked something not possible now. */
function nextFault(rng: Rng, c: MinioCluster, f: FaultState, s: Settings): SimInput[] | null {
  const up = SERVERS.filter((n) => c.sim.isUp(n));
  const down = SERVERS.filter((n) => !c.sim.isUp(n));
  const reachable = up.filter((n) => n !== f.isolated);
  const roll = rng.int(0, 100);
  const p = s.effectiveParity;
  if (roll < 12) {
    if (down.length > 0) {
      const node = rng.pick(down);
      markBack(c, f, serverDrives(c, node));
      return [{ type: "restart", node }];
    }
    const node = rng.pick(reachable);
    return withinParity(c, f, p, serverDrives(c, node)) ? [{ type: "crash", node }] : null;
  }
  if (roll < 18) {
    // A quick crash and restart: drives come back with their contents; requests in flight are lost.
    const node = rng.pick(reachable);
    if (!withinParity(c, f, p, serverDrives(c, node))) return null;
    markBack(c, f, serverDrives(c, node));
    return [{ type: "crash", node }, { type: "restart", node }];
  }
  if (roll < 26) {
    if (f.isolated !== null) {
      markBack(c, f, serverDrives(c, f.isolated));
      f.isolated = null;
      return [{ type: "heal" }];
    }
    const node = rng.pick(reachable);
    if (!withinParity(c, f, p, serverDrives(c, node))) return null;
    f.isolated = node;
    return [{ type: "partition", groups: [[node]] }];
  }
  const drives = reachable.flatMap((n) => [...c.node(n).drives.values()]);
  const failed = drives.filter((d) => d.state === "failed");
  const working = drives.filter((d) => d.state === "ok");
  const act = (type: string, id: string, extra: Record<string, unknown> = {}): SimInput => {
    const [node, n] = id.split("/d");
    return { type: "action", action: { type, node, drive: Number(n), ...extra } };
  };
  if (roll < 44) {
    if (failed.length > 0 && rng.chance(0.5)) {
      const d = rng.pick(failed);
      markBack(c, f, [d.id]);
      return [act("replace-drive", d.id)];
    }
    if (working.length === 0) return null;
    const d = rng.pick(working);
    return withinParity(c, f, p, [d.id]) ? [act("fail-drive", d.id)] : null;
  }
  if (roll < 62) {
    if (working.length === 0) return null;
    const d = rng.pick(working);
    if (!withinParity(c, f, p, [d.id])) return null;
    return [act("bitrot", d.id, rng.chance(0.5) ? { key: rng.pick(s.keys) } : {})];
  }
  if (roll < 70) return [{ type: "action", action: { type: "heal-objects", ...(rng.chance(0.5) ? { deep: true } : {}) } }];
  if (roll < 82) {
    const from = rng.pick(SERVERS);
    const to = rng.pick(SERVERS.filter((n) => n !== from));
    return [{ type: "latency", from, to, ms: rng.int(10, 400) }];
  }
  return null;
}

// --- the run ------------------------------------------------------------------------------------------------------

function chaos(rng: Rng, c: MinioCluster, s: Settings, options: DurabilityOptions, failures: string[]): void {
  const sim = c.sim;
  sim.startWorkload({ clients: 3, rate: 4, keys: s.keys, mix: { put: 1, get: s.getWeight }, timeoutMs: 3000 });
  const f: FaultState = { isolated: null, backUntil: new Map() };
  let lossReported = false;
  const lost = (when: string) => {
    const n = c.metric("objectsLost");
    if (n > 0 && !lossReported) {
      lossReported = true;
      const which = c.objects().filter((o) => o.intact < o.version.data);
      failures.push(`${when} at ${c.now} ms: ${n} object(s) lost: ${which.map((o) => `${o.object} (${o.version.version}, ${o.version.data}+${o.version.parity}: ${o.shards.map((x) => `${x.drive.id} ${x.state}`).join(", ")})`).join("; ")}`);
    }
  };

  // Safety phase.
  let t = 0;
  for (;;) {
    t += Math.max(1, Math.round(rng.exponential(s.meanGapMs)));
    if (t >= options.faultMs) break;
    while (c.now + LOSS_CHECK_MS < t) {
      sim.runUntil(c.now + LOSS_CHECK_MS);
      lost("during the faults");
    }
    sim.runUntil(t);
    lost("during the faults");
    // A player's put of a random size (0 bytes included) now and then, beside the bots' 1 KiB objects.
    if (rng.chance(0.3)) {
      const size = rng.chance(0.2) ? rng.pick([0, 1]) : rng.int(0, 3 * s.blockSize);
      sim.clientRequest(sim.freshProcess(), rng.pick(SERVERS), putOp(rng.pick(s.keys), randomBytes(rng, size)), 3000);
    }
    const inputs = nextFault(rng, c, f, s);
    if (inputs === null) continue;
    try {
      for (const input of inputs) sim.apply(input);
    } catch (e) {
      if (!(e instanceof ActionError)) throw e;
      failures.push(`a fault the schedule thought possible was refused at ${c.now} ms: ${JSON.stringify(inputs)}: ${e.message}`);
    }
  }
  sim.runUntil(options.faultMs);
  lost("during the faults");

  // Liveness phase: heal everything, restart everyone, replace every failed drive; let the bots run on the healed
  // cluster, stop them, then one deep heal. Every object must end intact on every drive.
  sim.apply({ type: "heal" });
  for (const n of SERVERS) if (!sim.isUp(n)) sim.apply({ type: "restart", node: n });
  for (const n of SERVERS) {
    for (const d of c.node(n).drives.values()) {
      if (d.state === "failed") sim.apply({ type: "action", action: { type: "replace-drive", node: n, drive: Number(d.id.split("/d")[1]) } });
    }
  }
  c.run(GRACE_MS);
  lost("after the faults stopped");
  sim.stopWorkload();
  c.run(5000);
  c.heal(true);
  // heal-objects runs on the first server that is up: n1.
  c.runUntilHealed(600_000, ["n1"]);
  lost("after the final heal");
  const summary = c.summary();
  for (const m of ["objectsLost", "objectsUnreadable", "objectsDegraded", "drivesFailed"] as const) {
    if (summary[m] !== 0) {
      const bad = c.objects().filter((o) => o.intact < o.version.data + o.version.parity);
      failures.push(`after the final deep heal ${m} is ${summary[m]}, not 0: ${bad.map((o) => `${o.object} (${o.version.version}: ${o.shards.filter((x) => x.state !== "intact").map((x) => `${x.drive.id} ${x.state}`).join(", ")})`).join("; ")}`);
    }
  }
  // Every key that was ever put successfully reads the same value from every server.
  const acked = new Set(okPuts(sim.history).keys());
  for (const key of s.keys) {
    const values = new Set<string>();
    for (const n of SERVERS) {
      const got = c.get(n, key);
      if (got.completion.type !== "ok") failures.push(`after healing, a get of ${key} from ${n} failed: ${JSON.stringify(got.completion)}`);
      else {
        values.add(JSON.stringify(got.completion.value ?? null));
        if (acked.has(key) && (got.completion.value ?? null) === null) failures.push(`after healing, ${key} (acknowledged puts) reads as absent from ${n}`);
      }
    }
    if (values.size > 1) failures.push(`after healing, the servers disagree on ${key}: ${[...values].join(" vs ")}`);
  }
  failures.push(...checkGets(sim.history).map((x) => `final reads: ${x}`));
}

// --- history checks -----------------------------------------------------------------------------------------------

/** Per key, the values of puts that completed ok. */
function okPuts(history: readonly HistoryEntry[]): Map<string, Set<unknown>> {
  const open = new Map<number, HistoryEntry>();
  const out = new Map<string, Set<unknown>>();
  for (const e of history) {
    if (e.type === "invoke") open.set(e.process, e);
    else {
      const op = open.get(e.process);
      if (op?.f === "put" && e.type === "ok" && op.key !== undefined) {
        if (!out.has(op.key)) out.set(op.key, new Set());
        out.get(op.key)?.add(op.value);
      }
    }
  }
  return out;
}

/**
 * Every ok get returned null or the sha256 of a put of that key invoked before the get completed, and never the
 * value of a put that failed (a fail certainly did not happen) unless another put of the same bytes did not fail.
 */
export function checkGets(history: readonly HistoryEntry[]): string[] {
  const problems: string[] = [];
  const open = new Map<number, HistoryEntry>();
  const invoked = new Map<string, Set<unknown>>();
  const outcomes = new Map<string, { failed: number; other: number }>();
  const gets: { op: HistoryEntry; done: HistoryEntry; invokedBefore: Set<unknown> }[] = [];
  for (const e of history) {
    if (e.type === "invoke") {
      open.set(e.process, e);
      if (e.f === "put" && e.key !== undefined) {
        if (!invoked.has(e.key)) invoked.set(e.key, new Set());
        invoked.get(e.key)?.add(e.value);
      }
      continue;
    }
    const op = open.get(e.process);
    if (!op || op.key === undefined) continue;
    if (op.f === "put") {
      const id = `${op.key}\u0000${String(op.value)}`;
      const o = outcomes.get(id) ?? { failed: 0, other: 0 };
      if (e.type === "fail") o.failed++;
      else o.other++;
      outcomes.set(id, o);
    } else if (op.f === "get" && e.type === "ok") {
      gets.push({ op, done: e, invokedBefore: new Set(invoked.get(op.key) ?? []) });
    }
  }
  for (const { op, done, invokedBefore } of gets) {
    const v = done.value ?? null;
    if (v === null) continue;
    if (!invokedBefore.has(v)) {
      problems.push(`get of ${op.key} by process ${op.process} (${op.time}..${done.time} ms) returned ${String(v)}, which no put of ${op.key} wrote`);
      continue;
    }
    const o = outcomes.get(`${op.key}\u0000${String(v)}`);
    if (o && o.failed > 0 && o.other === 0) {
      problems.push(`get of ${op.key} by process ${op.process} (${op.time}..${done.time} ms) returned ${String(v)}, written only by puts that failed`);
    }
  }
  return problems;
}

/** The stale reads in a history (shared/checkers/stale-reads.ts). */
export function staleReads(history: readonly HistoryEntry[]): StaleRead[] {
  const tracker = new StaleReadTracker();
  for (const e of history) tracker.observe(e);
  return tracker.stale;
}

/** Runs seeds from..to; returns the failures (each names its seed and settings). */
export function fuzzDurabilitySeeds(from: number, to: number, options?: DurabilityOptions): string[] {
  const failed: string[] = [];
  for (let seed = from; seed <= to; seed++) failed.push(...runDurability(seed, options).failures);
  return failed;
}
