// The allocator (pkg/kv/kvserver/allocator): what a range's leaseholder should change about its replicas, one step
// at a time: replace replicas on dead stores, add or remove voters to reach the target count, satisfy the survival
// goal's placement, then even out replica counts across stores; and where the lease should be. Pure: it decides
// from a picture of the stores, so tests can check placements directly.
//
// Survival goals (FACTS §6.2): ZONE keeps num_replicas (3) voters, spread over zones, in the primary region when the
// cluster has several regions; REGION keeps 5 voters with at most 2 in any region (2 in the primary), so losing a
// whole region leaves 3 of 5, a quorum. Candidates are ranked by locality diversity, then by replica count
// (CockroachDB ranks by diversity and balance too, drawing 2 random candidates for rebalances; here the ranking is
// exhaustive and deterministic). Rebalancing moves a replica off a store more than max(5% of the mean, 2) above it.

import type { NodeId } from "../../sim/types";
import type { Locality } from "./config";
import type { ClusterSettings } from "./settings";

export interface StoreInfo {
  node: NodeId;
  locality: Locality;
  /** Heard from recently: a candidate for new replicas and leases. */
  live: boolean;
  /** Not heard from for server.time_until_store_dead: its replicas are replaced. */
  dead: boolean;
  replicas: number;
  leases: number;
}

export type AllocatorStep = { kind: "add"; node: NodeId; why: string } | { kind: "remove"; node: NodeId; why: string } | { kind: "transfer-lease"; to: NodeId; why: string };

export interface Goal {
  voters: number;
  survival: "zone" | "region";
  primaryRegion: string;
  multiRegion: boolean;
  leasePreference: string;
}

export function goalOf(s: ClusterSettings, primaryRegion: string, regions: number): Goal {
  return { voters: s.survival === "region" ? Math.max(5, s.numReplicas) : s.numReplicas, survival: s.survival, primaryRegion, multiRegion: regions > 1, leasePreference: s.leasePreference };
}

/** Most voters one region may hold: region survival keeps a region's loss from taking a quorum. */
function regionCap(goal: Goal): number {
  return goal.survival === "region" ? Math.floor((goal.voters - 1) / 2) : goal.voters;
}

/** Whether `store` may hold one more voter of a range whose voters are `others`. */
function allowed(goal: Goal, store: StoreInfo, others: readonly StoreInfo[]): boolean {
  if (goal.survival === "zone" && goal.multiRegion && store.locality.region !== goal.primaryRegion) return false;
  const sameRegion = others.filter((o) => o.locality.region === store.locality.region).length;
  return sameRegion < regionCap(goal);
}

function misplaced(goal: Goal, store: StoreInfo, others: readonly StoreInfo[]): boolean {
  return !allowed(goal, store, others.filter((o) => o.node !== store.node));
}

/** Lower is better: how crowded the store's region and zone are among `others`, then its replica count. */
function crowding(store: StoreInfo, others: readonly StoreInfo[]): [number, number, number] {
  const region = others.filter((o) => o.node !== store.node && o.locality.region === store.locality.region).length;
  const zone = others.filter((o) => o.node !== store.node && o.locality.region === store.locality.region && o.locality.zone === store.locality.zone).length;
  return [region, zone, store.replicas];
}

