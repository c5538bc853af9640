// CockroachDB in words, for the overlay (the node table, the node player's panel): each range's span, leaseholder
// and Raft leader, the survival goal and the bank's total, and per node its region and zone, the replicas, leases
// and Raft leaderships it holds, its intents and its clock against true time. Pure: it reads the room's state
// through the same merge of the stores' reports the keyspace picture draws (keyspace-model.ts), so the words always
// match the picture. Nothing here decides anything.

import { beyondMaxOffset, isStopped, type KeyRange, keyspaceRanges, MAX_OFFSET_MS, offsetText, placeWords, rangeListWords, runState } from "../../game/draw/keyspace-model";
import { type GameStateView, type NodeView, sortedValues } from "../../net/state";
import type { Column } from "./node-table";

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/** "lease n1, Raft leader n3"; a stranded lease and a range without a quorum are said so. */
export function rangeWords(r: KeyRange): string {
  const lease = !r.leaseholder ? "no lease" : r.stranded ? `lease ${r.leaseholder} (${r.stranded}: it must expire first)` : `lease ${r.leaseholder}`;
  const parts = [`r${r.range} ${r.span}: ${lease}, Raft leader ${r.leader ?? "none"}`];
  if (r.unavailable) parts.push(`NO QUORUM (${r.running.length} of ${plural(r.replicas.length, "replica")} running)`);
  if (r.intents > 0) parts.push(plural(r.intents, "intent"));
  for (const t of r.records) parts.push(`txn ${t.id} ${t.status}`);
  return parts.join(", ");
}

/** The cluster line above the node table: the ranges, the survival goal, the bank's total, stopped and down nodes. */
export function cockroachClusterWords(state: GameStateView): string {
  const s = state.summary;
  const ranges = keyspaceRanges(state);
  const parts = [ranges.length > 0 ? `${plural(ranges.length, "range")}: ${ranges.map(rangeWords).join("; ")}.` : "No ranges reported yet."];
  const survival = s.get("survival");
  if (survival) {
    const preference = s.get("leasePreference");
    parts.push(`Survives ${survival} failure with ${s.get("numReplicas") ?? "?"} replicas${preference ? `, leases preferred in ${preference}` : ""}.`);
  }
  const total = s.get("totalBalance");
  if (total !== undefined) parts.push(`Total balance ${total}.`);
  const nodes = sortedValues(state.nodes, (n) => n.id);
  const stopped = nodes.filter((n) => runState(n) === "stopped").map((n) => n.id);
  if (stopped.length > 0) parts.push(`Stopped over clock offset: ${stopped.join(", ")}.`);
  const down = nodes.filter((n) => runState(n) === "down").map((n) => n.id);
  if (down.length > 0) parts.push(`Down: ${down.join(", ")}.`);
  return parts.join(" ");
}

/** The ranges in which `pick` names the node, as "r1, r3" ids. */
function rangesWhere(ranges: readonly KeyRange[], pick: (r: KeyRange) => boolean): number[] {
  return ranges.filter(pick).map((r) => r.range);
}

/** "+120 ms", with what it means when it is past the maximum offset or the node stopped itself over it. */
export function clockWords(node: NodeView): string {
  const offset = offsetText(node.stats.get("clockOffsetMs") ?? 0);
  if (isStopped(node)) return `${offset}: stopped itself`;
  return beyondMaxOffset(node) ? `${offset}: beyond the ${MAX_OFFSET_MS} ms max offset` : offset;
}

export function cockroachColumns(state: GameStateView, _nodes: readonly NodeView[]): Column[] {
  const ranges = keyspaceRanges(state);
  const list = (ids: number[]) => (ids.length > 0 ? `${ids.length}: ${ids.map((id) => `r${id}`).join(", ")}` : "none");
  return [
    { title: "Region / zone", cell: (n) => placeWords(n) || "none" },
    { title: "Ranges", cell: (n) => list(rangesWhere(ranges, (r) => r.replicas.includes(n.id))) },
    { title: "Leases", cell: (n) => list(rangesWhere(ranges, (r) => r.leaseholder === n.id)) },
    { title: "Raft leaders", cell: (n) => list(rangesWhere(ranges, (r) => r.leader === n.id)) },
    { title: "Intents", cell: (n) => n.stats.get("intents") ?? 0 },
    { title: "Clock offset", cell: clockWords },
  ];
}

/** "120 ms ahead of true time", "80 ms behind true time", "on true time". */
function offsetWords(ms: number): string {
  const size = Math.abs(Math.round(ms));
  return size === 0 ? "on true time" : `${size} ms ${ms > 0 ? "ahead of" : "behind"} true time`;
}

/** The node player's own line: where they stand, what they hold, and their clock. */
export function cockroachWhoWords(state: GameStateView, node: NodeView): string {
  const ranges = keyspaceRanges(state);
  const place = placeWords(node);
  const who = `You are ${node.id}${place ? ` in ${place}` : ""}`;
  const replicas = rangesWhere(ranges, (r) => r.replicas.includes(node.id));
  const leases = rangesWhere(ranges, (r) => r.leaseholder === node.id);
  const leads = rangesWhere(ranges, (r) => r.leader === node.id);
  const clock = offsetWords(node.stats.get("clockOffsetMs") ?? 0);
  if (isStopped(node)) {
    return `${who}: stopped. Your clock is ${clock}, too far from the others' (limit ${MAX_OFFSET_MS} ms), so you stopped yourself and serve nothing until restarted.`;
  }
  if (!node.up) {
    const stranded = leases.length > 0 ? ` Your lease of ${rangeListWords(leases)} must expire before another node may take it.` : "";
    const keep = replicas.length === 1 ? "1 replica keeps its" : `${replicas.length} replicas keep their`;
    return `${who}: down (crashed). Your ${keep} data on disk.${stranded}`;
  }
  const holds = `you hold ${plural(replicas.length, "replica")}${leases.length > 0 ? `, the lease of ${rangeListWords(leases)}` : " and no lease"}`;
  const lead = leads.length > 0 ? `, and lead the Raft group${leads.length === 1 ? "" : "s"} of ${rangeListWords(leads)}` : "";
  const limit = beyondMaxOffset(node) ? `beyond the ${MAX_OFFSET_MS} ms limit` : `limit ${MAX_OFFSET_MS} ms`;
  return `${who}: ${holds}${lead}; your clock is ${clock} (${limit}).`;
}
