// The Consul system plug-in: every node is an agent gossiping with memberlist (SWIM with Lifeguard: probes,
// indirect probes, suspicion with confirmations, incarnations and refutation, piggybacked gossip with a retransmit
// limit, local health awareness, push-pull); the first nodes are servers holding the catalog, KV and ACL rules on
// the shared Raft core; health checks and gossip feed the catalog, DNS serves the healthy instances. Faithful to
// ../shared/fidelity/FACTS.md §5; what is simplified is said in each file's header.

import type { SystemDefinition } from "../../sim/types";
import { applyConsulAction } from "./actions";
import { parseConsulConfig } from "./config";
import { consulInvariants } from "./invariants";
import { type ConsulDurable, ConsulNode } from "./node";
import { consulPlayerOp, nextConsulOp } from "./ops";
import { CONSUL_METRICS, summarizeConsul } from "./summary";

export const consul: SystemDefinition = {
  name: "consul",
  createNode(id, config, durable, initialMembers) {
    return new ConsulNode(id, parseConsulConfig(config), durable as ConsulDurable | undefined, initialMembers);
  },
  applyAction: applyConsulAction,
  invariants: consulInvariants,
  nextOp: nextConsulOp,
  summarize: summarizeConsul,
  playerOp: consulPlayerOp,
  metrics: CONSUL_METRICS,
};

export { CONSUL_ACTIONS } from "./actions";
export { aclDenial, aclRuleFor, type AclPolicy } from "./acl";
export { applyCatalog, type CatalogState, instances } from "./catalog";
export { authoritativeCatalog, consulNodes, leaderNode } from "./cluster-view";
export { CONSUL_DEFAULTS, type ConsulConfig, parseConsulConfig } from "./config";
export { answerDns, parseDnsName } from "./dns";
export { servedByDns, worst } from "./health";
export { Awareness } from "./memberlist/awareness";
export { LAN_DEFAULTS } from "./memberlist/config";
export { confirmationsWanted, pushPullScale, remainingSuspicionTime, retransmitLimit, suspicionBounds, suspicionTimeout } from "./memberlist/formulas";
export { Suspicion } from "./memberlist/suspicion";
export { type ConsulCommand, type ConsulDurable, ConsulNode } from "./node";
export { CONSUL_OPS, consulPlayerOp, nextConsulOp } from "./ops";
export { SETTING_NAMES } from "./settings";
export { CONSUL_METRICS, summarizeConsul } from "./summary";
