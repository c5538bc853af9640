// What operators and players may do to a Cassandra cluster, checked against the cluster before anything changes:
//   set-consistency   CONSISTENCY for every client session (reads, writes or both)
//   set-replication   ALTER KEYSPACE ... WITH replication = {...}; existing data is not moved: run a repair
//   repair            nodetool repair on one node, or on every running node
//   add-member        bootstrap a new node into the ring (it takes its own vnode tokens)
//   remove-member     nodetool decommission on a running node, nodetool removenode for a dead one

import { CONSISTENCY_LEVELS, type ConsistencyLevel } from "../../protocol/actions";
import { type ActionHost, ActionError, type NodeId, type SystemAction } from "../../sim/types";
import { bestInformed, cassandraNodes } from "./cluster-view";
import { parseReplication } from "./config";
import type { CassandraCommand } from "./node";
import { describeReplication } from "./ring/placement";
import type { ClusterSettings } from "./settings";

export const CASSANDRA_ACTIONS = ["set-consistency", "set-replication", "repair", "add-member", "remove-member"] as const;

const NODE_ID = /^[a-z][a-z0-9-]{0,15}$/;

export function applyCassandraAction(host: ActionHost, action: SystemAction): void {
  switch (action.type) {
    case "set-consistency":
      setConsistency(host, action);
      break;
    case "set-replication":
      setReplication(host, action);
      break;
    case "repair":
      repair(host, action.node);
      break;
    case "add-member":
      bootstrap(host, nodeField(action.node));
      break;
    case "remove-member":
      removeMember(host, nodeField(action.node));
      break;
    default:
      throw new ActionError(`Cassandra has no action "${action.type}"; its actions are ${CASSANDRA_ACTIONS.join(", ")}`);
  }
}

function nodeField(v: unknown): NodeId {
  if (typeof v !== "string" || !NODE_ID.test(v)) throw new ActionError(`expected a node id such as n1, got ${JSON.stringify(v)}`);
  return v;
}

function level(v: unknown, what: string): ConsistencyLevel | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== "string" || !(CONSISTENCY_LEVELS as readonly string[]).includes(v)) {
    throw new ActionError(`the ${what} consistency level must be one of ${CONSISTENCY_LEVELS.join(", ")}, got ${JSON.stringify(v)}`);
  }
  return v as ConsistencyLevel;
}

/** Sends new settings (one version above the newest any node holds) to every running node. */
function publish(host: ActionHost, change: Partial<ClusterSettings>): ClusterSettings {
  const source = bestInformed(host);
  if (!source) throw new ActionError("there is no Cassandra node to change");
  let version = 0;
  for (const n of cassandraNodes(host)) version = Math.max(version, n.settings.version);
  const settings: ClusterSettings = { ...source.settings, ...change, version: version + 1 };
  const up = cassandraNodes(host).filter((n) => host.isUp(n.id) && n.status !== "LEFT");
  if (up.length === 0) throw new ActionError("every node is down: nobody can take the change");
  for (const n of up) host.command(n.id, { kind: "settings", settings } satisfies CassandraCommand);
  return settings;
}

function setConsistency(host: ActionHost, action: SystemAction): void {
  const read = level(action.read, "read");
  const write = level(action.write, "write");
  if (read === undefined && write === undefined) throw new ActionError("say which consistency level to set: read, write or both");
  if (read === "ANY") throw new ActionError("ANY ConsistencyLevel is only supported for writes");
  const s = publish(host, { ...(read ? { read } : {}), ...(write ? { write } : {}) });
  host.emit({ kind: "settings", text: `the operator set consistency: reads at ${s.read}, writes at ${s.write}` });
}

function setReplication(host: ActionHost, action: SystemAction): void {
  let replication;
  try {
    replication =
      action.strategy === "SimpleStrategy"
        ? parseReplication({ class: "SimpleStrategy", rf: action.rf }, "replication")
        : parseReplication({ class: action.strategy, dcs: action.dcs }, "replication");
  } catch (error) {
    throw new ActionError((error as Error).message);
  }
  const s = publish(host, { replication });
  host.emit({ kind: "settings", text: `the operator altered the keyspace: ${describeReplication(s.replication)} (run a repair so new replicas get the existing data)` });
}

function repair(host: ActionHost, node: unknown): void {
  const targets = node === undefined ? cassandraNodes(host).filter((n) => host.isUp(n.id) && n.status === "NORMAL").map((n) => n.id) : [nodeField(node)];
  if (targets.length === 0) throw new ActionError("no running node to repair");
  for (const id of targets) {
    const n = cassandraNodes(host).find((c) => c.id === id);
    if (!n) throw new ActionError(`unknown node ${JSON.stringify(id)}; the nodes are ${host.nodes.join(", ")}`);
    if (!host.isUp(id)) throw new ActionError(`${id} is down: nodetool repair runs on a live node`);
    if (n.status !== "NORMAL") throw new ActionError(`${id} is ${n.status.toLowerCase()}: only a node in the ring can be repaired`);
  }
  for (const id of targets) host.command(id, { kind: "repair" } satisfies CassandraCommand);
}

function bootstrap(host: ActionHost, node: NodeId): void {
  if (host.nodes.includes(node)) throw new ActionError(`${node} already exists; a new node needs a new name`);
  if (!cassandraNodes(host).some((n) => host.isUp(n.id) && n.status === "NORMAL")) {
    throw new ActionError("a new node bootstraps from the running ones, and none is running");
  }
  host.addNode(node);
  host.command(node, { kind: "bootstrap" } satisfies CassandraCommand);
}

function removeMember(host: ActionHost, node: NodeId): void {
  const target = cassandraNodes(host).find((n) => n.id === node);
  if (!target) throw new ActionError(`unknown node ${JSON.stringify(node)}; the nodes are ${host.nodes.join(", ")}`);
  if (target.status === "LEFT") throw new ActionError(`${node} has already left the ring`);
  if (host.isUp(node)) {
    if (target.status !== "NORMAL") throw new ActionError(`${node} is ${target.status.toLowerCase()}; only a node in the ring can be decommissioned`);
    host.command(node, { kind: "decommission" } satisfies CassandraCommand);
    return;
  }
  // A dead node cannot stream its own data away: another node declares it removed (nodetool removenode).
  const helper = cassandraNodes(host).find((n) => n.id !== node && host.isUp(n.id) && n.status === "NORMAL");
  if (!helper) throw new ActionError("nodetool removenode runs on a live node, and none is running");
  host.command(helper.id, { kind: "removenode", node } satisfies CassandraCommand);
  host.emit({ kind: "member-removed", node, text: `${node} removed from the ring by ${helper.id} (nodetool removenode); run a repair to restore its replicas elsewhere` });
}
