// The cluster-aware client library (Jedis, redis-py's RedisCluster, go-redis's ClusterClient) that carries a
// client's request to the node serving its key, living in the node the client connected to.
//
// Why here and not in the kernel's client: the kernel's client (shared/sim/workload.ts) keeps one target node per
// process and, on a `fail` with `redirect`, sends its NEXT operation there. That expresses MOVED only roughly (the
// operation is recorded as failed, and the next key may live elsewhere) and cannot express ASK at all: ASK means
// "send ASKING, then this same command, to that node, once, and do not change your slot map". So the library runs
// at the node the client contacted, as if the application's library were co-located with it: it keeps its own
// slot map (loaded from that node's view, like CLUSTER SLOTS), sends the command to the node the map names, and
//   MOVED  -> updates the map for that slot and resends there;
//   ASK    -> sends ASKING + the command to the named node, once, without touching the map;
//   CLUSTERDOWN, TRYAGAIN, other errors -> the operation fails with Redis's error;
//   more than maxRedirections hops -> fails ("Too many Cluster redirections");
//   no answer within the socket timeout -> unknown outcome (info), and the slot map is reloaded.
// Every hop is a real message on the wire (kind "cmd"/"reply"), the redirections show in the completion's note,
// and the first MOVED/ASK for a slot at each node is a notable event, so players see the hops.

import type { ClientRequest, NodeContext, NodeId } from "../../sim/types";
import { nodeOfAddress } from "./address";
import { executeRemote } from "./commands";
import { keySlot } from "./keyslot";
import type { RedisNode } from "./node";
import { parseRedirect } from "./redirect";
import type { KeyCommand, RedisMessage, Reply } from "./wire";

interface Hop {
  req: ClientRequest;
  cmd: KeyCommand;
  target: NodeId;
  asking: boolean;
  redirections: number;
  trail: string[];
}

export interface ClientLibrary {
  /** Slot -> node, as the library believes (null until loaded). */
  slots: (NodeId | null)[] | null;
  readonly hops: Map<number, Hop>;
  nextRid: number;
  /** Redirections already announced as events ("MOVED 12182 n3"), so each shows once per node. */
  readonly announced: Set<string>;
}

export function newClientLibrary(): ClientLibrary {
  return { slots: null, hops: new Map(), nextRid: 1, announced: new Set() };
}

export function handleClientRequest(n: RedisNode, ctx: NodeContext, req: ClientRequest): void {
  const key = req.key;
  if (typeof key !== "string" || (req.f !== "read" && req.f !== "write")) {
    ctx.respond(req.id, { type: "fail", error: `ERR unknown command '${req.f}': Redis Cluster clients here read and write single keys` });
    return;
  }
  if (req.f === "write" && typeof req.value !== "string" && typeof req.value !== "number") {
    ctx.respond(req.id, { type: "fail", error: "ERR wrong number of arguments for 'set' command" });
    return;
  }
  const cmd: KeyCommand = req.f === "read" ? { name: "GET", keys: [key] } : { name: "SET", keys: [key], values: [String(req.value)] };
  const lib = n.library;
  lib.slots ??= [...n.owners];
  const rid = lib.nextRid++;
  const hop: Hop = { req, cmd, target: lib.slots[keySlot(key)] ?? n.id, asking: false, redirections: 0, trail: [] };
  lib.hops.set(rid, hop);
  sendHop(n, ctx, rid, hop);
}

function sendHop(n: RedisNode, ctx: NodeContext, rid: number, hop: Hop): void {
  const msg = { kind: "cmd" as const, rid, cmd: hop.cmd, asking: hop.asking };
  if (hop.target === n.id) {
    executeRemote(n, ctx, n.id, msg);
    return;
  }
  ctx.setTimer(`hop:${rid}`, n.cfg.clientHopTimeoutMs);
  ctx.send(hop.target, msg);
}

export function handleReply(n: RedisNode, ctx: NodeContext, msg: Extract<RedisMessage, { kind: "reply" }>): void {
  const lib = n.library;
  const hop = lib.hops.get(msg.rid);
  if (!hop) return;
  ctx.cancelTimer(`hop:${msg.rid}`);
  const reply: Reply = msg.reply;
  if (reply.ok) {
    lib.hops.delete(msg.rid);
    const note = `${hop.trail.length ? `${hop.trail.join(" -> ")} -> ` : ""}${hop.target} answered`;
    ctx.respond(hop.req.id, hop.cmd.name === "GET" ? { type: "ok", value: reply.value, note } : { type: "ok", note });
    return;
  }
  const redirect = parseRedirect(reply.error);
  const to = redirect ? nodeOfAddress(redirect.address) : undefined;
  if (!redirect || !to) {
    lib.hops.delete(msg.rid);
    if (reply.error.startsWith("CLUSTERDOWN")) lib.slots = [...n.owners];
    ctx.respond(hop.req.id, { type: "fail", error: reply.error });
    return;
  }
  hop.trail.push(`${hop.target}: ${reply.error}`);
  if (++hop.redirections > n.cfg.maxRedirections) {
    lib.hops.delete(msg.rid);
    ctx.respond(hop.req.id, { type: "fail", error: `Too many Cluster redirections? (last: ${reply.error})` });
    return;
  }
  announce(n, ctx, hop, redirect.kind, redirect.slot, to, reply.error);
  if (redirect.kind === "MOVED" && lib.slots) lib.slots[redirect.slot] = to;
  hop.target = to;
  hop.asking = redirect.kind === "ASK";
  sendHop(n, ctx, msg.rid, hop);
}

function announce(n: RedisNode, ctx: NodeContext, hop: Hop, kind: "MOVED" | "ASK", slot: number, to: NodeId, error: string): void {
  const tag = `${kind} ${slot} ${to}`;
  if (n.library.announced.has(tag)) return;
  n.library.announced.add(tag);
  const key = hop.cmd.keys[0];
  const text =
    kind === "MOVED"
      ? `${hop.target} answered ${error} for ${key}: the client library at ${n.id} now sends slot ${slot} to ${to}`
      : `${hop.target} answered ${error} for ${key}: slot ${slot} is migrating, so the client library at ${n.id} sends ASKING and the command to ${to}, once`;
  ctx.emit({ kind: kind === "MOVED" ? "moved" : "ask", node: n.id, slot, to, text });
}

export function hopTimedOut(n: RedisNode, ctx: NodeContext, rid: number): void {
  const hop = n.library.hops.get(rid);
  if (!hop) return;
  n.library.hops.delete(rid);
  n.library.slots = [...n.owners];
  ctx.respond(hop.req.id, { type: "info", error: `timeout: no answer from ${hop.target}` });
}
