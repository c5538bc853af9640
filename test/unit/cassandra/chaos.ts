// Seeded chaos runs of a Cassandra cluster, in the manner of TigerBeetle's VOPR: one seed chooses every setting and
// every fault, and the run prints what it chose, so `runQuorumChaos(N)` reproduces seed N exactly.
//
// runQuorumChaos: 5 nodes, RF 3, reads and writes at QUORUM. A safety phase of faults the cluster tolerates — at most
// one node unavailable at a time (crashed, or isolated by a partition), quick crash-restarts, slow and lossy links —
// with clocks in sync, then a liveness phase: heal, restart, quiet; every request must succeed again, every hint must
// be delivered, and after one repair every replica of every key must hold the same cell.
// What must hold: no stale read (R + W > RF with last-write-wins timestamps from synchronised clocks), no invariant
// violation, and, where read repair is BLOCKING, a linearizable history per key (Cassandra's "monotonic quorum
// reads"; with read_repair NONE a read may see a write that a later read does not, which is allowed).
// Clock skew is left out on purpose: last write wins by the coordinators' clocks, so a coordinator whose clock is
// behind legitimately loses an acknowledged write to an older one, and R + W > RF no longer prevents stale reads
// (coordinator.test.ts shows it).
//
// runOnePartition: the premise the game teaches — at ONE/ONE, a partition produces stale reads.
//
// Changing the schedule below changes what every seed means: pin failing seeds as named tests that replay them.

import { checkHistory } from "../../../shared/checkers";
import { ActionError, Rng, type SimInput } from "../../../shared/sim";
import { Cluster, staleReads } from "./harness";

const NODES = ["n1", "n2", "n3", "n4", "n5"];
const KEYS = ["k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8"];

export interface QuorumChaosOptions {
  /** Safety phase length, ms (faults happen). */
  faultMs: number;
  /** After healing: time the cluster may take to see everyone up again before every request must succeed, ms. */
  graceMs: number;
  /** Then: how long the workload runs on the healed cluster, every request having to succeed, ms. */
  serveMs: number;
  /** Then, with the workload stopped: time for the hints to be delivered, ms (hint dispatch runs every 10 s). */
  quietMs: number;
  /**
   * "one-node": faults the cluster tolerates (at most one node unavailable at a time). "any": any number of nodes
   * crashed, any partitions and one-way cuts — requests then fail or time out, but safety must hold all the same.
   */
  faults: "one-node" | "any";
}

export const DEFAULT_QUORUM_CHAOS: QuorumChaosOptions = { faultMs: 40_000, graceMs: 5000, serveMs: 5000, quietMs: 21_000, faults: "one-node" };
export const WILD_QUORUM_CHAOS: QuorumChaosOptions = { ...DEFAULT_QUORUM_CHAOS, faults: "any" };

export interface ChaosResult {
  seed: number;
  /** What the seed chose, in words. */
  settings: string;
  failures: string[];
  cluster: Cluster;
}

interface Settings {
  latencyMs: number;
  jitterMs: number;
  readRepair: "BLOCKING" | "NONE";
  speculativeRetryMs: number;
  memtableFlushCells: number;
  maxHintWindowMs: number;
  writeTimeoutMs: number;
  meanGapMs: number;
}

function chooseSettings(rng: Rng): Settings {
  return {
    latencyMs: rng.int(1, 6),
    jitterMs: rng.int(0, 4),
    readRepair: rng.chance(0.75) ? "BLOCKING" : "NONE",
    speculativeRetryMs: rng.pick([20, 100, 500]),
    memtableFlushCells: rng.pick([4, 16, 64]),
    maxHintWindowMs: rng.pick([3 * 3600 * 1000, 3 * 3600 * 1000, 8000]),
    writeTimeoutMs: rng.pick([1000, 2000, 10_000]),
    meanGapMs: rng.int(1000, 5000),
  };
}

function describeSettings(seed: number, s: Settings): string {
  return (
    `seed ${seed}: latency ${s.latencyMs}±${s.jitterMs} ms, read_repair ${s.readRepair}, speculative retry ${s.speculativeRetryMs} ms, ` +
    `flush every ${s.memtableFlushCells} cells, hint window ${s.maxHintWindowMs} ms, write timeout ${s.writeTimeoutMs} ms, a fault every ~${s.meanGapMs} ms`
  );
}

/** The node made unavailable now (crashed or isolated), if any: the schedule keeps at most one. */
type Victim = { node: string; how: "crash" | "isolate" } | null;

