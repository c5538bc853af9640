// The cluster at a glance, for the screen and for level objectives: how many objects are whole, degraded (some
// shards missing or corrupt, still readable), unreadable now (too few intact shards on running servers) or lost
// for good (fewer intact shards anywhere than data shards: no repair brings them back).

import type { InvariantView, KeyPlacement } from "../../sim/types";
import { minioNodes, objectViews } from "./cluster-view";

export const MINIO_METRICS: Readonly<Record<string, string>> = {
  objectsLost: "objects with fewer intact shards anywhere than they need to be read: gone for good",
  objectsUnreadable: "objects a read cannot rebuild now (too few intact shards on running servers)",
  objectsDegraded: "objects missing at least one intact shard (still readable, and at risk)",
  drivesFailed: "drives that have failed and not been replaced",
  healQueue: "objects waiting in the servers' heal queues",
};

export function summarizeMinio(view: InvariantView): Record<string, string | number | null> {
  const nodes = minioNodes(view);
  const objects = objectViews(view);
  let drivesFailed = 0;
  let healQueue = 0;
  for (const n of nodes) {
    for (const d of n.drives.values()) if (d.state === "failed") drivesFailed++;
    healQueue += n.healQueue.length;
  }
  const any = nodes.find((n) => view.isUp(n.id)) ?? nodes[0];
  return {
    leader: null,
    storageClass: any ? `EC:${any.parity()}` : null,
    /** Drives per erasure set (the smallest, with several pools): the storage class's parity may be 0 to half of it. */
    setSize: any ? Math.min(...any.pools.map((p) => p.setSize)) : null,
    pools: any ? any.pools.length : null,
    objects: objects.length,
    objectsLost: objects.filter((o) => o.intact < o.version.data).length,
    objectsUnreadable: objects.filter((o) => o.readable < o.version.data).length,
    objectsDegraded: objects.filter((o) => o.intact < o.version.data + o.version.parity).length,
    drivesFailed,
    healQueue,
  };
}

/** Where each object's shards are: `replicas` are the drives in shard order; each copy says data or parity and its state. */
export function placeObjects(view: InvariantView, keys: readonly string[]): KeyPlacement[] {
  const wanted = new Set(keys);
  return objectViews(view)
    .filter((o) => wanted.size === 0 || wanted.has(o.object))
    .map((o) => ({
      key: o.object,
      replicas: o.shards.map((s) => s.drive.id),
      copies: o.shards.map((s, i) => ({
        node: s.drive.id,
        value: `${i < o.version.data ? `data ${i + 1}` : `parity ${i - o.version.data + 1}`}: ${s.state}`,
        writtenAt: o.version.modTime,
      })),
    }));
}
