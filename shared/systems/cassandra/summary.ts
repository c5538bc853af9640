// The cluster at a glance, for the screen and for level objectives: the settings in force, how many keys have
// replicas that disagree (divergentKeys: what hinted handoff, read repair and repair exist to bring to 0), and
// how many hints wait for delivery.

import { copiesBehind, newestWrite } from "../../sim/key-placement";
import type { InvariantView, KeyPlacement } from "../../sim/types";
import { cassandraNodes, clusterRing, clusterSettings } from "./cluster-view";
import type { CassandraNode } from "./node";
import { cachedToken } from "./ring-view";
import { describeReplication } from "./ring/placement";

export const CASSANDRA_METRICS: Readonly<Record<string, string>> = {
  divergentKeys: "keys with a replica (running or not) still missing a write made more than a second ago",
  hintsPending: "hints stored on all nodes, waiting for their replica",
  nodesDown: "nodes that are not running",
};

export function summarizeCassandra(view: InvariantView): Record<string, string | number | null> {
  const settings = clusterSettings(view);
  const nodes = cassandraNodes(view);
  let hintsPending = 0;
  for (const n of nodes) hintsPending += n.hints.count();
  return {
    leader: null,
    readConsistency: settings?.read ?? null,
    writeConsistency: settings?.write ?? null,
    replication: settings ? describeReplication(settings.replication) : null,
    divergentKeys: divergentKeys(view, nodes),
    hintsPending,
    nodesDown: view.nodes.filter((n) => !view.isUp(n)).length,
  };
}

/** Every key any node holds, sorted. */
function allKeys(nodes: readonly CassandraNode[]): string[] {
  const keys = new Set<string>();
  for (const n of nodes) for (const k of n.storedKeys()) keys.add(k);
  return [...keys].sort();
}

/**
 * A write reaches its replicas within milliseconds; a replica still without it after SETTLE_MS missed it (it was
 * down, cut off, or the write timed out) and only hints, read repair or repair will bring it in line.
 */
export const SETTLE_MS = 1000;

function divergentKeys(view: InvariantView, nodes: readonly CassandraNode[]): number {
  let count = 0;
  for (const p of placeKeys(view, allKeys(nodes))) {
    if (copiesBehind(p.copies).some(Boolean) && newestWrite(p.copies) <= view.now - SETTLE_MS) count++;
  }
  return count;
}

export function placeKeys(view: InvariantView, keys: readonly string[]): KeyPlacement[] {
  const ring = clusterRing(view);
  const settings = clusterSettings(view);
  if (!ring || !settings) return [];
  const byId = new Map(cassandraNodes(view).map((n) => [n.id, n]));
  return keys.map((key) => {
    const replicas = ring.replicas(key, settings.replication).natural;
    const copies = replicas.map((node) => {
      const cell = byId.get(node)?.cell(key);
      return { node, value: cell?.value ?? null, writtenAt: cell === undefined ? null : Math.floor(cell.ts / 1000) };
    });
    return { key, token: cachedToken(key).toString(), replicas, copies };
  });
}
