// Replica promotion (FACTS §1.4): the automatic failover a replica runs when its master is FAIL
// (clusterHandleSlaveFailover), the votes masters grant (clusterSendFailoverAuthIfNeeded), and CLUSTER FAILOVER:
//   default   the replica asks its master to pause writes (MFSTART); the master pings it with its offset while
//             paused; once the replica has processed exactly that offset it runs an election without waiting —
//             so no acknowledged write is left behind;
//   force     no agreement with the master: the replica runs the election at once (masters vote although its master
//             is not FAIL: the request carries FORCEACK);
//   takeover  no election at all: the replica bumps its configEpoch on its own and takes the slots.
// Winning: configEpoch = the election's epoch, the old master's slots become its own, PONG to everybody.

import type { NodeContext, NodeId } from "../../sim/types";
import { broadcastPong, header } from "./bus";
import { authRetryTime, authTimeout, dataTooOld, electionDelay, quorum, refuseVote, replicaRank } from "./election";
import { releasePaused, type RedisNode } from "./node";
import { describeRanges, fromRanges } from "./slot-ranges";
import type { BusHeader, RedisMessage } from "./wire";

/** CLUSTER_MF_TIMEOUT and CLUSTER_MF_PAUSE_MULT. */
export const MF_TIMEOUT_MS = 5000;
export const MF_PAUSE_MULT = 2;

export interface FailoverState {
  /** failover_auth_time: when the election may start (in the future while delayed). */
  authTime: number;
  authSent: boolean;
  authRank: number;
  authCount: number;
  authEpoch: number;
  /** Set once the data-age check refused, so it is reported once. */
  tooOld: boolean;
  /** A manual failover in progress on this replica. */
  manual: { mode: "default" | "force"; end: number; masterOffset: number; canStart: boolean } | null;
}

export function newFailoverState(): FailoverState {
  return { authTime: -Infinity, authSent: false, authRank: 0, authCount: 0, authEpoch: 0, tooOld: false, manual: null };
}

/** The replicas of my master other than me, and their offsets as their headers said. */
function siblingOffsets(n: RedisNode): number[] {
  const out: number[] = [];
  for (const p of n.peers.values()) if (p.role === "replica" && p.master === n.master) out.push(p.offset);
  return out;
}

export function failoverCron(n: RedisNode, ctx: NodeContext): void {
  const now = ctx.monotonicTime;
  if (n.role === "master") {
    if (n.pausedUntil !== 0 && now > n.pausedUntil) {
      ctx.emit({ kind: "manual-failover", node: n.id, text: `${n.id}: manual failover timed out; clients resume` });
      n.failoverReplica = null;
      releasePaused(n, ctx);
    }
    return;
  }
  const f = n.failover;
  if (f.manual && now > f.manual.end) {
    ctx.emit({ kind: "manual-failover", node: n.id, text: `${n.id}: manual failover timed out` });
    f.manual = null;
  }
  if (f.manual && !f.manual.canStart && f.manual.masterOffset >= 0 && n.repl.offset >= f.manual.masterOffset) {
    f.manual.canStart = true;
    ctx.emit({ kind: "manual-failover", node: n.id, text: `${n.id}: all of ${n.master}'s replication stream processed (offset ${n.repl.offset}); manual failover can start` });
  }
  handleReplicaFailover(n, ctx, now);
}

