// The cluster at a glance, for the screen and for level objectives: the settings in force and the metrics below.

import { quorumSize } from "../../raft";
import type { InvariantView } from "../../sim/types";
import { cockroachNodes, freshestReplicas } from "./cluster-view";
import { committedBalances, totalOf } from "./oracle";

export const COCKROACH_METRICS: Readonly<Record<string, string>> = {
  totalBalance: "the sum of every account's committed balance, as the referee reads the ranges (transfers never change it)",
  wrongTotalReads: "balance reads of every account whose total differed from the opening total (a serializability failure)",
  balanceReads: "balance reads of every account that completed",
  unavailableRanges: "ranges with fewer than a quorum of their replicas on running nodes: they can serve nothing",
  underReplicatedRanges: "ranges with fewer replicas than the survival goal asks for",
  leaseholdersSpread: "leases on the busiest running node minus leases on the idlest one",
  nodesStopped: "nodes that stopped themselves because their clock was too far from the others', and are still down",
  txnRestarts: "transaction restarts on all gateways (uncertainty, RETRY_SERIALIZABLE, aborted by a pusher)",
  ranges: "ranges in the keyspace",
};

export function summarizeCockroach(view: InvariantView): Record<string, string | number | null> {
  const nodes = cockroachNodes(view);
  const ranges = freshestReplicas(view);
  const settings = nodes.map((n) => n.settings).sort((a, b) => b.version - a.version)[0];
  const running = (id: string): boolean => view.isUp(id) && !nodes.find((n) => n.id === id)?.stopped;
  let unavailable = 0;
  let under = 0;
  const want = settings ? (settings.survival === "region" ? Math.max(5, settings.numReplicas) : settings.numReplicas) : 3;
  for (const r of ranges.values()) {
    const voters = r.raft.conf.voters;
    if (voters.filter(running).length < quorumSize(voters.length)) unavailable++;
    if (voters.length < want) under++;
  }
  const leases = nodes.filter((n) => running(n.id)).map((n) => n.leaseCount());
  return {
    leader: null,
    survival: settings?.survival ?? null,
    numReplicas: settings?.numReplicas ?? null,
    leasePreference: settings?.leasePreference || null,
    totalBalance: totalOf(committedBalances(ranges.values())),
    wrongTotalReads: nodes.reduce((n, x) => n + x.stats.wrongTotalReads, 0),
    balanceReads: nodes.reduce((n, x) => n + x.stats.reads, 0),
    unavailableRanges: unavailable,
    underReplicatedRanges: under,
    leaseholdersSpread: leases.length > 0 ? Math.max(...leases) - Math.min(...leases) : 0,
    nodesStopped: nodes.filter((n) => n.stopped !== null && !view.isUp(n.id)).length,
    txnRestarts: nodes.reduce((n, x) => n + x.stats.restarts, 0),
    ranges: ranges.size,
  };
}
