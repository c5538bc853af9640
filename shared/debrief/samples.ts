// The cluster at one moment, as the debrief's scrubber shows it: each member up or down with its role and term,
// the leader, and the links that are cut. Taken on a fixed grid while a round is replayed, so scrubbing never
// replays anything.

import type { Round } from "../levels/round";

/** The scrubber's resolution: the cluster is sampled this often, in simulated ms. */
export const SAMPLE_MS = 100;

export interface NodeSample {
  id: string;
  up: boolean;
  /** The system's short role label ("leader", "follower", "candidate", ...); "" for a node that is down. */
  role: string;
  /** The node's term where the system has terms. */
  term?: number;
}

export interface ClusterSample {
  t: number;
  nodes: NodeSample[];
  leader: string | null;
  /** The cluster's term (the leader's, or the highest a running member has seen); undefined without terms. */
  term?: number;
  /** Directed cuts "n1>n2" (a symmetric cut is two entries). */
  cuts: string[];
}

export function sampleCluster(round: Round): ClusterSample {
  const sim = round.sim;
  const nodes = round.cluster().nodes.map((id): NodeSample => {
    const up = sim.isUp(id);
    if (!up) return { id, up, role: "" };
    const seen = sim.inspect(id);
    const term = seen.stats.term;
    return term === undefined ? { id, up, role: seen.role } : { id, up, role: seen.role, term };
  });
  const summary = sim.summarize();
  const sample: ClusterSample = {
    t: round.now,
    nodes,
    leader: round.leader(),
    cuts: sim.networkState().cuts.map((c) => `${c.from}>${c.to}`),
  };
  if (typeof summary.term === "number") sample.term = summary.term;
  return sample;
}

/** The last sample at or before `t` (the first one for earlier times). */
export function sampleAt(samples: readonly ClusterSample[], t: number): ClusterSample {
  let lo = 0;
  let hi = samples.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (samples[mid].t <= t) lo = mid;
    else hi = mid - 1;
  }
  return samples[lo];
}