function handleReplicaFailover(n: RedisNode, ctx: NodeContext, now: number): void {
  const f = n.failover;
  const master = n.master;
  const mp = master ? n.peers.get(master) : undefined;
  const manual = f.manual?.canStart === true;
  if (!master || !mp || (!mp.fail && !manual)) return;
  if (n.slotsOf(master).length === 0) return;
  if (!manual && n.settings.replicaNoFailover) return;
  const timeout = n.settings.nodeTimeoutMs;
  if (!manual && dataTooOld(now - n.lastMasterInteraction, timeout, n.cfg.replPingReplicaPeriodMs, n.cfg.replicaValidityFactor)) {
    if (!f.tooOld) ctx.emit({ kind: "election", node: n.id, text: `${n.id}: its data is too old to fail over (cluster-replica-validity-factor)` });
    f.tooOld = true;
    return;
  }
  const authAge = now - f.authTime;
  if (authAge > authRetryTime(timeout)) {
    f.authRank = manual ? 0 : replicaRank(n.repl.offset, siblingOffsets(n));
    const delay = electionDelay(ctx.rng.int(0, 500), f.authRank, manual);
    f.authTime = now + delay;
    f.authCount = 0;
    f.authSent = false;
    if (!manual) {
      for (const p of n.peers.values()) if (p.role === "replica" && p.master === master) ctx.send(p.id, { kind: "pong", gossip: [], ...header(n, now) });
      ctx.emit({ kind: "election-delay", node: n.id, delayMs: delay, rank: f.authRank, text: `${n.id}: start of election delayed for ${delay} milliseconds (rank #${f.authRank}, offset ${n.repl.offset})` });
    }
    if (delay > 0) return;
  }
  if (!f.authSent && !manual) {
    const rank = replicaRank(n.repl.offset, siblingOffsets(n));
    if (rank > f.authRank) {
      f.authTime += (rank - f.authRank) * 1000;
      f.authRank = rank;
    }
  }
  if (now < f.authTime) return;
  if (now - f.authTime > authTimeout(timeout)) return; // expired: wait for the retry time
  if (!f.authSent) {
    n.currentEpoch++;
    f.authEpoch = n.currentEpoch;
    f.authSent = true;
    const request = { kind: "failover-auth-request" as const, forceAck: f.manual !== null, ...header(n, now) };
    for (const id of n.peers.keys()) ctx.send(id, request);
    ctx.emit({ kind: "election", node: n.id, term: f.authEpoch, text: `${n.id}: starting a failover election for epoch ${f.authEpoch}` });
    return;
  }
  if (f.authCount >= quorum(n.mastersWithSlots().length)) becomeMaster(n, ctx, f.authEpoch, "won the failover election");
}

/** clusterFailoverReplaceYourMaster: this replica takes its master's slots under `epoch`. */
export function becomeMaster(n: RedisNode, ctx: NodeContext, epoch: number, how: string): void {
  const old = n.master;
  if (!old) return;
  const taken = n.slotsOf(old);
  n.role = "master";
  n.master = null;
  if (epoch > n.configEpoch) n.configEpoch = epoch;
  const slots = fromRanges(taken);
  for (const s of slots) n.owners[s] = n.id;
  n.slotsChanged();
  n.tookSlots(slots);
  // PSYNC2: the old history stays reachable under replid2 up to the offset this node had; a new history starts.
  n.repl = { ...n.repl, replid2: n.repl.replid, offset2: n.repl.offset, replid: `${n.id}-${epoch}` };
  n.promotions++;
  n.failover = newFailoverState();
  n.masterLinkUp = false;
  const oldPeer = n.peers.get(old);
  if (oldPeer) {
    oldPeer.role = "replica";
    oldPeer.master = n.id;
  }
  ctx.emit({
    kind: "leader",
    node: n.id,
    term: epoch,
    group: `shard of ${old}`,
    text: `${n.id} ${how}: configEpoch set to ${n.configEpoch}; it now serves ${describeRanges(taken)} in place of ${old}`,
  });
  broadcastPong(n, ctx);
}

