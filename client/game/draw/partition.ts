// Reading a network partition out of the links the room projects: when the cut links split the nodes into groups
// that are cut off from each other completely (every link between two groups cut both ways) and nothing inside a
// group is cut, the picture draws one wall between the groups instead of a dashed line for every cut pair.

import type { LinkView } from "../../net/state";

/** The groups of a clean partition (each in the order of `ids`), or null when the cuts are not one. */
export function cleanPartition(ids: readonly string[], links: readonly LinkView[]): string[][] | null {
  const cut = new Set<string>();
  for (const l of links) if (l.cut) cut.add(`${l.from}>${l.to}`);
  const both = (a: string, b: string) => cut.has(`${a}>${b}`) && cut.has(`${b}>${a}`);
  const either = (a: string, b: string) => cut.has(`${a}>${b}`) || cut.has(`${b}>${a}`);
  // Groups: nodes joined by links that are not cut at all.
  const group = new Map<string, number>();
  let groups = 0;
  for (const start of ids) {
    if (group.has(start)) continue;
    const stack = [start];
    group.set(start, groups);
    while (stack.length > 0) {
      const a = stack.pop() as string;
      for (const b of ids) {
        if (group.has(b) || either(a, b)) continue;
        group.set(b, groups);
        stack.push(b);
      }
    }
    groups += 1;
  }
  if (groups < 2) return null;
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const a = ids[i];
      const b = ids[j];
      const apart = group.get(a) !== group.get(b);
      if (apart && !both(a, b)) return null;
      if (!apart && either(a, b)) return null;
    }
  }
  const out: string[][] = Array.from({ length: groups }, () => []);
  for (const id of ids) out[group.get(id) as number].push(id);
  return out;
}

/** The links to draw one by one: all of them, less the cuts a partition wall stands for. */
export function linksBesidePartition(links: readonly LinkView[], groups: readonly string[][] | null): LinkView[] {
  if (!groups) return [...links];
  const groupOf = new Map<string, number>();
  groups.forEach((g, i) => {
    for (const id of g) groupOf.set(id, i);
  });
  return links.filter((l) => !(l.cut && groupOf.get(l.from) !== groupOf.get(l.to)));
}

/** "n1, n2, n3 | n4, n5, n6" */
export function partitionWords(groups: readonly string[][]): string {
  return groups.map((g) => g.join(", ")).join(" | ");
}

/** The words for one slowed or lossy link: "40 ms", "40 ms, 10% loss". */
function slowWords(l: LinkView): string {
  return [l.latencyMs > 0 ? `${l.latencyMs} ms` : "", l.loss > 0 ? `${Math.round(l.loss * 100)}% loss` : ""].filter(Boolean).join(", ");
}

export interface GroupLink {
  a: string;
  b: string;
  words: string;
  /** The node pairs it stands for ("n1|n4"). */
  pairs: string[];
}

/**
 * Links between two groups (datacenters) that are all slowed the same way, both directions (cut ones aside): said
 * once ("dc1 ↔ dc2: 40 ms") instead of on every link.
 */
export function uniformGroupLinks(groups: ReadonlyMap<string, readonly string[]>, links: readonly LinkView[]): GroupLink[] {
  const row = new Map(links.map((l) => [`${l.from}>${l.to}`, l]));
  const names = [...groups.keys()];
  const out: GroupLink[] = [];
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const a = groups.get(names[i]) ?? [];
      const b = groups.get(names[j]) ?? [];
      let words: string | null = null;
      const pairs: string[] = [];
      let uniform = a.length > 0 && b.length > 0;
      for (const x of a) {
        for (const y of b) {
          const there = row.get(`${x}>${y}`);
          const back = row.get(`${y}>${x}`);
          // A cut pair is drawn as a cut; every other pair must be slowed the same way.
          if (there?.cut || back?.cut) continue;
          for (const l of [there, back]) {
            if (!l) uniform = false;
            else if (words === null) words = slowWords(l);
            else if (slowWords(l) !== words) uniform = false;
          }
          pairs.push(x < y ? `${x}|${y}` : `${y}|${x}`);
        }
      }
      if (uniform && words && pairs.length > 0) out.push({ a: names[i], b: names[j], words, pairs });
    }
  }
  return out;
}
