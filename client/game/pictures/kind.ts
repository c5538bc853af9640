// Which picture draws a state: gossip for Consul, the keyspace bar for CockroachDB, partition logs for Kafka, the
// hash-slot map for Redis Cluster, racks of drives as soon
// as any node has drives (MinIO), the token ring as soon as any node has tokens (Cassandra), else the Raft ring.
// Kept apart from the scene so the overlay (legend, node table) can ask without importing Phaser.

import type { GameStateView } from "../../net/state";

export type PictureKind = "gossip" | "keyspace" | "partition-log" | "slot-map" | "drive-rack" | "token-ring" | "raft";

export function pictureKind(state: GameStateView): PictureKind {
  if (state.system === "consul") return "gossip";
  if (state.system === "cockroach") return "keyspace";
  if (state.system === "kafka") return "partition-log";
  if (state.system === "redis-cluster") return "slot-map";
  let ring = false;
  let drives = false;
  state.nodes.forEach((n) => {
    if (n.tokens) ring = true;
    if (n.drives) drives = true;
  });
  return drives ? "drive-rack" : ring ? "token-ring" : "raft";
}
