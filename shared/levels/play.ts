// Plays a list of timed player inputs (a level's `solution` or `naive`) against a round: the people in the
// roles those inputs name, bots everywhere else. This is how the test suite proves a level solvable (the
// solution wins) and not trivial (the naive play loses), and how an author tries a level out.

import type { RoleName } from "../protocol/actions";
import { Rng } from "../sim/rng";
import { ActionError } from "../sim/types";
import { resolveAction, resolveNode } from "./node-ref";
import { type Human, Round, type RoundOptions } from "./round";
import type { PlayerStep } from "./schema";

export interface PlayResult {
  round: Round;
  /** Inputs that could not be taken when due, with the reason (a reference with nothing to name, a refusal). */
  refused: { step: PlayerStep; reason: string }[];
}

/** The seats the steps need: one per role they name (node players are bound per step). */
export function humansFor(steps: readonly PlayerStep[]): Human[] {
  const roles = [...new Set(steps.map((s) => s.role))];
  return roles.map((role: RoleName) => ({ role }));
}

/** Runs a new round with these inputs, then on to the time limit (or `untilMs`). */
export function playSteps(options: RoundOptions, steps: readonly PlayerStep[], untilMs?: number): PlayResult {
  const round = new Round(options);
  const rng = new Rng(round.seed).fork("played inputs");
  const refused: PlayResult["refused"] = [];
  round.setHumans(humansFor(steps));
  for (const step of [...steps].sort((a, b) => a.at - b.at)) {
    round.advanceTo(step.at);
    if (round.outcome !== "unfinished" || round.now < step.at) break;
    const cluster = round.cluster();
    const action = resolveAction(step.action, cluster, rng);
    const node = step.node === undefined ? undefined : resolveNode(step.node, cluster, rng);
    if (!action.ok || (node && !node.ok)) {
      refused.push({ step, reason: !action.ok ? action.reason : (node as { reason: string }).reason });
      continue;
    }
    try {
      round.act(step.role, action.value, node ? { node: node.value } : {});
    } catch (error) {
      if (!(error instanceof ActionError)) throw error;
      refused.push({ step, reason: error.message });
    }
  }
  round.advanceTo(untilMs ?? round.level.timeLimitMs);
  return { round, refused };
}
