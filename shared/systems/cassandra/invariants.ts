// Safety properties of a Cassandra replica, checked after every event. They hold whatever the consistency level:
// the levels decide which replicas a read asks, never what a replica may do to data it holds.
//
//   replica-never-goes-back   the cell a replica holds for a key never gets an older timestamp — not by a flush,
//                             a compaction, a crash and commit-log replay, a repair or a hint (last write wins
//                             merges only move forward)

import type { Invariant, InvariantView } from "../../sim/types";
import { CassandraNode } from "./node";

function neverGoesBack(): Invariant {
  const seen = new Map<string, Map<string, number>>();
  return {
    name: "replica-never-goes-back",
    check(view: InvariantView): string[] {
      const problems: string[] = [];
      for (const id of view.changed ?? view.nodes) {
        const node = view.node(id);
        if (!(node instanceof CassandraNode)) continue;
        let mine = seen.get(id);
        if (!mine) seen.set(id, (mine = new Map()));
        for (const key of node.storedKeys()) {
          const ts = node.cell(key)?.ts;
          if (ts === undefined) continue;
          const before = mine.get(key);
          if (before !== undefined && ts < before) problems.push(`${id} went back on ${key}: it held a write of ${before} µs and now holds an older one (${ts} µs)`);
          else mine.set(key, ts);
        }
      }
      return problems;
    },
  };
}

export function cassandraInvariants(): Invariant[] {
  return [neverGoesBack()];
}
