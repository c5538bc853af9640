// The MinIO system plug-in: servers with several drives, erasure sets, Reed–Solomon shards with per-block bitrot
// hashes, read and write quorums per object, healing (on read, by the scanner, by the operator, onto replaced
// drives). Faithful to ../shared/fidelity/FACTS.md §7.

import type { SystemDefinition } from "../../sim/types";
import { applyMinioAction } from "./actions";
import { parseMinioConfig } from "./config";
import { minioInvariants } from "./invariants";
import { type MinioDurable, MinioNode } from "./node";
import { minioPlayerOp, nextMinioOp } from "./ops";
import { MINIO_METRICS, placeObjects, summarizeMinio } from "./summary";

export const minio: SystemDefinition = {
  name: "minio",
  createNode(id, config, durable, initialMembers) {
    return new MinioNode(id, parseMinioConfig(config), durable as MinioDurable | undefined, initialMembers);
  },
  applyAction: applyMinioAction,
  invariants: minioInvariants,
  nextOp: nextMinioOp,
  summarize: summarizeMinio,
  clientRouting: "spread",
  playerOp: minioPlayerOp,
  metrics: MINIO_METRICS,
  keyPlacement: placeObjects,
};

export { MINIO_ACTIONS } from "./actions";
export { objectViews } from "./cluster-view";
export { MINIO_DEFAULTS, type MinioConfig, parseMinioConfig } from "./config";
export { type MinioCommand, type MinioDurable, MinioNode } from "./node";
export { MINIO_OPS, nextMinioOp } from "./ops";
export { MINIO_METRICS, summarizeMinio } from "./summary";
