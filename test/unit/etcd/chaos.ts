// A seeded chaos run of an etcd cluster on the simulation kernel, in the manner of TigerBeetle's VOPR: one seed
// chooses every setting and every fault; a safety phase under crashes, restarts, partitions, one-way cuts, loss,
// duplication and operator actions; then a liveness phase in which the healed cluster must elect a leader again.
// The result's `settings` says what the seed chose, so a failing seed can be read and replayed. Changing the
// schedule below changes what every seed means: pinned scenarios live in safety-regressions.test.ts as inputs.

import { checkHistory } from "../../../shared/checkers";
import { ActionError, Rng, type SimInput, Simulation } from "../../../shared/sim";
import { etcd } from "../../../shared/systems/etcd";

export interface ChaosOptions {
  /** Safety phase length (faults happen), ms. */
  faultMs: number;
  /** How long the healed cluster (everything restarted, no faults) may take to elect a leader, ms. */
  healMs: number;
  /** Check the client history for linearizability too. */
  linearizability: boolean;
}

export const DEFAULT_CHAOS: ChaosOptions = { faultMs: 15_000, healMs: 8_000, linearizability: true };

export interface ChaosResult {
  seed: number;
  settings: string;
  sim: Simulation;
  /** What went wrong, in words; empty when the run upheld every guarantee. */
  failures: string[];
}

interface Settings {
  nodes: string[];
  latencyMs: number;
  jitterMs: number;
  loss: number;
  duplicate: number;
  meanGapMs: number;
  preVote: boolean;
}

function chooseSettings(rng: Rng): Settings {
  const size = rng.pick([3, 3, 5, 5, 5]);
  return {
    nodes: Array.from({ length: size }, (_, i) => `n${i + 1}`),
    latencyMs: rng.int(1, 15),
    jitterMs: rng.int(0, 5),
    loss: rng.pick([0, 0, 0.01, 0.05, 0.15]),
    duplicate: rng.pick([0, 0, 0.02, 0.1]),
    meanGapMs: rng.int(300, 2500),
    preVote: rng.chance(0.85),
  };
}

/** One random input that makes sense now (the kernel refuses the rest, and then nothing happens). */
function nextInput(rng: Rng, sim: Simulation, added: { count: number }): SimInput {
  const all = [...sim.nodes];
  const up = all.filter((n) => sim.isUp(n));
  const down = all.filter((n) => !sim.isUp(n));
  const other = (n: string) => rng.pick(all.filter((m) => m !== n));
  const roll = rng.int(0, 100);
  if (roll < 18 && up.length > 0) return { type: "crash", node: rng.pick(up) };
  if (roll < 34 && down.length > 0) return { type: "restart", node: rng.pick(down) };
  if (roll < 40) {
    // Jepsen's favourite: cut the leader off from everyone, so that for a while two nodes think they lead.
    const leader = sim.summarize().leader;
    if (typeof leader === "string") return { type: "partition", groups: [[leader]] };
  }
  if (roll < 46) {
    const shuffled = rng.shuffle([...all]);
    const cut = rng.int(1, shuffled.length);
    return { type: "partition", groups: [shuffled.slice(0, cut), shuffled.slice(cut)] };
  }
  if (roll < 56) {
    const from = rng.pick(all);
    return { type: "cut", from, to: other(from), oneWay: rng.chance(0.5) };
  }
  if (roll < 70) return { type: "heal" };
  if (roll < 76) {
    const from = rng.pick(all);
    return { type: "loss", from, to: other(from), rate: rng.pick([0.2, 0.5, 0.9]) };
  }
  if (roll < 80) {
    const from = rng.pick(all);
    return { type: "latency", from, to: other(from), ms: rng.int(20, 400) };
  }
  if (roll < 86 && up.length > 0) return { type: "action", action: { type: "timeout", node: rng.pick(up) } };
  if (roll < 91 && up.length > 0) return { type: "action", action: { type: "transfer-leader", to: rng.pick(up) } };
  if (roll < 95 && added.count < 2) return { type: "action", action: { type: "add-member", node: `n${all.length + 1}` } };
  if (roll < 98) return { type: "action", action: { type: "remove-member", node: rng.pick(all) } };
  return { type: "skew", node: rng.pick(all), ms: rng.int(-2000, 2000) };
}