/** The next fault, keeping at most one node unavailable; returns the new victim. */
function nextFault(rng: Rng, victim: Victim): { inputs: SimInput[]; victim: Victim } {
  const roll = rng.int(0, 100);
  if (victim !== null && roll < 55) {
    // Bring the unavailable node back.
    return { inputs: [victim.how === "crash" ? { type: "restart", node: victim.node } : { type: "heal" }], victim: null };
  }
  if (victim === null && roll < 35) {
    const node = rng.pick(NODES);
    return { inputs: [{ type: "crash", node }], victim: { node, how: "crash" } };
  }
  if (victim === null && roll < 55) {
    const node = rng.pick(NODES);
    return { inputs: [{ type: "partition", groups: [[node]] }], victim: { node, how: "isolate" } };
  }
  if (victim === null && roll < 65) {
    // A crash and a quick restart: the commit log must bring back every acknowledged write.
    const node = rng.pick(NODES);
    return { inputs: [{ type: "crash", node }, { type: "restart", node }], victim: null };
  }
  const from = victim?.node ?? rng.pick(NODES);
  const to = rng.pick(NODES.filter((n) => n !== from));
  if (roll < 80) return { inputs: [{ type: "latency", from, to, ms: rng.int(20, 300) }], victim };
  // A lossy link only on a node already unavailable, or on one node's links (its others still work).
  return { inputs: [{ type: "loss", from, to, rate: rng.pick([0.1, 0.3]) }], victim };
}

/** Any fault at all: crashes and restarts of any node, partitions of any shape, one-way cuts, slow and lossy links. */
function wildFault(rng: Rng, up: readonly string[], down: readonly string[]): SimInput {
  const roll = rng.int(0, 100);
  if (roll < 20 && up.length > 0) return { type: "crash", node: rng.pick(up) };
  if (roll < 40 && down.length > 0) return { type: "restart", node: rng.pick(down) };
  if (roll < 55) {
    const shuffled = rng.shuffle([...NODES]);
    const cut = rng.int(1, shuffled.length);
    return { type: "partition", groups: [shuffled.slice(0, cut), shuffled.slice(cut)] };
  }
  const from = rng.pick(NODES);
  const to = rng.pick(NODES.filter((n) => n !== from));
  if (roll < 65) return { type: "cut", from, to, oneWay: rng.chance(0.5) };
  if (roll < 80) return { type: "heal" };
  if (roll < 90) return { type: "latency", from, to, ms: rng.int(20, 3000) };
  return { type: "loss", from, to, rate: rng.pick([0.1, 0.5, 1]) };
}

export function runQuorumChaos(seed: number, options: QuorumChaosOptions = DEFAULT_QUORUM_CHAOS): ChaosResult {
  const rng = new Rng(seed).fork("cassandra quorum chaos");
  const s = chooseSettings(rng);
  const settings = describeSettings(seed, s);
  const c = new Cluster({
    seed,
    nodes: NODES,
    network: { latencyMs: s.latencyMs, jitterMs: s.jitterMs },
    config: {
      readConsistency: "QUORUM",
      writeConsistency: "QUORUM",
      readRepair: s.readRepair,
      speculativeRetryMs: s.speculativeRetryMs,
      memtableFlushCells: s.memtableFlushCells,
      maxHintWindowMs: s.maxHintWindowMs,
      writeTimeoutMs: s.writeTimeoutMs,
    },
  });
  const failures: string[] = [];
  try {
    chaos(rng, c, s, options, failures);
  } catch (e) {
    failures.push(`exception at ${c.now} ms: ${(e as Error).stack ?? (e as Error).message}`);
  }
  return { seed, settings, failures, cluster: c };
}

function chaos(rng: Rng, c: Cluster, s: Settings, options: QuorumChaosOptions, failures: string[]): void {
  const sim = c.sim;
  sim.startWorkload({ clients: 4, rate: 10, keys: KEYS, mix: { read: 1, write: 1 }, timeoutMs: 2000 });

  // Safety phase.
  let victim: Victim = null;
  let t = 0;
  for (;;) {
    t += Math.max(1, Math.round(rng.exponential(s.meanGapMs)));
    if (t >= options.faultMs) break;
    sim.runUntil(t);
    try {
      if (options.faults === "any") {
        sim.apply(wildFault(rng, NODES.filter((n) => sim.isUp(n)), NODES.filter((n) => !sim.isUp(n))));
        continue;
      }
      const next = nextFault(rng, victim);
      for (const input of next.inputs) sim.apply(input);
      victim = next.victim;
    } catch (e) {
      if (!(e instanceof ActionError)) throw e;
    }
  }
  sim.runUntil(options.faultMs);

  // Liveness phase: heal everything, restart everyone, and demand service, hint delivery and convergence.
  sim.apply({ type: "heal" });
  for (const n of NODES) if (!sim.isUp(n)) sim.apply({ type: "restart", node: n });
  const healedAt = sim.now;
  sim.runUntil(healedAt + options.graceMs);
  const servingFrom = sim.now;
  sim.runUntil(servingFrom + options.serveMs);
  sim.stopWorkload();
  sim.runUntil(sim.now + 2500);
  const history = sim.history;
  const open = new Map<number, { time: number; f: string; key?: string }>();
  for (const e of history) {
    if (e.type === "invoke") {
      open.set(e.process, e);
      continue;
    }
    const op = open.get(e.process);
    open.delete(e.process);
    if (op && op.time >= servingFrom && e.type !== "ok") {
      failures.push(`liveness: ${op.f} ${op.key} invoked at ${op.time} ms on the healed cluster ended ${e.type}: ${e.error}`);
      break;
    }
  }
  sim.runUntil(sim.now + options.quietMs);
  const pending = c.summary().hintsPending;
  if (pending !== 0) failures.push(`liveness: ${pending} hints still undelivered ${sim.now - healedAt} ms after healing`);
  c.action({ type: "repair" });
  sim.runUntil(sim.now + 3000);
  const divergent = c.summary().divergentKeys;
  if (divergent !== 0) failures.push(`convergence: ${divergent} keys still divergent after healing and a repair`);
  for (const k of KEYS) {
    const cells = c.replicas(k).map((r) => `${r}=${JSON.stringify(c.cell(r, k) ?? null)}`);
    if (new Set(cells.map((x) => x.slice(x.indexOf("=")))).size > 1) failures.push(`convergence: replicas of ${k} disagree after repair: ${cells.join(" ")}`);
  }

  // Safety.
  failures.push(...c.violations());
  const stale = staleReads(history);
  if (stale.length > 0) {
    const f = stale[0];
    failures.push(`stale reads: ${stale.length}; the first read ${f.key} at ${f.invokedAt}..${f.time} ms returned ${JSON.stringify(f.value)} though ${JSON.stringify(f.newer)} was acknowledged at ${f.ackedAt} ms`);
  }
  if (s.readRepair === "BLOCKING") {
    const lin = checkHistory(history);
    if (lin.status === "violation") failures.push(`linearizability: key ${lin.key}: ${lin.explanation}`);
  }
}

