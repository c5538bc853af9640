// Seeded fault runs of a Kafka cluster with a producing workload: broker crashes and restarts, network partitions
// and heals, drawn from the seed. Afterwards everything heals and restarts, so the cluster can settle. Returns the
// simulation and the acknowledged sends that are missing from the logs (checked against the client history, not
// only against the brokers' own ledger).

import { Rng, type SimInput, Simulation, type SystemDefinition, type InvariantView } from "../../../shared/sim";
import { kafka, KafkaNode } from "../../../shared/systems/kafka";
import { clusterImage } from "../../../shared/systems/kafka/cluster-view";

export interface ChaosRun {
  sim: Simulation;
  /** ok sends (from the history) whose record is not at its offset in the partition leader's log. */
  lostAcked: { partition: number; offset: number; message: string }[];
  okSends: number;
  summary: Record<string, string | number | null>;
}

export function runChaos(seed: number, config: Record<string, unknown>, options: { leaderCrashesOnly?: boolean; faultMs?: number } = {}): ChaosRun {
  let view: InvariantView | undefined;
  const spy: SystemDefinition = { ...kafka, summarize: (v) => ((view = v), kafka.summarize(v)) };
  const nodes = ["n1", "n2", "n3"];
  const sim = new Simulation({
    system: spy,
    nodes,
    config: { partitions: 2, replicationFactor: 3, replicaLagTimeMaxMs: 4000, ...config },
    network: { latencyMs: 2, jitterMs: 2 },
    seed,
    clientTimeoutMs: 8000,
  });
  sim.summarize();
  sim.startWorkload({ clients: 3, rate: 10, keys: ["a", "b", "c", "d"], mix: { send: 1 }, timeoutMs: 8000 });
  const rng = new Rng(seed).fork("kafka chaos");
  const faultMs = options.faultMs ?? 30_000;
  let t = 3000;
  for (;;) {
    t += rng.int(1500, 5000);
    if (t >= faultMs) break;
    sim.runUntil(t);
    sim.apply(nextFault(rng, sim, view, options.leaderCrashesOnly ?? false));
  }
  sim.runUntil(faultMs);
  sim.apply({ type: "heal" });
  for (const n of nodes) if (!sim.isUp(n)) sim.apply({ type: "restart", node: n });
  sim.stopWorkload();
  sim.runUntil(faultMs + 25_000);
  const summary = sim.summarize();
  return { sim, lostAcked: lostAcked(sim, view as InvariantView), okSends: sim.history.filter((h) => h.type === "ok" && h.f === "send").length, summary };
}

function leaderOf(view: InvariantView | undefined): string | undefined {
  if (!view) return undefined;
  return clusterImage(view)?.partitions["events-0"]?.leader ?? undefined;
}

function nextFault(rng: Rng, sim: Simulation, view: InvariantView | undefined, leaderOnly: boolean): SimInput {
  const up = sim.nodes.filter((n) => sim.isUp(n));
  const down = sim.nodes.filter((n) => !sim.isUp(n));
  if (down.length > 0 && (up.length < 2 || rng.chance(0.5))) return { type: "restart", node: rng.pick(down) };
  if (leaderOnly) {
    // Slow the leader's followers (so they lag behind by a little), or kill the leader.
    const leader = leaderOf(view);
    if (!leader || !sim.isUp(leader)) return { type: "heal" };
    if (rng.chance(0.5)) return { type: "latency", from: leader, to: rng.pick(sim.nodes.filter((n) => n !== leader)), ms: rng.int(200, 1500) };
    return { type: "crash", node: leader };
  }
  const roll = rng.int(0, 10);
  if (roll < 4 && up.length > 1) return { type: "crash", node: rng.pick(up) };
  if (roll < 7) {
    const lone = rng.pick(sim.nodes);
    return { type: "partition", groups: [[lone], sim.nodes.filter((n) => n !== lone)] };
  }
  if (roll < 8) {
    const from = rng.pick(sim.nodes);
    return { type: "latency", from, to: rng.pick(sim.nodes.filter((n) => n !== from)), ms: rng.int(50, 1500) };
  }
  return { type: "heal" };
}

/** Checks the history's acknowledged sends against the logs that decide each partition's content now. */
function lostAcked(sim: Simulation, view: InvariantView): ChaosRun["lostAcked"] {
  const image = clusterImage(view);
  const out: ChaosRun["lostAcked"] = [];
  if (!image) return out;
  for (const h of sim.history) {
    if (h.type !== "ok" || h.f !== "send") continue;
    const v = h.value as { partition: number; offset: number; message: string };
    if (v.offset < 0) continue;
    const leader = image.partitions[`events-${v.partition}`]?.leader;
    const node = leader ? view.node(leader) : undefined;
    const rec = node instanceof KafkaNode ? node.replicas.get(`events-${v.partition}`)?.log[v.offset] : undefined;
    if (!rec || rec.message !== v.message) out.push(v);
  }
  return out;
}
