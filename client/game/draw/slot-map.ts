// Redis Cluster's 16384 hash slots as the screen reads them from the room's state: who serves each slot (a master's
// `slots` ranges), which slots are migrating and where to, which are uncovered (no master claims them, or the one
// that does is down), and the redirections (MOVED / ASK) the event feed announces. Pure: no Phaser, so the overlay
// and the tests can use it too. Nothing here decides anything: it only reads what the simulation projected.

import { type FeedEntry, type GameStateView, listValues, type NodeView, sortedValues, splitList } from "../../net/state";

export const SLOT_COUNT = 16384;

/** "0-5460,10923" -> [[0, 5460], [10923, 10923]]; anything malformed is skipped. */
export function parseSlotRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const part of splitList(text)) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) continue;
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    if (lo <= hi && hi < SLOT_COUNT) out.push([lo, hi]);
  }
  return out;
}

/** "5461>n4,5462>n4" (migrating) or "5461<n1" (importing) -> [{ slot, node }]. */
export function parseSlotMoves(text: string): { slot: number; node: string }[] {
  const out: { slot: number; node: string }[] = [];
  for (const part of splitList(text)) {
    const m = /^(\d+)[<>]([a-z][a-z0-9-]*)$/.exec(part);
    if (m) out.push({ slot: Number(m[1]), node: m[2] });
  }
  return out;
}

/** How many slots ranges hold. */
export function rangeSize(ranges: readonly (readonly [number, number])[]): number {
  return ranges.reduce((sum, [lo, hi]) => sum + hi - lo + 1, 0);
}

/** A run of neighbouring slots that look the same. */
export interface SlotRun {
  lo: number;
  hi: number;
  /** The master that serves them ("" for none). */
  owner: string;
  /** No running master serves them: requests for them fail (CLUSTERDOWN, or an error for that slot). */
  uncovered: boolean;
  /** Being moved to this master ("" when not migrating). */
  migratingTo: string;
}

export interface Migration {
  from: string;
  to: string;
  slots: number[];
}

export interface SlotModel {
  runs: SlotRun[];
  /** Masters in natural order (every node that is not a replica). */
  masters: string[];
  /** Slots each master serves, by the model's resolution of conflicting claims. */
  served: Map<string, number>;
  migrations: Migration[];
  uncovered: number;
  /** "n1:0-5460,n2:5461-10922,..." for the facts. */
  ownersText: string;
}

/**
 * Resolves who serves each slot. Two masters may claim one slot for a while (an old master that is down, or a
 * claim not yet corrected by a newer configEpoch): a running master wins over a stopped one, then the higher
 * configEpoch (projected in stats), then the first in natural order.
 */
export function slotModel(state: GameStateView): SlotModel {
  const nodes = sortedValues(state.nodes, (n) => n.id);
  const masters = nodes.filter((n) => !n.replicaOf).map((n) => n.id);
  const owner = new Int16Array(SLOT_COUNT).fill(-1);
  const rank = (n: NodeView) => (n.up ? 1_000_000 : 0) + (n.stats.get("configEpoch") ?? 0);
  const claimants = nodes.filter((n) => n.slots !== "");
  claimants.forEach((n, i) => {
    for (const [lo, hi] of parseSlotRanges(n.slots)) {
      for (let s = lo; s <= hi; s++) {
        const held = owner[s];
        if (held < 0 || rank(n) > rank(claimants[held])) owner[s] = i;
      }
    }
  });
  const migratingTo = new Map<number, string>();
  const migrations = new Map<string, Migration>();
  for (const n of nodes) {
    if (!n.up) continue;
    for (const m of parseSlotMoves(n.migrating)) {
      migratingTo.set(m.slot, m.node);
      const key = `${n.id}>${m.node}`;
      const found = migrations.get(key) ?? { from: n.id, to: m.node, slots: [] };
      found.slots.push(m.slot);
      migrations.set(key, found);
    }
  }
  const runs: SlotRun[] = [];
  const served = new Map<string, number>(masters.map((m) => [m, 0]));
  let uncovered = 0;
  for (let s = 0; s < SLOT_COUNT; s++) {
    const node = owner[s] >= 0 ? claimants[owner[s]] : undefined;
    const id = node?.id ?? "";
    const dark = !node?.up;
    if (dark) uncovered++;
    else served.set(id, (served.get(id) ?? 0) + 1);
    const to = migratingTo.get(s) ?? "";
    const last = runs[runs.length - 1];
    if (last && last.owner === id && last.uncovered === dark && last.migratingTo === to && last.hi === s - 1) last.hi = s;
    else runs.push({ lo: s, hi: s, owner: id, uncovered: dark, migratingTo: to });
  }
  const ownersText = nodes
    .filter((n) => n.slots !== "")
    .map((n) => `${n.id}:${n.slots}`)
    .join(",");
  return { runs, masters, served, migrations: [...migrations.values()], uncovered, ownersText };
}

