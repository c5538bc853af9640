// The cluster bus: every node pings others and answers with pongs; each message carries the sender's epochs, role,
// slots and replication offset (the header) and a few gossip entries about third nodes. From these it follows
// (src/cluster_legacy.c, FACTS §1.4):
//   - failure detection: a node whose ping has been outstanding for more than cluster-node-timeout is PFAIL here;
//     when a majority of the masters serving slots report it PFAIL/FAIL within node_timeout*2, it is FAIL and a
//     FAIL message is broadcast (markNodeAsFailingIfNeeded);
//   - slot configuration: a master claiming slots with a greater configEpoch than their owner here takes them
//     (clusterUpdateSlotsConfigWith); a sender with a stale claim gets an UPDATE; a master that lost all its slots
//     becomes a replica of the node that took them;
//   - configEpoch collisions between masters are resolved by the node with the smaller id bumping its own.

import type { NodeContext, NodeId } from "../../sim/types";
import { updateClusterState } from "./cluster-state";
import { quorum } from "./election";
import { noteMasterPause } from "./failover";
import { becomeReplicaOf, newPeer, type PeerView, type RedisNode } from "./node";
import { fromRanges, type SlotRange } from "./slot-ranges";
import type { BusHeader, GossipEntry, RedisMessage } from "./wire";

type BusMessage = Extract<RedisMessage, { kind: "ping" | "pong" | "meet" | "fail" | "update" }>;

/** CLUSTER_FAIL_REPORT_VALIDITY_MULT and CLUSTER_FAIL_UNDO_TIME_MULT. */
export const FAIL_REPORT_VALIDITY_MULT = 2;
export const FAIL_UNDO_TIME_MULT = 2;

/** Starts talking: a node added later meets a seed (CLUSTER MEET); the others simply begin pinging. */
export function startBus(n: RedisNode, ctx: NodeContext, seed?: NodeId): void {
  if (seed === undefined || seed === n.id) return;
  if (!n.peers.has(seed)) n.peers.set(seed, newPeer(seed, "master", null, 0));
  send(n, ctx, seed, "meet");
}

export function header(n: RedisNode, now: number): BusHeader {
  const master = n.shardMaster;
  return {
    currentEpoch: n.currentEpoch,
    configEpoch: n.role === "master" ? n.configEpoch : master ? n.epochOf(master) : 0,
    role: n.role,
    master: n.master,
    slots: master ? n.slotsOf(master) : [],
    offset: n.repl.offset,
    paused: n.pausedUntil > now,
  };
}

/** Gossip about max(3, N/10) random other nodes, plus every node this one believes PFAIL (clusterSendPing). */
function gossipFor(n: RedisNode, ctx: NodeContext, to: NodeId): GossipEntry[] {
  const others = [...n.peers.values()].filter((p) => p.id !== to);
  const wanted = Math.min(others.length, Math.max(3, Math.floor(n.peers.size / 10)));
  const chosen = new Set<PeerView>();
  for (let tries = 0; chosen.size < wanted && tries < wanted * 3; tries++) chosen.add(ctx.rng.pick(others));
  for (const p of others) if (p.pfail) chosen.add(p);
  return [...chosen].map((p) => ({ id: p.id, role: p.role, pfail: p.pfail, fail: p.fail }));
}

export function send(n: RedisNode, ctx: NodeContext, to: NodeId, kind: "ping" | "pong" | "meet"): void {
  const now = ctx.monotonicTime;
  const peer = n.peers.get(to);
  if (peer && kind !== "pong" && peer.pingSent === 0) {
    peer.pingSent = now;
    peer.pingResent = false;
  }
  ctx.send(to, { kind, gossip: gossipFor(n, ctx, to), ...header(n, now) });
}

/** PONG to every known node: how a new master announces its slots at once. */
export function broadcastPong(n: RedisNode, ctx: NodeContext): void {
  for (const id of n.peers.keys()) send(n, ctx, id, "pong");
}

/** The cluster bus part of clusterCron: who to ping, who is PFAIL now. */
export function pingNow(n: RedisNode, ctx: NodeContext): void {
  const now = ctx.monotonicTime;
  const timeout = n.settings.nodeTimeoutMs;
  const peers = [...n.peers.values()];
  // Once a second: of 5 random nodes with no ping outstanding, ping the one heard from least recently.
  if (n.cronTicks % 10 === 0 && peers.length > 0) {
    let best: PeerView | undefined;
    for (let i = 0; i < 5; i++) {
      const p = ctx.rng.pick(peers);
      if (p.pingSent !== 0) continue;
      if (!best || p.pongReceived < best.pongReceived) best = p;
    }
    if (best) send(n, ctx, best.id, "ping");
  }
  for (const p of peers) {
    // A manual failover's master pings its replica every tick so it learns the paused offset at once.
    if (n.failoverReplica === p.id && n.pausedUntil > now) send(n, ctx, p.id, "ping");
    // No answer for half the timeout: reconnect and ping again, keeping the time of the first ping.
    if (p.pingSent !== 0 && !p.pingResent && now - p.pingSent > timeout / 2 && now - p.dataReceived > timeout / 2) {
      const first = p.pingSent;
      send(n, ctx, p.id, "ping");
      p.pingSent = first;
      p.pingResent = true;
    }
    if (p.pingSent === 0 && now - p.pongReceived > timeout / 2) send(n, ctx, p.id, "ping");
    if (p.pingSent !== 0 && !p.pfail && !p.fail) {
      const delay = Math.min(now - p.pingSent, now - p.dataReceived);
      if (delay > timeout) {
        p.pfail = true;
        ctx.emit({ kind: "pfail", node: n.id, about: p.id, text: `${n.id} marks ${p.id} PFAIL: no answer for more than cluster-node-timeout (${timeout} ms)` });
      }
    }
    for (const [reporter, at] of p.failReports) if (now - at > timeout * FAIL_REPORT_VALIDITY_MULT) p.failReports.delete(reporter);
  }
}