/** CLUSTER FAILOVER [FORCE|TAKEOVER] on this replica. */
export function startManualFailover(n: RedisNode, ctx: NodeContext, mode: "default" | "force" | "takeover"): void {
  if (n.role !== "replica" || !n.master) return;
  const now = ctx.monotonicTime;
  if (mode === "takeover") {
    // clusterBumpConfigEpochWithoutConsensus: no vote, a fresh epoch of its own.
    n.currentEpoch++;
    becomeMaster(n, ctx, n.currentEpoch, "took over (CLUSTER FAILOVER TAKEOVER, no election)");
    return;
  }
  n.failover = newFailoverState();
  n.failover.manual = { mode, end: now + MF_TIMEOUT_MS, masterOffset: -1, canStart: mode === "force" };
  if (mode === "default") ctx.send(n.master, { kind: "mfstart" });
  ctx.emit({ kind: "manual-failover", node: n.id, text: `${n.id}: manual failover (${mode === "force" ? "FORCE" : "waiting for the master's offset"}) requested` });
}

/** The replica learns its paused master's offset from the master's ping (CLUSTERMSG_FLAG0_PAUSED). */
export function noteMasterPause(n: RedisNode, _ctx: NodeContext, msg: BusHeader): void {
  const m = n.failover.manual;
  if (m && m.mode === "default" && m.masterOffset < 0 && msg.paused) m.masterOffset = msg.offset;
}

type FailoverMessage = Extract<RedisMessage, { kind: "failover-auth-request" | "failover-auth-ack" | "mfstart" }>;

export function handleFailoverMessage(n: RedisNode, ctx: NodeContext, from: NodeId, msg: FailoverMessage): void {
  const now = ctx.monotonicTime;
  switch (msg.kind) {
    case "mfstart":
      // Pause writes for twice the manual-failover timeout and tell the replica our offset on every cron tick.
      if (n.role !== "master") return;
      n.pausedUntil = now + MF_TIMEOUT_MS * MF_PAUSE_MULT;
      n.failoverReplica = from;
      ctx.send(from, { kind: "ping", gossip: [], ...header(n, now) });
      ctx.emit({ kind: "manual-failover", node: n.id, text: `${n.id} pauses writes for the manual failover of its replica ${from} (offset ${n.repl.offset})` });
      return;
    case "failover-auth-ack": {
      const voter = n.peers.get(from);
      if (n.role === "replica" && voter?.role === "master" && n.slotsOf(from).length > 0 && msg.epoch >= n.failover.authEpoch) n.failover.authCount++;
      return;
    }
    case "failover-auth-request":
      vote(n, ctx, from, msg, now);
  }
}

function vote(n: RedisNode, ctx: NodeContext, from: NodeId, msg: Extract<RedisMessage, { kind: "failover-auth-request" }>, now: number): void {
  if (msg.currentEpoch > n.currentEpoch) n.currentEpoch = msg.currentEpoch;
  const master = msg.master;
  const mp = master ? n.peers.get(master) : undefined;
  let stale = false;
  for (const s of fromRanges(msg.slots)) {
    const owner = n.owners[s];
    if (owner !== null && n.epochOf(owner) > msg.configEpoch) {
      stale = true;
      break;
    }
  }
  const refusal = refuseVote({
    voterServesSlots: n.role === "master" && n.slotsOf(n.id).length > 0,
    voterCurrentEpoch: n.currentEpoch,
    voterLastVoteEpoch: n.lastVoteEpoch,
    requestEpoch: msg.currentEpoch,
    requesterIsReplica: msg.role === "replica" && mp !== undefined,
    masterFailed: mp?.fail === true,
    forceAck: msg.forceAck,
    sinceLastVoteForMaster: now - (mp?.votedTime ?? -Infinity),
    nodeTimeoutMs: n.settings.nodeTimeoutMs,
    staleSlotClaim: stale,
  });
  if (refusal !== null || !mp) return;
  n.lastVoteEpoch = n.currentEpoch;
  mp.votedTime = now;
  ctx.send(from, { kind: "failover-auth-ack", epoch: n.currentEpoch });
  ctx.emit({ kind: "vote", node: n.id, term: n.currentEpoch, text: `${n.id}: failover auth granted to ${from} for epoch ${n.currentEpoch}` });
}
