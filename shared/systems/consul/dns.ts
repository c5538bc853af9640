// Consul's DNS interface (FACTS §5.4), answered from a server's catalog with allow_stale (any server answers):
//   <service>.service[.<dc>].consul  the addresses of the instances DNS may serve (no critical check), in random
//                                    order, at most udp_answer_limit (3) records
//   <node>.node[.<dc>].consul        the node's address
// A name with no healthy instance gets NXDOMAIN (an empty answer). A node's address here is its name.

import type { Rng } from "../../sim/rng";
import { type CatalogState, instances } from "./catalog";
import { servedByDns } from "./health";

export const UDP_ANSWER_LIMIT = 3;

export type DnsQuestion = { kind: "service"; service: string; tag?: string } | { kind: "node"; node: string };

/** The question in a DNS name, or an error in words. */
export function parseDnsName(name: string, datacenter: string): DnsQuestion | string {
  const labels = name.toLowerCase().replace(/\.$/, "").split(".");
  if (labels[labels.length - 1] !== "consul") return `${name} is not in the consul. domain (this agent has no recursors)`;
  labels.pop();
  const typeAt = labels.findIndex((l) => l === "service" || l === "node");
  if (typeAt < 1) return `${name} is not a Consul name: ask for <service>.service.consul or <node>.node.consul`;
  const rest = labels.slice(typeAt + 1);
  if (rest.length > 1 || (rest.length === 1 && rest[0] !== datacenter)) return `no path to datacenter ${rest.join(".")}`;
  const head = labels.slice(0, typeAt);
  if (labels[typeAt] === "node") return head.length === 1 ? { kind: "node", node: head[0] } : `${name}: a node lookup is <node>.node.consul`;
  if (head.length === 1) return { kind: "service", service: head[0] };
  if (head.length === 2) return { kind: "service", service: head[1], tag: head[0] };
  return `${name}: a service lookup is [<tag>.]<service>.service.consul`;
}

export interface DnsAnswer {
  /** The A records' addresses (node names), in the order served. */
  records: string[];
  /** Plain words for the player. */
  note: string;
}

export function answerDns(state: CatalogState, q: DnsQuestion, onlyPassing: boolean, rng: Rng): DnsAnswer {
  if (q.kind === "node") {
    const known = state.nodes[q.node] !== undefined;
    return known ? { records: [q.node], note: `${q.node}.node.consul: A ${q.node}` } : { records: [], note: `${q.node}.node.consul: NXDOMAIN (no such node)` };
  }
  const all = instances(state, q.service);
  // Instances carry no tags here: a tag lookup finds nothing.
  const served = q.tag === undefined ? all.filter((i) => servedByDns(i.status, onlyPassing)) : [];
  if (served.length === 0) {
    const why = all.length === 0 ? "no such service" : `all ${all.length} instance${all.length === 1 ? " is" : "s are"} failing their health checks`;
    return { records: [], note: `${q.service}.service.consul: NXDOMAIN (${why})` };
  }
  const records = rng.shuffle(served.map((i) => i.node)).slice(0, UDP_ANSWER_LIMIT);
  const left = all.length - served.length;
  return { records, note: `${q.service}.service.consul: A ${records.join(", ")}${left > 0 ? ` (${left} critical instance${left === 1 ? "" : "s"} left out)` : ""}` };
}