export function handleBus(n: RedisNode, ctx: NodeContext, from: NodeId, msg: BusMessage): void {
  switch (msg.kind) {
    case "fail":
      onFail(n, ctx, from, msg.node);
      return;
    case "update":
      onUpdate(n, ctx, msg.node, msg.configEpoch, msg.slots);
      return;
    default:
      onPingPong(n, ctx, from, msg);
  }
}

function onPingPong(n: RedisNode, ctx: NodeContext, from: NodeId, msg: Extract<BusMessage, { kind: "ping" | "pong" | "meet" }>): void {
  const now = ctx.monotonicTime;
  let peer = n.peers.get(from);
  if (!peer) {
    // Real nodes first run a handshake with a node they learn of; here it is taken as known at once.
    peer = newPeer(from, msg.role, msg.master, msg.role === "master" ? msg.configEpoch : 0);
    n.peers.set(from, peer);
    peer.dataReceived = now;
  }
  if (msg.currentEpoch > n.currentEpoch) n.currentEpoch = msg.currentEpoch;
  if (msg.role === "master" && msg.configEpoch > peer.configEpoch) peer.configEpoch = msg.configEpoch;
  if (msg.kind === "pong") {
    peer.pongReceived = now;
    peer.pingSent = 0;
    peer.pingResent = false;
    if (peer.pfail) peer.pfail = false;
    else if (peer.fail) clearFailureIfNeeded(n, ctx, peer, now);
  }
  noteRole(n, peer, msg);
  peer.offset = msg.offset;
  peer.paused = msg.paused;
  if (from === n.master) noteMasterPause(n, ctx, msg);
  if (msg.role === "master") {
    claimSlots(n, ctx, from, msg.configEpoch, msg.slots);
    sendUpdateIfStale(n, ctx, from, msg.configEpoch, msg.slots);
    resolveEpochCollision(n, ctx, from, msg);
  }
  processGossip(n, ctx, peer, msg.gossip, now);
  if (msg.kind !== "pong") send(n, ctx, from, "pong");
  updateClusterState(n, ctx);
}

/** A node announces its role: a replica that became a master, a master that became a replica (its slots go). */
function noteRole(n: RedisNode, peer: PeerView, msg: BusHeader): void {
  if (msg.role === "master") {
    peer.role = "master";
    peer.master = null;
    return;
  }
  if (peer.role === "master") {
    let changed = false;
    for (let s = 0; s < n.owners.length; s++) {
      if (n.owners[s] === peer.id) {
        n.owners[s] = null;
        changed = true;
      }
    }
    if (changed) n.slotsChanged();
  }
  peer.role = "replica";
  peer.master = msg.master;
}

function claimSlots(n: RedisNode, ctx: NodeContext, sender: NodeId, epoch: number, ranges: readonly SlotRange[]): void {
  for (const [a, b] of ranges) {
    for (let s = a; s <= b; s++) {
      if (n.owners[s] !== sender) {
        updateSlotsConfigWith(n, ctx, sender, epoch, ranges);
        return;
      }
    }
  }
}

/**
 * clusterUpdateSlotsConfigWith: take every slot the sender claims whose owner here has a smaller configEpoch
 * (slots this node is importing excepted). If this node's master (or this master itself) lost all its slots to the
 * sender, follow the sender: that is how a failed-over master, back again, becomes a replica of its successor.
 * Keys left in slots this master lost to a newer configuration are deleted (dirty slots).
 */
export function updateSlotsConfigWith(n: RedisNode, ctx: NodeContext, sender: NodeId, epoch: number, ranges: readonly SlotRange[]): void {
  if (sender === n.id) return;
  const curMaster = n.shardMaster;
  let newMaster = false;
  let changed = false;
  const dirty: number[] = [];
  for (const s of fromRanges(ranges)) {
    const owner = n.owners[s];
    if (owner === sender || n.importing.has(s)) continue;
    if (owner !== null && n.epochOf(owner) >= epoch) continue;
    if (owner === n.id && n.keysInSlot(s, 1).length > 0) dirty.push(s);
    if (owner !== null && owner === curMaster) newMaster = true;
    n.owners[s] = sender;
    n.migrating.delete(s);
    changed = true;
  }
  if (!changed) return;
  n.slotsChanged();
  if (newMaster && curMaster !== null && n.slotsOf(curMaster).length === 0) {
    ctx.emit({
      kind: "reconfigured",
      node: n.id,
      text: `${n.id}: configuration change detected; it now replicates ${sender} (configEpoch ${epoch} took ${curMaster === n.id ? "its" : `${curMaster}'s`} slots)`,
    });
    becomeReplicaOf(n, ctx, sender);
    return;
  }
  for (const s of dirty) for (const k of n.keysInSlot(s)) n.data.delete(k);
}

