// Consul's own RPCs between agents and servers (on top of memberlist's gossip and Raft's messages): an agent
// forwards its clients' KV reads and writes, DNS questions and its anti-entropy syncs to a server, which forwards
// what needs the leader to the leader; the server that finishes the request answers the agent directly.

import type { Completion } from "../../sim/types";
import type { CatalogService } from "./catalog";
import type { ConsistencyMode } from "./config";

export const RPC = "rpc";
export const RPC_REPLY = "rpc-reply";

export type RpcOp =
  | { f: "read"; key: string; mode: ConsistencyMode }
  | { f: "write"; key: string; value: unknown }
  | { f: "dns"; name: string; onlyPassing: boolean }
  | { f: "sync"; services: Record<string, CatalogService> };

export interface RpcMessage {
  kind: typeof RPC;
  /** The request's id, unique in the cluster: `<agent>#<n>`. */
  rid: string;
  /** The agent that waits for the answer. */
  agent: string;
  op: RpcOp;
  /** How many servers have forwarded it (at most one hop: to the leader). */
  hops: number;
  [field: string]: unknown;
}

export interface RpcReply {
  kind: typeof RPC_REPLY;
  rid: string;
  completion: Completion;
  [field: string]: unknown;
}
