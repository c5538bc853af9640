// The gateway's DistSender (pkg/kv/kvclient/kvcoord/dist_sender.go): finds the range that holds a key in its range
// cache (meta2 in CockroachDB; here descriptors spread with the RPC heartbeats), sends the request to the replica it
// believes holds the lease, and follows NotLeaseHolderError hints, refreshes its cache on RangeKeyMismatchError,
// and tries the next replica when one does not answer within the network timeout. It gives up at a deadline.

import type { NodeContext, NodeId } from "../../sim/types";
import { containsKey, type RangeDescriptor } from "./keys";
import type { BatchRequest, KvRequest, KvResult } from "./wire";

export interface SenderHost {
  readonly id: NodeId;
  readonly networkTimeoutMs: number;
  later(ctx: NodeContext, ms: number, fn: (ctx: NodeContext) => void): string;
  cancel(ctx: NodeContext, timer: string): void;
  /** Delivers a request to this node itself (no network hop). */
  local(ctx: NodeContext, msg: BatchRequest): void;
  clock(): BatchRequest["now"];
}

interface Rpc {
  key: string;
  req: KvRequest;
  done: (ctx: NodeContext, res: KvResult) => void;
  deadline: number;
  attempt: number;
  timer?: string;
  tried: NodeId[];
}

const BACKOFF_MS = 50;

export class DistSender {
  readonly meta = new Map<number, RangeDescriptor>();
  readonly leaseholders = new Map<number, NodeId>();
  private readonly rpcs = new Map<number, Rpc>();
  private nextRpc = 1;

  constructor(private readonly host: SenderHost) {}

  /** Learns a descriptor if it is newer than the one cached for its range. */
  learn(d: RangeDescriptor): void {
    const cur = this.meta.get(d.rangeId);
    if (!cur || d.generation > cur.generation) this.meta.set(d.rangeId, structuredClone(d));
  }

  /** The cached range for `key`: the one containing it that starts latest (the most recent split). */
  lookup(key: string): RangeDescriptor | undefined {
    let best: RangeDescriptor | undefined;
    for (const d of this.meta.values()) if (containsKey(d, key) && (!best || d.start > best.start)) best = d;
    return best;
  }

  send(ctx: NodeContext, key: string, req: KvRequest, timeoutMs: number, done: (ctx: NodeContext, res: KvResult) => void): void {
    const id = this.nextRpc++;
    this.rpcs.set(id, { key, req, done, deadline: ctx.monotonicTime + timeoutMs, attempt: 0, tried: [] });
    this.attempt(ctx, id);
  }

  private attempt(ctx: NodeContext, id: number): void {
    const rpc = this.rpcs.get(id);
    if (!rpc) return;
    if (ctx.monotonicTime >= rpc.deadline) return this.finish(ctx, id, { ok: false, err: "unavailable", why: `no leaseholder answered for ${rpc.key} in time` });
    const desc = this.lookup(rpc.key);
    if (!desc || desc.replicas.length === 0) {
      this.host.later(ctx, 200, (c) => this.attempt(c, id));
      return;
    }
    const hinted = this.leaseholders.get(desc.rangeId);
    const target = hinted !== undefined && desc.replicas.includes(hinted) ? hinted : desc.replicas[rpc.attempt % desc.replicas.length];
    rpc.attempt++;
    rpc.tried.push(target);
    const msg: BatchRequest = { kind: "BatchRequest", rpc: id, rangeId: desc.rangeId, key: rpc.key, req: rpc.req, now: this.host.clock() };
    rpc.timer = this.host.later(ctx, this.host.networkTimeoutMs, (c) => {
      // No answer: that replica is down or cut off; forget it as leaseholder and try the next one.
      if (this.leaseholders.get(desc.rangeId) === target) this.leaseholders.delete(desc.rangeId);
      this.attempt(c, id);
    });
    if (target === this.host.id) this.host.local(ctx, msg);
    else ctx.send(target, msg as never);
  }

  /** An answer from a replica. */
  onResponse(ctx: NodeContext, from: NodeId, rpcId: number, res: KvResult): void {
    const rpc = this.rpcs.get(rpcId);
    if (!rpc || rpc.tried[rpc.tried.length - 1] !== from) return;
    if (rpc.timer) this.host.cancel(ctx, rpc.timer);
    if (res.ok || (res.err !== "not-leaseholder" && res.err !== "range-mismatch" && res.err !== "unavailable")) {
      const desc = this.lookup(rpc.key);
      if (desc) this.leaseholders.set(desc.rangeId, from);
      return this.finish(ctx, rpcId, res);
    }
    const desc = this.lookup(rpc.key);
    if (res.err === "not-leaseholder") {
      if (desc && res.hint !== null && res.hint !== from) {
        this.leaseholders.set(desc.rangeId, res.hint);
        return this.attempt(ctx, rpcId);
      }
      if (desc) this.leaseholders.delete(desc.rangeId);
    } else if (res.err === "range-mismatch") {
      if (res.desc) this.learn(res.desc);
      if (desc && desc.rangeId !== res.desc?.rangeId) this.leaseholders.delete(desc.rangeId);
    }
    this.host.later(ctx, BACKOFF_MS * Math.min(8, rpc.attempt), (c) => this.attempt(c, rpcId));
  }

  private finish(ctx: NodeContext, id: number, res: KvResult): void {
    const rpc = this.rpcs.get(id);
    if (!rpc) return;
    this.rpcs.delete(id);
    if (rpc.timer) this.host.cancel(ctx, rpc.timer);
    rpc.done(ctx, res);
  }
}
