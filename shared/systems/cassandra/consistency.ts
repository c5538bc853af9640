// Consistency levels: how many replica answers a coordinator needs before it replies, and when it refuses a request
// up front because too few replicas are alive (FACTS §3.4).
// Sources: src/java/org/apache/cassandra/db/ConsistencyLevel.java (quorumFor, localQuorumFor, blockFor,
// validateForRead), src/java/org/apache/cassandra/locator/ReplicaPlans.java (assureSufficientLiveReplicas),
// src/java/org/apache/cassandra/exceptions/UnavailableException.java, and the write response handlers
// (DatacenterWriteResponseHandler counts only local-DC acks; DatacenterSyncWriteResponseHandler, used for
// EACH_QUORUM under NetworkTopologyStrategy, waits for a local quorum in every DC).
//
// Not modelled: pending (bootstrapping) replicas, which blockForWrite adds to the count; SERIAL/LOCAL_SERIAL (Paxos),
// which the game's ConsistencyLevel type does not include; transient replicas.

import type { ConsistencyLevel } from "../../protocol/actions";
import { type Replication, replicatedDatacenters, replicationFactorIn, totalReplicationFactor } from "./ring/placement";

export type { ConsistencyLevel };

/** A replica, as far as consistency is concerned: who it is and which datacenter it lives in. */
export interface ReplicaRef {
  node: string;
  dc: string;
}

/** QUORUM: a majority of all replicas in all datacenters, (sum of RF / 2) + 1 with integer division. */
export function quorumFor(r: Replication): number {
  return Math.floor(totalReplicationFactor(r) / 2) + 1;
}

/**
 * LOCAL_QUORUM in `dc`: (RF in dc / 2) + 1. Under SimpleStrategy there are no per-DC factors, so it is QUORUM.
 * A DC that NetworkTopologyStrategy does not replicate to has RF 0, so its local quorum is 1 and can never be met.
 */
export function localQuorumFor(r: Replication, dc: string): number {
  if (r.class === "SimpleStrategy") return quorumFor(r);
  return Math.floor(replicationFactorIn(r, dc) / 2) + 1;
}

/**
 * How many replica acknowledgements the level waits for (ConsistencyLevel.blockFor): ANY, ONE and LOCAL_ONE 1, TWO 2,
 * THREE 3, QUORUM quorumFor, ALL the total RF, LOCAL_QUORUM the local DC's quorum, EACH_QUORUM the sum of every
 * replicated DC's local quorum (QUORUM under SimpleStrategy).
 */
export function blockFor(cl: ConsistencyLevel, r: Replication, localDc: string): number {
  switch (cl) {
    case "ANY":
    case "ONE":
    case "LOCAL_ONE":
      return 1;
    case "TWO":
      return 2;
    case "THREE":
      return 3;
    case "QUORUM":
      return quorumFor(r);
    case "ALL":
      return totalReplicationFactor(r);
    case "LOCAL_QUORUM":
      return localQuorumFor(r, localDc);
    case "EACH_QUORUM":
      if (r.class === "SimpleStrategy") return quorumFor(r);
      return replicatedDatacenters(r).reduce((n, dc) => n + localQuorumFor(r, dc), 0);
  }
}

/**
 * Per-datacenter requirements, where the level has them: EACH_QUORUM under NetworkTopologyStrategy needs a local
 * quorum in every replicated DC; LOCAL_ONE and LOCAL_QUORUM need their count in the coordinator's DC alone.
 * null means any replica counts toward blockFor (including EACH_QUORUM under SimpleStrategy, which Cassandra treats
 * as QUORUM).
 */
export function perDcRequirement(cl: ConsistencyLevel, r: Replication, localDc: string): Record<string, number> | null {
  if (cl === "LOCAL_ONE" || cl === "LOCAL_QUORUM") return { [localDc]: blockFor(cl, r, localDc) };
  if (cl === "EACH_QUORUM" && r.class === "NetworkTopologyStrategy") {
    const out: Record<string, number> = {};
    for (const dc of replicatedDatacenters(r)) out[dc] = localQuorumFor(r, dc);
    return out;
  }
  return null;
}

