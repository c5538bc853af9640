// Safety of the servers' Raft quorum (Raft paper Figure 3, as FACTS §4.3 lists them), checked after every event:
//   election-safety        no two servers lead in the same term
//   state-machine-safety   no two servers ever apply different commands at the same log index (so every server's
//                          catalog and KV pass through the same states)
// The first invariant's round also keeps the failure-detection ground truth current (truth.ts): it runs after
// every event, which is when crashes and accusations must be seen.

import type { Entry } from "../../raft";
import type { Invariant, InvariantView } from "../../sim/types";
import { consulNodes } from "./cluster-view";
import { observeTruth } from "./truth";

const NONE: string[] = [];

function electionSafety(): Invariant {
  const leaderOfTerm = new Map<number, string>();
  return {
    name: "election-safety",
    check(view: InvariantView) {
      observeTruth(view);
      const out: string[] = [];
      for (const n of consulNodes(view)) {
        if (!n.server || (view.changed !== undefined && !view.changed.includes(n.id))) continue;
        const r = n.server.raft;
        if (r.state !== "leader") continue;
        const first = leaderOfTerm.get(r.term);
        if (first === undefined) leaderOfTerm.set(r.term, n.id);
        else if (first !== n.id) out.push(`${first} and ${n.id} both led the Consul servers in term ${r.term}`);
      }
      return out.length > 0 ? out : NONE;
    },
  };
}

function signature(e: Entry): string {
  return `${e.term}|${e.type}|${e.data === undefined ? "" : JSON.stringify(e.data)}`;
}

function stateMachineSafety(): Invariant {
  const appliedAt = new Map<number, { sig: string; node: string }>();
  const checked = new Map<string, number>();
  const reported = new Set<number>();
  return {
    name: "state-machine-safety",
    check(view: InvariantView) {
      const out: string[] = [];
      for (const n of consulNodes(view)) {
        if (!n.server || (view.changed !== undefined && !view.changed.includes(n.id))) continue;
        const log = n.server.raft.log;
        const from = Math.min(checked.get(n.id) ?? 0, log.applied);
        for (const e of log.slice(from + 1, log.applied + 1)) {
          const sig = signature(e);
          const first = appliedAt.get(e.index);
          if (first === undefined) appliedAt.set(e.index, { sig, node: n.id });
          else if (first.sig !== sig && !reported.has(e.index)) {
            reported.add(e.index);
            out.push(`${first.node} and ${n.id} applied different commands at index ${e.index}`);
          }
        }
        checked.set(n.id, log.applied);
      }
      return out.length > 0 ? out : NONE;
    },
  };
}

export function consulInvariants(): Invariant[] {
  return [electionSafety(), stateMachineSafety()];
}
