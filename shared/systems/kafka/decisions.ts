// What the active controller records for an operator's change (set-config, kafka-reassign-partitions, the size of
// the consumer deployment), decided on its projection so it builds on every change already proposed. Returns the
// records, or why there are none. actions.ts checks the request first and gives the player a clear refusal; this
// re-checks against the newest state.

import type { NodeId } from "../../sim/types";
import { offlineElections, startReassignment } from "./election";
import { isActive, type MetadataImage, type MetadataRecord, partitionRecord } from "./metadata";
import type { KafkaCommand } from "./node";

export function controllerDecision(image: MetadataImage, c: Exclude<KafkaCommand, { kind: "join-existing-cluster" }>): MetadataRecord[] | string {
  switch (c.kind) {
    case "config": {
      const records: MetadataRecord[] = [{ type: "Config", field: c.field, value: c.value }];
      // Turning unclean election on elects a leader for every offline partition that has a live replica.
      if (c.field === "uncleanLeaderElection" && c.value === true) {
        const next = structuredClone(image);
        next.settings.uncleanLeaderElection = true;
        for (const [tp, p] of offlineElections(next)) records.push(partitionRecord(tp, p));
      }
      return records;
    }
    case "reassign":
      return reassign(image, c.tp, c.replicas);
    case "consumers":
      return [{ type: "Consumers", group: c.group, count: c.count }];
  }
}

function reassign(image: MetadataImage, tp: string, replicas: readonly NodeId[]): MetadataRecord[] | string {
  const p = image.partitions[tp];
  if (!p) return `there is no partition ${tp}`;
  if (p.adding.length > 0 || p.removing.length > 0) return `${tp} is already being reassigned`;
  const unknown = replicas.filter((b) => !isActive(image, b));
  if (unknown.length > 0) return `${unknown.join(", ")} ${unknown.length === 1 ? "is not a" : "are not"} registered, unfenced broker${unknown.length === 1 ? "" : "s"}`;
  return [partitionRecord(tp, startReassignment(p, replicas))];
}
