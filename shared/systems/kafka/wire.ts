// The Kafka protocol messages between brokers and controllers, by the names Kafka gives its APIs (the screen
// colours messages by kind). Raft messages of the controller quorum travel as the etcd plug-in sends them
// (shared/raft types with `type` renamed `kind`). Fields are plain data; records travel whole.

import type { NodeId } from "../../sim/types";
import type { MetadataRecord } from "./metadata";
import type { LogRecord } from "./replica";

/** Broker → active controller: alive, under this incarnation, caught up to `offset` of the metadata log. */
import type { OperatorChange } from "./node";

export interface BrokerHeartbeat {
  kind: "BrokerHeartbeat";
  incarnation: number;
  offset: number;
}

/** Controller → broker: who the active controller is (so the broker stops asking a follower). */
export interface BrokerHeartbeatResponse {
  kind: "BrokerHeartbeatResponse";
  leader: NodeId | null;
}

/** Broker → active controller: the committed metadata records after `offset` (a KRaft observer's Fetch). */
export interface MetadataFetch {
  kind: "MetadataFetch";
  offset: number;
}

export interface MetadataFetchResponse {
  kind: "MetadataFetchResponse";
  leader: NodeId | null;
  records: { offset: number; record: MetadataRecord }[];
  /** The offset the broker has reached once it applied `records` (conf entries carry no record). */
  upTo: number;
}

/** Partition leader → controller: change the ISR (KIP-497). */
export interface AlterPartition {
  kind: "AlterPartition";
  tp: string;
  leaderEpoch: number;
  partitionEpoch: number;
  isr: NodeId[];
}

export interface AlterPartitionResponse {
  kind: "AlterPartitionResponse";
  tp: string;
  error: string;
}

/** Follower → leader: replicate from `fetchOffset`; `lastFetchedEpoch` lets the leader spot a diverged log. */
export interface Fetch {
  kind: "Fetch";
  tp: string;
  fetchOffset: number;
  lastFetchedEpoch: number;
  leaderEpoch: number;
}

export interface FetchResponse {
  kind: "FetchResponse";
  tp: string;
  leaderEpoch: number;
  fetchOffset: number;
  error?: string;
  records?: LogRecord[];
  hw?: number;
  /** The follower's log diverged: truncate to this epoch's end offset, then fetch again. */
  diverging?: { epoch: number; endOffset: number };
}

/** A simulated consumer fetches a partition from its leader (it learns how far it can read: the HW). */
export interface ConsumerFetch {
  kind: "ConsumerFetch";
  tp: string;
  member: string;
}

export interface ConsumerFetchResponse {
  kind: "ConsumerFetchResponse";
  tp: string;
  member: string;
  hw: number;
}

/**
 * An operator's change that reached a controller which is not (or no longer) the active one: it goes on to the
 * active controller, as an admin client retries a NOT_CONTROLLER answer against the new controller.
 */
export interface ForwardedChange {
  kind: "ForwardedChange";
  change: OperatorChange;
}

export type KafkaMessage =
  | ForwardedChange
  | BrokerHeartbeat
  | BrokerHeartbeatResponse
  | MetadataFetch
  | MetadataFetchResponse
  | AlterPartition
  | AlterPartitionResponse
  | Fetch
  | FetchResponse
  | ConsumerFetch
  | ConsumerFetchResponse;

export const NOT_LEADER = "NOT_LEADER_OR_FOLLOWER";
export const FENCED_LEADER_EPOCH = "FENCED_LEADER_EPOCH";
export const UNKNOWN_LEADER_EPOCH = "UNKNOWN_LEADER_EPOCH";
export const NOT_ENOUGH_REPLICAS = "NOT_ENOUGH_REPLICAS";
