// A seeded chaos run of a CockroachDB cluster, in the manner of TigerBeetle's VOPR: the seed chooses the cluster
// size, the network and every fault (crashes, restarts, partitions, heals, clock skew within 80% of the max offset);
// a safety phase runs the bank workload under faults, then a liveness phase heals everything and demands that a
// transfer and a balance read succeed. Checked: the system's invariants (total conserved, Raft election safety per
// range, disjoint leases), every balance read's total, and the serializability checker over history and MVCC state.

import { Rng, Simulation } from "../../../shared/sim";
import { checkBank, committedVersions } from "../../../shared/systems/cockroach/checker";
import { cockroach, freshestReplicas } from "../../../shared/systems/cockroach";
import type { InvariantView } from "../../../shared/sim";

export interface ChaosResult {
  seed: number;
  settings: string;
  failures: string[];
  transfersOk: number;
  readsOk: number;
}

const ACCOUNTS = 8;
const BALANCE = 100;

export function runChaos(seed: number, faultMs = 20_000, healMs = 15_000): ChaosResult {
  const rng = new Rng(seed);
  const n = rng.pick([3, 5]);
  const nodes = Array.from({ length: n }, (_, i) => `n${i + 1}`);
  const ranges = rng.int(1, 4);
  const latencyMs = rng.int(1, 10);
  const settings = `${n} nodes, ${ranges} ranges, latency ${latencyMs} ms`;
  let view: InvariantView | undefined;
  const sim = new Simulation({
    system: { ...cockroach, summarize: (v) => ((view = v), cockroach.summarize(v)) },
    nodes,
    config: { accounts: ACCOUNTS, initialBalance: BALANCE, initialRanges: ranges },
    network: { latencyMs, jitterMs: 1 },
    seed,
    clientTimeoutMs: 10_000,
  });
  sim.startWorkload({ clients: 4, rate: 8, keys: Array.from({ length: ACCOUNTS }, (_, i) => `a${i}`), mix: { transfer: 3, read: 1 }, timeoutMs: 10_000 });
  const down = new Set<string>();
  while (sim.now < faultMs) {
    sim.runUntil(sim.now + rng.int(1000, 4000));
    // A node that exited on its own (clock offset) is down too: the chaos may restart it, and not crash it again.
    for (const id of nodes) if (!sim.isUp(id)) down.add(id);
    const roll = rng.int(0, 5);
    const node = rng.pick(nodes);
    if (roll === 0 && !down.has(node) && down.size < Math.floor((n - 1) / 2)) {
      sim.apply({ type: "crash", node });
      down.add(node);
    } else if (roll === 1 && down.size > 0) {
      const back = [...down].sort()[0];
      sim.apply({ type: "restart", node: back });
      down.delete(back);
    } else if (roll === 2) {
      const cut = rng.shuffle([...nodes]).slice(0, Math.floor((n - 1) / 2));
      sim.apply({ type: "partition", groups: [cut] });
    } else if (roll === 3) sim.apply({ type: "heal" });
    else sim.apply({ type: "skew", node, ms: rng.int(-350, 351) });
  }
  // Liveness phase: the network heals, clocks are synchronized again, and every node that is down (crashed, or
  // exited on its own because of its clock offset) is restarted, as an operator would.
  sim.apply({ type: "heal" });
  for (const node of nodes) {
    sim.apply({ type: "skew", node, ms: 0 });
    if (!sim.isUp(node)) down.add(node);
  }
  for (const d of [...down].sort()) sim.apply({ type: "restart", node: d });
  sim.runUntil(faultMs + healMs);
  sim.stopWorkload();
  sim.runUntil(faultMs + healMs + 12_000);
  const failures: string[] = [];
  const history = sim.history;
  let transfersOk = 0;
  let readsOk = 0;
  let lateTransfer = false;
  let lateRead = false;
  for (const e of history) {
    if (e.type !== "ok") continue;
    if (e.f === "transfer") {
      transfersOk++;
      if (e.time > faultMs + 3000) lateTransfer = true;
    }
    if (e.f === "read") {
      readsOk++;
      if (e.time > faultMs + 3000) lateRead = true;
      const total = Object.values(e.value as Record<string, number>).reduce((a, b) => a + b, 0);
      if (total !== ACCOUNTS * BALANCE) failures.push(`a read at ${e.time} ms saw a total of ${total}`);
    }
  }
  if (!lateTransfer) failures.push("no transfer succeeded after the cluster healed");
  if (!lateRead) failures.push("no balance read succeeded after the cluster healed");
  sim.summarize();
  failures.push(...checkBank(history, committedVersions(freshestReplicas(view as InvariantView).values()), ACCOUNTS, BALANCE));
  return { seed, settings, failures, transfersOk, readsOk };
}
