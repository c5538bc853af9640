// What clients ask Kafka: producers `send` a keyed message (partition = murmur2 of the key), consumers `poll`.
// Every bot message is unique ("m" + the op counter), so a lost acknowledged message can be told apart.
// A person's put sends their value under their key; a get polls the partition the key maps to (it returns that
// partition's last committed messages: a consumer reads only below the high watermark).

import type { Rng } from "../../sim/rng";
import type { ClientOp, PlayerClientAction, WorkloadSpec } from "../../sim/types";
import { pickWeighted } from "../../sim/workload";

export const KAFKA_OPS = ["send", "poll"] as const;

export function nextKafkaOp(rng: Rng, workload: WorkloadSpec, counter: number): ClientOp {
  const unknown = Object.keys(workload.mix).filter((f) => !(KAFKA_OPS as readonly string[]).includes(f) && workload.mix[f] > 0);
  if (unknown.length > 0) throw new Error(`Kafka clients do ${KAFKA_OPS.join(", ")}; the workload mix also names ${unknown.join(", ")}`);
  const f = pickWeighted(rng, workload.mix);
  const key = rng.pick(workload.keys);
  return f === "send" ? { f, key, value: `m${counter}` } : { f, key };
}

export function kafkaPlayerOp(action: PlayerClientAction): ClientOp | undefined {
  if (action.type === "put") return { f: "send", key: action.key, value: action.value ?? "" };
  return action.type === "get" ? { f: "poll", key: action.key } : undefined;
}
