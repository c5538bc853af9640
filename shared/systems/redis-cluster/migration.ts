// redis-cli --cluster reshard, run from the source master (the operator's redis-cli would send these same commands
// from outside; running it here keeps every step on the simulated wire and clock). For each slot, in ascending
// order, exactly as clusterManagerMoveSlot does:
//   1. CLUSTER SETSLOT <slot> IMPORTING <source>   on the target
//   2. CLUSTER SETSLOT <slot> MIGRATING <target>   on the source
//   3. MIGRATE ... KEYS k1..k10, batch after batch (--cluster-pipeline 10), until the slot holds no key here
//   4. CLUSTER SETSLOT <slot> NODE <target>        on the target (which bumps its configEpoch), then here, then on
//                                                  every other master
// While a slot migrates, clients meet ASK for the keys already moved and MOVED once it is done. If an answer does
// not come within MIGRATE's timeout the reshard stops and the slot stays MIGRATING/IMPORTING, as when redis-cli
// dies mid-way (redis-cli --cluster fix would finish it).

import type { NodeContext, NodeId } from "../../sim/types";
import { migrateKeys, request, setSlot } from "./commands";
import { type RedisNode, releaseHeld } from "./node";

/** MIGRATE's timeout as redis-cli passes it. */
export const MIGRATE_TIMEOUT_MS = 5000;

export interface ReshardJob {
  to: NodeId;
  slots: number[];
  index: number;
  moved: number;
  keys: number;
}

export function startReshard(n: RedisNode, ctx: NodeContext, to: NodeId, slots: number[]): void {
  if (n.reshard) abortReshard(n, ctx, "a new reshard replaced it");
  n.reshard = { to, slots, index: 0, moved: 0, keys: 0 };
  ctx.emit({ kind: "reshard", node: n.id, to, count: slots.length, text: `reshard: moving ${slots.length} slots from ${n.id} to ${to}` });
  nextSlot(n, ctx);
}

export function abortReshard(n: RedisNode, ctx: NodeContext, why: string): void {
  const job = n.reshard;
  if (!job) return;
  n.reshard = undefined;
  ctx.cancelTimer("reshard");
  // MIGRATE gives up too (IOERR after its timeout): the node stops blocking; unanswered requests are forgotten.
  n.pending.clear();
  n.migrateInFlight = 0;
  releaseHeld(n, ctx);
  ctx.emit({ kind: "reshard", node: n.id, to: job.to, text: `reshard from ${n.id} to ${job.to} stopped after ${job.moved} of ${job.slots.length} slots: ${why}` });
}

export function reshardTimedOut(n: RedisNode, ctx: NodeContext): void {
  const job = n.reshard;
  if (job) abortReshard(n, ctx, `no answer from ${job.to} within ${MIGRATE_TIMEOUT_MS} ms; slot ${job.slots[job.index]} is left MIGRATING/IMPORTING`);
}

/** A step of this job is still current (the job was not replaced or stopped meanwhile). */
function current(n: RedisNode, job: ReshardJob): boolean {
  return n.reshard === job;
}

function ask(n: RedisNode, ctx: NodeContext, job: ReshardJob, send: (then: (error: string | null) => void) => void, then: () => void): void {
  ctx.setTimer("reshard", MIGRATE_TIMEOUT_MS);
  send((error) => {
    if (!current(n, job)) return;
    if (error !== null) abortReshard(n, ctx, error);
    else then();
  });
}

function nextSlot(n: RedisNode, ctx: NodeContext): void {
  const job = n.reshard as ReshardJob;
  while (job.index < job.slots.length && n.owners[job.slots[job.index]] !== n.id) job.index++;
  if (job.index >= job.slots.length) {
    n.reshard = undefined;
    ctx.cancelTimer("reshard");
    ctx.emit({ kind: "reshard", node: n.id, to: job.to, text: `reshard done: ${job.moved} slots and ${job.keys} keys moved from ${n.id} to ${job.to}` });
    return;
  }
  const slot = job.slots[job.index];
  ask(n, ctx, job, (then) => request(n, ctx, job.to, (id) => ({ kind: "setslot", id, slot, state: "importing", node: n.id }), then), () => {
    const error = setSlot(n, ctx, slot, "migrating", job.to);
    if (error) abortReshard(n, ctx, error);
    else migrateBatch(n, ctx, job, slot);
  });
}

function migrateBatch(n: RedisNode, ctx: NodeContext, job: ReshardJob, slot: number): void {
  const keys = n.keysInSlot(slot, n.cfg.migratePipeline);
  if (keys.length === 0) {
    finishSlot(n, ctx, job, slot);
    return;
  }
  ask(n, ctx, job, (then) => migrateKeys(n, ctx, job.to, keys, then), () => {
    job.keys += keys.length;
    migrateBatch(n, ctx, job, slot);
  });
}

function finishSlot(n: RedisNode, ctx: NodeContext, job: ReshardJob, slot: number): void {
  ask(n, ctx, job, (then) => request(n, ctx, job.to, (id) => ({ kind: "setslot", id, slot, state: "node", node: job.to }), then), () => {
    const error = setSlot(n, ctx, slot, "node", job.to);
    if (error) {
      abortReshard(n, ctx, error);
      return;
    }
    for (const p of n.peers.values()) {
      if (p.role === "master" && p.id !== job.to) ctx.send(p.id, { kind: "setslot", id: 0, slot, state: "node", node: job.to });
    }
    job.moved++;
    job.index++;
    nextSlot(n, ctx);
  });
}
