// Replica placement: which nodes hold a token's data, for the two strategies a keyspace can use (FACTS §3.3).
// Sources: src/java/org/apache/cassandra/locator/SimpleStrategy.java and NetworkTopologyStrategy.java
// (calculateNaturalReplicas, Cassandra 4.0+).

import type { TokenRing } from "./token-ring";

export type Replication =
  | { class: "SimpleStrategy"; rf: number }
  | { class: "NetworkTopologyStrategy"; dcs: Readonly<Record<string, number>> };

/**
 * The replicas of a token, in the order they are found walking the ring clockwise from the token's primary
 * position: the primary replica first (EndpointsForToken order). Fewer than the replication factor when the ring
 * (or a datacenter) has fewer nodes.
 */
export function replicasFor(ring: TokenRing, token: bigint, replication: Replication): string[] {
  const start = ring.primaryIndex(token);
  if (start < 0) return [];
  return replication.class === "SimpleStrategy"
    ? simpleReplicas(ring, start, replication.rf)
    : networkTopologyReplicas(ring, start, replication.dcs);
}

/** The ring's tokens from index `start` clockwise, once round. */
function* walk(ring: TokenRing, start: number): Generator<string> {
  const n = ring.sorted.length;
  for (let i = 0; i < n; i++) yield ring.sorted[(start + i) % n].node;
}

/**
 * SimpleStrategy: the first `rf` distinct nodes clockwise; further vnodes of a node already chosen are skipped.
 * Racks and datacenters are ignored.
 */
function simpleReplicas(ring: TokenRing, start: number, rf: number): string[] {
  const chosen: string[] = [];
  for (const node of walk(ring, start)) {
    if (chosen.length >= rf) break;
    if (!chosen.includes(node)) chosen.push(node);
  }
  return chosen;
}

/** Progress of one datacenter during a NetworkTopologyStrategy walk (NetworkTopologyStrategy.DatacenterEndpoints). */
interface DcProgress {
  /** Replicas still to place: min(rf, nodes in the DC). */
  rfLeft: number;
  /** How many nodes on an already used rack may still be taken: rf - racks in the DC (none when racks >= rf). */
  rackRepeatsLeft: number;
}

/**
 * NetworkTopologyStrategy: each datacenter is filled independently during one clockwise walk.
 * - A DC with RF <= 0 or no nodes is skipped.
 * - A node on a rack not yet used in its DC is taken.
 * - A node on an already used rack is taken only while the DC has fewer distinct racks than its RF, and then only the
 *   first (RF - racks) such nodes met in ring order; otherwise it is passed over, so replicas spread over racks.
 * - A DC stops at min(RF, nodes in the DC); the walk stops when every DC is done or the ring is exhausted.
 *
 * Cassandra 3.x wrote the same rule differently (skipped same-rack nodes were set aside and appended once every rack
 * had been seen); 4.0 takes them on the spot. Both choose the same set; this is 4.0's order.
 */
function networkTopologyReplicas(ring: TokenRing, start: number, dcs: Readonly<Record<string, number>>): string[] {
  const nodesIn = new Map<string, number>();
  const racksIn = new Map<string, Set<string>>();
  for (const node of ring.nodes()) {
    const e = ring.endpoint(node);
    if (!e) continue;
    nodesIn.set(e.dc, (nodesIn.get(e.dc) ?? 0) + 1);
    const racks = racksIn.get(e.dc) ?? new Set<string>();
    racks.add(e.rack);
    racksIn.set(e.dc, racks);
  }

  const progress = new Map<string, DcProgress>();
  for (const [dc, rf] of Object.entries(dcs)) {
    const nodeCount = nodesIn.get(dc) ?? 0;
    if (rf <= 0 || nodeCount <= 0) continue;
    progress.set(dc, { rfLeft: Math.min(rf, nodeCount), rackRepeatsLeft: rf - (racksIn.get(dc)?.size ?? 0) });
  }

  let dcsToFill = progress.size;
  const chosen: string[] = [];
  const seenRacks = new Set<string>();
  for (const node of walk(ring, start)) {
    if (dcsToFill === 0) break;
    const e = ring.endpoint(node);
    if (!e) continue;
    const dc = progress.get(e.dc);
    if (!dc || dc.rfLeft === 0 || chosen.includes(node)) continue;
    const rackKey = JSON.stringify([e.dc, e.rack]);
    if (!seenRacks.has(rackKey)) {
      seenRacks.add(rackKey);
    } else if (dc.rackRepeatsLeft > 0) {
      dc.rackRepeatsLeft--;
    } else {
      continue;
    }
    chosen.push(node);
    dc.rfLeft--;
    if (dc.rfLeft === 0) dcsToFill--;
  }
  return chosen;
}

/** The keyspace's total replication factor: RF, or the sum of the per-DC factors (ReplicationFactor.allReplicas). */
export function totalReplicationFactor(r: Replication): number {
  if (r.class === "SimpleStrategy") return r.rf;
  let total = 0;
  for (const rf of Object.values(r.dcs)) total += Math.max(0, rf);
  return total;
}

/**
 * The replication factor in one datacenter. For NetworkTopologyStrategy a DC not listed has 0
 * (NetworkTopologyStrategy.getReplicationFactor(dc)); SimpleStrategy ignores datacenters, so its RF is returned.
 */
export function replicationFactorIn(r: Replication, dc: string): number {
  if (r.class === "SimpleStrategy") return r.rf;
  return Object.hasOwn(r.dcs, dc) ? Math.max(0, r.dcs[dc]) : 0;
}

/** The datacenters a NetworkTopologyStrategy keyspace replicates to (RF > 0; Cassandra drops "0" entries). */
export function replicatedDatacenters(r: Replication): string[] {
  if (r.class === "SimpleStrategy") return [];
  return Object.entries(r.dcs)
    .filter(([, rf]) => rf > 0)
    .map(([dc]) => dc);
}

/** "SimpleStrategy, RF 3" or "NetworkTopologyStrategy dc1:3, dc2:3". */
export function describeReplication(r: Replication): string {
  if (r.class === "SimpleStrategy") return `SimpleStrategy, RF ${r.rf}`;
  const dcs = Object.entries(r.dcs).map(([dc, rf]) => `${dc}:${rf}`);
  return `NetworkTopologyStrategy ${dcs.join(", ")}`;
}
