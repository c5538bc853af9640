// The operator bot: when no person holds the operator seat, it does what etcd's runbook "replacing a failed member"
// says: a member that has been down for a while is removed (`member remove`), then a new member with a fresh name
// is added (`member add`) and started empty, until the cluster is back to its designed size.
//
// Why that order: a dead member still counts in the quorum's denominator. Five members with two dead need 3 of the
// 3 that run, so one more crash stops the cluster; removing a dead one leaves 4 members needing 3 (and removing
// both, 3 needing 2). Adding first would make it worse: six members need 4 running, and etcd refuses the change
// outright when too few run (--strict-reconfig-check).
//
// It plays at a person's pace, so a human chaos agent meets an operator who can be outrun, not an oracle:
//   - it looks at the cluster every POLL_MS and acts on a member only once it has seen it down for REACT_MS;
//   - one membership change at a time, with STEP_MS between commands (typing the next one, seeing the last land);
//   - no change without a leader (etcd commits a membership change through its Raft log, as every Raft-based
//     system does; a leaderless system would need a rule of its own here), and dead members before new ones;
//   - a refused change is noted and tried again after RETRY_MS.
// It only reacts to crashed members: a member cut off by the network is still running, and an operator who removed
// every member that was briefly unreachable would do the chaos agent's work for it.
//
// It reads only the cluster as every player sees it (who is up, who leads, who was removed), so its choices are
// deterministic given the round's inputs.

import { ActionError } from "../../sim/types";
import { freshMemberId } from "../membership";
import type { ClusterNow } from "../node-ref";
import type { Bot, BotHost } from "./bot";

/** How often the bot looks at the cluster, in simulated ms. */
export const POLL_MS = 250;
/** How long a member must have been seen down before the bot replaces it. */
export const REACT_MS = 2000;
/** Pause after a membership command before the next one. */
export const STEP_MS = 1000;
/** Pause after a refused command before trying again. */
export const RETRY_MS = 1000;

export class OperatorBot implements Bot {
  readonly role = "operator" as const;
  private next = 0;
  /** Members seen down, and since when (first seen). */
  private readonly downSince = new Map<string, number>();
  private quietUntil = 0;
  /** The last refusal noted, so a repeated one does not fill the log. */
  private lastRefusal = "";

  /** `size`: the number of members the cluster is designed to have (the level's node count). */
  constructor(private readonly size: number) {}

  nextAt(): number {
    return this.next;
  }

  run(host: BotHost, active: boolean): void {
    const now = host.now;
    this.next = now + POLL_MS;
    const cluster = host.cluster();
    // Watching goes on while a person holds the seat, so a freed seat is picked up with what it has seen.
    this.watch(cluster, now);
    if (!active || now < this.quietUntil || cluster.leader === null) return;
    const action = this.decide(cluster, now);
    if (!action) return;
    try {
      host.act("operator", action, "bot");
      this.quietUntil = now + STEP_MS;
      this.lastRefusal = "";
    } catch (error) {
      if (!(error instanceof ActionError)) throw error;
      this.quietUntil = now + RETRY_MS;
      const text = `the operator bot could not ${action.type} ${action.node}: ${error.message}`;
      if (text !== this.lastRefusal) host.note(text);
      this.lastRefusal = text;
    }
  }

  private watch(cluster: ClusterNow, now: number): void {
    for (const node of cluster.nodes) {
      if (cluster.isUp(node)) this.downSince.delete(node);
      else if (!this.downSince.has(node)) this.downSince.set(node, now);
    }
    for (const node of this.downSince.keys()) if (!cluster.nodes.includes(node)) this.downSince.delete(node);
  }

  /** The next step of a replacement: remove the member down longest, or, once none is down, add a new one. */
  private decide(cluster: ClusterNow, now: number): { type: "remove-member" | "add-member"; node: string } | null {
    if (this.downSince.size > 0) {
      const due = [...this.downSince]
        .filter(([, since]) => now - since >= REACT_MS)
        .sort(([a, ta], [b, tb]) => ta - tb || cluster.nodes.indexOf(a) - cluster.nodes.indexOf(b));
      return due.length > 0 ? { type: "remove-member", node: due[0][0] } : null;
    }
    if (cluster.nodes.length >= this.size) return null;
    return { type: "add-member", node: freshMemberId([...cluster.nodes, ...cluster.removed]) };
  }
}
