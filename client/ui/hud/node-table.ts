// The diagram in words, for screen readers and for anyone who prefers a table: one row per node with its state,
// plus a summary of the cluster and the traffic. Hidden visually until asked for, never hidden from assistive tech.
// For a Raft cluster the columns are term, log and commit index; for a token ring, the node's place, its share of
// the ring, the hints it holds and the system's own numbers (SSTables, memtable, ...); for Redis Cluster, each
// node's role, the slots it serves or the master it replicates and its lag, slots moving, and FAIL/PFAIL flags.

import { styleForKind } from "../../game/draw/message-kinds";
import { identities, TEXTURE_WORDS } from "../../game/draw/node-identity";
import { parseDrives } from "../../game/draw/drives";
import { consumerGroup, partitionRows, partitionRowWords, replicaWords } from "../../game/draw/partition-logs";
import { pictureKind } from "../../game/pictures/kind";
import { cleanPartition, partitionWords } from "../../game/draw/partition";
import { slotModel } from "../../game/draw/slot-map";
import { nodeFractions, ownership, ringArcs } from "../../game/draw/token-ring";
import { type GameStateView, listValues, type NodeView, sortedValues } from "../../net/state";
import { h, setChildren, setText } from "../dom";
import { cockroachClusterWords, cockroachColumns } from "./cockroach-words";
import { consulClusterWords, consulColumns } from "./consul-words";
import { flagWords, lagWords, redisClusterWords, redisRole, slotMovesWords, slotsWords } from "./redis-words";

export function nodeStateWords(node: NodeView): string {
  // A node that stopped itself (CockroachDB's clock-offset check) says why; any other down node crashed.
  if (!node.up) return node.role.startsWith("stopped") ? `down (${node.role})` : "down (crashed)";
  return node.role || "unknown";
}

export function trafficWords(state: GameStateView): string {
  const byFamily = new Map<string, number>();
  let total = 0;
  state.messages.forEach((m) => {
    const label = styleForKind(m.kind, state.system).family.label.toLowerCase();
    byFamily.set(label, (byFamily.get(label) ?? 0) + 1);
    total += 1;
  });
  if (total === 0) return "No messages in flight.";
  const parts = [...byFamily].map(([label, n]) => `${n} ${label}`);
  return `${total} message${total === 1 ? "" : "s"} in flight: ${parts.join(", ")}.`;
}

/** "Network partitioned: n1, n2 | n3, n4, n5." when the cut links split the cluster cleanly; "" otherwise. */
export function partitionLine(state: GameStateView): string {
  const ids = sortedValues(state.nodes, (n) => n.id).map((n) => n.id);
  const groups = cleanPartition(ids, listValues(state.links));
  return groups ? `Network partitioned: ${partitionWords(groups)}.` : "";
}

/** The cluster-wide line above the table: the leader (Raft) or the consistency levels and replication (token ring). */
export function clusterWords(state: GameStateView): string {
  const kind = pictureKind(state);
  if (kind === "gossip") return consulClusterWords(state);
  if (kind === "keyspace") return cockroachClusterWords(state);
  if (kind === "drive-rack") return storageWords(state);
  if (kind === "partition-log") return kafkaWords(state);
  if (kind === "slot-map") return redisClusterWords(state);
  if (kind === "raft") {
    return state.leader ? `Leader: ${state.leader}, term ${state.term}.` : `No leader right now (term ${state.term}).`;
  }
  const s = state.summary;
  const parts: string[] = [];
  const read = s.get("readConsistency");
  const write = s.get("writeConsistency");
  if (read || write) parts.push(`Reads at ${read ?? "?"}, writes at ${write ?? "?"}.`);
  const replication = s.get("replication");
  if (replication) parts.push(`Replication: ${replication}.`);
  const hints = Number(s.get("hintsPending") ?? 0);
  if (hints > 0) parts.push(`${hints} hint${hints === 1 ? "" : "s"} waiting for delivery.`);
  const divergent = Number(s.get("divergentKeys") ?? 0);
  if (divergent > 0) parts.push(`${divergent} key${divergent === 1 ? "" : "s"} out of sync between replicas.`);
  return parts.join(" ");
}

