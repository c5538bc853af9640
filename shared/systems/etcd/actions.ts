// What operators, node players and clients may do to an etcd cluster, checked against the cluster before anything
// changes, with etcd's own rules: a membership change needs a leader, one change at a time, and (etcd's
// --strict-reconfig-check, on by default) must leave enough started members for a quorum.

import { type ActionHost, ActionError, type ClientOp, type NodeId, type SystemAction } from "../../sim/types";
import { currentLeader, etcdNodes } from "./cluster-view";
import type { EtcdCommand, EtcdNode } from "./node";
import { quorumSize } from "../../raft";

const NODE_ID = /^[a-z][a-z0-9-]{0,15}$/;
/** Client processes for requests an action makes on a player's behalf start here, away from the bots' ids. */
const ACTION_PROCESS_BASE = 1_000_000;

export const ETCD_ACTIONS = ["timeout", "transfer-leader", "add-member", "remove-member", "put", "get"] as const;

export function applyEtcdAction(host: ActionHost, action: SystemAction): void {
  switch (action.type) {
    case "timeout":
      forceTimeout(host, nodeField(action, "node"));
      break;
    case "transfer-leader":
      transferLeader(host, nodeField(action, "to"));
      break;
    case "add-member":
      addMember(host, nodeField(action, "node"));
      break;
    case "remove-member":
      removeMember(host, nodeField(action, "node"));
      break;
    case "put":
      clientOp(host, { f: "write", key: keyField(action), value: valueField(action) });
      break;
    case "get":
      clientOp(host, { f: "read", key: keyField(action) });
      break;
    default:
      throw new ActionError(`etcd has no action "${action.type}"; its actions are ${ETCD_ACTIONS.join(", ")}`);
  }
}

function command(host: ActionHost, node: NodeId, c: EtcdCommand): void {
  host.command(node, { ...c });
}

function forceTimeout(host: ActionHost, node: NodeId): void {
  requireUpMember(host, node);
  command(host, node, { kind: "timeout" });
}

function transferLeader(host: ActionHost, to: NodeId): void {
  requireUpMember(host, to);
  const leader = currentLeader(host);
  if (!leader) throw new ActionError("there is no leader to transfer leadership from; wait for an election");
  if (leader.id === to) throw new ActionError(`${to} is already the leader`);
  if (!leader.raft.conf.voters.includes(to)) throw new ActionError(`${to} is not a voting member, so it cannot lead`);
  command(host, leader.id, { kind: "transfer-leader", to });
}

function addMember(host: ActionHost, node: NodeId): void {
  if (host.nodes.includes(node)) {
    const known = memberNode(host, node);
    if (known?.removed || leaderConf(host)?.removed.includes(node)) {
      throw new ActionError(`${node} was removed from this cluster and cannot rejoin under the same name; add a new name`);
    }
    throw new ActionError(`${node} is already a member`);
  }
  const leader = requireLeaderForChange(host);
  const voters = leader.raft.conf.voters;
  // The new member has not started yet: after the change, the started members must still be a quorum.
  const started = voters.filter((v) => host.isUp(v)).length;
  if (started < quorumSize(voters.length + 1)) {
    throw new ActionError(
      `etcdserver: unhealthy cluster: with ${node} added, ${voters.length + 1} members would need ${quorumSize(voters.length + 1)} running, and only ${started} are`,
    );
  }
  host.addNode(node);
  // The new process starts with --initial-cluster-state existing: it learns the cluster from the leader.
  command(host, node, { kind: "join-existing-cluster" });
  command(host, leader.id, { kind: "conf-change", change: "add", node });
}

function removeMember(host: ActionHost, node: NodeId): void {
  if (!host.nodes.includes(node)) throw new ActionError(`unknown node ${JSON.stringify(node)}; the nodes are ${host.nodes.join(", ")}`);
  const leader = requireLeaderForChange(host);
  const voters = leader.raft.conf.voters;
  if (!voters.includes(node)) throw new ActionError(`${node} is not a member`);
  if (voters.length === 1) throw new ActionError(`${node} is the last member; removing it would leave no cluster`);
  const remaining = voters.filter((v) => v !== node);
  const started = remaining.filter((v) => host.isUp(v)).length;
  if (started < quorumSize(remaining.length)) {
    throw new ActionError(
      `etcdserver: unhealthy cluster: without ${node}, ${remaining.length} members would need ${quorumSize(remaining.length)} running, and only ${started} are`,
    );
  }
  command(host, leader.id, { kind: "conf-change", change: "remove", node });
}

/**
 * The leader that will carry a membership change, refusing when there is none or when it is still applying the
 * last change.
 */
function requireLeaderForChange(host: ActionHost): EtcdNode {
  const leader = currentLeader(host);
  if (!leader) throw new ActionError("etcdserver: no leader; a membership change needs a leader, so wait for an election");
  if (leader.raft.pendingConfIndex > leader.raft.log.applied) {
    throw new ActionError("another membership change is still being applied; try again in a moment");
  }
  return leader;
}

function leaderConf(host: ActionHost) {
  return currentLeader(host)?.raft.conf;
}

function memberNode(host: ActionHost, id: NodeId): EtcdNode | undefined {
  return etcdNodes(host).find((n) => n.id === id);
}

function anyUpMember(host: ActionHost): NodeId {
  const up = host.nodes.find((n) => host.isUp(n));
  if (up === undefined) throw new ActionError("every node is down");
  return up;
}

/** A player's read or write, sent to the leader when there is one (as an etcd client balancer would find it). */
function clientOp(host: ActionHost, op: ClientOp): void {
  const target = currentLeader(host)?.id ?? anyUpMember(host);
  // Each request gets a process of its own (Jepsen's rule: a process whose op timed out is never reused). The
  // kernel knows which ids are taken; the first it accepts is used.
  for (let p = ACTION_PROCESS_BASE; p < ACTION_PROCESS_BASE + 100_000; p++) {
    try {
      host.clientRequest(p, target, op);
      return;
    } catch (e) {
      if (!(e instanceof ActionError) || !/process/.test(e.message)) throw e;
    }
  }
  throw new ActionError("too many requests are still waiting for an answer");
}

function requireUpMember(host: ActionHost, node: NodeId): void {
  if (!host.nodes.includes(node)) throw new ActionError(`unknown node ${JSON.stringify(node)}; the nodes are ${host.nodes.join(", ")}`);
  if (!host.isUp(node)) throw new ActionError(`${node} is down`);
  const n = memberNode(host, node);
  if (n?.removed) throw new ActionError(`${node} was removed from the cluster`);
}

function nodeField(action: SystemAction, field: string): NodeId {
  const v = action[field];
  if (typeof v !== "string" || !NODE_ID.test(v)) {
    throw new ActionError(`"${action.type}" needs "${field}": a node id such as n1, got ${JSON.stringify(v)}`);
  }
  return v;
}

function keyField(action: SystemAction): string {
  const v = action.key;
  if (typeof v !== "string" || v.length === 0 || v.length > 64) throw new ActionError(`"${action.type}" needs "key": a non-empty key of at most 64 characters`);
  return v;
}

function valueField(action: SystemAction): string {
  const v = action.value;
  if (typeof v !== "string" || v.length > 256) throw new ActionError(`"${action.type}" needs "value": text of at most 256 characters`);
  return v;
}
