// The arithmetic of a replica election (clusterHandleSlaveFailover, clusterGetSlaveRank and
// clusterSendFailoverAuthIfNeeded in src/cluster_legacy.c, FACTS §1.4). Pure functions, so the tests can hold
// them to the formulas.

/** auth_timeout = max(node_timeout*2, 2000) ms: an election not won by then has failed. */
export function authTimeout(nodeTimeoutMs: number): number {
  return Math.max(nodeTimeoutMs * 2, 2000);
}

/** auth_retry_time = 2*auth_timeout: the earliest a failed election may be tried again. */
export function authRetryTime(nodeTimeoutMs: number): number {
  return 2 * authTimeout(nodeTimeoutMs);
}

/** A replica's rank: how many sibling replicas have a greater replication offset (ties share a rank). */
export function replicaRank(myOffset: number, siblingOffsets: readonly number[]): number {
  let rank = 0;
  for (const o of siblingOffsets) if (o > myOffset) rank++;
  return rank;
}

/** failover_auth_time - now = 500 + random()%500 + rank*1000 ms; a manual failover starts at once. */
export function electionDelay(random0to499: number, rank: number, manual: boolean): number {
  return manual ? 0 : 500 + random0to499 + rank * 1000;
}

/** Votes needed (from masters serving slots): size/2 + 1. Also the FAIL quorum of failure reports. */
export function quorum(mastersWithSlots: number): number {
  return Math.floor(mastersWithSlots / 2) + 1;
}

/**
 * May this replica still fail over, given how long ago it last heard from its master? data_age minus the node
 * timeout must not exceed repl-ping-replica-period + node_timeout * cluster-replica-validity-factor (a factor of 0
 * disables the check). Manual failovers skip it.
 */
export function dataTooOld(dataAgeMs: number, nodeTimeoutMs: number, pingPeriodMs: number, validityFactor: number): boolean {
  if (validityFactor === 0) return false;
  const age = dataAgeMs > nodeTimeoutMs ? dataAgeMs - nodeTimeoutMs : dataAgeMs;
  return age > pingPeriodMs + nodeTimeoutMs * validityFactor;
}

/** Why a master refuses a vote, or null when it grants it (clusterSendFailoverAuthIfNeeded's checks, in order). */
export interface VoteRequest {
  /** The voter: a master serving slots? */
  voterServesSlots: boolean;
  voterCurrentEpoch: number;
  voterLastVoteEpoch: number;
  requestEpoch: number;
  requesterIsReplica: boolean;
  masterFailed: boolean;
  forceAck: boolean;
  /** now - the last time this voter voted for a replica of the same master. */
  sinceLastVoteForMaster: number;
  nodeTimeoutMs: number;
  /** Some slot the requester claims is held by a node with a greater configEpoch than the request's. */
  staleSlotClaim: boolean;
}

export function refuseVote(r: VoteRequest): string | null {
  if (!r.voterServesSlots) return "not a master serving slots";
  if (r.requestEpoch < r.voterCurrentEpoch) return `request epoch ${r.requestEpoch} is older than my current epoch ${r.voterCurrentEpoch}`;
  if (r.voterLastVoteEpoch === r.voterCurrentEpoch) return `already voted for epoch ${r.voterCurrentEpoch}`;
  if (!r.requesterIsReplica) return "the requester is not a replica";
  if (!r.masterFailed && !r.forceAck) return "its master is not failing";
  if (r.sinceLastVoteForMaster < r.nodeTimeoutMs * 2) return "voted for a replica of the same master recently";
  if (r.staleSlotClaim) return "a slot it claims has a newer configEpoch";
  return null;
}
