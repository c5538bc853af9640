// What operators may do to a Consul cluster, checked against the cluster before anything changes:
//   set-config          change a gossip, health-check, consistency or DNS setting on every running agent
//   register-service    register a service instance on a running agent (its check starts critical)
//   deregister-service  remove an instance: through its agent, or through the catalog when the agent is down
//   set-acl             the client token's rule for a KV prefix (read, write or deny), written through the leader
//   add-member          start a new client agent, which joins by gossip
//   remove-member       `consul leave` for a running client agent, `consul force-leave` for a failed one
//   transfer-leader     `consul operator raft transfer-leader`

import { type ActionHost, ActionError, type NodeId, type SystemAction } from "../../sim/types";
import { isAclPolicy } from "./acl";
import { consulNodes, leaderNode } from "./cluster-view";
import type { ConsulCommand, ConsulNode } from "./node";
import { settingChange } from "./settings";

export const CONSUL_ACTIONS = ["set-config", "register-service", "deregister-service", "set-acl", "add-member", "remove-member", "transfer-leader"] as const;

const NODE_ID = /^[a-z][a-z0-9-]{0,15}$/;
const SERVICE = /^[a-z][a-z0-9-]{0,31}$/;

export function applyConsulAction(host: ActionHost, action: SystemAction): void {
  switch (action.type) {
    case "set-config":
      return setConfig(host, action);
    case "register-service":
      return register(host, action);
    case "deregister-service":
      return deregister(host, action);
    case "set-acl":
      return setAcl(host, action);
    case "add-member":
      return addMember(host, nodeField(action.node));
    case "remove-member":
      return removeMember(host, nodeField(action.node));
    case "transfer-leader":
      return transferLeader(host, nodeField(action.to));
    default:
      throw new ActionError(`Consul has no action "${action.type}"; its actions are ${CONSUL_ACTIONS.join(", ")}`);
  }
}

function nodeField(v: unknown): NodeId {
  if (typeof v !== "string" || !NODE_ID.test(v)) throw new ActionError(`expected a node id such as n1, got ${JSON.stringify(v)}`);
  return v;
}

function serviceField(v: unknown): string {
  if (typeof v !== "string" || !SERVICE.test(v)) throw new ActionError(`expected a service name such as web, got ${JSON.stringify(v)}`);
  return v;
}

function agent(host: ActionHost, id: NodeId): ConsulNode {
  const n = consulNodes(host).find((c) => c.id === id);
  if (!n) throw new ActionError(`unknown node ${JSON.stringify(id)}; the nodes are ${host.nodes.join(", ")}`);
  return n;
}

function running(host: ActionHost): ConsulNode[] {
  return consulNodes(host).filter((n) => host.isUp(n.id));
}

function setConfig(host: ActionHost, action: SystemAction): void {
  if (typeof action.setting !== "string") throw new ActionError("say which setting to change, such as probe_interval");
  const up = running(host);
  if (up.length === 0) throw new ActionError("every agent is down: nobody can take the change");
  let change;
  try {
    change = settingChange(up[0].settings, action.setting, action.value);
  } catch (error) {
    throw new ActionError((error as Error).message);
  }
  for (const n of up) host.command(n.id, { kind: "settings", settings: change } satisfies ConsulCommand);
  host.emit({ kind: "settings", text: `the operator set ${action.setting} = ${JSON.stringify(action.value)} on every running agent` });
}

function register(host: ActionHost, action: SystemAction): void {
  const service = serviceField(action.service);
  const node = nodeField(action.node);
  const n = agent(host, node);
  if (!host.isUp(node)) throw new ActionError(`${node} is down: its agent cannot register ${service}`);
  if (n.services.has(service)) throw new ActionError(`${service} is already registered on ${node}`);
  const port = action.port === undefined ? 8080 : action.port;
  if (typeof port !== "number" || !Number.isInteger(port) || port < 1 || port > 65535) throw new ActionError(`a port is a whole number from 1 to 65535, got ${JSON.stringify(port)}`);
  host.command(node, { kind: "register", service, port } satisfies ConsulCommand);
}

function deregister(host: ActionHost, action: SystemAction): void {
  const service = serviceField(action.service);
  const node = nodeField(action.node);
  const n = agent(host, node);
  if (host.isUp(node)) {
    if (!n.services.has(service)) throw new ActionError(`${service} is not registered on ${node}`);
    host.command(node, { kind: "deregister", service } satisfies ConsulCommand);
    return;
  }
  // The agent is down: remove the instance from the catalog directly (PUT /v1/catalog/deregister).
  const lead = needLeader(host, `deregister ${service} from ${node}`);
  if (!lead.server?.catalog.nodes[node]?.services[service]) throw new ActionError(`the catalog has no ${service} on ${node}`);
  host.command(lead.id, { kind: "admin", op: "deregister-service", node, service } satisfies ConsulCommand);
  host.emit({ kind: "service-deregistered", node, text: `${service} on ${node} removed from the catalog through the leader ${lead.id} (its agent is down; it will register it again when it comes back)` });
}

function needLeader(host: ActionHost, what: string): ConsulNode {
  const lead = leaderNode(host);
  if (!lead) throw new ActionError(`there is no Consul leader to ${what}: wait for the servers to elect one`);
  return lead;
}

function setAcl(host: ActionHost, action: SystemAction): void {
  if (typeof action.prefix !== "string" || action.prefix.length > 64) throw new ActionError("a key prefix is a string of at most 64 characters (\"\" for every key)");
  if (!isAclPolicy(action.policy)) throw new ActionError(`an ACL policy is read, write or deny, got ${JSON.stringify(action.policy)}`);
  const lead = needLeader(host, "write the ACL rule");
  host.command(lead.id, { kind: "admin", op: "acl", prefix: action.prefix, policy: action.policy } satisfies ConsulCommand);
  host.emit({ kind: "acl", text: `the client token now has key_prefix "${action.prefix}" { policy = "${action.policy}" }` });
}

function addMember(host: ActionHost, node: NodeId): void {
  if (host.nodes.includes(node)) throw new ActionError(`${node} already exists; a new agent needs a new name`);
  if (running(host).length === 0) throw new ActionError("a new agent joins through the running ones, and none is running");
  host.addNode(node);
}

function removeMember(host: ActionHost, node: NodeId): void {
  const n = agent(host, node);
  if (n.isServer) throw new ActionError(`${node} is a server; this game keeps the server quorum fixed, so remove a client agent`);
  if (host.isUp(node)) {
    // consul leave: the agent tells the cluster it is leaving, then stops.
    host.command(node, { kind: "leave" } satisfies ConsulCommand);
  } else {
    // consul force-leave: the leader removes the failed node from the catalog.
    const lead = needLeader(host, `force ${node} to leave`);
    host.command(lead.id, { kind: "admin", op: "deregister-node", node } satisfies ConsulCommand);
  }
  host.removeNode(node);
}

function transferLeader(host: ActionHost, to: NodeId): void {
  const target = agent(host, to);
  if (!target.isServer) throw new ActionError(`${to} is a client agent; only a server can lead`);
  if (!host.isUp(to)) throw new ActionError(`${to} is down`);
  const lead = needLeader(host, "hand leadership over");
  if (lead.id === to) throw new ActionError(`${to} already leads`);
  host.command(lead.id, { kind: "transfer-leader", to } satisfies ConsulCommand);
}
