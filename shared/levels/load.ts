// Turns the JSON of a level file into a Level, or throws a LevelError listing every problem with the file name,
// the path inside the file and what was expected. Shape comes from the zod schema; the checks below are the ones a
// schema cannot express (a node named in the script exists, an action fits the role that takes it, ...).

import type { RoleName } from "../protocol/actions";
import { ACTION_ROLES, mayAct } from "../protocol/roles";
import type { SystemDefinition } from "../sim/types";
import { findSystem, systemNames } from "../systems/registry";
import { classClusterProblems } from "./class-cluster";
import { describeIssue, formatPath, LevelError, type LevelProblem } from "./errors";
import { findJsonSyntaxProblem } from "./json-syntax";
import { isNodeRef, type LevelAction, NODE_FIELDS } from "./level-action";
import { clusterNodes, Level, LEVEL_FORMAT, type PlayerStep, workloadKeys } from "./schema";

export interface ParseOptions {
  /** Looks up the level's system; defaults to the registry (tests pass their own). */
  findSystem?: (name: string) => SystemDefinition | undefined;
}

/** Validates already-parsed JSON. `fileName` is only used in messages. */
export function parseLevel(json: unknown, fileName: string, options: ParseOptions = {}): Level {
  const newer = newerFormat(json);
  if (newer !== undefined) {
    // Checked first: a newer format's other fields would only produce a list of confusing errors.
    throw new LevelError(fileName, [
      { path: "format", message: `this level is written in format ${newer}, newer than this game reads (format ${LEVEL_FORMAT}): update Split Brain to play it` },
    ]);
  }
  const result = Level.safeParse(json, { reportInput: true });
  if (!result.success) throw new LevelError(fileName, result.error.issues.flatMap(describeIssue));
  const problems = semanticProblems(result.data, options.findSystem ?? findSystem);
  if (problems.length > 0) throw new LevelError(fileName, problems);
  return result.data;
}

/** Parses the text of a level file; a JSON syntax error is reported with its line and column. */
export function parseLevelText(text: string, fileName: string, options: ParseOptions = {}): Level {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const problem = findJsonSyntaxProblem(text);
    const where = problem ? `${problem.message} (line ${problem.line}, column ${problem.column})` : (error as Error).message;
    throw new LevelError(fileName, [{ path: "", message: `not valid JSON: ${where}` }]);
  }
  return parseLevel(json, fileName, options);
}

/** The file's format when it is a whole number above the one this game reads; otherwise the schema judges it. */
function newerFormat(json: unknown): number | undefined {
  if (json === null || typeof json !== "object" || !("format" in json)) return undefined;
  const format = (json as { format: unknown }).format;
  return typeof format === "number" && Number.isInteger(format) && format > LEVEL_FORMAT ? format : undefined;
}

type Problems = LevelProblem[];

function semanticProblems(level: Level, lookup: (name: string) => SystemDefinition | undefined): Problems {
  const problems: Problems = [];
  const add = (path: readonly PropertyKey[], message: string) => problems.push({ path: formatPath(path), message });
  const system = lookup(level.system);
  if (!system) add(["system"], `no system called ${JSON.stringify(level.system)}; the registered systems are ${systemNames.join(", ")}`);
  if (!level.id.startsWith(`${level.system}/`)) add(["id"], `expected an id starting with "${level.system}/" (the level's system)`);

  const nodes = clusterNodes(level);
  for (const n of duplicates(nodes)) add(["cluster", "nodes"], `node ${JSON.stringify(n)} is listed twice`);
  for (const k of duplicates(workloadKeys(level))) add(["workload", "keys"], `key ${JSON.stringify(k)} is listed twice`);
  if (level.workload.clients > 0 && !Object.values(level.workload.mix).some((w) => w > 0)) {
    add(["workload", "mix"], "expected at least one operation with a weight above 0");
  }

  if (system) checkConfig(level, system, nodes, add);
  for (const p of classClusterProblems(level, system)) add(p.path, p.message);
  checkRoles(level, add);
  checkPredicates(level, system, add);
  const known = new Set([...nodes, ...addedNodes(level)]);
  level.script.forEach((step, i) => {
    checkTime(level, ["script", i, "at"], step.at, add);
    checkAction(step.action, ["script", i, "action"], known, add);
    checkBinding(step.action, step.as ?? null, step.node, ["script", i], known, add);
  });
  level.roles.chaos?.plan.forEach((step, i) => {
    const path = ["roles", "chaos", "plan", i];
    checkTime(level, [...path, "at"], step.at, add);
    checkAction(step.action, [...path, "action"], known, add);
    checkRoleMay(level, "chaos", step.action.type, [...path, "action", "type"], add);
  });
  for (const list of ["solution", "naive"] as const) {
    for (const [i, step] of level[list].entries()) checkPlayerStep(level, step, [list, i], known, add);
  }
  return problems;
}

