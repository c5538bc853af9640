// What operators may do to a CockroachDB cluster, checked before anything changes:
//   set-config      survival (zone|region), num-replicas, lease-preferences, range-max-bytes, range-min-bytes,
//                   gc.ttlseconds (settings.ts); published to every running node with a higher version
//   transfer-lease  move a range's lease to a store holding one of its replicas (ALTER RANGE ... RELOCATE LEASE)
//   add-member      a new node joins (empty; the allocator moves replicas to it)
//   remove-member   decommission: the node's replicas are moved away (it then holds nothing and is removed)

import { type ActionHost, ActionError, type NodeId, type SystemAction } from "../../sim/types";
import { cockroachNodes, freshestReplicas } from "./cluster-view";
import { localityOf } from "./config";
import type { CockroachCommand } from "./node";
import { changeSetting, type ClusterSettings } from "./settings";

export const COCKROACH_ACTIONS = ["set-config", "transfer-lease", "add-member", "remove-member"] as const;

const NODE_ID = /^[a-z][a-z0-9-]{0,15}$/;

export function applyCockroachAction(host: ActionHost, action: SystemAction): void {
  switch (action.type) {
    case "set-config":
      return setConfig(host, action);
    case "transfer-lease":
      return transferLease(host, action);
    case "add-member":
      return addMember(host, nodeField(action.node));
    case "remove-member":
      return removeMember(host, nodeField(action.node));
    default:
      throw new ActionError(`CockroachDB has no action "${action.type}"; its actions are ${COCKROACH_ACTIONS.join(", ")}`);
  }
}

function nodeField(v: unknown): NodeId {
  if (typeof v !== "string" || !NODE_ID.test(v)) throw new ActionError(`expected a node id such as n1, got ${JSON.stringify(v)}`);
  return v;
}

function publish(host: ActionHost, settings: ClusterSettings): void {
  const up = cockroachNodes(host).filter((n) => host.isUp(n.id) && n.stopped === null);
  if (up.length === 0) throw new ActionError("every node is down: nobody can take the change");
  for (const n of up) host.command(n.id, { kind: "settings", settings } satisfies CockroachCommand);
}

function setConfig(host: ActionHost, action: SystemAction): void {
  const nodes = cockroachNodes(host);
  if (nodes.length === 0) throw new ActionError("there is no CockroachDB node to change");
  const newest = nodes.map((n) => n.settings).sort((a, b) => b.version - a.version)[0];
  const cfg = nodes[0].cfg;
  const locs = host.nodes.map((n) => localityOf(cfg, n, host.nodes));
  const regions = [...new Set(locs.map((l) => l.region))].sort();
  const names = [...new Set([...regions, ...locs.map((l) => l.zone)])].sort();
  const next = changeSetting(newest, String(action.setting), action.value, regions, names);
  publish(host, { ...next, version: newest.version + 1 });
  host.emit({ kind: "settings", text: `the operator set ${String(action.setting)} = ${JSON.stringify(action.value)}` });
}

function transferLease(host: ActionHost, action: SystemAction): void {
  const range = action.range;
  const to = nodeField(action.to);
  if (typeof range !== "number" || !Number.isInteger(range)) throw new ActionError(`"transfer-lease" needs "range": a range id such as 1, got ${JSON.stringify(range)}`);
  const rep = freshestReplicas(host).get(range);
  if (!rep) throw new ActionError(`there is no range r${range}; the ranges are ${[...freshestReplicas(host).keys()].sort((a, b) => a - b).map((r) => `r${r}`).join(", ")}`);
  if (!rep.desc.replicas.includes(to)) throw new ActionError(`${to} holds no replica of r${range}; its replicas are on ${rep.desc.replicas.join(", ")}`);
  if (!host.isUp(to)) throw new ActionError(`${to} is down: a lease can only go to a running node`);
  const holder = rep.lease?.holder;
  if (holder === to) throw new ActionError(`${to} already holds the lease of r${range}`);
  if (holder === undefined || !host.isUp(holder)) throw new ActionError(`r${range} has no running leaseholder to hand the lease over; wait for a new lease`);
  host.command(holder, { kind: "transfer-lease", range, to } satisfies CockroachCommand);
}

function addMember(host: ActionHost, node: NodeId): void {
  if (host.nodes.includes(node)) throw new ActionError(`${node} already exists; a new node needs a new name`);
  host.addNode(node);
  host.emit({ kind: "member-added", node, text: `${node} joined the cluster; the allocator will move replicas to it` });
}

function removeMember(host: ActionHost, node: NodeId): void {
  if (!host.nodes.includes(node)) throw new ActionError(`unknown node ${JSON.stringify(node)}; the nodes are ${host.nodes.join(", ")}`);
  const holding = [...freshestReplicas(host).values()].filter((r) => r.desc.replicas.includes(node)).map((r) => `r${r.rangeId}`);
  if (holding.length > 0) {
    throw new ActionError(`${node} still holds replicas of ${holding.join(", ")}; CockroachDB decommissions a node only once the allocator has moved them (lower its load or wait for it to be declared dead)`);
  }
  host.removeNode(node);
  host.emit({ kind: "member-removed", node, text: `${node} was decommissioned` });
}
