// Levels as data: the schema and its JSON Schema, the loader, the objective vocabulary, and the Round that plays a
// level (simulation + script + bots + objectives). Rooms, tools and the client import from here.

export { ChaosBot } from "./bots/chaos-bot";
export type { Bot, BotHost, InputSource } from "./bots/bot";
export { ClientBot } from "./bots/client-bot";
export { OperatorBot } from "./bots/operator-bot";
export { classClusterProblems, classClusterSize, classMaxNodes, growCluster, PER_NODE_SETTINGS } from "./class-cluster";
export { describeIssue, formatPath, LevelError, type LevelProblem } from "./errors";
export { levelJsonSchema, levelJsonSchemaText } from "./json-schema";
export { findJsonSyntaxProblem } from "./json-syntax";
export { ACTION_TYPES, isNodeRef, LevelAction, NODE_REF_WORDS, NODE_REFS, type NodeRefName } from "./level-action";
export { type ParseOptions, parseLevel, parseLevelText } from "./load";
export { type ClusterNow, resolveAction, resolveNode } from "./node-ref";
export { freshMemberId, MembershipLog } from "./membership";
export { ObjectiveTracker, type ObjectiveKind, type ObjectiveStatus, type Observation, type Outcome } from "./objectives";
export { applyOverrides, parseOverrideValue, splitPath } from "./overrides";
export { humansFor, type PlayResult, playSteps } from "./play";
export { durationWords, Predicate, type PredicateType, predicateText, WRITE_FUNCTIONS } from "./predicates";
export { RandomFaults, SAFETY_PHASE } from "./random-faults";
export type { ReportInvariant, ReportObjective, ReportTimelineEvent, RunReport } from "./report";
export { CHAOS_MODES, type ChaosMode, EVAL_MS, type Human, Round, type RoundInput, type RoundNote, type RoundOptions } from "./round";
export { clusterNodes, Level, type LevelInput, type PlayerStep, type ScriptStep, workloadKeys } from "./schema";
