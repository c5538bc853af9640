// The messages Cassandra nodes send each other (the kernel carries them; `kind` names them on screen).
// Fields are plain data. Cells travel whole: { value, ts } with ts in microseconds of the writer's clock.

import type { ClusterSettings } from "./settings";
import type { EndpointState } from "./gossip";
import type { Cell } from "./storage/cell";

/** One key's cell as a replica holds it (undefined cell: the replica has nothing for the key). */
export interface KeyCell {
  key: string;
  cell: Cell;
}

export type CassandraMessage =
  // coordinator -> replica and back: a write (MUTATION_REQ / MUTATION_RSP)
  | { kind: "mutation"; op: number; key: string; cell: Cell }
  | { kind: "mutation-ack"; op: number }
  // coordinator -> replica: a full data read, or a digest read; and the answer
  | { kind: "read"; op: number; key: string }
  | { kind: "digest"; op: number; key: string }
  | { kind: "read-reply"; op: number; key: string; cell?: Cell; digest?: string }
  // blocking read repair: the coordinator writes the merged cell to a replica that answered with an older one
  | { kind: "read-repair"; op: number; key: string; cell: Cell }
  | { kind: "read-repair-ack"; op: number }
  // hinted handoff: a batch of stored mutations replayed to their replica
  | { kind: "hint"; batch: number; mutations: KeyCell[] }
  | { kind: "hint-ack"; batch: number }
  // gossip: push-pull of endpoint states and the cluster settings (GossipDigestSyn / Ack)
  | { kind: "gossip-syn"; states: EndpointState[]; settings: ClusterSettings }
  | { kind: "gossip-ack"; states: EndpointState[]; settings: ClusterSettings }
  // anti-entropy repair (nodetool repair): each replica sends the leaves of its tree for the repaired ranges
  | { kind: "repair-request"; session: number; ranges: TokenRangeWire[] }
  | { kind: "repair-tree"; session: number; leaves: KeyCell[] }
  | { kind: "repair-stream"; session: number; mutations: KeyCell[] }
  // bootstrap and decommission: data for the ranges that change hands
  | { kind: "stream-request"; session: number; ranges: TokenRangeWire[] }
  | { kind: "stream"; session: number; mutations: KeyCell[] }
  | { kind: "stream-ack"; session: number };

/** A token range (start, end] as decimal strings (bigints do not travel as JSON). */
export interface TokenRangeWire {
  start: string;
  end: string;
}

/** A digest of a cell, as a replica answers a digest read (Cassandra hashes the serialized partition). */
export function digestOf(cell: Cell | undefined): string {
  return cell === undefined ? "-" : `${cell.ts}:${cell.value === null ? "~" : cell.value}`;
}
