// What an operator may do to a Redis Cluster, checked against the cluster before anything changes:
//   reshard         redis-cli --cluster reshard: move `count` slots from one master to another, key by key
//   failover        CLUSTER FAILOVER [FORCE|TAKEOVER] on a replica
//   add-member      a new node joins (CLUSTER MEET) as an empty master, or as a replica of a master (CLUSTER
//                   REPLICATE, then a full sync)
//   remove-member   redis-cli --cluster del-node: every node forgets it (CLUSTER FORGET); refused while it serves
//                   slots
//   set-config      CONFIG SET on every running node (cluster-node-timeout, cluster-require-full-coverage, ...)

import { type ActionHost, ActionError, type NodeId, type SystemAction } from "../../sim/types";
import { redisNode, redisNodes } from "./cluster-view";
import { parseSetting } from "./config";
import type { RedisCommand, RedisNode } from "./node";
import { fromRanges } from "./slot-ranges";

export const REDIS_CLUSTER_ACTIONS = ["reshard", "failover", "add-member", "remove-member", "set-config"] as const;

const NODE_ID = /^[a-z][a-z0-9-]{0,15}$/;

export function applyRedisClusterAction(host: ActionHost, action: SystemAction): void {
  switch (action.type) {
    case "reshard":
      reshard(host, action);
      break;
    case "failover":
      failover(host, action);
      break;
    case "add-member":
      addMember(host, nodeField(action.node), action.replicaOf === undefined ? undefined : nodeField(action.replicaOf));
      break;
    case "remove-member":
      removeMember(host, nodeField(action.node));
      break;
    case "set-config":
      setConfig(host, action);
      break;
    default:
      throw new ActionError(`Redis Cluster has no action "${action.type}"; its actions are ${REDIS_CLUSTER_ACTIONS.join(", ")}`);
  }
}

function nodeField(v: unknown): NodeId {
  if (typeof v !== "string" || !NODE_ID.test(v)) throw new ActionError(`expected a node id such as n1, got ${JSON.stringify(v)}`);
  return v;
}

function command(host: ActionHost, node: NodeId, c: RedisCommand): void {
  host.command(node, c);
}

/** A running node, or an ActionError that says why not. */
function running(host: ActionHost, id: NodeId): RedisNode {
  const n = redisNode(host, id);
  if (!n) throw new ActionError(`unknown node ${JSON.stringify(id)}; the nodes are ${host.nodes.join(", ")}`);
  if (!host.isUp(id)) throw new ActionError(`${id} is down`);
  return n;
}

function reshard(host: ActionHost, action: SystemAction): void {
  const from = running(host, nodeField(action.from));
  const to = running(host, nodeField(action.to));
  const count = action.count;
  if (typeof count !== "number" || !Number.isInteger(count) || count < 1) throw new ActionError(`reshard needs a count of slots (a whole number >= 1), got ${JSON.stringify(count)}`);
  if (from.id === to.id) throw new ActionError("reshard moves slots between two different masters");
  if (from.role !== "master") throw new ActionError(`${from.id} is not a master: only a master's slots can be moved`);
  if (to.role !== "master") throw new ActionError(`${to.id} is a replica: slots can only go to a master`);
  if (!from.peers.has(to.id)) throw new ActionError(`${from.id} does not know ${to.id} yet: wait until it has joined the cluster`);
  if (from.reshard) throw new ActionError(`a reshard from ${from.id} is already running (to ${from.reshard.to})`);
  const owned = fromRanges(from.slotsOf(from.id)).filter((s) => !from.migrating.has(s));
  if (owned.length < count) throw new ActionError(`${from.id} serves only ${owned.length} slots; it cannot give ${count}`);
  command(host, from.id, { kind: "reshard", to: to.id, slots: owned.slice(0, count) });
}

function failover(host: ActionHost, action: SystemAction): void {
  const n = running(host, nodeField(action.node));
  const mode = action.mode ?? "default";
  if (mode !== "default" && mode !== "force" && mode !== "takeover") throw new ActionError(`failover mode must be default, force or takeover, got ${JSON.stringify(mode)}`);
  if (n.role !== "replica" || !n.master) throw new ActionError(`${n.id} is a master: CLUSTER FAILOVER runs on a replica, which then takes its master's place`);
  command(host, n.id, { kind: "failover", mode });
}

function addMember(host: ActionHost, node: NodeId, replicaOf: NodeId | undefined): void {
  if (host.nodes.includes(node)) throw new ActionError(`${node} already exists; a new node needs a new name`);
  const seed = redisNodes(host).find((n) => host.isUp(n.id));
  if (!seed) throw new ActionError("every node is down: a new node has nobody to meet");
  if (replicaOf !== undefined) {
    const m = running(host, replicaOf);
    if (m.role !== "master") throw new ActionError(`${replicaOf} is a replica; a new replica must replicate a master`);
  }
  host.addNode(node);
  command(host, node, { kind: "meet", seed: seed.id });
  if (replicaOf !== undefined) command(host, node, { kind: "replicate", master: replicaOf });
  host.emit({ kind: "member-added", node, text: replicaOf ? `${node} joins the cluster as a replica of ${replicaOf}` : `${node} joins the cluster as a master with no slots` });
}

function removeMember(host: ActionHost, node: NodeId): void {
  const n = redisNode(host, node);
  if (!n) throw new ActionError(`unknown node ${JSON.stringify(node)}; the nodes are ${host.nodes.join(", ")}`);
  const slots = n.role === "master" ? fromRanges(n.slotsOf(n.id)).length : 0;
  if (slots > 0) throw new ActionError(`${node} still serves ${slots} slots: reshard them to another master before removing it`);
  for (const other of redisNodes(host)) if (other.id !== node && host.isUp(other.id)) command(host, other.id, { kind: "forget", node });
  host.removeNode(node);
}

function setConfig(host: ActionHost, action: SystemAction): void {
  if (typeof action.setting !== "string") throw new ActionError("set-config needs a setting name, such as cluster-require-full-coverage");
  const change = parseSetting(action.setting, action.value);
  const up = redisNodes(host).filter((n) => host.isUp(n.id));
  if (up.length === 0) throw new ActionError("every node is down: nobody can take the change");
  for (const n of up) command(host, n.id, { kind: "config-set", settings: change });
  host.emit({ kind: "settings", text: `the operator ran CONFIG SET ${action.setting} ${String(action.value)} on every running node` });
}
