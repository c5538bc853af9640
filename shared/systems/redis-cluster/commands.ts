// What a node executes: key commands (GET, SET, MGET, MSET) behind the cluster's redirection rules, and the
// commands redis-cli sends during a reshard — CLUSTER SETSLOT (IMPORTING, MIGRATING, NODE, STABLE) and MIGRATE
// (a batch of keys sent to the target, deleted here once the target has them, exactly as MIGRATE ... KEYS does).
// `execute` also takes a command line as redis-cli would type it, so the fidelity test can replay the transcript.

import type { Message, NodeContext, NodeId } from "../../sim/types";
import { nodeOfAddress } from "./address";
import { keySlot, SLOTS } from "./keyslot";
import { type RedisNode, releaseHeld } from "./node";
import { type RoutingState, route } from "./redirect";
import { propagate } from "./replication";
import type { KeyCommand, RedisMessage, Reply } from "./wire";

const WRITES = new Set(["SET", "MSET", "DEL"]);

export function routingState(n: RedisNode): RoutingState {
  return {
    self: n.id,
    owners: n.owners,
    migrating: n.migrating,
    importing: n.importing,
    clusterOk: n.clusterOk,
    allowReadsWhenDown: n.settings.allowReadsWhenDown,
    hasKey: (k) => n.data.has(k),
  };
}

export function isWrite(cmd: KeyCommand): boolean {
  return WRITES.has(cmd.name);
}

/** Runs a key command here, or answers the redirection or error Redis would. */
export function executeKey(n: RedisNode, ctx: NodeContext, cmd: KeyCommand, asking: boolean): Reply {
  const r = route(routingState(n), cmd.keys, asking, isWrite(cmd));
  if (!r.serve) return { ok: false, error: r.error };
  if (r.slot >= 0 && n.owners[r.slot] !== n.id && !(asking && n.importing.has(r.slot))) n.servedUnowned++;
  switch (cmd.name) {
    case "GET":
      return { ok: true, value: n.data.get(cmd.keys[0]) ?? null };
    case "MGET":
      return { ok: true, value: cmd.keys.map((k) => n.data.get(k) ?? null) };
    case "SET":
    case "MSET":
      cmd.keys.forEach((k, i) => {
        const v = (cmd.values as string[])[i];
        n.data.set(k, v);
        propagate(n, ctx, k, v, true);
      });
      return { ok: true, value: "OK" };
    case "DEL": {
      let count = 0;
      for (const k of cmd.keys) {
        if (!n.data.delete(k)) continue;
        count++;
        propagate(n, ctx, k, null, true);
      }
      return { ok: true, value: String(count) };
    }
  }
}

/** CLUSTER SETSLOT <slot> IMPORTING|MIGRATING|NODE|STABLE <node>: an error in Redis's words, or null for OK. */
export function setSlot(n: RedisNode, ctx: NodeContext, slot: number, state: "importing" | "migrating" | "node" | "stable", node: NodeId): string | null {
  if (!Number.isInteger(slot) || slot < 0 || slot >= SLOTS) return "ERR Invalid or out of range slot";
  if (n.role !== "master") return "ERR Please use SETSLOT only with masters.";
  switch (state) {
    case "migrating":
      if (n.owners[slot] !== n.id) return `ERR I'm not the owner of hash slot ${slot}`;
      n.migrating.set(slot, node);
      return null;
    case "importing":
      if (n.owners[slot] === n.id) return `ERR I'm already the owner of hash slot ${slot}`;
      n.importing.set(slot, node);
      return null;
    case "stable":
      n.migrating.delete(slot);
      n.importing.delete(slot);
      return null;
    case "node": {
      if (n.owners[slot] === n.id && node !== n.id && n.keysInSlot(slot, 1).length > 0) {
        return `ERR Can't assign hashslot ${slot} to a different node while I still hold keys for this hash slot.`;
      }
      if (n.migrating.has(slot) && n.keysInSlot(slot, 1).length === 0) n.migrating.delete(slot);
      n.owners[slot] = node;
      n.slotsChanged();
      if (node === n.id) n.tookSlots([slot]);
      if (node === n.id && n.importing.delete(slot)) bumpEpochAfterImport(n, ctx, slot);
      return null;
    }
  }
}

