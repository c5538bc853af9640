// CockroachDB's keyspace as the screen reads it from the room's state. Every store reports the ranges it holds a
// replica of, each from its own point of view; a store that is down, stopped or cut off may report a range as it
// was. The screen merges them by range id and believes, for each range, the freshest report: its leaseholder's own
// (the leaseholder serves the range, so its view of the lease, leader and intents is the current one), then any
// running store's, then a down store's. Pure: no Phaser, so the words (cockroach-words.ts) and the tests use it too.
// Nothing here decides anything: it only reads what the simulation projected.

import { COCKROACH_DEFAULTS } from "../../../shared/systems/cockroach/config";
import { type GameStateView, type NodeView, parseRanges, type RangeView, sortedValues } from "../../net/state";

/** --max-offset. The room does not project a level's own value, and every level keeps CockroachDB's default. */
export const MAX_OFFSET_MS = COCKROACH_DEFAULTS.maxOffsetMs;

export interface KeyRange extends RangeView {
  /** The store whose report the screen believes. */
  reporter: string;
  /** Replicas on nodes that are up and have not stopped themselves. */
  running: string[];
  /** Fewer than a majority of its replicas run: its Raft group cannot commit, so it serves nothing. */
  unavailable: boolean;
  /** Why its leaseholder serves nothing ("down" or "stopped"), null while it runs: nobody may take the lease until it has expired. */
  stranded: Exclude<RunState, "running"> | null;
}

/**
 * A node that stopped itself because its clock was too far from the others' (role "stopped: clock offset"). Its
 * process exited, so it is also down, until someone restarts it.
 */
export function isStopped(node: NodeView): boolean {
  return node.role.startsWith("stopped");
}

export function isRunning(node: NodeView | undefined): boolean {
  return node?.up === true && !isStopped(node);
}

/** Running, stopped itself over its clock, or down for another reason (crashed). */
export type RunState = "running" | "stopped" | "down";

export function runState(node: NodeView): RunState {
  return isStopped(node) ? "stopped" : node.up ? "running" : "down";
}

/** "[/accounts/0020, /Max)" -> ["/accounts/0020", "/Max"]; anything else -> the text twice. */
function spanBounds(span: string): [string, string] {
  const m = /^\[(.*), (.*)\)$/.exec(span);
  return m ? [m[1], m[2]] : [span, span];
}

/** A bound as a sortable key: /Min sorts first and /Max last, as in the real keyspace. */
function boundKey(bound: string): string {
  return bound === "/Min" ? "" : bound === "/Max" ? "\uffff" : bound;
}

/** The span without the table prefix, for narrow places: "[/Min, /accounts/0020)" -> "[/Min, 0020)". */
export function compactSpan(span: string): string {
  return span.replaceAll("/accounts/", "");
}

/** The keyspace's ranges in key order, each as its freshest report says. */
export function keyspaceRanges(state: GameStateView): KeyRange[] {
  const nodes = sortedValues(state.nodes, (n) => n.id);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const best = new Map<number, { view: RangeView; reporter: string; rank: number }>();
  for (const n of nodes) {
    for (const view of parseRanges(n.ranges)) {
      const rank = (isRunning(n) ? 2 : 0) + (view.leaseholder === n.id ? 1 : 0);
      const held = best.get(view.range);
      if (!held || rank > held.rank) best.set(view.range, { view, reporter: n.id, rank });
    }
  }
  const fresh = [...best.values()].filter((b) => b.rank >= 2).map((b) => spanBounds(b.view.span).map(boundKey));
  const ranges: KeyRange[] = [];
  for (const { view, reporter, rank } of best.values()) {
    const start = boundKey(spanBounds(view.span)[0]);
    // Known only to stores that are not running, and inside a range a running store reports: merged away since.
    if (rank < 2 && fresh.some(([lo, hi]) => lo <= start && start < hi)) continue;
    const running = view.replicas.filter((id) => isRunning(byId.get(id)));
    const holder = view.leaseholder === null ? undefined : byId.get(view.leaseholder);
    const holderState = holder ? runState(holder) : "down";
    ranges.push({
      ...view,
      reporter,
      running,
      unavailable: running.length < Math.floor(view.replicas.length / 2) + 1,
      stranded: view.leaseholder === null || holderState === "running" ? null : holderState,
    });
  }
  return ranges.sort((a, b) => boundKey(spanBounds(a.span)[0]).localeCompare(boundKey(spanBounds(b.span)[0])) || a.range - b.range);
}

/** "+120 ms", "-80 ms", "0 ms". */
export function offsetText(ms: number): string {
  const rounded = Math.round(ms);
  return `${rounded > 0 ? "+" : ""}${rounded} ms`;
}

/** The node's clock is further from true time than the maximum offset the cluster assumes. */
export function beyondMaxOffset(node: NodeView): boolean {
  return Math.abs(node.stats.get("clockOffsetMs") ?? 0) > MAX_OFFSET_MS;
}

/** "us-east/b"; "" when the node has no locality. */
export function placeWords(node: NodeView): string {
  return [node.dc, node.rack].filter(Boolean).join("/");
}

/** Range ids as words: [1, 3] -> "r1 and r3"; [1, 2, 3] -> "r1, r2 and r3". */
export function rangeListWords(ids: readonly number[]): string {
  const names = ids.map((id) => `r${id}`);
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** What the picture draws, as data-* facts for tests and the curious. */
export function keyspaceFacts(ranges: readonly KeyRange[], nodes: readonly NodeView[]): Record<string, string> {
  const per = (f: (r: KeyRange) => string) => ranges.map((r) => `r${r.range}:${f(r)}`).join(",");
  return {
    picture: "keyspace",
    ranges: String(ranges.length),
    spans: per((r) => r.span),
    leaseholders: per((r) => r.leaseholder ?? "none"),
    leaders: per((r) => r.leader ?? "none"),
    replicas: per((r) => r.replicas.join("+")),
    intents: per((r) => String(r.intents)),
    records: ranges.flatMap((r) => r.records.map((t) => `r${r.range}:${t.id}:${t.status}`)).join(","),
    unavailable: ranges.filter((r) => r.unavailable).map((r) => `r${r.range}`).join(","),
    stopped: nodes.filter((n) => runState(n) === "stopped").map((n) => n.id).join(","),
    down: nodes.filter((n) => runState(n) === "down").map((n) => n.id).join(","),
    clocks: nodes.map((n) => `${n.id}:${offsetText(n.stats.get("clockOffsetMs") ?? 0).replace(" ms", "")}`).join(","),
    regions: String(new Set(nodes.map((n) => n.dc)).size),
  };
}
