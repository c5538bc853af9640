// A trivial system for the kernel micro-benchmark: every node forwards a token to the next node in the ring and
// keeps a heartbeat timer, so the run is nothing but kernel work (queue, network, timers, trace hashing) with
// almost no system logic. It measures the floor under every real system.

import { ActionError, type SystemDefinition, type SystemNode } from "../../shared/sim/types";

const HEARTBEAT_MS = 10;

function ringNode(): SystemNode {
  let forwarded = 0;
  let beats = 0;
  const next = (peers: readonly string[], id: string) => peers[(peers.indexOf(id) + 1) % peers.length];
  return {
    start(ctx) {
      ctx.send(next(ctx.peers, ctx.id), { kind: "token" });
      ctx.setTimer("beat", HEARTBEAT_MS);
    },
    onMessage(ctx) {
      forwarded++;
      ctx.send(next(ctx.peers, ctx.id), { kind: "token" });
    },
    onTimer(ctx) {
      beats++;
      ctx.setTimer("beat", HEARTBEAT_MS);
    },
    onClientRequest(ctx, req) {
      ctx.respond(req.id, { type: "ok", value: null });
    },
    onCommand() {},
    durable: () => null,
    inspect: () => ({ role: "ring", stats: { forwarded, beats } }),
  };
}

export const ringSystem: SystemDefinition = {
  name: "bench-ring",
  createNode: () => ringNode(),
  applyAction(_host, action) {
    throw new ActionError(`the ring has no action "${action.type}"`);
  },
  invariants: () => [],
  nextOp: (_rng, workload) => ({ f: "read", key: workload.keys[0] }),
  summarize: () => ({}),
};
