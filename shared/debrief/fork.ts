// The "what if" inputs a viewer can try at a moment of the replay, given the cluster at that moment: bring back a
// node that is down, crash one that is up, heal the network, or cut the leader off from the rest.

import type { FaultInput } from "../sim/faults";
import type { ClusterSample } from "./samples";

export interface ForkChoice {
  label: string;
  input: FaultInput;
}

export function forkChoices(sample: ClusterSample): ForkChoice[] {
  const choices: ForkChoice[] = [];
  for (const n of sample.nodes) if (!n.up) choices.push({ label: `Restart ${n.id}`, input: { type: "restart", node: n.id } });
  if (sample.cuts.length > 0) choices.push({ label: "Heal every link", input: { type: "heal" } });
  for (const n of sample.nodes) {
    if (n.up) choices.push({ label: `Crash ${n.id}${n.id === sample.leader ? " (the leader)" : ""}`, input: { type: "crash", node: n.id } });
  }
  if (sample.leader !== null && sample.nodes.length > 2) {
    choices.push({ label: `Cut the leader ${sample.leader} off from the others`, input: { type: "partition", groups: [[sample.leader]] } });
  }
  return choices;
}
