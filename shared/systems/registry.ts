// Every system the game can run, by the name level files use. Adding a system is its folder plus one line here.

import type { SystemDefinition } from "../sim/types";
import { cassandra } from "./cassandra";
import { cockroach } from "./cockroach";
import { consul } from "./consul";
import { etcd } from "./etcd";
import { kafka } from "./kafka";
import { minio } from "./minio";
import { redisCluster } from "./redis-cluster";

const SYSTEMS: Readonly<Record<string, SystemDefinition>> = {
  cassandra,
  cockroach,
  consul,
  etcd,
  kafka,
  minio,
  "redis-cluster": redisCluster,
};

/** Names of the registered systems, sorted (for error messages and catalogues). */
export const systemNames: readonly string[] = Object.keys(SYSTEMS).sort();

/** The system called `name`, or undefined when no such system is registered. */
export function findSystem(name: string): SystemDefinition | undefined {
  return Object.hasOwn(SYSTEMS, name) ? SYSTEMS[name] : undefined;
}