/** A sender claiming slots that a node with a greater configEpoch owns here gets an UPDATE about that node. */
function sendUpdateIfStale(n: RedisNode, ctx: NodeContext, sender: NodeId, epoch: number, ranges: readonly SlotRange[]): void {
  for (const [a, b] of ranges) {
    for (let s = a; s <= b; s++) {
      const owner = n.owners[s];
      if (owner !== null && owner !== sender && n.epochOf(owner) > epoch) {
        ctx.send(sender, { kind: "update", node: owner, configEpoch: n.epochOf(owner), slots: n.slotsOf(owner) });
        return;
      }
    }
  }
}

function onUpdate(n: RedisNode, ctx: NodeContext, node: NodeId, epoch: number, slots: SlotRange[]): void {
  const peer = n.peers.get(node);
  if (node === n.id || !peer) return;
  if (peer.configEpoch >= epoch && peer.role === "master") {
    // The header of a pong may have taught the epoch already; the slots still have to follow it.
    updateSlotsConfigWith(n, ctx, node, epoch, slots);
    return;
  }
  peer.configEpoch = epoch;
  peer.role = "master";
  peer.master = null;
  updateSlotsConfigWith(n, ctx, node, epoch, slots);
}

/** clusterHandleConfigEpochCollision: two masters with one configEpoch; the one with the smaller id moves on. */
function resolveEpochCollision(n: RedisNode, ctx: NodeContext, from: NodeId, msg: BusHeader): void {
  if (n.role !== "master" || msg.configEpoch !== n.configEpoch || n.id >= from) return;
  n.currentEpoch++;
  n.configEpoch = n.currentEpoch;
  ctx.emit({ kind: "config-epoch", node: n.id, text: `${n.id}: configEpoch collision with ${from} resolved; configEpoch set to ${n.configEpoch}` });
}

function processGossip(n: RedisNode, ctx: NodeContext, sender: PeerView, gossip: readonly GossipEntry[], now: number): void {
  for (const g of gossip) {
    if (g.id === n.id) continue;
    const p = n.peers.get(g.id);
    if (!p) {
      n.peers.set(g.id, newPeer(g.id, g.role, null, 0));
      continue;
    }
    if (sender.role !== "master") continue;
    if (g.pfail || g.fail) {
      p.failReports.set(sender.id, now);
      markFailingIfNeeded(n, ctx, p, now);
    } else p.failReports.delete(sender.id);
  }
}

/** Failure reports younger than node_timeout*2, from masters. */
export function validReports(n: RedisNode, p: PeerView, now: number): number {
  let count = 0;
  for (const at of p.failReports.values()) if (now - at <= n.settings.nodeTimeoutMs * FAIL_REPORT_VALIDITY_MULT) count++;
  return count;
}

/** markNodeAsFailingIfNeeded: PFAIL here + reports from a majority of the masters serving slots -> FAIL, broadcast. */
export function markFailingIfNeeded(n: RedisNode, ctx: NodeContext, p: PeerView, now: number): void {
  if (!p.pfail || p.fail) return;
  const needed = quorum(n.mastersWithSlots().length);
  let failures = validReports(n, p, now);
  if (n.role === "master") failures++;
  if (failures < needed) return;
  p.pfail = false;
  p.fail = true;
  p.failTime = now;
  ctx.emit({ kind: "node-failed", node: p.id, by: n.id, text: `${n.id} marks ${p.id} as failing (quorum reached: ${failures} masters agree, ${needed} needed); FAIL broadcast` });
  for (const id of n.peers.keys()) ctx.send(id, { kind: "fail", node: p.id });
  updateClusterState(n, ctx);
}

function onFail(n: RedisNode, ctx: NodeContext, from: NodeId, node: NodeId): void {
  const p = n.peers.get(node);
  if (!p || node === n.id || p.fail) return;
  p.fail = true;
  p.pfail = false;
  p.failTime = ctx.monotonicTime;
  void from;
  updateClusterState(n, ctx);
}

/** clearNodeFailureIfNeeded: a reachable replica or slot-less master at once; a master with slots after node_timeout*2. */
function clearFailureIfNeeded(n: RedisNode, ctx: NodeContext, p: PeerView, now: number): void {
  const servesSlots = p.role === "master" && n.slotsOf(p.id).length > 0;
  if (!servesSlots || now - p.failTime > n.settings.nodeTimeoutMs * FAIL_UNDO_TIME_MULT) {
    p.fail = false;
    ctx.emit({ kind: "fail-cleared", node: p.id, by: n.id, text: `${n.id} clears the FAIL flag of ${p.id}: it is reachable again` });
  }
}
