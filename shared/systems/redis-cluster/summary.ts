// The cluster at a glance, for the screen and for level objectives: masters, slot coverage, migrations, the
// settings in force, and how many acknowledged writes asynchronous replication has lost.

import type { InvariantView, NodeId } from "../../sim/types";
import { type ClusterReader, redisNodes, slotOwnership } from "./cluster-view";
import { describeSettings } from "./config";
import { SLOTS } from "./keyslot";

export const REDIS_CLUSTER_METRICS: Readonly<Record<string, string>> = {
  masters: "running masters that serve at least one slot",
  slotsUncovered: "hash slots (of 16384) whose master is not running: requests for them fail until a replica takes over",
  fewestSlotsOnAMaster: "hash slots served by the running master that serves the fewest (0 while a new master has none)",
  migratingSlots: "hash slots in the middle of a migration (MIGRATING on their source)",
  writesLost:
    "writes a master acknowledged to a client that are gone: they were only in its replication stream when a replica took over (or the master discarded them on resyncing)",
  nodesClusterDown: "running nodes whose cluster state is fail (they answer CLUSTERDOWN)",
  nodesDown: "nodes that are not running",
};

export function summarizeRedisCluster(view: InvariantView): Record<string, string | number | null> {
  const nodes = redisNodes(view);
  const { counts } = slotOwnership(view);
  const served = new Map<NodeId, number>();
  let uncovered = 0;
  for (const [o, n] of counts) {
    if (o === null || !view.isUp(o)) uncovered += n;
    else served.set(o, n);
  }
  const upMasters = nodes.filter((n) => view.isUp(n.id) && n.role === "master");
  let fewest = upMasters.length === 0 ? 0 : SLOTS;
  for (const m of upMasters) fewest = Math.min(fewest, served.get(m.id) ?? 0);
  const migrating = new Set<number>();
  for (const n of nodes) if (view.isUp(n.id)) for (const s of n.migrating.keys()) migrating.add(s);
  const up = nodes.filter((n) => view.isUp(n.id));
  const down = up.filter((n) => !n.clusterOk).length;
  return {
    leader: null,
    clusterState: up.length === 0 ? "down" : down === 0 ? "ok" : down === up.length ? "fail" : `fail on ${down} of ${up.length} nodes`,
    settings: up[0] ? describeSettings(up[0].settings) : null,
    masters: served.size,
    slotsUncovered: uncovered,
    fewestSlotsOnAMaster: fewest,
    migratingSlots: migrating.size,
    writesLost: writesLost(view),
    nodesClusterDown: down,
    nodesDown: view.nodes.filter((n) => !view.isUp(n)).length,
    failureFlags: failureFlags(nodes.filter((n) => view.isUp(n.id))),
  };
}

/**
 * The strongest flag any running node holds on each node, for the screen: "n1:fail,n3:pfail" (FAIL when some node
 * has it as FAIL, else PFAIL when some node suspects it); "" when nobody suspects anybody.
 */
function failureFlags(up: readonly { peers: ReadonlyMap<NodeId, { pfail: boolean; fail: boolean }> }[]): string {
  const flags = new Map<NodeId, "fail" | "pfail">();
  for (const n of up) {
    for (const [id, p] of n.peers) {
      if (p.fail) flags.set(id, "fail");
      else if (p.pfail && !flags.has(id)) flags.set(id, "pfail");
    }
  }
  return [...flags].sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true })).map(([id, f]) => `${id}:${f}`).join(",");
}

/**
 * Acknowledged writes lost to asynchronous replication: those a master already threw away on a full resync, plus,
 * for every replica promoted from a master that has not resynced yet, that master's acknowledged writes past the
 * offset the replica had when it took over (PSYNC2's offset2): the new master never had them, and the old one will
 * discard them when it rejoins.
 */
export function writesLost(view: ClusterReader): number {
  const nodes = redisNodes(view);
  let lost = 0;
  for (const n of nodes) lost += n.writesDiscarded;
  for (const p of nodes) {
    if (p.repl.replid2 === "") continue;
    for (const m of nodes) if (m !== p && m.repl.replid === p.repl.replid2) lost += m.ackedAfter(p.repl.offset2);
  }
  return lost;
}
