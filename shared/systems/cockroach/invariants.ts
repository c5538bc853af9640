// Safety properties checked after every event:
//   total-conserved      the committed balances (oracle.ts) always add up to the opening total: transfers are
//                        serializable and atomic, whatever crashes, partitions and skew within the max offset do
//   raft-election-safety at most one leader per term in each range's Raft group
//   lease-disjoint       every replica of a range agrees on the lease of each sequence number, and a lease taken
//                        by a new holder (not handed over by a transfer) starts after the previous one expired

import type { Invariant, InvariantView } from "../../sim/types";
import { cockroachNodes, freshestReplicas } from "./cluster-view";
import { cmp, fmt } from "./hlc";
import { committedBalances, totalOf } from "./oracle";
import type { Lease } from "./replica";

function totalConserved(): Invariant {
  let expected: number | undefined;
  return {
    name: "total-conserved",
    check(view: InvariantView): string[] {
      const nodes = cockroachNodes(view);
      if (nodes.length === 0) return [];
      expected ??= nodes[0].cfg.accounts * nodes[0].cfg.initialBalance;
      const ranges = freshestReplicas(view);
      if (ranges.size === 0) return [];
      const total = totalOf(committedBalances(ranges.values()));
      return total === expected ? [] : [`the committed balances add up to ${total}, not ${expected}`];
    },
  };
}

function electionSafety(): Invariant {
  const leaders = new Map<string, string>();
  return {
    name: "raft-election-safety",
    check(view: InvariantView): string[] {
      const problems: string[] = [];
      for (const n of cockroachNodes({ nodes: view.changed ?? view.nodes, node: (id) => view.node(id) })) {
        for (const r of n.replicas.values()) {
          if (r.raft.state !== "leader") continue;
          const key = `${r.rangeId}:${r.raft.term}`;
          const seen = leaders.get(key);
          if (seen === undefined) leaders.set(key, n.id);
          else if (seen !== n.id) problems.push(`range r${r.rangeId} has two leaders in term ${r.raft.term}: ${seen} and ${n.id}`);
        }
      }
      return problems;
    },
  };
}

function leaseDisjoint(): Invariant {
  const bySeq = new Map<string, Lease>();
  return {
    name: "lease-disjoint",
    check(view: InvariantView): string[] {
      const problems: string[] = [];
      for (const n of cockroachNodes({ nodes: view.changed ?? view.nodes, node: (id) => view.node(id) })) {
        for (const r of n.replicas.values()) {
          const h = r.leaseHistory;
          for (let i = 0; i < h.length; i++) {
            const l = h[i];
            const key = `${r.rangeId}:${l.seq}`;
            const seen = bySeq.get(key);
            if (seen === undefined) bySeq.set(key, l);
            else if (seen.holder !== l.holder || cmp(seen.start, l.start) !== 0 || cmp(seen.expiration, l.expiration) !== 0) {
              problems.push(`replicas of r${r.rangeId} disagree on lease ${l.seq}: ${seen.holder} and ${l.holder}`);
            }
            const prev = h[i - 1];
            if (!prev || prev.holder === l.holder) continue;
            const transfer = l.transfer === true && l.seq === prev.seq + 1;
            if (cmp(l.start, prev.expiration) < 0 && !transfer) {
              problems.push(`r${r.rangeId}: ${l.holder}'s lease from ${fmt(l.start)} overlaps ${prev.holder}'s lease until ${fmt(prev.expiration)}`);
            }
          }
        }
      }
      return problems;
    },
  };
}

export function cockroachInvariants(): Invariant[] {
  return [totalConserved(), electionSafety(), leaseDisjoint()];
}
