// What a bot is: something that fills a role no person holds, acting at simulated times it chooses, through the
// same checks a person's action goes through (the role table, the level's allowed actions, the chaos budget).
//
// Which roles have bots, and why:
//   client    client-bot.ts: the level's workload (bot client processes issuing reads and writes).
//   chaos     chaos-bot.ts: the level's chaos plan within the budget, plus a seeded random fault schedule
//             when the round runs with chaos "random".
//   operator  operator-bot.ts: replaces failed members (remove the dead one, add a fresh one) at a person's pace,
//             where the level lets the operator change membership. It leaves leadership transfers and writes
//             alone: they are a person's experiments, not repairs.
//   node      no bot: a node's state machine already makes every protocol decision by itself; the node role
//             only lets a person take some of them (time out now, crash, restart). In particular no bot restarts
//             a crashed node, not even after a long delay: a node that comes back by itself makes the chaos
//             agent's crashes free and the operator's repair pointless, and a machine that stays dead is exactly
//             the "failed member" the operator is there to replace. Restarting is a person's lever.

import type { PlayerAction, RoleName } from "../../protocol/actions";
import type { WorkloadSpec } from "../../sim/types";
import type { ClusterNow } from "../node-ref";

/** Who took an input: a person, the level's script, a role's bot, or the random fault schedule. */
export type InputSource = "player" | "script" | "bot" | "random";

/** What the round offers its bots. */
export interface BotHost {
  readonly now: number;
  /** The cluster right now (for node references such as @leader). */
  cluster(): ClusterNow;
  startWorkload(spec: WorkloadSpec): void;
  /** Acts in `role` through the round's checks; throws ActionError with the reason when refused. */
  act(role: RoleName, action: PlayerAction, by: InputSource): void;
  /** A plain-words line for the round's log (e.g. why a planned action was not taken). */
  note(text: string): void;
}

export interface Bot {
  readonly role: RoleName;
  /** The next simulated time at which the bot wants to act; Infinity when it has nothing left to do. */
  nextAt(): number;
  /**
   * Called once `host.now` reaches nextAt(). When a person holds the role, `active` is false: the bot lets the
   * moment pass without acting, so it picks up at the right place if the seat frees again.
   */
  run(host: BotHost, active: boolean): void;
}
