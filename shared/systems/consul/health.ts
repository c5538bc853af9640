// Health check states and how Consul combines them (FACTS §5.4): passing, warning, critical; an instance is as
// healthy as its worst check, and the node's serfHealth check (critical once gossip declares the agent failed)
// counts for every service on that node. DNS leaves out instances with any critical check and keeps warning ones
// unless dns_config.only_passing is set.

export type CheckStatus = "passing" | "warning" | "critical";

const RANK: Readonly<Record<CheckStatus, number>> = { passing: 0, warning: 1, critical: 2 };

export function isCheckStatus(v: unknown): v is CheckStatus {
  return v === "passing" || v === "warning" || v === "critical";
}

/** The worst of the statuses (passing when there are none). */
export function worst(...statuses: readonly CheckStatus[]): CheckStatus {
  let w: CheckStatus = "passing";
  for (const s of statuses) if (RANK[s] > RANK[w]) w = s;
  return w;
}

/** Whether DNS answers with an instance in this state. */
export function servedByDns(status: CheckStatus, onlyPassing: boolean): boolean {
  return onlyPassing ? status === "passing" : status !== "critical";
}
