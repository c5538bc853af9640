// What operators may do to a Kafka cluster, checked against the cluster before anything changes:
//   set-config        kafka-configs --alter (min.insync.replicas, unclean.leader.election.enable,
//                     replica.lag.time.max.ms) and the clients' acks and assignment strategy
//   reassign          kafka-reassign-partitions --execute: new replicas catch up, then the old ones leave
//   scale-consumers   run more or fewer consumers in the group (a deployment change, which makes them rebalance)
//   add-member        start a new, empty broker that registers with the controller quorum
// Every change goes through the active controller, which records it in the metadata log.

import { type ActionHost, ActionError, type NodeId, type SystemAction } from "../../sim/types";
import { activeController, kafkaNodes } from "./cluster-view";
import type { KafkaConfig } from "./config";
import { OFFSETS_TOPIC, tpName } from "./metadata";
import type { KafkaCommand, KafkaNode } from "./node";
import { SETTING_NAMES, SETTINGS } from "./settings";

export const KAFKA_ACTIONS = ["set-config", "reassign", "scale-consumers", "add-member"] as const;

const NODE_ID = /^[a-z][a-z0-9-]{0,15}$/;

export function applyKafkaAction(host: ActionHost, action: SystemAction): void {
  switch (action.type) {
    case "set-config":
      setConfig(host, action);
      break;
    case "reassign":
      reassign(host, action);
      break;
    case "scale-consumers":
      scaleConsumers(host, action);
      break;
    case "add-member":
      addBroker(host, action.node);
      break;
    default:
      throw new ActionError(`Kafka has no action "${action.type}"; its actions are ${KAFKA_ACTIONS.join(", ")}`);
  }
}

function controller(host: ActionHost): KafkaNode {
  const c = activeController(host);
  if (!c) throw new ActionError("the KRaft controller quorum has no active controller right now (a majority of controllers must be up); try again shortly");
  return c;
}

function config(host: ActionHost): KafkaConfig {
  const any = kafkaNodes(host)[0];
  if (!any) throw new ActionError("there is no Kafka broker");
  return any.cfg;
}

function send(host: ActionHost, c: KafkaNode, command: KafkaCommand): void {
  host.command(c.id, command);
}

function setConfig(host: ActionHost, action: SystemAction): void {
  const name = action.setting;
  if (typeof name !== "string" || !Object.hasOwn(SETTINGS, name)) {
    throw new ActionError(`Kafka has no setting ${JSON.stringify(name)} to change; the settings are ${SETTING_NAMES.join(", ")}`);
  }
  const { field, parse } = SETTINGS[name];
  let value;
  try {
    value = parse(action.value);
  } catch (error) {
    throw new ActionError((error as Error).message);
  }
  const c = controller(host);
  send(host, c, { kind: "config", field, value });
  host.emit({ kind: "settings", text: `the operator set ${name}=${String(action.value)} (recorded by the active controller ${c.id})` });
}

function reassign(host: ActionHost, action: SystemAction): void {
  const cfg = config(host);
  const topic = action.topic ?? cfg.topic;
  if (topic !== cfg.topic && topic !== OFFSETS_TOPIC) throw new ActionError(`there is no topic ${JSON.stringify(topic)}; the topic is ${cfg.topic}`);
  const count = topic === OFFSETS_TOPIC ? 1 : cfg.partitions;
  const partition = action.partition;
  if (typeof partition !== "number" || !Number.isInteger(partition) || partition < 0 || partition >= count) {
    throw new ActionError(`${topic} has partitions 0 to ${count - 1}, got ${JSON.stringify(partition)}`);
  }
  const replicas = action.replicas;
  if (!Array.isArray(replicas) || replicas.length === 0 || !replicas.every((b) => typeof b === "string")) throw new ActionError("reassign needs a list of replicas, such as [\"n2\", \"n4\"]");
  if (new Set(replicas).size !== replicas.length) throw new ActionError("a broker may hold only one replica of a partition");
  const c = controller(host);
  const tp = tpName(topic, partition);
  const p = c.image.partitions[tp];
  const unknown = (replicas as NodeId[]).filter((b) => c.image.brokers[b] === undefined || c.image.brokers[b].fenced);
  if (unknown.length > 0) throw new ActionError(`${unknown.join(", ")} ${unknown.length === 1 ? "is not a registered, running broker" : "are not registered, running brokers"}; add a broker first`);
  if (p.adding.length > 0 || p.removing.length > 0) throw new ActionError(`${tp} is already being reassigned (adding ${p.adding.join(",") || "none"}, removing ${p.removing.join(",") || "none"})`);
  if (p.replicas.length === replicas.length && p.replicas.every((b, i) => b === replicas[i])) throw new ActionError(`${tp} already has the replicas ${p.replicas.join(", ")}`);
  send(host, c, { kind: "reassign", tp, replicas: replicas as NodeId[] });
  host.emit({ kind: "reassign", group: tp, text: `the operator reassigns ${tp} from ${p.replicas.join(",")} to ${replicas.join(",")}` });
}

function scaleConsumers(host: ActionHost, action: SystemAction): void {
  const cfg = config(host);
  const group = action.group ?? cfg.group;
  if (group !== cfg.group) throw new ActionError(`there is no consumer group ${JSON.stringify(group)}; the group is ${cfg.group}`);
  const count = action.count;
  if (typeof count !== "number" || !Number.isInteger(count) || count < 0 || count > 32) throw new ActionError(`a consumer count is a whole number from 0 to 32, got ${JSON.stringify(count)}`);
  const c = controller(host);
  send(host, c, { kind: "consumers", group, count });
  host.emit({ kind: "scale-consumers", group, text: `the operator runs ${count} consumer${count === 1 ? "" : "s"} in group ${group}` });
}

function addBroker(host: ActionHost, node: unknown): void {
  if (typeof node !== "string" || !NODE_ID.test(node)) throw new ActionError(`expected a node id such as n4, got ${JSON.stringify(node)}`);
  if (host.nodes.includes(node)) throw new ActionError(`${node} already exists; a new broker needs a new name`);
  controller(host);
  host.addNode(node);
  host.command(node, { kind: "join-existing-cluster" } satisfies KafkaCommand);
  host.emit({ kind: "member-added", node, text: `${node} started as a new, empty broker; it registers with the controller quorum` });
}
