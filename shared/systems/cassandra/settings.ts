// What the cluster agrees on at run time and spreads by gossip: the keyspace's replication (schema) and the
// consistency levels clients use. The operator changes them on one node; the change carries a higher version and
// every node adopts the highest version it hears of, so a node that was down catches up when it comes back.
// (Real Cassandra keeps replication in the schema, which spreads the same way; consistency levels belong to the
// client driver — here every client reads them from the coordinator's settings, as if the application's config
// were rolled out at once.)

import type { ConsistencyLevel } from "../../protocol/actions";
import type { CassandraConfig } from "./config";
import type { Replication } from "./ring/placement";

export interface ClusterSettings {
  version: number;
  replication: Replication;
  read: ConsistencyLevel;
  write: ConsistencyLevel;
}

export function initialSettings(cfg: CassandraConfig): ClusterSettings {
  return { version: 0, replication: cfg.replication, read: cfg.readConsistency, write: cfg.writeConsistency };
}

/** The newer of two settings (the higher version; equal versions are the same change). */
export function newerSettings(a: ClusterSettings, b: ClusterSettings): ClusterSettings {
  return b.version > a.version ? b : a;
}
