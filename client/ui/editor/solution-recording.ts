// "Use my play as the solution": the inputs of a test-played round (its journal, as the room's "replay" request
// hands it over) become the level's `solution` steps. Only people's actions count (the bots and the script play
// again by themselves), and a node a step named by id is named by what it was at that moment when that is what the
// player meant: crashing the node that was leading becomes "crash @leader", restarting the one node that was down
// becomes "restart @down". A test-play ran on one seed; the proof runs on others, where another node leads. Pure.

import type { JournalEntry } from "../../../shared/levels/journal";
import { NODE_FIELDS } from "../../../shared/levels/level-action";
import type { PlayerStep } from "../../../shared/levels/schema";

/** The cluster just before a step: who led and who was down (the debrief's samples give it). */
export interface ClusterBefore {
  leader: string | null;
  down: readonly string[];
}

/** Actions that act on "a node in some state", where a reference states the intent better than an id. */
const LEADER_ACTIONS = new Set(["crash", "skew", "cut", "latency", "loss", "transfer-leader", "failover"]);
const DOWN_ACTIONS = new Set(["restart", "remove-member", "replace-drive"]);

export function stepsFromJournal(entries: readonly JournalEntry[], before?: (t: number) => ClusterBefore): PlayerStep[] {
  const steps: PlayerStep[] = [];
  for (const entry of entries) {
    if (entry.kind !== "act") continue;
    const cluster = before?.(entry.t);
    const action = { ...entry.action } as Record<string, unknown>;
    for (const field of NODE_FIELDS) {
      const node = action[field];
      if (typeof node !== "string" || !cluster) continue;
      action[field] = referenceFor(entry.action.type, node, cluster);
    }
    const step: PlayerStep = { at: entry.t, role: entry.role, action: action as PlayerStep["action"] };
    if (entry.node !== undefined) step.node = cluster && cluster.down.length === 1 && cluster.down[0] === entry.node && entry.action.type === "restart-self" ? "@down" : entry.node;
    steps.push(step);
  }
  return steps;
}

function referenceFor(type: string, node: string, cluster: ClusterBefore): string {
  if (LEADER_ACTIONS.has(type) && cluster.leader === node) return "@leader";
  if (DOWN_ACTIONS.has(type) && cluster.down.length === 1 && cluster.down[0] === node) return "@down";
  return node;
}