type Add = (path: readonly PropertyKey[], message: string) => void;

function duplicates(values: readonly string[]): string[] {
  return values.filter((v, i) => values.indexOf(v) !== i);
}

function addedNodes(level: Level): string[] {
  const steps = [...level.script, ...(level.roles.chaos?.plan ?? []), ...level.solution, ...level.naive];
  return steps.flatMap((s) => (s.action.type === "add-member" ? [s.action.node] : []));
}

const ROLE_WORDS: Record<string, string> = { chaos: "the chaos agent", operator: "the operator", client: "a client", node: "a node player" };

function checkRoles(level: Level, add: Add): void {
  for (const [role, spec] of Object.entries(level.roles)) {
    if (!spec) continue;
    spec.actions.forEach((type, i) => {
      if (!mayAct(role as RoleName, type)) {
        const who = ACTION_ROLES[type].map((r) => ROLE_WORDS[r] ?? r).join(" or ");
        add(["roles", role, "actions", i], `${ROLE_WORDS[role]} may never "${type}" (only ${who} can)`);
      }
    });
  }
  const cost = level.roles.chaos?.cost ?? {};
  for (const type of Object.keys(cost)) {
    if (!level.roles.chaos?.actions.includes(type as never)) {
      add(["roles", "chaos", "cost", type], `a cost for "${type}", which is not among roles.chaos.actions`);
    }
  }
}

/** A system validates its own settings when it creates a node; asking it here reports them against the file. */
function checkConfig(level: Level, system: SystemDefinition, nodes: readonly string[], add: Add): void {
  try {
    system.createNode(nodes[0], level.cluster.config as Record<string, unknown>, undefined, nodes);
  } catch (error) {
    add(["cluster", "config"], error instanceof Error ? error.message : String(error));
  }
}

function checkPredicates(level: Level, system: SystemDefinition | undefined, add: Add): void {
  const ids = new Map<string, string>();
  const invariantNames = system ? system.invariants().map((inv) => inv.name) : null;
  for (const list of ["objectives", "lose"] as const) {
    level[list].forEach((p, i) => {
      const seen = ids.get(p.id);
      if (seen) add([list, i, "id"], `id ${JSON.stringify(p.id)} is already used by ${seen}`);
      else ids.set(p.id, formatPath([list, i]));
      if (list === "lose" && p.type === "survive") add([list, i, "type"], `"survive" is a goal; it cannot be a losing condition`);
      const awaited = "afterGoal" in p ? p.afterGoal : undefined;
      if (awaited !== undefined) {
        const earlier = level.objectives.slice(0, list === "objectives" ? i : undefined).map((o) => o.id);
        if (!earlier.includes(awaited)) {
          add(
            [list, i, "afterGoal"],
            `expected the id of a goal listed ${list === "objectives" ? "before this one" : "in objectives"}${earlier.length > 0 ? ` (${earlier.join(", ")})` : ""}, got ${JSON.stringify(awaited)}`,
          );
        }
      }
      if ("after" in p && p.after !== undefined && p.after >= level.timeLimitMs) {
        add([list, i, "after"], `expected a time before the time limit (${level.timeLimitMs} ms), got ${p.after}`);
      }
      if (p.type === "metric" && system) {
        const metrics = Object.keys(system.metrics ?? {});
        if (!metrics.includes(p.name)) {
          add([list, i, "name"], `${level.system} has no metric ${JSON.stringify(p.name)}; ${metrics.length > 0 ? `it has ${metrics.join(", ")}` : "it reports none"}`);
        }
      }
      if (p.type === "invariant-violated" && p.name && invariantNames && !invariantNames.includes(p.name)) {
        add([list, i, "name"], `${level.system} has no invariant ${JSON.stringify(p.name)}; it has ${invariantNames.join(", ")}`);
      }
    });
  }
}

