// One large cluster for a whole class (docs/classroom.md): a level may opt in with `cluster.classCluster`, and then a
// class playing it as one cluster gets one node per student, n1..nN, never fewer than the level's own nodes and never
// more than the author's maximum. The added nodes only append ids, so everything the level names by id (objectives,
// the script, the chaos plan, the solution) still means the same nodes. The checks below refuse the opt-in where
// growing cannot keep that promise: explicit node lists, per-node placement settings, partitions listed node by node.

import type { SystemDefinition } from "../sim/types";
import type { Level } from "./schema";

/**
 * System settings that place nodes one by one: a node added for a student would have no place in them, or would
 * silently change the lesson (racks and datacenters, regions and zones, which node is a master or whose replica).
 */
export const PER_NODE_SETTINGS: Readonly<Record<string, readonly string[]>> = {
  cassandra: ["topology"],
  cockroach: ["topology"],
  "redis-cluster": ["masters", "replicas"],
};

/** The largest cluster this level lets a class grow to, or undefined when it keeps its size. */
export function classMaxNodes(level: Pick<Level, "cluster">): number | undefined {
  return level.cluster.classCluster?.maxNodes;
}

/** The level's own node count. */
function baseNodes(level: Pick<Level, "cluster">): number {
  const nodes = level.cluster.nodes;
  return typeof nodes === "number" ? nodes : nodes.length;
}

/**
 * How many nodes a whole-class cluster of this level has for `people` who want a node: one each, at least the
 * level's own count, at most its maximum. A level without the opt-in keeps its size whatever the class.
 */
export function classClusterSize(level: Pick<Level, "cluster">, people: number): number {
  const base = baseNodes(level);
  const max = classMaxNodes(level);
  if (max === undefined) return base;
  return Math.min(max, Math.max(base, Math.floor(people)));
}

/**
 * The level with `nodes` nodes, for a class's one large cluster. Throws a plain-words error when the level does not
 * opt in or the count is outside what it allows: the count arrives from another room and is checked, not trusted.
 */
export function growCluster(level: Level, nodes: number): Level {
  const base = baseNodes(level);
  if (nodes === base) return level;
  const max = classMaxNodes(level);
  if (max === undefined) throw new Error(`the level ${level.id} keeps its ${base} nodes (it has no cluster.classCluster)`);
  if (!Number.isInteger(nodes) || nodes < base || nodes > max) {
    throw new Error(`the level ${level.id} grows from ${base} to at most ${max} nodes, not ${nodes}`);
  }
  return { ...level, cluster: { ...level.cluster, nodes } };
}

export interface ClassClusterProblem {
  path: PropertyKey[];
  message: string;
}

/** Why this level's opt-in cannot work; empty when it can (or when it does not opt in). */
export function classClusterProblems(level: Level, system: SystemDefinition | undefined): ClassClusterProblem[] {
  const max = classMaxNodes(level);
  if (max === undefined) return [];
  const problems: ClassClusterProblem[] = [];
  const at = ["cluster", "classCluster"];
  if (Array.isArray(level.cluster.nodes)) {
    problems.push({ path: ["cluster", "nodes"], message: "a class cluster grows n1..nN: give the node count (such as 5), not a list of ids, or drop cluster.classCluster" });
    return problems;
  }
  const base = level.cluster.nodes;
  if (max < base) problems.push({ path: [...at, "maxNodes"], message: `expected at least the level's own ${base} nodes, got ${max}` });
  const config = level.cluster.config as Record<string, unknown>;
  for (const setting of PER_NODE_SETTINGS[level.system] ?? []) {
    if (!isEmpty(config[setting])) {
      problems.push({
        path: ["cluster", "config", setting],
        message: `${level.system} setting ${setting} places nodes one by one, so the nodes a class cluster adds would have no place: drop it or drop cluster.classCluster`,
      });
    }
  }
  const steps = [
    ...level.script.map((s, i) => ({ s, path: ["script", i, "action", "groups"] })),
    ...(level.roles.chaos?.plan ?? []).map((s, i) => ({ s, path: ["roles", "chaos", "plan", i, "action", "groups"] })),
    ...level.solution.map((s, i) => ({ s, path: ["solution", i, "action", "groups"] })),
    ...level.naive.map((s, i) => ({ s, path: ["naive", i, "action", "groups"] })),
  ];
  for (const { s, path } of steps) {
    if (s.action.type === "partition") {
      problems.push({ path, message: "a partition lists its sides node by node, so in a class cluster the added nodes would make a side of their own: drop cluster.classCluster" });
    }
  }
  // Settings that depend on the node count (servers, erasure sets, replication) must hold at every size.
  if (system && max >= base) {
    for (let n = base + 1; n <= max; n++) {
      const nodes = Array.from({ length: n }, (_, i) => `n${i + 1}`);
      try {
        system.createNode(nodes[0], config, undefined, nodes);
      } catch (error) {
        problems.push({ path: ["cluster", "config"], message: `with ${n} nodes (a class cluster): ${error instanceof Error ? error.message : String(error)}` });
        break;
      }
    }
  }
  return problems;
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.keys(value).length === 0;
  return false;
}