/** MinIO's cluster line: the storage class, how many objects, and how many are degraded, unreadable or lost. */
export function storageWords(state: GameStateView): string {
  const s = state.summary;
  const n = (name: string) => Number(s.get(name) ?? 0);
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
  const parts: string[] = [];
  const storageClass = s.get("storageClass");
  const setSize = n("setSize");
  const parity = Number(/EC:(\d+)/.exec(storageClass ?? "")?.[1] ?? NaN);
  if (storageClass) {
    parts.push(`Storage class STANDARD ${storageClass}${setSize > 0 && Number.isFinite(parity) ? ` (${setSize - parity} data + ${parity} parity shards per object)` : ""}.`);
  }
  parts.push(`${plural(n("objects"), "object")}: ${n("objectsDegraded")} degraded, ${n("objectsUnreadable")} unreadable, ${n("objectsLost")} lost.`);
  if (n("drivesFailed") > 0) parts.push(`${plural(n("drivesFailed"), "drive")} failed.`);
  if (n("healQueue") > 0) parts.push(`${plural(n("healQueue"), "object")} waiting to be healed.`);
  return parts.join(" ");
}

/** Kafka's cluster line: the settings in force, the controller, each partition's leader and ISR, the group. */
export function kafkaWords(state: GameStateView): string {
  const s = state.summary;
  const parts = [`acks=${s.get("acks") ?? "?"}, min.insync.replicas=${s.get("minInsyncReplicas") ?? "?"}, unclean leader election ${s.get("uncleanLeaderElection") === "true" ? "on" : "off"}.`];
  parts.push(s.get("controller") ? `Active controller: ${s.get("controller")}.` : "No active controller.");
  const group = consumerGroup(state);
  const rows = partitionRows(state, group);
  if (rows.length > 0) parts.push(`${rows.map(partitionRowWords).join("; ")}.`);
  const lost = Number(s.get("ackedLost") ?? 0);
  if (lost > 0) parts.push(`${lost} acknowledged message${lost === 1 ? "" : "s"} lost.`);
  if (group) {
    const owned = group.members.map((m) => `${m.member} has ${m.partitions.length > 0 ? m.partitions.join(", ") : "nothing"}`);
    const paused = rows.filter((r) => r.paused).map((r) => r.tp);
    parts.push(`Consumer group ${group.group}: ${group.state}, generation ${group.generation}${owned.length > 0 ? `; ${owned.join("; ")}` : ""}${paused.length > 0 ? `; paused: ${paused.join(", ")}` : ""}.`);
  }
  return parts.join(" ");
}

/** Kafka's columns: every replica the broker holds, with its role, LEO and HW, then the broker's own numbers. */
function kafkaColumns(state: GameStateView, nodes: readonly NodeView[]): Column[] {
  const rows = partitionRows(state);
  const columns: Column[] = [
    {
      title: "Replicas",
      cell: (n) =>
        rows
          .flatMap((row) => row.replicas.filter((r) => r.broker === n.id).map((r) => `${row.tp}: ${replicaWords(row, r).slice(n.id.length + 1)}`))
          .join("; ") || "none",
    },
  ];
  const statNames = new Set<string>();
  for (const n of nodes) {
    n.stats.forEach((_v, name) => {
      statNames.add(name);
    });
  }
  for (const name of statNames) columns.push({ title: statLabel(name), cell: (n) => n.stats.get(name) ?? "" });
  return columns;
}

/**
 * Redis Cluster's columns: role, the slots a master serves (by the same resolution the slot map draws), the master a
 * replica follows and its lag, slots moving in or out, the flags the others hold on the node.
 */
function slotMapColumns(state: GameStateView): Column[] {
  const model = slotModel(state);
  return [
    { title: "Role", cell: redisRole },
    { title: "Slots served", cell: (n) => slotsWords(n, model) },
    { title: "Replica of", cell: (n) => n.replicaOf || "none" },
    { title: "Replication lag", cell: (n) => lagWords(n) || "none" },
    { title: "Migrating / importing", cell: slotMovesWords },
    { title: "Flags", cell: (n) => flagWords(state, n) },
  ];
}

/** MinIO's rack columns: each drive's state, and the server's own numbers (heal queue, objects, ...). */
function rackColumns(nodes: readonly NodeView[]): Column[] {
  const columns: Column[] = [
    {
      title: "Drives",
      cell: (n) =>
        parseDrives(n.drives)
          .map((d) => `d${d.number} ${d.state === "ok" ? `ok (${d.shards})` : d.state.toUpperCase()}`)
          .join(", "),
    },
  ];
  const statNames = new Set<string>();
  for (const n of nodes) {
    n.stats.forEach((_v, name) => {
      statNames.add(name);
    });
  }
  for (const name of statNames) columns.push({ title: statLabel(name), cell: (n) => n.stats.get(name) ?? "" });
  return columns;
}

