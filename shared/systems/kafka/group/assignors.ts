// The two assignors the classic consumer protocol ships as defaults (FACTS §2.6), as pure functions of the
// members and the partitions of the one subscribed topic:
//   RangeAssignor            (EAGER): members sorted by id, each gets floor(P/C) consecutive partitions, the first
//                            P % C one more. It ignores who owned what.
//   CooperativeStickyAssignor (COOPERATIVE): a balanced assignment that keeps as many owned partitions as it can,
//                            then removes from it every partition still owned by another member, so no partition
//                            moves straight from one owner to another: the owner revokes it and a second rebalance
//                            hands it over.
// Partitions are named "topic-N"; member ids sort lexicographically, as Kafka's do (c10 before c2).

export type Assignment = Record<string, string[]>;

function partitionNumber(tp: string): number {
  return Number(tp.slice(tp.lastIndexOf("-") + 1));
}

function byPartition(a: string, b: string): number {
  return partitionNumber(a) - partitionNumber(b);
}

function sortedMembers(members: readonly string[]): string[] {
  return [...members].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** RangeAssignor.assign for one topic. */
export function rangeAssign(members: readonly string[], partitions: readonly string[]): Assignment {
  const ms = sortedMembers(members);
  const ps = [...partitions].sort(byPartition);
  const out: Assignment = {};
  const per = ms.length === 0 ? 0 : Math.floor(ps.length / ms.length);
  const extra = ms.length === 0 ? 0 : ps.length % ms.length;
  let next = 0;
  ms.forEach((m, i) => {
    const n = per + (i < extra ? 1 : 0);
    out[m] = ps.slice(next, next + n);
    next += n;
  });
  return out;
}

/**
 * The sticky target: every member keeps its owned partitions up to its quota (floor(P/C), and ceil(P/C) for as
 * many members as P % C allows), then the partitions left go to the members furthest below quota.
 */
export function stickyTarget(owned: Readonly<Record<string, readonly string[]>>, partitions: readonly string[]): Assignment {
  const ms = sortedMembers(Object.keys(owned));
  const out: Assignment = {};
  if (ms.length === 0) return out;
  const ps = [...partitions].sort(byPartition);
  const min = Math.floor(ps.length / ms.length);
  let maxSlots = ps.length % ms.length;
  const taken = new Set<string>();
  // Members owning the most keep first, so the ones allowed an extra partition are the ones that have it.
  const order = [...ms].sort((a, b) => owned[b].length - owned[a].length || (a < b ? -1 : 1));
  for (const m of order) {
    const mine = owned[m].filter((p) => ps.includes(p) && !taken.has(p)).sort(byPartition);
    let quota = min;
    if (mine.length > min && maxSlots > 0) {
      quota = min + 1;
      maxSlots--;
    }
    out[m] = mine.slice(0, quota);
    for (const p of out[m]) taken.add(p);
  }
  const free = ps.filter((p) => !taken.has(p));
  for (const p of free) {
    const under = ms.filter((m) => out[m].length < min);
    const pool = under.length > 0 ? under : ms.filter((m) => out[m].length === min && maxSlots > 0);
    const m = pool.sort((a, b) => out[a].length - out[b].length || (a < b ? -1 : 1))[0] ?? ms[0];
    if (under.length === 0) maxSlots--;
    out[m].push(p);
  }
  for (const m of ms) out[m].sort(byPartition);
  return out;
}

/** CooperativeStickyAssignor.assign: the sticky target without any partition another member still owns. */
export function cooperativeAssign(owned: Readonly<Record<string, readonly string[]>>, partitions: readonly string[]): Assignment {
  const target = stickyTarget(owned, partitions);
  const ownerOf = new Map<string, string>();
  for (const [m, ps] of Object.entries(owned)) for (const p of ps) ownerOf.set(p, m);
  const out: Assignment = {};
  for (const [m, ps] of Object.entries(target)) out[m] = ps.filter((p) => (ownerOf.get(p) ?? m) === m);
  return out;
}
