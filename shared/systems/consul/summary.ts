// The cluster at a glance, for the screen and for level objectives: the leader, the settings in force, and the
// metrics of failure detection (how fast a crash is found, how often a live node is accused) and of service
// discovery (what DNS can still serve).

import type { InvariantView } from "../../sim/types";
import { instances, serviceNames } from "./catalog";
import { authoritativeCatalog, consulNodes, leaderNode } from "./cluster-view";
import { servedByDns } from "./health";
import { observeTruth } from "./truth";

export const CONSUL_METRICS: Readonly<Record<string, string>> = {
  falseSuspicions: "times a running node was suspected of having failed (each node and incarnation counted once)",
  falseDeaths: "times a running node was declared failed by gossip (each node and incarnation counted once)",
  detectionMs: "ms from the last crash until the first agent declared the crashed node failed (none until then)",
  membersDisagreeing: "running agents whose member list is wrong about someone (calls a running node failed, or a crashed one alive)",
  servicesDiscoverable: "registered services for which DNS would answer with at least one instance",
  healthyInstances: "service instances DNS would serve (no critical check)",
  staleInstances: "instances DNS would still serve although their node is down (the failure is not yet detected)",
  criticalInstances: "service instances with a critical check (their own, or their node's serfHealth)",
  kvKeys: "keys in the KV store (the leader's copy)",
  maxAwareness: "the highest Lifeguard local health score among running agents (0 healthy, up to 7)",
};

export function summarizeConsul(view: InvariantView): Record<string, string | number | null> {
  const truth = observeTruth(view);
  const nodes = consulNodes(view);
  const lead = leaderNode(view);
  const catalog = authoritativeCatalog(view);
  const up = nodes.filter((n) => view.isUp(n.id));
  const s = up[0]?.settings ?? nodes[0]?.settings;
  let disagreeing = 0;
  let maxAwareness = 0;
  for (const n of up) {
    maxAwareness = Math.max(maxAwareness, n.ml.awareness.score);
    for (const other of nodes) {
      if (other.id === n.id) continue;
      const m = n.ml.members.get(other.id);
      const believedUp = m !== undefined && (m.state === "alive" || m.state === "suspect");
      if (believedUp !== view.isUp(other.id)) {
        disagreeing++;
        break;
      }
    }
  }
  let healthy = 0;
  let stale = 0;
  let critical = 0;
  let discoverable = 0;
  if (catalog) {
    const onlyPassing = s?.dnsOnlyPassing ?? false;
    for (const name of serviceNames(catalog)) {
      const served = instances(catalog, name).filter((i) => servedByDns(i.status, onlyPassing));
      if (served.length > 0) discoverable++;
      healthy += served.length;
      stale += served.filter((i) => !view.isUp(i.node)).length;
    }
    critical = instances(catalog).filter((i) => i.status === "critical").length;
  }
  return {
    leader: lead?.id ?? null,
    term: lead?.server?.raft.term ?? null,
    gossip: s
      ? `probe ${s.probeIntervalMs} ms (timeout ${s.probeTimeoutMs} ms, ${s.indirectChecks} indirect), suspicion x${s.suspicionMult} (max x${s.suspicionMaxTimeoutMult}), gossip ${s.gossipNodes} every ${s.gossipIntervalMs} ms, retransmit x${s.retransmitMult}, Lifeguard ${s.lifeguard ? "on" : "off"}`
      : null,
    consistencyMode: s?.consistencyMode ?? null,
    checkInterval: s ? `${s.checkIntervalMs} ms` : null,
    kvKeys: catalog ? Object.keys(catalog.kv).length : null,
    falseSuspicions: truth.falseSuspicions.size,
    falseDeaths: truth.falseDeaths.size,
    detectionMs: truth.detectionMs,
    membersDisagreeing: disagreeing,
    servicesDiscoverable: discoverable,
    healthyInstances: healthy,
    staleInstances: stale,
    criticalInstances: critical,
    maxAwareness,
  };
}