/** Words for a stat name: "sstables" -> "SSTables", "memtableCells" -> "memtable cells". */
export function statLabel(name: string): string {
  const known: Record<string, string> = { sstables: "SSTables", sstable: "SSTable", memtable: "Memtable", hints: "Hints held" };
  if (known[name]) return known[name];
  const words = name.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export interface Column {
  title: string;
  cell(node: NodeView): string | number;
}

export function raftColumns(): Column[] {
  return [
    { title: "Term", cell: (n) => n.term },
    { title: "Log length", cell: (n) => n.logLength },
    { title: "Commit index", cell: (n) => n.commitIndex },
  ];
}

function ringColumns(nodes: readonly NodeView[]): Column[] {
  const owning = nodes.filter((n) => n.role !== "joining" && n.tokens !== "");
  const shares = ownership(ringArcs(owning.map((n) => ({ node: n.id, fractions: nodeFractions(n.tokens) }))));
  const looks = identities(nodes.map((n) => n.id));
  const columns: Column[] = [];
  if (nodes.some((n) => n.dc || n.rack)) columns.push({ title: "Datacenter / rack", cell: (n) => [n.dc, n.rack].filter(Boolean).join(" / ") });
  columns.push({
    title: "Ring look",
    cell: (n) => {
      const look = looks.get(n.id);
      return look ? `${look.colorName}, ${TEXTURE_WORDS[look.texture]}` : "";
    },
  });
  columns.push({ title: "Owns", cell: (n) => (shares.has(n.id) ? `${((shares.get(n.id) ?? 0) * 100).toFixed(1)}%` : "nothing yet") });
  columns.push({ title: "Tokens", cell: (n) => (n.tokens ? n.tokens.split(",").length : 0) });
  const statNames = new Set<string>();
  for (const n of nodes) {
    n.stats.forEach((_v, name) => {
      statNames.add(name);
    });
  }
  const badgeNames = new Set<string>();
  for (const n of nodes) {
    n.badges.forEach((_v, name) => {
      if (!statNames.has(name)) badgeNames.add(name);
    });
  }
  for (const name of badgeNames) columns.push({ title: statLabel(name), cell: (n) => n.badges.get(name) ?? 0 });
  for (const name of statNames) columns.push({ title: statLabel(name), cell: (n) => n.stats.get(name) ?? "" });
  return columns;
}

export function createNodeTable(tableId: string): { el: HTMLElement; toggle: HTMLButtonElement; update(state: GameStateView): void } {
  const summary = h("p", { class: "hint", id: `${tableId}-summary` });
  const head = h("tr", {});
  const body = h("tbody", {});
  const table = h("table", { class: "node-table", id: tableId }, h("caption", {}, "Nodes of the cluster (the diagram as a table)"), h("thead", {}, head), body);
  const wrap = h("div", { class: "node-table-wrap collapsed", id: `${tableId}-wrap` }, summary, table);
  const toggle = h("button", { type: "button", "aria-expanded": "false", "aria-controls": wrap.id }, "Show nodes as a table");
  toggle.addEventListener("click", () => {
    const open = wrap.classList.toggle("collapsed") === false;
    toggle.setAttribute("aria-expanded", String(open));
    setText(toggle, open ? "Hide the table" : "Show nodes as a table");
  });
  let last = "";
  return {
    el: wrap,
    toggle,
    update(state) {
      setText(summary, [clusterWords(state), partitionLine(state), trafficWords(state)].filter(Boolean).join(" "));
      const nodes = sortedValues(state.nodes, (n) => n.id);
      const kind = pictureKind(state);
      const columns =
        kind === "gossip"
          ? consulColumns(state, nodes)
          : kind === "keyspace"
            ? cockroachColumns(state, nodes)
            : kind === "raft"
              ? raftColumns()
          : kind === "drive-rack"
            ? rackColumns(nodes)
            : kind === "partition-log"
              ? kafkaColumns(state, nodes)
              : kind === "slot-map"
                ? slotMapColumns(state)
                : ringColumns(nodes);
      // A Redis node's and a Consul agent's role have their own column: their state is up or down.
      const ownRoleColumn = kind === "slot-map" || kind === "gossip";
      const stateColumn: Column = ownRoleColumn ? { title: "Up / down", cell: (n) => (n.up ? "up" : "down (crashed)") } : { title: "State", cell: nodeStateWords };
      const all: Column[] = [stateColumn, ...columns, { title: "Played by", cell: (n) => n.player || "bot" }];
      const rows = nodes.map((n) => all.map((c) => String(c.cell(n))));
      const key = JSON.stringify([all.map((c) => c.title), nodes.map((n) => [n.id, n.up, n.role]), rows]);
      if (key === last) return;
      last = key;
      setChildren(head, h("th", { scope: "col" }, "Node"), ...all.map((c) => h("th", { scope: "col" }, c.title)));
      setChildren(
        body,
        ...nodes.map((n, i) =>
          h("tr", { "data-node": n.id, "data-state": n.up ? n.role : "down" }, h("th", { scope: "row" }, n.id), ...rows[i].map((cell) => h("td", {}, cell))),
        ),
      );
    },
  };
}
