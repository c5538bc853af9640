// What the workload bots ask MinIO: puts of fresh objects and gets, in the level's mix. A put's bytes are drawn
// from the bot's seeded generator and travel as the request's body; the history records their sha256, and a get's
// completion the sha256 of the bytes it returned (GUIDE §4), so every put's value is unique per key.

import type { Rng } from "../../sim/rng";
import type { ClientOp, PlayerClientAction, WorkloadSpec } from "../../sim/types";
import { pickWeighted } from "../../sim/workload";
import { toHex } from "./codec";
import { sha256Bytes } from "./node";

export const MINIO_OPS = ["put", "get"] as const;

/** Bytes in a bot's object: small, so a shard crosses the screen as one message. */
export const BOT_OBJECT_BYTES = 1024;

export function nextMinioOp(rng: Rng, workload: WorkloadSpec, _counter: number): ClientOp {
  const unknown = Object.keys(workload.mix).filter((f) => !(MINIO_OPS as readonly string[]).includes(f) && workload.mix[f] > 0);
  if (unknown.length > 0) throw new Error(`MinIO clients do ${MINIO_OPS.join(", ")}; the workload mix also names ${unknown.join(", ")}`);
  const f = pickWeighted(rng, workload.mix);
  const key = rng.pick(workload.keys);
  if (f === "get") return { f, key };
  const bytes = new Uint8Array(BOT_OBJECT_BYTES);
  for (let i = 0; i < bytes.length; i++) bytes[i] = rng.int(0, 256);
  return { f, key, value: sha256Bytes(bytes), body: toHex(bytes) };
}

/** A player's put sends the text they typed as the object's bytes (UTF-8). */
export function minioPlayerOp(action: PlayerClientAction): ClientOp | undefined {
  if (action.type === "get") return { f: "get", key: action.key };
  if (action.type !== "put") return undefined;
  const bytes = new TextEncoder().encode(action.value ?? "");
  return { f: "put", key: action.key, value: sha256Bytes(bytes), body: toHex(bytes) };
}
