// The settings an operator may change while the cluster runs (set-config), with Kafka's names and values.
// Broker and topic configs (min.insync.replicas, unclean.leader.election.enable, replica.lag.time.max.ms) change
// through the controller as a ConfigRecord in the metadata log, as `kafka-configs --alter` does in KRaft, so every
// broker applies them in the same order. `acks` and the assignment strategy belong to the clients (producer and
// consumer config); here the producers and consumers read them from the same record, as if the application's
// config were rolled out at once.

export type Acks = "0" | "1" | "all";
export type GroupProtocol = "eager" | "cooperative";

export interface DynamicSettings {
  /** Producer acks: "0" fire and forget, "1" the leader's append, "all" (= -1) the whole ISR. Default all (Kafka ≥ 3.0). */
  acks: Acks;
  /** min.insync.replicas. Default 1. */
  minInsyncReplicas: number;
  /** unclean.leader.election.enable. Default false. */
  uncleanLeaderElection: boolean;
  /** replica.lag.time.max.ms. Default 30000. */
  replicaLagTimeMaxMs: number;
  /** eager (RangeAssignor) or cooperative (CooperativeStickyAssignor). Default eager: [Range, CooperativeSticky]. */
  groupProtocol: GroupProtocol;
}

export function parseAcks(v: unknown): Acks {
  const s = typeof v === "number" ? String(v) : v;
  if (s === "all" || s === "-1") return "all";
  if (s === "0" || s === "1") return s;
  throw new Error(`acks is 0, 1 or all (-1), got ${JSON.stringify(v)}`);
}

export function parseProtocol(v: unknown): GroupProtocol {
  if (v === "eager" || v === "range" || v === "RangeAssignor") return "eager";
  if (v === "cooperative" || v === "cooperative-sticky" || v === "CooperativeStickyAssignor") return "cooperative";
  throw new Error(`the rebalance protocol is eager (range) or cooperative (cooperative-sticky), got ${JSON.stringify(v)}`);
}

function positiveInt(v: unknown, name: string, lo: number, hi: number): number {
  const n = typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < lo || n > hi) throw new Error(`${name} is a whole number from ${lo} to ${hi}, got ${JSON.stringify(v)}`);
  return n;
}

function bool(v: unknown, name: string): boolean {
  if (v === true || v === "true") return true;
  if (v === false || v === "false") return false;
  throw new Error(`${name} is true or false, got ${JSON.stringify(v)}`);
}

/** set-config's setting names (Kafka's), each with the field it sets and its parser. */
export const SETTINGS: Readonly<Record<string, { field: keyof DynamicSettings; parse: (v: unknown) => DynamicSettings[keyof DynamicSettings] }>> = {
  acks: { field: "acks", parse: parseAcks },
  "min.insync.replicas": { field: "minInsyncReplicas", parse: (v) => positiveInt(v, "min.insync.replicas", 1, 9) },
  "unclean.leader.election.enable": { field: "uncleanLeaderElection", parse: (v) => bool(v, "unclean.leader.election.enable") },
  "replica.lag.time.max.ms": { field: "replicaLagTimeMaxMs", parse: (v) => positiveInt(v, "replica.lag.time.max.ms", 100, 600_000) },
  "partition.assignment.strategy": { field: "groupProtocol", parse: parseProtocol },
  "group.rebalance.protocol": { field: "groupProtocol", parse: parseProtocol },
};

export const SETTING_NAMES: readonly string[] = Object.keys(SETTINGS);

/** Describes the settings in force, for the summary. */
export function describeAcks(acks: Acks): string {
  return acks === "all" ? "all (-1)" : acks;
}