export function runChaos(seed: number, options: ChaosOptions = DEFAULT_CHAOS): ChaosResult {
  const sims: Simulation[] = [];
  try {
    return chaosRun(seed, options, sims);
  } catch (e) {
    // A node that throws has hit a state the protocol says cannot happen: report it with the seed.
    const sim = sims[0];
    const broken = sim ? sim.invariantReport().filter((i) => !i.ok).map((i) => `${i.name}: ${i.first} (at ${i.firstAt} ms)`) : [];
    return { seed, settings: `seed ${seed}`, sim, failures: [...broken, `exception at ${sim?.now ?? 0} ms: ${(e as Error).message}`] };
  }
}

function chaosRun(seed: number, options: ChaosOptions, sims: Simulation[]): ChaosResult {
  const rng = new Rng(seed).fork("etcd chaos");
  const s = chooseSettings(rng);
  const settings = `seed ${seed}: ${s.nodes.length} nodes, latency ${s.latencyMs}±${s.jitterMs} ms, loss ${s.loss}, duplicate ${s.duplicate}, a fault every ~${s.meanGapMs} ms, preVote ${s.preVote}`;
  const sim = new Simulation({
    system: etcd,
    nodes: s.nodes,
    config: { preVote: s.preVote },
    network: { latencyMs: s.latencyMs, jitterMs: s.jitterMs, loss: s.loss, duplicate: s.duplicate },
    seed,
  });
  sims.push(sim);
  sim.startWorkload({ clients: 3, rate: 10, keys: ["k1", "k2", "k3"], mix: { read: 2, write: 2, cas: 1 }, timeoutMs: 1500 });

  const added = { count: 0 };
  let t = 0;
  for (;;) {
    t += Math.max(1, Math.round(rng.exponential(s.meanGapMs)));
    if (t >= options.faultMs) break;
    sim.runUntil(t);
    const input = nextInput(rng, sim, added);
    try {
      sim.apply(input);
      if (input.type === "action" && input.action.type === "add-member") added.count++;
    } catch (e) {
      if (!(e instanceof ActionError)) throw e;
    }
  }
  sim.runUntil(options.faultMs);

  // Liveness: heal everything, restart everyone, and demand a leader again.
  sim.apply({ type: "heal" });
  sim.apply({ type: "duplicate", rate: 0 });
  for (const n of sim.nodes) {
    if (!sim.isUp(n)) sim.apply({ type: "restart", node: n });
    for (const m of sim.nodes) if (m !== n) sim.apply({ type: "loss", from: n, to: m, rate: 0, oneWay: true });
  }
  // Without PreVote, a member whose log is behind keeps starting elections that raise the term and reset the
  // others' timers (etcd resets them on any higher term), so the member that can win must time out first:
  // a coin flip per round. Raft promises a leader eventually, so give those runs longer.
  // Recovered means one leader that keeps its seat for a second while the clients use it again.
  const window = s.preVote ? options.healMs : 3 * options.healMs;
  let held: { leader: unknown; since: number } = { leader: null, since: sim.now };
  while (sim.now < options.faultMs + window) {
    sim.runUntil(sim.now + 250);
    const leader = sim.summarize().leader;
    if (leader !== held.leader) held = { leader, since: sim.now };
    else if (leader !== null && sim.now - held.since >= 1000) break;
  }
  const recovered = held.leader !== null && sim.now - held.since >= 1000;
  sim.stopWorkload();
  sim.runUntil(sim.now + 1500);

  const failures: string[] = [];
  for (const inv of sim.invariantReport()) {
    if (!inv.ok) failures.push(`${inv.name}: ${inv.first} (at ${inv.firstAt} ms)`);
  }
  if (!recovered) failures.push(`liveness: no leader held its seat for a second within ${window} ms of the cluster being healed`);
  if (options.linearizability) {
    const result = checkHistory(sim.history);
    if (result.status === "violation") failures.push(`linearizability: key ${result.key}: ${result.explanation}`);
  }
  return { seed, settings, sim, failures };
}

/** Runs seeds from..to (inclusive) and returns a description of each failing one (settings and failures). */
export function fuzzSeeds(from: number, to: number, options: ChaosOptions = DEFAULT_CHAOS): string[] {
  const failed: string[] = [];
  for (let seed = from; seed <= to; seed++) {
    const r = runChaos(seed, options);
    if (r.failures.length > 0) failed.push(`${r.settings}\n  ${r.failures.join("\n  ")}`);
  }
  return failed;
}
