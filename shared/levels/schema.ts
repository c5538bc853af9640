// The shape of a level file (GUIDE §6). One zod schema is the single source: the loader validates with it, the
// JSON Schema that editors use (levels/level.schema.json) is generated from it, and the types below come from it.
// Objects are strict, so a misspelt field is an error rather than a silently ignored setting.

import { z } from "zod";
import { RoleName } from "../protocol/actions";
import { MAX_SPEED, MIN_SPEED } from "../protocol/messages";
import { ActionType, LevelAction, NodeRef } from "./level-action";
import { Predicate } from "./predicates";

const DAY_MS = 24 * 3600 * 1000;
const ms = z.number().int().min(0).max(DAY_MS);
const nodeId = z.string().regex(/^[a-z][a-z0-9-]{0,15}$/, "a node id such as n1");
const key = z.string().min(1).max(64);
const prose = (max: number) => z.string().trim().min(1).max(max);

export const ClusterSpec = z.strictObject({
  nodes: z
    .union([z.array(nodeId).min(1).max(64), z.number().int().min(1).max(64)])
    .describe('Node ids (["n1","n2"]) or a count (5 means n1..n5).'),
  config: z
    .record(z.string(), z.json())
    .default({})
    .describe("System settings, e.g. etcd: heartbeatMs, electionMs, preVote, checkQuorum."),
  classCluster: z
    .strictObject({
      maxNodes: z.number().int().min(2).max(64).describe("The most nodes the cluster grows to: one per student, never fewer than nodes."),
    })
    .optional()
    .describe("Opt-in: a class playing this level as one large cluster gets one node per student (n1..nN; shared/levels/class-cluster.ts)."),
});

export const NetworkSpec = z.strictObject({
  latencyMs: ms.max(60_000).describe("One-way latency between nodes, ms."),
  jitterMs: ms.max(60_000).default(0),
  loss: z.number().min(0).max(1).default(0).describe("Probability that a message is dropped."),
  duplicate: z.number().min(0).max(1).default(0),
  clientLatencyMs: ms.max(60_000).default(1).describe("One-way latency between a client and a node, ms."),
});

export const WorkloadSpecSchema = z.strictObject({
  clients: z.number().int().min(0).max(1000).describe("Bot client processes issuing operations."),
  rate: z.number().gt(0).max(1000).describe("Operations per second per client (simulated time)."),
  keys: z.union([z.array(key).min(1).max(1000), z.number().int().min(1).max(1000)]).describe('Keys (["k1"]) or a count (3 means k1..k3).'),
  mix: z
    .record(z.string().min(1).max(32), z.number().min(0).max(1000))
    .describe('Relative weight of each operation, e.g. { "read": 1, "write": 1, "cas": 0.2 }.'),
  timeoutMs: ms.min(1).describe("A request without an answer by then completes as unknown (info)."),
});

/** A timed chaos action the chaos bot plays when no person holds the chaos role (costs budget like a person's). */
export const PlanStep = z.strictObject({ at: ms, action: LevelAction });

export const ChaosRole = z.strictObject({
  budget: z.number().int().min(0).max(1000).describe("How many chaos actions the chaos role may take."),
  actions: z.array(ActionType).min(1).describe("The action types this level lets the chaos role use."),
  cost: z
    .partialRecord(ActionType, z.number().int().min(0).max(1000))
    .optional()
    .describe("Budget cost per action type; 1 when not listed."),
  plan: z.array(PlanStep).default([]).describe("What the chaos bot does when no person plays chaos."),
});

/** A role that only needs to know which action types the level lets it use. */
export const PlainRole = z.strictObject({ actions: z.array(ActionType).min(1) });

export const RolesSpec = z
  .strictObject({
    chaos: ChaosRole.optional(),
    operator: PlainRole.optional(),
    client: PlainRole.optional(),
    node: PlainRole.optional(),
  })
  .describe("The roles players may take in this level (host and spectator always exist).");

/** A timed input from the level itself: free, and not limited by any role's budget. */
export const ScriptStep = z.strictObject({
  at: ms,
  action: LevelAction,
  as: RoleName.optional().describe("Whose act this is told as in the event log; also binds node actions."),
  node: NodeRef.optional().describe("For node actions (timeout, crash-self, restart-self): which node."),
});

/** A timed input by a player, used by `solution` and `naive`. */
export const PlayerStep = z.strictObject({
  at: ms,
  role: RoleName,
  action: LevelAction,
  node: NodeRef.optional().describe("For a node player: the node they play."),
});

/**
 * The level format this game reads. A file says which format it is written in; one without `format` predates the
 * field and is format 1. A newer format than this is refused with a reason (parseLevel) instead of half-understood.
 */
export const LEVEL_FORMAT = 1;

export const Level = z.strictObject({
  $schema: z.string().optional(),
  format: z
    .number()
    .int()
    .min(1)
    .max(LEVEL_FORMAT)
    .default(1)
    .describe(`The level format this file is written in: ${LEVEL_FORMAT} is the newest this game reads.`),
  id: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, "an id such as etcd/leader-election (<system>/<slug>)"),
  title: prose(80),
  system: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, "a system name such as etcd"),
  concept: prose(80),
  difficulty: z.number().int().min(1).max(5),
  briefing: prose(4000),
  cluster: ClusterSpec,
  network: NetworkSpec,
  workload: WorkloadSpecSchema,
  roles: RolesSpec,
  speed: z.number().min(MIN_SPEED).max(MAX_SPEED).describe("Simulated ms per real ms in a room (0.25: four times slower)."),
  script: z.array(ScriptStep).default([]),
  objectives: z.array(Predicate).min(1).describe("Goals: the round is won when all are met."),
  lose: z.array(Predicate).default([]).describe("Losing conditions: the round is lost when any is met."),
  timeLimitMs: ms.min(1000),
  hints: z.array(prose(500)).default([]),
  debrief: prose(8000),
  solution: z.array(PlayerStep).min(1).describe("Inputs that must win (checked by the test suite)."),
  naive: z.array(PlayerStep).describe("Inputs that must lose (checked by the test suite)."),
});

export type Level = z.output<typeof Level>;
export type LevelInput = z.input<typeof Level>;
export type ScriptStep = z.output<typeof ScriptStep>;
export type PlayerStep = z.output<typeof PlayerStep>;
export type PlanStep = z.output<typeof PlanStep>;
export type ChaosRole = z.output<typeof ChaosRole>;
export type RolesSpec = z.output<typeof RolesSpec>;

/** Node ids of the cluster: the list as written, or n1..nN for a count. */
export function clusterNodes(level: Pick<Level, "cluster">): string[] {
  const nodes = level.cluster.nodes;
  return typeof nodes === "number" ? Array.from({ length: nodes }, (_, i) => `n${i + 1}`) : [...nodes];
}

/** Keys of the workload: the list as written, or k1..kN for a count. */
export function workloadKeys(level: Pick<Level, "workload">): string[] {
  const keys = level.workload.keys;
  return typeof keys === "number" ? Array.from({ length: keys }, (_, i) => `k${i + 1}`) : [...keys];
}
