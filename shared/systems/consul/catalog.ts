// The state Consul's servers replicate through Raft: the catalog (nodes with their serfHealth check, service
// instances with their health check), the KV store, and the ACL rules of the client token. Every server applies
// the same committed commands in the same order, so their catalogs agree up to their applied index.

import type { AclPolicy } from "./acl";
import { type CheckStatus, worst } from "./health";

export interface CatalogService {
  port: number;
  status: CheckStatus;
}

export interface CatalogNode {
  serfHealth: CheckStatus;
  services: Record<string, CatalogService>;
}

export interface CatalogState {
  nodes: Record<string, CatalogNode>;
  kv: Record<string, unknown>;
  acl: Record<string, AclPolicy>;
}

export type CatalogCommand =
  | { op: "bootstrap"; state: CatalogState }
  | { op: "sync"; node: string; services: Record<string, CatalogService>; rid?: string }
  | { op: "serf"; node: string; status: CheckStatus }
  | { op: "deregister-service"; node: string; service: string }
  | { op: "deregister-node"; node: string }
  | { op: "kv-set"; key: string; value: unknown; rid: string }
  | { op: "acl"; prefix: string; policy: AclPolicy };

const OPS = new Set(["bootstrap", "sync", "serf", "deregister-service", "deregister-node", "kv-set", "acl"]);

export function isCatalogCommand(v: unknown): v is CatalogCommand {
  return typeof v === "object" && v !== null && OPS.has((v as { op?: unknown }).op as string);
}

export function emptyCatalog(): CatalogState {
  return { nodes: {}, kv: {}, acl: {} };
}

export function applyCatalog(state: CatalogState, cmd: CatalogCommand): void {
  switch (cmd.op) {
    case "bootstrap":
      Object.assign(state, structuredClone(cmd.state));
      break;
    case "sync": {
      const n = (state.nodes[cmd.node] ??= { serfHealth: "passing", services: {} });
      n.services = structuredClone(cmd.services);
      break;
    }
    case "serf": {
      const n = (state.nodes[cmd.node] ??= { serfHealth: "passing", services: {} });
      n.serfHealth = cmd.status;
      break;
    }
    case "deregister-service":
      delete state.nodes[cmd.node]?.services[cmd.service];
      break;
    case "deregister-node":
      delete state.nodes[cmd.node];
      break;
    case "kv-set":
      state.kv[cmd.key] = cmd.value;
      break;
    case "acl":
      state.acl[cmd.prefix] = cmd.policy;
      break;
  }
}

export interface Instance {
  node: string;
  service: string;
  port: number;
  /** The worst of the instance's check and its node's serfHealth. */
  status: CheckStatus;
}

/** Every registered instance of `service` (or of every service), in node order. */
export function instances(state: CatalogState, service?: string): Instance[] {
  const out: Instance[] = [];
  for (const node of Object.keys(state.nodes).sort()) {
    const n = state.nodes[node];
    for (const [name, svc] of Object.entries(n.services)) {
      if (service !== undefined && name !== service) continue;
      out.push({ node, service: name, port: svc.port, status: worst(n.serfHealth, svc.status) });
    }
  }
  return out;
}

/** Names of the services registered anywhere, sorted. */
export function serviceNames(state: CatalogState): string[] {
  const names = new Set<string>();
  for (const n of Object.values(state.nodes)) for (const s of Object.keys(n.services)) names.add(s);
  return [...names].sort();
}
