// Redis Cluster in words, for the overlay (the node table, the node player's panel, the client's results): a node's
// role, the slots it serves, the master it replicates and how far behind it is, the slots it is moving, the flags
// the others hold on it, and the cluster's own line. Pure: it reads the room's state (and the slot model the
// picture draws from), so the words always match the picture. Nothing here decides anything.

import type { ClientResultMessage as ClientResult } from "../../../shared/protocol/messages";
import { failureFlags, parseSlotMoves, parseSlotRanges, rangeSize, rangesWords, SLOT_COUNT, type SlotModel } from "../../game/draw/slot-map";
import type { GameStateView, NodeView } from "../../net/state";

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

export function redisRole(node: NodeView): "master" | "replica" {
  return node.replicaOf ? "replica" : "master";
}

/** The slot ranges a master serves by the model's resolution (a range split only by a migrating slot is one range). */
export function servedRanges(model: SlotModel, id: string): [number, number][] {
  const out: [number, number][] = [];
  for (const r of model.runs) {
    if (r.owner !== id || r.uncovered) continue;
    const last = out[out.length - 1];
    if (last && last[1] === r.lo - 1) last[1] = r.hi;
    else out.push([r.lo, r.hi]);
  }
  return out;
}

/** "0–499, 5461 (501 slots)"; a replica serves none; a stopped master names what it still claims. */
export function slotsWords(node: NodeView, model: SlotModel): string {
  if (node.replicaOf) return "none (replica)";
  const ranges = servedRanges(model, node.id);
  if (ranges.length > 0) return `${rangesWords(ranges)} (${plural(rangeSize(ranges), "slot")})`;
  const claimed = parseSlotRanges(node.slots);
  if (!node.up && claimed.length > 0) return `none: down (claimed ${rangesWords(claimed)})`;
  if (claimed.length > 0) return `none (${rangesWords(claimed)} claimed, served by another master)`;
  return "none (0 slots)";
}

/** Slot numbers as short ranges: [3, 4, 5, 9] -> "3–5, 9". */
export function slotListWords(slots: readonly number[]): string {
  const sorted = [...new Set(slots)].sort((a, b) => a - b);
  const ranges: [number, number][] = [];
  for (const s of sorted) {
    const last = ranges[ranges.length - 1];
    if (last && last[1] === s - 1) last[1] = s;
    else ranges.push([s, s]);
  }
  return rangesWords(ranges);
}

/** "migrating slot 12 to n4; importing slots 3–5 from n1", or "none". */
export function slotMovesWords(node: NodeView): string {
  const parts: string[] = [];
  const group = (text: string) => {
    const by = new Map<string, number[]>();
    for (const m of parseSlotMoves(text)) by.set(m.node, [...(by.get(m.node) ?? []), m.slot]);
    return by;
  };
  for (const [to, slots] of group(node.migrating)) parts.push(`migrating slot${slots.length === 1 ? "" : "s"} ${slotListWords(slots)} to ${to}`);
  for (const [from, slots] of group(node.importing)) parts.push(`importing slot${slots.length === 1 ? "" : "s"} ${slotListWords(slots)} from ${from}`);
  return parts.length > 0 ? parts.join("; ") : "none";
}

/** A replica's replication lag in words; "" for a master. */
export function lagWords(node: NodeView): string {
  if (!node.replicaOf) return "";
  if (!node.up) return "unknown (down)";
  return node.replLag > 0 ? `${node.replLag} bytes behind` : "in sync";
}

/** What the others hold on a node (FAIL, PFAIL) and whether it refuses requests (CLUSTERDOWN). */
export function flagList(state: GameStateView, node: NodeView): string[] {
  const out: string[] = [];
  const flag = failureFlags(state).get(node.id);
  if (flag === "fail") out.push("FAIL");
  else if (flag === "pfail") out.push("PFAIL");
  if (node.up && (node.badges.get("clusterdown") ?? 0) > 0) out.push("CLUSTERDOWN");
  return out;
}

export function flagWords(state: GameStateView, node: NodeView): string {
  const flags = flagList(state, node);
  return flags.length > 0 ? flags.join(", ") : "none";
}