/**
 * clusterBumpConfigEpochWithoutConsensus: the importing node takes a fresh configEpoch unless its own is already
 * the greatest in the cluster, so its claim on the slot wins everywhere ("configEpoch updated after importing slot").
 */
function bumpEpochAfterImport(n: RedisNode, ctx: NodeContext, slot: number): void {
  let max = n.currentEpoch;
  for (const p of n.peers.values()) max = Math.max(max, p.configEpoch);
  if (n.configEpoch !== 0 && n.configEpoch === max) return;
  n.currentEpoch++;
  n.configEpoch = n.currentEpoch;
  ctx.emit({ kind: "config-epoch", node: n.id, text: `${n.id}: configEpoch set to ${n.configEpoch} after importing slot ${slot}` });
}

/** MIGRATE ... KEYS: sends the keys to `target`; deletes them here once it has them; `done` gets Redis's answer. */
export function migrateKeys(n: RedisNode, ctx: NodeContext, target: NodeId, keys: readonly string[], done: (error: string | null) => void): void {
  const entries: [string, string][] = [];
  for (const k of keys) {
    const v = n.data.get(k);
    if (v !== undefined) entries.push([k, v]);
  }
  if (entries.length === 0) {
    done("NOKEY");
    return;
  }
  // MIGRATE is synchronous in Redis: the source serves nothing until the target has answered, so no write can
  // land on a key between its copy leaving and its deletion here.
  n.migrateInFlight++;
  request(n, ctx, target, (id) => ({ kind: "migrate", id, entries }), (error) => {
    n.migrateInFlight = Math.max(0, n.migrateInFlight - 1);
    if (error === null) {
      for (const [k] of entries) {
        if (n.data.delete(k)) propagate(n, ctx, k, null, false);
      }
    }
    if (n.migrateInFlight === 0) releaseHeld(n, ctx);
    done(error);
  });
}

/** Sends a request that expects a reply carrying the same id. */
export function request(n: RedisNode, ctx: NodeContext, to: NodeId, build: (id: number) => RedisMessage, onReply: (error: string | null) => void): void {
  const id = n.nextRequestId++;
  n.pending.set(id, onReply);
  ctx.send(to, build(id) as unknown as Message);
}

export function handleSetslotReply(n: RedisNode, msg: Extract<RedisMessage, { kind: "setslot-reply" }>): void {
  const cb = n.pending.get(msg.id);
  n.pending.delete(msg.id);
  cb?.(msg.error);
}

export function handleMigrateReply(n: RedisNode, msg: Extract<RedisMessage, { kind: "migrate-reply" }>): void {
  handleSetslotReply(n, { kind: "setslot-reply", id: msg.id, error: msg.error });
}

type Remote = Extract<RedisMessage, { kind: "cmd" | "setslot" | "migrate" }>;

/** A command that came over a connection from another node (a client library's hop, redis-cli, MIGRATE). */
export function executeRemote(n: RedisNode, ctx: NodeContext, from: NodeId, msg: Remote): void {
  switch (msg.kind) {
    case "cmd": {
      // A master paused for a manual failover holds writes until the failover is done (CLIENT PAUSE WRITE); a
      // node blocked in MIGRATE holds everything until the target answers.
      if ((n.pausedUntil > ctx.monotonicTime && isWrite(msg.cmd)) || n.migrateInFlight > 0) {
        n.pausedCommands.push({ from, msg });
        return;
      }
      answer(n, ctx, from, { kind: "reply", rid: msg.rid, reply: executeKey(n, ctx, msg.cmd, msg.asking) });
      return;
    }
    case "setslot":
      ctx.send(from, { kind: "setslot-reply", id: msg.id, error: setSlot(n, ctx, msg.slot, msg.state, msg.node) });
      return;
    case "migrate": {
      // RESTORE-ASKING on the target: served although the slot is only importing here; replicated like a write.
      if (n.role !== "master") {
        ctx.send(from, { kind: "migrate-reply", id: msg.id, error: "ERR Target instance replied with error: MOVED" });
        return;
      }
      for (const [k, v] of msg.entries) {
        n.data.set(k, v);
        propagate(n, ctx, k, v, false);
      }
      ctx.send(from, { kind: "migrate-reply", id: msg.id, error: null });
      return;
    }
  }
}