function isDcLocal(cl: ConsistencyLevel): boolean {
  return cl === "LOCAL_ONE" || cl === "LOCAL_QUORUM";
}

/** Whether a replica in `replicaDc` counts toward the level: LOCAL_* levels count only the coordinator's DC. */
export function countsToward(cl: ConsistencyLevel, replicaDc: string, localDc: string): boolean {
  return !isDcLocal(cl) || replicaDc === localDc;
}

/**
 * Whether the level may be used for this operation: null if so, else Cassandra's reason (validateForRead).
 * ANY is for writes only. EACH_QUORUM reads are allowed since Cassandra 3.0 (CASSANDRA-9602; 2.x refused them).
 */
export function checkUsable(cl: ConsistencyLevel, op: "read" | "write"): string | null {
  if (op === "read" && cl === "ANY") return "ANY ConsistencyLevel is only supported for writes";
  return null;
}

export type LiveCheck = { ok: true } | { ok: false; required: number; alive: number; reason: string };

function unavailable(cl: ConsistencyLevel, required: number, alive: number, dc?: string): LiveCheck {
  // UnavailableException's message is "Cannot achieve consistency level X" (" in DC d" for EACH_QUORUM); the driver
  // shows required_replicas and alive_replicas beside it, which the reason spells out.
  const where = dc === undefined ? "" : ` in DC ${dc}`;
  const replicas = required === 1 ? "replica" : "replicas";
  return {
    ok: false,
    required,
    alive,
    reason: `Cannot achieve consistency level ${cl}${where}: ${required} ${replicas} required but only ${alive} alive`,
  };
}

function distinct(replicas: readonly ReplicaRef[]): ReplicaRef[] {
  const byNode = new Map<string, ReplicaRef>();
  for (const r of replicas) if (!byNode.has(r.node)) byNode.set(r.node, r);
  return [...byNode.values()];
}

function countIn(replicas: readonly ReplicaRef[], dc: string): number {
  return replicas.reduce((n, r) => n + (r.dc === dc ? 1 : 0), 0);
}

/**
 * The coordinator's check before sending anything (ReplicaPlans.assureSufficientLiveReplicas): `live` are the
 * token's replicas that the failure detector thinks are up. Fewer than required in the relevant DCs means the request
 * fails at once with Unavailable. ANY passes with no live replica: the coordinator can always store a hint.
 */
export function sufficientLive(cl: ConsistencyLevel, r: Replication, localDc: string, live: readonly ReplicaRef[]): LiveCheck {
  const up = distinct(live);
  const need = blockFor(cl, r, localDc);
  switch (cl) {
    case "ANY":
      return { ok: true };
    case "LOCAL_ONE":
    case "LOCAL_QUORUM": {
      const alive = countIn(up, localDc);
      return alive >= need ? { ok: true } : unavailable(cl, need, alive);
    }
    case "EACH_QUORUM": {
      const perDc = perDcRequirement(cl, r, localDc);
      if (perDc === null) break;
      for (const [dc, required] of Object.entries(perDc)) {
        const alive = countIn(up, dc);
        if (alive < required) return unavailable(cl, required, alive, dc);
      }
      return { ok: true };
    }
    default:
      break;
  }
  return up.length >= need ? { ok: true } : unavailable(cl, need, up.length);
}

/**
 * Whether these acknowledging replicas meet the level (the write/read response handlers' condition). Each node
 * counts once. LOCAL_* count only the coordinator's DC; EACH_QUORUM under NetworkTopologyStrategy needs a local
 * quorum in every replicated DC. For ANY, one acknowledgement is enough, and the coordinator's own stored hint
 * counts as one: pass it in `acked` (a hint counts toward no other level).
 */
export function isSatisfied(cl: ConsistencyLevel, r: Replication, localDc: string, acked: readonly ReplicaRef[]): boolean {
  const got = distinct(acked);
  const perDc = perDcRequirement(cl, r, localDc);
  if (perDc !== null) return Object.entries(perDc).every(([dc, required]) => countIn(got, dc) >= required);
  return got.length >= blockFor(cl, r, localDc);
}