function lexLess(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

/** The best store to add a voter on, or undefined. */
export function bestTarget(goal: Goal, stores: readonly StoreInfo[], current: readonly StoreInfo[], exclude: readonly NodeId[]): StoreInfo | undefined {
  let best: StoreInfo | undefined;
  let bestScore: number[] = [];
  for (const s of stores) {
    if (!s.live || s.dead || exclude.includes(s.node) || current.some((c) => c.node === s.node)) continue;
    if (!allowed(goal, s, current)) continue;
    const score = crowding(s, current);
    if (!best || lexLess(score, bestScore) || (score.join() === bestScore.join() && s.node < best.node)) {
      best = s;
      bestScore = score;
    }
  }
  return best;
}

/** The voter to remove when there are too many: dead first, then misplaced, then the most crowded; never the leaseholder. */
function worstReplica(goal: Goal, current: readonly StoreInfo[], leaseholder: NodeId): StoreInfo | undefined {
  let worst: StoreInfo | undefined;
  let worstScore: number[] = [];
  for (const s of current) {
    if (s.node === leaseholder) continue;
    const score = [s.dead ? 1 : 0, s.live ? 0 : 1, misplaced(goal, s, current) ? 1 : 0, ...crowding(s, current)];
    if (!worst || lexLess(worstScore, score) || (score.join() === worstScore.join() && s.node > worst.node)) {
      worst = s;
      worstScore = score;
    }
  }
  return worst;
}

/** The next change for one range, or undefined when it is where it should be. */
export function planRange(goal: Goal, stores: readonly StoreInfo[], replicas: readonly NodeId[], leaseholder: NodeId, forbidden: readonly NodeId[]): AllocatorStep | undefined {
  const info = (n: NodeId): StoreInfo => stores.find((s) => s.node === n) ?? { node: n, locality: { region: "?", zone: "?" }, live: false, dead: false, replicas: 0, leases: 0 };
  const current = replicas.map(info);
  const dead = current.filter((s) => s.dead);
  const healthy = current.length - dead.length;
  if (healthy < goal.voters) {
    const t = bestTarget(goal, stores, current, forbidden);
    if (t) return { kind: "add", node: t.node, why: dead.length > 0 ? `replace the replica on dead ${dead[0].node}` : `up-replicate to ${goal.voters}` };
  }
  if (current.length > goal.voters || (dead.length > 0 && healthy >= goal.voters)) {
    const w = worstReplica(goal, current, leaseholder);
    if (w) return { kind: "remove", node: w.node, why: w.dead ? `${w.node} is dead` : `down-replicate to ${goal.voters}` };
  }
  // Survival goal: a misplaced voter is replaced by a better-placed one (added first, removed next round).
  const wrong = current.find((s) => misplaced(goal, s, current));
  if (wrong && current.length === goal.voters) {
    const rest = current.filter((s) => s.node !== wrong.node);
    const t = bestTarget(goal, stores, rest, [...forbidden, ...replicas]);
    if (t) return { kind: "add", node: t.node, why: `${wrong.node} breaks the ${goal.survival} survival placement` };
  }
  // Range-count rebalancing.
  const live = stores.filter((s) => s.live && !s.dead);
  if (live.length > 0 && current.length === goal.voters) {
    const mean = live.reduce((n, s) => n + s.replicas, 0) / live.length;
    const threshold = Math.max(mean * 0.05, 2);
    const over = current.filter((s) => s.node !== leaseholder && s.replicas > mean + threshold).sort((a, b) => b.replicas - a.replicas)[0];
    if (over) {
      const rest = current.filter((s) => s.node !== over.node);
      const t = bestTarget(goal, stores, rest, [...forbidden, ...replicas]);
      if (t && t.replicas < mean - threshold + 1 && !lexLess(crowding(over, rest).slice(0, 2), crowding(t, rest).slice(0, 2))) {
        return { kind: "add", node: t.node, why: `rebalance: ${over.node} holds ${over.replicas} replicas, the mean is ${mean.toFixed(1)}` };
      }
    }
  }
  return planLease(goal, current, leaseholder);
}

/** Lease placement: the lease preference (or, for a multi-region zone-survival database, the primary region), then lease counts. */
function planLease(goal: Goal, current: readonly StoreInfo[], leaseholder: NodeId): AllocatorStep | undefined {
  const holder = current.find((s) => s.node === leaseholder);
  if (!holder) return undefined;
  const preferred = (s: StoreInfo): boolean =>
    goal.leasePreference !== "" ? s.locality.region === goal.leasePreference || s.locality.zone === goal.leasePreference : !goal.multiRegion || s.locality.region === goal.primaryRegion;
  const candidates = current.filter((s) => s.node !== leaseholder && s.live && !s.dead);
  if (!preferred(holder)) {
    const p = candidates.filter(preferred).sort((a, b) => a.leases - b.leases || (a.node < b.node ? -1 : 1))[0];
    if (p) return { kind: "transfer-lease", to: p.node, why: "lease preference" };
  }
  const fewer = candidates.filter(preferred).sort((a, b) => a.leases - b.leases || (a.node < b.node ? -1 : 1))[0];
  if (fewer && holder.leases - fewer.leases >= 3) return { kind: "transfer-lease", to: fewer.node, why: `balance leases (${holder.leases} here, ${fewer.leases} on ${fewer.node})` };
  return undefined;
}

/** Initial voters for each of `ranges` ranges, placed one after the other as the allocator would. */
export function initialPlacement(goal: Goal, stores: readonly StoreInfo[], ranges: number): NodeId[][] {
  const counts = new Map(stores.map((s) => [s.node, 0]));
  const out: NodeId[][] = [];
  for (let r = 0; r < ranges; r++) {
    const chosen: StoreInfo[] = [];
    while (chosen.length < goal.voters) {
      const view = stores.map((s) => ({ ...s, replicas: counts.get(s.node) ?? 0 }));
      const t = bestTarget(goal, view, chosen, []);
      if (!t) break;
      chosen.push(t);
      counts.set(t.node, (counts.get(t.node) ?? 0) + 1);
    }
    out.push(chosen.map((s) => s.node));
  }
  return out;
}