/** Hands a reply back: over the wire, or straight to this node's own client library. */
function answer(n: RedisNode, ctx: NodeContext, to: NodeId, msg: Extract<RedisMessage, { kind: "reply" }>): void {
  if (to === n.id) n.onMessage(ctx, n.id, msg);
  else ctx.send(to, msg);
}

// --- command lines (the fidelity transcript) -----------------------------------------------------------------------

/** Splits a redis-cli line into words; "" is an empty word. */
export function words(line: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push(m[1] ?? m[2]);
  return out;
}

function formatReply(r: Reply): string {
  if (!r.ok) return r.error;
  if (Array.isArray(r.value)) return r.value.map((v) => v ?? "(nil)").join(" ");
  return r.value ?? "(nil)";
}

/**
 * Executes one redis-cli command line here and calls `done` with the answer as redis-cli prints it (errors without
 * their "-"; "(nil)" for a missing value). `asking`: the client sent ASKING just before. Supported: GET, SET, MGET,
 * MSET, CLUSTER KEYSLOT, CLUSTER SETSLOT, MIGRATE host port "" 0 timeout KEYS k....
 */
export function execute(n: RedisNode, ctx: NodeContext, line: string, asking: boolean, done: (answer: string) => void): void {
  const w = words(line);
  const name = (w[0] ?? "").toUpperCase();
  const args = w.slice(1);
  switch (name) {
    case "GET":
      done(formatReply(executeKey(n, ctx, { name, keys: args.slice(0, 1) }, asking)));
      return;
    case "MGET":
      done(formatReply(executeKey(n, ctx, { name, keys: args }, asking)));
      return;
    case "SET":
      done(formatReply(executeKey(n, ctx, { name, keys: [args[0]], values: [args[1]] }, asking)));
      return;
    case "MSET": {
      const keys = args.filter((_, i) => i % 2 === 0);
      const values = args.filter((_, i) => i % 2 === 1);
      done(formatReply(executeKey(n, ctx, { name, keys, values }, asking)));
      return;
    }
    case "CLUSTER":
      done(clusterCommand(n, ctx, args));
      return;
    case "MIGRATE": {
      const target = nodeOfAddress(`${args[0]}:${args[1]}`);
      const keysAt = args.findIndex((a) => a.toUpperCase() === "KEYS");
      if (!target || keysAt < 0) {
        done("ERR syntax error");
        return;
      }
      migrateKeys(n, ctx, target, args.slice(keysAt + 1), (error) => done(error ?? "OK"));
      return;
    }
    default:
      done(`ERR unknown command '${w[0] ?? ""}', with args beginning with: `);
  }
}

function clusterCommand(n: RedisNode, ctx: NodeContext, args: string[]): string {
  const sub = (args[0] ?? "").toUpperCase();
  if (sub === "KEYSLOT") return String(keySlot(args[1] ?? ""));
  if (sub === "SETSLOT") {
    const state = (args[2] ?? "").toLowerCase();
    if (state !== "importing" && state !== "migrating" && state !== "node" && state !== "stable") return "ERR Invalid CLUSTER SETSLOT action or number of arguments.";
    return setSlot(n, ctx, Number(args[1]), state, args[3] ?? "") ?? "OK";
  }
  return `ERR unknown subcommand '${args[0] ?? ""}'.`;
}
