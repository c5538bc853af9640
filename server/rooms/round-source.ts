// Adapts a Round to what the projection reads, so projection.ts depends on a narrow view instead of the
// whole simulation API.

import type { Round } from "../../shared/levels/round";
import { workloadKeys } from "../../shared/levels/schema";
import type { KeyPlacement } from "../../shared/sim/types";
import type { ProjectionSource } from "./projection";

export function roundSource(round: Round): ProjectionSource {
  const sim = round.sim;
  const summary = sim.summarize();
  return {
    now: round.now,
    // Current members only: a member the operator removed leaves the ring instead of lingering as "down".
    nodes: round.cluster().nodes,
    isUp: (node) => sim.isUp(node),
    inspect: (node) => sim.inspect(node),
    inFlight: () => sim.inFlight(),
    network: () => sim.networkState(),
    timeline: sim.timeline,
    notes: round.notes,
    objectives: () => round.objectives(),
    chaosBudget: round.chaosBudget,
    nextMemberId: round.nextMemberId(),
    leader: typeof summary.leader === "string" ? summary.leader : "",
    term: typeof summary.term === "number" ? summary.term : 0,
    summary,
    keyPlacement: () => keyPlacement(round),
  };
}

/**
 * The level's workload keys as the system places them, or undefined when the system does not place keys. A system
 * that stores whole objects (MinIO) reports every object it holds when asked for no key in particular, including
 * objects the workload never names (a level's seeded archive): those come after the workload's, by name.
 */
function keyPlacement(round: Round): readonly KeyPlacement[] | undefined {
  const keys = workloadKeys(round.level);
  const every = round.sim.keyPlacement([]);
  if (!every || every.length === 0) return round.sim.keyPlacement(keys);
  const order = new Map(keys.map((k, i) => [k, i]));
  const rank = (k: string) => order.get(k) ?? keys.length;
  return [...every].sort((a, b) => rank(a.key) - rank(b.key) || a.key.localeCompare(b.key));
}