/** A redirection a client library followed, from the event feed. */
export interface Hop {
  t: number;
  kind: "MOVED" | "ASK";
  slot: number;
  key: string;
  /** The node whose client library carried the request (where the client is connected). */
  client: string;
  /** The node that answered with the redirection. */
  wrong: string;
  /** The node it pointed to. */
  right: string;
}

const HOP = /^(\S+) answered (MOVED|ASK) (\d+) ([a-z][a-z0-9-]*)(?::\d+)? for (.+?): .*client library at ([a-z][a-z0-9-]*)\b/;

/** Reads a "moved" or "ask" feed entry; null for anything else. */
export function parseHop(entry: FeedEntry): Hop | null {
  if (entry.kind !== "moved" && entry.kind !== "ask") return null;
  const m = HOP.exec(entry.text);
  if (!m) return null;
  return { t: entry.t, kind: m[2] as "MOVED" | "ASK", slot: Number(m[3]), key: m[5], client: m[6], wrong: m[1], right: m[4] };
}

/** The newest redirection in the feed, or null. */
export function lastHop(state: GameStateView): Hop | null {
  const feed = listValues(state.feed);
  for (let i = feed.length - 1; i >= 0; i--) {
    const hop = parseHop(feed[i]);
    if (hop) return hop;
  }
  return null;
}

/** "MOVED 1234: n1>n2>n4" for the facts (client library, the node that redirected, the node it pointed to). */
export function hopText(hop: Hop | null): string {
  return hop ? `${hop.kind} ${hop.slot}: ${hop.client}>${hop.wrong}>${hop.right}` : "";
}

/** Ranges as short words: "0–5460, 10923". */
export function rangesWords(ranges: readonly (readonly [number, number])[]): string {
  return ranges.map(([lo, hi]) => (lo === hi ? `${lo}` : `${lo}–${hi}`)).join(", ");
}

/** Which nodes some running node flags as PFAIL or FAIL (the summary's failureFlags: "n1:fail,n3:pfail"). */
export function failureFlags(state: GameStateView): Map<string, "pfail" | "fail"> {
  const out = new Map<string, "pfail" | "fail">();
  for (const part of splitList(state.summary.get("failureFlags") ?? "")) {
    const [id, flag] = part.split(":");
    if (id && (flag === "pfail" || flag === "fail")) out.set(id, flag);
  }
  return out;
}

/** A reshard (redis-cli --cluster reshard) as the event feed tells it. */
export interface ReshardNews {
  from: string;
  to: string;
  /** Slots the reshard moves (when started) or moved (when done or stopped). */
  slots: number;
  state: "running" | "done" | "stopped";
}

/** Reads a "reshard" feed entry: started, done or stopped; null for anything else. */
export function parseReshard(entry: FeedEntry): ReshardNews | null {
  if (entry.kind !== "reshard") return null;
  let m = /^reshard: moving (\d+) slots? from (\S+) to (\S+)$/.exec(entry.text);
  if (m) return { from: m[2], to: m[3], slots: Number(m[1]), state: "running" };
  m = /^reshard done: (\d+) slots? and \d+ keys? moved from (\S+) to (\S+)$/.exec(entry.text);
  if (m) return { from: m[2], to: m[3], slots: Number(m[1]), state: "done" };
  m = /^reshard from (\S+) to (\S+) stopped after (\d+) of \d+ slots?/.exec(entry.text);
  if (m) return { from: m[1], to: m[2], slots: Number(m[3]), state: "stopped" };
  return null;
}