/** The cluster line above the node table: state, masters, coverage, migrations, losses, flags, settings. */
export function redisClusterWords(state: GameStateView): string {
  const s = state.summary;
  const n = (name: string) => Number(s.get(name) ?? 0);
  const clusterState = s.get("clusterState") ?? "";
  const parts: string[] = [];
  parts.push(`Cluster state: ${clusterState === "ok" ? "ok" : clusterState ? clusterState.replace(/^(fail|down)\b/, (w) => w.toUpperCase()) : "unknown"}.`);
  const uncovered = n("slotsUncovered");
  parts.push(`${plural(n("masters"), "master")} serve the ${SLOT_COUNT} hash slots; ${uncovered === 0 ? "no slots uncovered" : `${plural(uncovered, "slot")} uncovered (no running master)`}.`);
  const migrating = n("migratingSlots");
  parts.push(migrating === 0 ? "No slots migrating." : `${plural(migrating, "slot")} migrating.`);
  const lost = n("writesLost");
  parts.push(lost === 0 ? "No acknowledged writes lost." : `${plural(lost, "acknowledged write")} lost.`);
  const flags = [...failureFlags(state)].map(([id, f]) => `${id} ${f.toUpperCase()}`);
  if (flags.length > 0) parts.push(`Flagged: ${flags.join(", ")}.`);
  const clusterDown = n("nodesClusterDown");
  if (clusterDown > 0) parts.push(`${plural(clusterDown, "node")} answer${clusterDown === 1 ? "s" : ""} CLUSTERDOWN.`);
  const down = n("nodesDown");
  if (down > 0) parts.push(`${plural(down, "node")} down.`);
  const settings = s.get("settings");
  if (settings) parts.push(`Settings: ${settings}.`);
  return parts.join(" ");
}

/** The node player's own line: role, slots or master and lag, moves, flags. */
export function redisWhoWords(state: GameStateView, node: NodeView, model: SlotModel): string {
  const parts: string[] = [];
  if (!node.up) {
    const claimed = parseSlotRanges(node.slots);
    const what = node.replicaOf
      ? `a replica of ${node.replicaOf}`
      : claimed.length > 0
        ? `a master that held slots ${rangesWords(claimed)}: ${downMasterSlots(node, model)}`
        : "a master with no slots";
    parts.push(`You are ${node.id}: down (crashed), ${what}.`);
  }
  else if (node.replicaOf) parts.push(`You are ${node.id}: up, a replica of ${node.replicaOf}, ${lagWords(node)}.`);
  else parts.push(`You are ${node.id}: up, a master serving slots ${slotsWords(node, model)}.`);
  const moves = slotMovesWords(node);
  if (moves !== "none") parts.push(`You are ${moves}.`);
  const flags = flagList(state, node);
  const flag = flags.find((f) => f === "FAIL" || f === "PFAIL");
  if (flag) parts.push(`Others flag you ${flag}.`);
  if (flags.includes("CLUSTERDOWN")) parts.push("Your cluster state is fail: you answer CLUSTERDOWN.");
  return parts.join(" ");
}

/** What became of a stopped master's slots: uncovered, or served by whoever took them over. */
function downMasterSlots(node: NodeView, model: SlotModel): string {
  const claimed = parseSlotRanges(node.slots);
  const inClaim = (s: number) => claimed.some(([lo, hi]) => lo <= s && s <= hi);
  let uncovered = 0;
  const takers = new Map<string, number>();
  for (const r of model.runs) {
    for (let s = r.lo; s <= r.hi; s++) {
      if (!inClaim(s)) continue;
      if (r.uncovered) uncovered++;
      else takers.set(r.owner, (takers.get(r.owner) ?? 0) + 1);
    }
  }
  const parts = [...takers].map(([id, count]) => `${id} serves ${count}`);
  if (uncovered > 0) parts.unshift(`${uncovered} uncovered`);
  return parts.join(", ") || "none";
}

/** A value as redis-cli prints it: a missing key is (nil). */
function redisValue(value: unknown): string {
  return value === null || value === undefined ? "(nil)" : JSON.stringify(value);
}

/** A client's completed operation as the Redis command it was: "SET user34 = "v" via n2: OK in 4 ms". */
export function redisResultWords(r: ClientResult): string | null {
  const command = r.f === "write" || r.f === "put" ? "SET" : r.f === "read" || r.f === "get" ? "GET" : null;
  if (!command) return null;
  const took = `${Math.round(r.latencyMs)} ms`;
  const via = r.via ? ` via ${r.via}` : "";
  const head = command === "SET" ? `SET ${r.key} = ${redisValue(r.value)}` : `GET ${r.key}`;
  if (!r.ok) return `${head}${via}: failed after ${took}: ${r.error ?? "no reason given"}`;
  return command === "SET" ? `${head}${via}: OK in ${took}` : `${head} → ${redisValue(r.value)}${via} in ${took}`;
}

/** The client library's trail ("n1: MOVED 449 n4:6379 -> n4 answered") with arrows: "n1: MOVED 449 n4:6379 → n4 answered". */
export function redirectTrailWords(note: string): string {
  const hops = note.split(" -> ");
  const redirected = hops.some((h) => /: (MOVED|ASK) /.test(h));
  return `${redirected ? "Redirected: " : "Route: "}${hops.join(" → ")}`;
}
