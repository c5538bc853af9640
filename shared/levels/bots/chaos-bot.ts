// The chaos bot: when no person plays chaos, it plays the level's chaos plan (timed actions such as "crash
// @leader at 9 s"), paying the same budget a person would, and in "random" mode it adds the random fault schedule
// (random-faults.ts) on top, which is not limited by the budget because it tests the system, not the player.
// A planned action that is refused (budget spent, the node is already down) is noted and dropped.

import type { Rng } from "../../sim/rng";
import { ActionError } from "../../sim/types";
import { resolveAction } from "../node-ref";
import type { RandomFaults } from "../random-faults";
import type { PlanStep } from "../schema";
import type { Bot, BotHost } from "./bot";

export class ChaosBot implements Bot {
  readonly role = "chaos" as const;
  private readonly plan: PlanStep[];
  private next = 0;

  constructor(
    plan: readonly PlanStep[],
    private readonly rng: Rng,
    private readonly random: RandomFaults | null,
  ) {
    // Stable sort: steps at the same time keep the order the level wrote them in.
    this.plan = [...plan].sort((a, b) => a.at - b.at);
  }

  nextAt(): number {
    const planned = this.next < this.plan.length ? this.plan[this.next].at : Number.POSITIVE_INFINITY;
    return Math.min(planned, this.random?.nextAt() ?? Number.POSITIVE_INFINITY);
  }

  run(host: BotHost, active: boolean): void {
    while (this.next < this.plan.length && this.plan[this.next].at <= host.now) {
      const step = this.plan[this.next++];
      if (active) this.playStep(host, step);
    }
    if (this.random && this.random.nextAt() <= host.now) {
      // Drawn even while a person plays chaos (and then dropped), so the schedule keeps moving forward.
      const actions = this.random.draw(host.now, host.cluster());
      if (!active) return;
      for (const action of actions) {
        try {
          host.act("chaos", action, "random");
        } catch (error) {
          if (!(error instanceof ActionError)) throw error;
          host.note(`random chaos could not ${action.type}: ${error.message}`);
        }
      }
    }
  }

  private playStep(host: BotHost, step: PlanStep): void {
    const resolved = resolveAction(step.action, host.cluster(), this.rng);
    if (!resolved.ok) {
      host.note(`the chaos bot skipped "${step.action.type}": ${resolved.reason}`);
      return;
    }
    try {
      host.act("chaos", resolved.value, "bot");
    } catch (error) {
      if (!(error instanceof ActionError)) throw error;
      host.note(`the chaos bot could not ${step.action.type}: ${error.message}`);
    }
  }
}
