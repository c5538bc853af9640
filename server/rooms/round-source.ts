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

/** The level's workload keys as the system places them, or undefined when the system does not place keys. */
function keyPlacement(round: Round): readonly KeyPlacement[] | undefined {
  return round.sim.keyPlacement(workloadKeys(round.level));
}
