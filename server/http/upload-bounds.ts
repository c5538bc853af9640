// Limits on a level uploaded by an author, on top of the level schema. The schema says what a level *is*; these
// say what this server agrees to keep and run for anyone who asks. A shipped level is reviewed before it ships; an
// uploaded one is not, and every room made from it, and the proof run on upload, spends this server's two cores and
// memory. Each bound is several times what the shipped levels use (largest: 9 nodes, 12 script steps, 10 solution
// steps, 75 s, 5 clients x 8 op/s), so honest authors never meet one.

import { formatPath, type LevelProblem } from "../../shared/levels/errors";
import { clusterNodes, type Level } from "../../shared/levels/schema";

export const UPLOAD_BOUNDS = {
  /** Bytes of JSON in one upload. A level is text; the largest shipped one is under 7 KiB. */
  maxBodyBytes: 64 * 1024,
  /**
   * Nodes in the cluster, and the most a class cluster grows to. Messages per simulated second grow with the square
   * of the node count in gossip and heartbeat protocols, and the screen stops being readable long before 32.
   */
  maxNodes: 32,
  /**
   * Timed steps in each list (script, chaos plan, solution, naive). Each is an input the simulation replays in every
   * room and in every proof; 200 is a busy 30-minute level.
   */
  maxStepsPerList: 200,
  /** Goals plus losing conditions: each is evaluated on every simulation tick. */
  maxPredicates: 40,
  /** The time limit: a room holds its simulation (and its input log) for this long. A class period is shorter. */
  maxTimeLimitMs: 30 * 60 * 1000,
  /** Bot client processes. Each keeps requests in flight and a history that the consistency checker reads. */
  maxClients: 20,
  /**
   * Client operations per simulated second, all clients together (clients x rate). Operations dominate a round's
   * events and history; 100 op/s is twice the busiest shipped level's and keeps a 30-minute proof within seconds.
   */
  maxOpsPerSecond: 100,
  /**
   * Levels the server keeps in all. The upload rate bounds one address, not all of them together: this bounds the
   * database (10,000 levels of at most 64 KiB is under 700 MB; real ones are about 5 KiB).
   */
  maxSavedLevels: 10_000,
} as const;

/** Everything in `level` over a bound, each with its JSON path; [] when it fits. */
export function boundsProblems(level: Level): LevelProblem[] {
  const b = UPLOAD_BOUNDS;
  const problems: LevelProblem[] = [];
  const over = (path: readonly PropertyKey[], message: string) => problems.push({ path: formatPath(path), message });

  const nodes = clusterNodes(level).length;
  if (nodes > b.maxNodes) over(["cluster", "nodes"], `expected at most ${b.maxNodes} nodes in an uploaded level, got ${nodes}`);
  const grows = level.cluster.classCluster?.maxNodes;
  if (grows !== undefined && grows > b.maxNodes) {
    over(["cluster", "classCluster", "maxNodes"], `expected at most ${b.maxNodes} nodes in an uploaded level, got ${grows}`);
  }

  const lists: [readonly PropertyKey[], number][] = [
    [["script"], level.script.length],
    [["roles", "chaos", "plan"], level.roles.chaos?.plan.length ?? 0],
    [["solution"], level.solution.length],
    [["naive"], level.naive.length],
  ];
  for (const [path, length] of lists) {
    if (length > b.maxStepsPerList) over(path, `expected at most ${b.maxStepsPerList} steps in an uploaded level, got ${length}`);
  }
  const predicates = level.objectives.length + level.lose.length;
  if (predicates > b.maxPredicates) {
    over(["objectives"], `expected at most ${b.maxPredicates} goals and losing conditions together in an uploaded level, got ${predicates}`);
  }

  if (level.timeLimitMs > b.maxTimeLimitMs) {
    over(["timeLimitMs"], `expected at most ${b.maxTimeLimitMs} ms (30 minutes) in an uploaded level, got ${level.timeLimitMs}`);
  }
  const { clients, rate } = level.workload;
  if (clients > b.maxClients) over(["workload", "clients"], `expected at most ${b.maxClients} clients in an uploaded level, got ${clients}`);
  else if (clients * rate > b.maxOpsPerSecond) {
    over(["workload", "rate"], `expected clients x rate of at most ${b.maxOpsPerSecond} operations a second in an uploaded level, got ${clients} x ${rate} = ${clients * rate}`);
  }
  return problems;
}