function checkTime(level: Level, path: readonly PropertyKey[], at: number, add: Add): void {
  if (at > level.timeLimitMs) add(path, `expected a time within the time limit (${level.timeLimitMs} ms), got ${at}`);
}

function checkAction(action: LevelAction, path: readonly PropertyKey[], known: ReadonlySet<string>, add: Add): void {
  const fields = action as Record<string, unknown>;
  for (const field of NODE_FIELDS) {
    const value = fields[field];
    if (typeof value !== "string") continue;
    if (action.type === "add-member") {
      if (isNodeRef(value)) add([...path, field], `a new member needs a node id, not ${JSON.stringify(value)}`);
      continue;
    }
    if (!isNodeRef(value) && !known.has(value)) {
      add([...path, field], `no node ${JSON.stringify(value)} in this level; it has ${[...known].join(", ")}`);
    }
  }
  if ((action.type === "cut" || action.type === "latency" || action.type === "loss") && action.from === action.to && !isNodeRef(action.from)) {
    add([...path, "to"], `expected a node other than "from" (${action.from})`);
  }
}

const SELF_ACTIONS = new Set(["timeout", "crash-self", "restart-self"]);

/** Node actions need to know which node they act on; no other action may name one. */
function checkBinding(
  action: LevelAction,
  role: RoleName | null,
  node: string | undefined,
  path: readonly PropertyKey[],
  known: ReadonlySet<string>,
  add: Add,
): void {
  const needsNode = SELF_ACTIONS.has(action.type) || role === "node";
  if (needsNode && node === undefined) add([...path, "node"], `missing: "${action.type}" acts on a node's own behalf, so say which node`);
  if (!needsNode && node !== undefined) add([...path, "node"], `only node actions (timeout, crash-self, restart-self) name a node here`);
  if (node !== undefined && !isNodeRef(node) && !known.has(node)) add([...path, "node"], `no node ${JSON.stringify(node)} in this level`);
}

function checkRoleMay(level: Level, role: RoleName, type: string, path: readonly PropertyKey[], add: Add): void {
  const spec = role === "host" || role === "spectator" ? undefined : level.roles[role];
  if (!spec) {
    add(path, `this level has no ${role} role (roles.${role} is not set)`);
    return;
  }
  if (!spec.actions.includes(type as never)) {
    add(path, `roles.${role}.actions does not allow "${type}"; it allows ${spec.actions.map((a) => `"${a}"`).join(", ")}`);
  }
}

function checkPlayerStep(level: Level, step: PlayerStep, path: readonly PropertyKey[], known: ReadonlySet<string>, add: Add): void {
  checkTime(level, [...path, "at"], step.at, add);
  checkAction(step.action, [...path, "action"], known, add);
  if (!mayAct(step.role, step.action.type)) {
    const who = ACTION_ROLES[step.action.type].map((r) => ROLE_WORDS[r] ?? r).join(" or ");
    add([...path, "role"], `${ROLE_WORDS[step.role] ?? step.role} cannot "${step.action.type}" (only ${who} can)`);
    return;
  }
  checkRoleMay(level, step.role, step.action.type, [...path, "action", "type"], add);
  checkBinding(step.action, step.role, step.node, path, known, add);
}
