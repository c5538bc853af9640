// Which node must serve a key command: getNodeByQuery() and clusterRedirectClient() of src/cluster.c (FACTS §1.5).
// Pure: it reads the node's slot table and migration states and which keys it holds, and returns "serve here" or
// the error Redis would answer, spelled as Redis spells it. The order of the checks is Redis's:
//   1. keys in different slots                     -> CROSSSLOT (before anything else)
//   2. slot owned by nobody                         -> CLUSTERDOWN Hash slot not served
//   3. the cluster state is fail                    -> CLUSTERDOWN The cluster is down (reads may pass if allowed)
//   4. owner here, slot MIGRATING, keys missing     -> TRYAGAIN when some are here, ASK <target> when none are
//   5. slot IMPORTING and the client sent ASKING    -> serve (TRYAGAIN for a multi-key command missing keys)
//   6. owner elsewhere                              -> MOVED <owner>

import type { NodeId } from "../../sim/types";
import { addressOf } from "./address";
import { keySlot } from "./keyslot";

export const CROSSSLOT = "CROSSSLOT Keys in request don't hash to the same slot";
export const TRYAGAIN = "TRYAGAIN Multiple keys request during rehashing of slot";
export const CLUSTERDOWN_UNBOUND = "CLUSTERDOWN Hash slot not served";
export const CLUSTERDOWN_STATE = "CLUSTERDOWN The cluster is down";

export const moved = (slot: number, node: NodeId): string => `MOVED ${slot} ${addressOf(node)}`;
export const ask = (slot: number, node: NodeId): string => `ASK ${slot} ${addressOf(node)}`;

/** What the routing decision needs to know about the node that received the command. */
export interface RoutingState {
  readonly self: NodeId;
  /** The owner of each slot in this node's view (null: nobody). */
  readonly owners: readonly (NodeId | null)[];
  readonly migrating: ReadonlyMap<number, NodeId>;
  readonly importing: ReadonlyMap<number, NodeId>;
  readonly clusterOk: boolean;
  readonly allowReadsWhenDown: boolean;
  hasKey(key: string): boolean;
}

export type Routing = { serve: true; slot: number } | { serve: false; error: string; slot?: number };

export function route(state: RoutingState, keys: readonly string[], asking: boolean, write: boolean): Routing {
  if (keys.length === 0) return { serve: true, slot: -1 };
  const slot = keySlot(keys[0]);
  for (let i = 1; i < keys.length; i++) if (keySlot(keys[i]) !== slot) return { serve: false, error: CROSSSLOT };
  const owner = state.owners[slot];
  if (owner === null || owner === undefined) return { serve: false, error: CLUSTERDOWN_UNBOUND, slot };
  if (!state.clusterOk && (write || !state.allowReadsWhenDown)) return { serve: false, error: CLUSTERDOWN_STATE, slot };
  const migratingTo = owner === state.self ? state.migrating.get(slot) : undefined;
  const importing = owner !== state.self && state.importing.has(slot);
  let missing = 0;
  if (migratingTo !== undefined || importing) for (const k of keys) if (!state.hasKey(k)) missing++;
  if (migratingTo !== undefined && missing > 0) {
    if (missing < keys.length) return { serve: false, error: TRYAGAIN, slot };
    return { serve: false, error: ask(slot, migratingTo), slot };
  }
  if (importing && asking) {
    if (keys.length > 1 && missing > 0) return { serve: false, error: TRYAGAIN, slot };
    return { serve: true, slot };
  }
  if (owner !== state.self) return { serve: false, error: moved(slot, owner), slot };
  return { serve: true, slot };
}

/** A redirection in a reply: MOVED or ASK, with its slot and node. */
export function parseRedirect(error: string): { kind: "MOVED" | "ASK"; slot: number; address: string } | undefined {
  const m = /^(MOVED|ASK) (\d+) (\S+)$/.exec(error);
  return m ? { kind: m[1] as "MOVED" | "ASK", slot: Number(m[2]), address: m[3] } : undefined;
}