/** Runs seeds from..to (inclusive); a description of each failing one, seed first. */
export function fuzzQuorumSeeds(from: number, to: number, options: QuorumChaosOptions = DEFAULT_QUORUM_CHAOS): string[] {
  const failed: string[] = [];
  for (let seed = from; seed <= to; seed++) {
    const r = runQuorumChaos(seed, options);
    if (r.failures.length > 0) failed.push(`${r.settings}\n  ${r.failures.join("\n  ")}`);
  }
  return failed;
}

/**
 * The split-brain premise: 5 nodes, RF 3, clients on every node reading and writing at `level`, the network split
 * n1 n2 | n3 n4 n5 from 8 s to 40 s (as levels/cassandra/split-brain.json). Returns the reads and the stale ones.
 */
export function runPartition(seed: number, level: "ONE" | "QUORUM"): { stale: number; reads: number; violations: string[] } {
  const c = new Cluster({ seed, nodes: NODES, config: { readConsistency: level, writeConsistency: level } });
  const sim = c.sim;
  const keys = Array.from({ length: 12 }, (_, i) => `k${i + 1}`);
  sim.startWorkload({ clients: 5, rate: 8, keys, mix: { read: 3, write: 1 }, timeoutMs: 2000 });
  sim.runUntil(8000);
  sim.apply({ type: "partition", groups: [["n1", "n2"], ["n3", "n4", "n5"]] });
  sim.runUntil(40_000);
  sim.apply({ type: "heal" });
  sim.runUntil(45_000);
  const reads = sim.history.filter((e) => e.f === "read" && e.type === "ok").length;
  return { stale: staleReads(sim.history).length, reads, violations: c.violations() };
}

const DC1 = ["n1", "n2", "n3"];
const DC2 = ["n4", "n5", "n6"];

/**
 * Two datacenters of three nodes, NetworkTopologyStrategy dc1:3 dc2:3, clients on every node writing at `write`
 * and reading at `read`; the datacenters are cut apart from 8 s to 40 s, and one node of each crashes for a while
 * within that time. Returns the reads and the stale ones.
 */
export function runDcPartition(seed: number, write: "EACH_QUORUM" | "LOCAL_QUORUM", read: "LOCAL_QUORUM"): { stale: number; reads: number; violations: string[] } {
  const rng = new Rng(seed).fork("dc partition");
  const topology = Object.fromEntries([...DC1.map((n) => [n, { dc: "dc1", rack: "r1" }]), ...DC2.map((n) => [n, { dc: "dc2", rack: "r1" }])]);
  const c = new Cluster({
    seed,
    nodes: [...DC1, ...DC2],
    config: { topology, replication: { class: "NetworkTopologyStrategy", dcs: { dc1: 3, dc2: 3 } }, writeConsistency: write, readConsistency: read },
  });
  const sim = c.sim;
  sim.startWorkload({ clients: 6, rate: 8, keys: ["k1", "k2", "k3", "k4", "k5", "k6"], mix: { read: 1, write: 1 }, timeoutMs: 2000 });
  sim.runUntil(8000);
  sim.apply({ type: "partition", groups: [DC1, DC2] });
  const victims = [rng.pick(DC1), rng.pick(DC2)];
  sim.runUntil(rng.int(9000, 20_000));
  for (const v of victims) sim.apply({ type: "crash", node: v });
  sim.runUntil(rng.int(21_000, 35_000));
  for (const v of victims) sim.apply({ type: "restart", node: v });
  sim.runUntil(40_000);
  sim.apply({ type: "heal" });
  sim.runUntil(45_000);
  const reads = sim.history.filter((e) => e.f === "read" && e.type === "ok").length;
  return { stale: staleReads(sim.history).length, reads, violations: c.violations() };
}
