// The partition-log picture (Kafka): the brokers along the top on a shallow arc (running, DOWN, or FENCED by the
// controller; the active controller wears a crown and says so), the settings in force and the cluster's health under
// them, then one row per partition of the topic with one log strip per replica, each in its broker's column. A strip
// shows the newest offsets of the partition: a cell per record up to the replica's log end offset (LEO), filled
// below its high watermark (HW, committed) and hollow with a hatch above it (written, not committed yet), with the
// HW as a white bar. The leader's strip has a star; a replica out of the in-sync set has a dashed vermillion outline
// and says "out of ISR" (✗ where rows are dense); a partition with no leader is marked OFFLINE. At the bottom, the
// consumer group: its generation, state and protocol, each member with the partitions it owns, and the partitions a
// rebalance has paused (‖). Broker messages (fetches, heartbeats, metadata, the controllers' Raft) fly
// between the brokers. Everything drawn comes from the room's state; nothing is decided here.

import type Phaser from "phaser";
import { type GameStateView, type GroupView, type LinkView, listValues, type NodeView } from "../../net/state";
import { describePair, LinkLayer, pairKey } from "../draw/link-layer";
import { MessageLayer } from "../draw/message-layer";
import { INK, OKABE_ITO } from "../draw/palette";
import { cellKind, consumerGroup, logWindow, type PartitionRow, partitionRows, type ReplicaRow, splitTp } from "../draw/partition-logs";
import type { Point } from "../draw/ring-layout";
import { dashedLine, drawCrown, drawShape } from "../draw/shapes";
import { TextPool } from "../draw/text-pool";
import type { Picture, PictureFrame } from "./picture";

const FONT = "system-ui, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif";
const WIDTH = 720;
const HEIGHT = 600;
const MARGIN = 10;
/** The partition names' column, left of the brokers' columns. */
const LABEL_W = 112;
const BOX_H = 46;
/** How far the middle brokers rise above the outer ones, so messages between the outer ones pass beneath them. */
const ARC = 30;
const BROKER_Y = 74;
/** Messages leave from and land about this far from a broker's centre. */
const RIM = 40;
const GRID_TOP = 160;
const ROW_MAX = 150;
/** Below this row height, rows are dense: smaller strips, numbers beside them, ✗ for out of ISR. */
const DENSE_BELOW = 46;
const MEMBER_ROW = 22;

const COLOR = {
  committed: OKABE_ITO.bluishGreen,
  uncommitted: OKABE_ITO.orange,
  down: 0x6c727c,
  outOfIsr: OKABE_ITO.vermillion,
  hw: 0xffffff,
  strip: 0x0b111b,
  stripEdge: 0x3a4a66,
};

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}


export class PartitionLogPicture implements Picture {
  private readonly linkGraphics: Phaser.GameObjects.Graphics;
  private readonly messageGraphics: Phaser.GameObjects.Graphics;
  private readonly gridGraphics: Phaser.GameObjects.Graphics;
  private readonly boxGraphics: Phaser.GameObjects.Graphics;
  private readonly links: LinkLayer;
  private readonly messages: MessageLayer;
  private readonly tiny: TextPool;
  private readonly small: TextPool;
  private readonly bold: TextPool;
  private readonly tags: TextPool;
  private boxes = new Map<string, Box>();
  /** Each broker's column in the partition grid (x range), for picking by the strips too. */
  private columns = new Map<string, { left: number; right: number }>();
  private gridBottom = GRID_TOP;
  private positions = new Map<string, Point>();
  private lastFacts: Record<string, string> = { picture: "partition-log" };

  constructor(
    scene: Phaser.Scene,
    system: string,
  ) {
    this.linkGraphics = scene.add.graphics().setDepth(0);
    this.messageGraphics = scene.add.graphics().setDepth(1);
    this.gridGraphics = scene.add.graphics().setDepth(0);
    this.boxGraphics = scene.add.graphics().setDepth(2);
    this.links = new LinkLayer(scene, { mesh: true, nodeRadius: RIM, labelCuts: true });
    this.messages = new MessageLayer(scene, RIM, system);
    this.tiny = new TextPool(scene, { fontFamily: FONT, fontSize: "10px", color: "#c9d3e3" }, 3);
    this.small = new TextPool(scene, { fontFamily: FONT, fontSize: "12px", color: "#eef2f8" }, 3);
    this.bold = new TextPool(scene, { fontFamily: FONT, fontSize: "13px", color: "#eef2f8", fontStyle: "bold" }, 3);
    this.tags = new TextPool(scene, { fontFamily: FONT, fontSize: "10px", color: "#ff8a4c", fontStyle: "bold", backgroundColor: "#2a1a14", padding: { x: 3, y: 1 } }, 3);
  }

  draw(frame: PictureFrame): number {
    const { state, ids } = frame;
    const nodes = ids.map((id) => state.nodes.get(id)).filter((n): n is NodeView => n !== undefined);
    const group = consumerGroup(state);
    const rows = partitionRows(state, group);
    this.layout(nodes);
    for (const g of [this.linkGraphics, this.messageGraphics, this.gridGraphics, this.boxGraphics]) g.clear();
    for (const pool of this.pools()) pool.begin();

    // The links' words go on a line of their own under the settings: on the arc they would cover the brokers.
    const links = listValues(state.links);
    const pairs = linkPairs(links);
    this.links.draw(this.linkGraphics, ids, this.positions, links, { x: WIDTH / 2, y: BROKER_Y + 40 }, new Set(pairs.keys()));
    let flying = 0;
    if (frame.reducedMotion) this.messages.drawStatic(this.messageGraphics, frame.flights, this.positions);
    else flying = this.messages.drawFlying(this.messageGraphics, frame.flights, this.positions);

    for (const node of nodes) this.drawBroker(node, frame.picked.indexOf(node.id) >= 0);
    this.drawSettings(state, pairs);
    // A group that never had a member (a level without consumers) takes no room.
    const shownGroup = group && (group.members.length > 0 || group.generation > 0) ? group : null;
    const members = shownGroup ? shownGroup.members.length : 0;
    const groupHeight = shownGroup ? 26 + Math.max(1, Math.ceil(members / 3)) * MEMBER_ROW : 0;
    this.drawGrid(rows, nodes, HEIGHT - MARGIN - groupHeight - (shownGroup ? 8 : 0));
    if (shownGroup) this.drawGroup(shownGroup, rows, HEIGHT - MARGIN - groupHeight, groupHeight);
    for (const pool of this.pools()) pool.end();
    this.lastFacts = this.describe(state, nodes, rows, group);
    return flying;
  }

  nodeAt(x: number, y: number): string | null {
    for (const [id, b] of this.boxes) if (x >= b.x - 4 && x <= b.x + b.width + 4 && y >= b.y - 4 && y <= b.y + b.height + 4) return id;
    if (y >= GRID_TOP && y <= this.gridBottom) for (const [id, c] of this.columns) if (x >= c.left && x <= c.right) return id;
    return null;
  }

  facts(): Record<string, string> {
    return this.lastFacts;
  }

  destroy(): void {
    this.links.destroy();
    this.messages.destroy();
    for (const pool of this.pools()) pool.destroy();
    for (const o of [this.linkGraphics, this.messageGraphics, this.gridGraphics, this.boxGraphics]) o.destroy();
  }

  // ------------------------------------------------------------------------------------------------------------

  private pools(): TextPool[] {
    return [this.tiny, this.small, this.bold, this.tags];
  }

  /** One column per broker right of the partition names; each broker's box heads its column, on a shallow arc. */
  private layout(nodes: readonly NodeView[]): void {
    this.boxes = new Map();
    this.columns = new Map();
    this.positions = new Map();
    const count = Math.max(nodes.length, 1);
    const left = MARGIN + LABEL_W;
    const colW = (WIDTH - MARGIN - left) / count;
    const width = Math.min(132, colW - 16);
    nodes.forEach((node, i) => {
      const t = count > 1 ? i / (count - 1) : 0.5;
      const cx = left + colW * (i + 0.5);
      const cy = BROKER_Y - Math.sin(Math.PI * t) * ARC;
      this.positions.set(node.id, { x: cx, y: cy });
      this.boxes.set(node.id, { x: cx - width / 2, y: cy - BOX_H / 2, width, height: BOX_H });
      this.columns.set(node.id, { left: left + colW * i, right: left + colW * (i + 1) });
    });
  }

  private drawBroker(node: NodeView, picked: boolean): void {
    const box = this.boxes.get(node.id);
    if (!box) return;
    const g = this.boxGraphics;
    const fenced = node.up && node.role === "fenced";
    const active = node.up && node.role.includes("active-controller");
    const controller = node.role.includes("controller");
    g.fillStyle(node.up ? INK.nodeFill : INK.nodeFillDown, 1);
    g.fillRoundedRect(box.x, box.y, box.width, box.height, 8);
    if (node.up && !fenced) {
      g.lineStyle(active ? 3 : 2, active ? OKABE_ITO.yellow : 0x8fa3bf, 1);
      g.strokeRoundedRect(box.x, box.y, box.width, box.height, 8);
    } else {
      // Down or fenced: a dashed outline (grey for down, orange for fenced), never colour alone: the word says it.
      g.lineStyle(2, fenced ? OKABE_ITO.orange : OKABE_ITO.grey, 0.95);
      const c = [
        { x: box.x, y: box.y },
        { x: box.x + box.width, y: box.y },
        { x: box.x + box.width, y: box.y + box.height },
        { x: box.x, y: box.y + box.height },
      ];
      for (let i = 0; i < 4; i++) dashedLine(g, c[i], c[(i + 1) % 4], 6, 4);
    }
    if (picked) {
      g.lineStyle(3, INK.selection, 1);
      g.strokeRoundedRect(box.x - 5, box.y - 5, box.width + 10, box.height + 10, 11);
    }
    if (active) drawCrown(g, box.x + box.width / 2, box.y - 2, 18, OKABE_ITO.yellow);
    const idColor = node.up ? "#eef2f8" : "#c9ced6";
    this.bold.take(node.id, box.x + 9, box.y + 14, idColor);
    const led = node.badges.get("led") ?? 0;
    if (node.up && led > 0) this.tiny.take(`leads ${led}`, box.x + box.width - 8, box.y + 14, "#c9d3e3", 1);
    if (node.player) this.small.take("●", box.x + box.width - 8, box.y + 33, "#f0e442", 1);
    const word = !node.up ? "✗ DOWN" : fenced ? "⊘ FENCED" : active ? "★ active controller" : controller ? "controller" : "broker";
    const wordColor = !node.up ? "#c9ced6" : fenced ? "#ffb347" : active ? "#f0e442" : "#a3afc2";
    this.small.take(word, box.x + 9, box.y + 33, wordColor);
  }

  /** The settings in force, then the cluster's health (problems in words, coloured and marked). */
  private drawSettings(state: GameStateView, pairs: Map<string, string>): void {
    const s = state.summary;
    const n = (name: string) => Number(s.get(name) ?? 0);
    const acks = s.get("acks") ?? "?";
    const unclean = s.get("uncleanLeaderElection") === "true";
    const protocol = s.get("groupProtocol") ?? "";
    const settings = [`acks=${acks}`, `min.insync.replicas=${s.get("minInsyncReplicas") ?? "?"}`, `unclean election ${unclean ? "ON" : "off"}`, protocol ? `${protocol} rebalancing` : ""].filter(Boolean).join("   ·   ");
    this.small.take(settings, WIDTH / 2, GRID_TOP - 50, "#c9d3e3", 0.5);
    const trouble = [
      n("offlinePartitions") > 0 ? `✗ ${n("offlinePartitions")} offline` : "",
      n("underReplicatedPartitions") > 0 ? `⚠ ${n("underReplicatedPartitions")} under-replicated` : "",
      n("underMinIsrPartitions") > 0 ? `⚠ ${n("underMinIsrPartitions")} under min ISR` : "",
      n("ackedLost") > 0 ? `✗ ${n("ackedLost")} acked messages lost` : "",
      n("reassigningPartitions") > 0 ? `⇄ ${n("reassigningPartitions")} reassigning` : "",
    ].filter(Boolean);
    const status = state.phase === "lobby" ? "waiting for the host to start" : state.paused ? "paused" : "";
    const controller = s.get("controller");
    const health = [controller ? `controller ${controller}` : "no active controller", ...(trouble.length > 0 ? trouble : ["every partition led and in sync"]), status].filter(Boolean).join("   ·   ");
    const bad = n("offlinePartitions") > 0 || n("ackedLost") > 0;
    this.small.take(health, WIDTH / 2, GRID_TOP - 33, bad ? "#ff8a4c" : trouble.length > 0 ? "#f0e442" : "#a3afc2", 0.5);
    if (pairs.size > 0) this.small.take(`links: ${[...pairs.values()].join("  ·  ")}`, WIDTH / 2, GRID_TOP - 16, "#eef2f8", 0.5);
  }

  private drawGrid(rows: readonly PartitionRow[], nodes: readonly NodeView[], bottom: number): void {
    const g = this.gridGraphics;
    const avail = bottom - GRID_TOP;
    if (rows.length === 0) {
      this.gridBottom = GRID_TOP;
      this.small.take("No partitions yet: the controller quorum creates the topic once the round starts.", WIDTH / 2, GRID_TOP + 40, "#a3afc2", 0.5);
      return;
    }
    const rowH = Math.max(14, Math.min(ROW_MAX, Math.floor(avail / rows.length)));
    const dense = rowH < DENSE_BELOW;
    const top = GRID_TOP + (dense ? 0 : Math.max(0, Math.floor((avail - rowH * rows.length) / 3)));
    this.gridBottom = top + rowH * rows.length;
    // Each broker's column, faintly, so a strip reads as "this broker's copy".
    for (const node of nodes) {
      const c = this.columns.get(node.id);
      if (!c) continue;
      g.fillStyle(node.up ? 0x141c2b : 0x1c1d22, 1);
      g.fillRect(c.left + 3, top - 4, c.right - c.left - 6, this.gridBottom - top + 8);
    }
    rows.forEach((row, i) => this.drawRow(row, top + i * rowH, rowH, dense));
  }

  private drawRow(row: PartitionRow, y: number, rowH: number, dense: boolean): void {
    const g = this.gridGraphics;
    if (row.offline) {
      g.fillStyle(0x2a1a14, 0.9);
      g.fillRect(MARGIN, y + 1, WIDTH - 2 * MARGIN, rowH - 2);
    }
    g.lineStyle(1, 0x263246, 1);
    g.lineBetween(MARGIN, y + rowH, WIDTH - MARGIN, y + rowH);
    const mid = y + rowH / 2;
    // The partition's name, and under it (room permitting) its owner, pause or OFFLINE.
    const sub = row.offline ? "" : row.paused ? "‖ paused" : row.owner ? `→ ${row.owner}` : "";
    if (dense) {
      this.bold.take(`${row.tp}`, MARGIN + 4, mid, "#eef2f8");
      if (row.offline) this.tags.take("OFFLINE", MARGIN + LABEL_W - 6, mid, "#ff8a4c", 1);
      else if (sub) this.tiny.take(sub, MARGIN + LABEL_W - 6, mid, row.paused ? "#f0e442" : "#a3afc2", 1);
    } else {
      this.bold.take(row.tp, MARGIN + 4, mid - 16, "#eef2f8");
      if (row.offline) {
        this.tags.take("✗ OFFLINE", MARGIN + 4, mid + 2, "#ff8a4c");
        this.tiny.take("no leader", MARGIN + 4, mid + 19, "#ff8a4c");
      } else {
        this.tiny.take(`ISR ${row.isr.join(" ")}`, MARGIN + 4, mid + 2, "#c9d3e3");
        if (sub) this.tiny.take(sub, MARGIN + 4, mid + 17, row.paused ? "#f0e442" : "#a3afc2");
      }
    }
    for (const r of row.replicas) this.drawReplica(row, r, y, rowH, dense);
  }

  private drawReplica(row: PartitionRow, r: ReplicaRow, y: number, rowH: number, dense: boolean): void {
    const col = this.columns.get(r.broker);
    if (!col) return;
    const g = this.gridGraphics;
    const left = col.left + 24;
    const textW = dense ? 54 : 0;
    const right = col.right - 10 - textW;
    const stripH = dense ? Math.max(8, Math.min(16, rowH - 10)) : Math.min(30, Math.round(rowH * 0.3));
    const mid = y + rowH / 2;
    const stripY = Math.round(mid - stripH / 2);
    const cellW = dense ? 9 : rowH >= 90 ? 14 : 12;
    const cells = Math.max(4, Math.floor((right - left) / cellW));
    const window = logWindow(row.replicas, cells);
    const width = cells * cellW;
    const outOfIsr = !row.offline && !r.leader && !r.inIsr;

    g.fillStyle(COLOR.strip, 1);
    g.fillRect(left, stripY, width, stripH);
    for (let offset = window.start; offset < window.end; offset++) {
      const kind = cellKind(offset, r);
      if (kind === "missing") continue;
      const x = left + (offset - window.start) * cellW + 1;
      const w = cellW - 2;
      const color = !r.up ? COLOR.down : kind === "committed" ? COLOR.committed : COLOR.uncommitted;
      if (kind === "committed") {
        g.fillStyle(color, 1);
        g.fillRect(x, stripY + 2, w, stripH - 4);
      } else {
        // Written, not committed: hollow, with a hatch across it (a shape, not only a colour).
        g.lineStyle(1.5, color, 1);
        g.strokeRect(x + 0.5, stripY + 2.5, w - 1, stripH - 5);
        g.lineBetween(x + 1, stripY + stripH - 3, x + w - 1, stripY + 3);
      }
    }
    // The strip's edge: dashed vermillion when the replica fell out of the ISR, dashed grey when its broker is down.
    const corners = [
      { x: left - 1, y: stripY - 1 },
      { x: left + width + 1, y: stripY - 1 },
      { x: left + width + 1, y: stripY + stripH + 1 },
      { x: left - 1, y: stripY + stripH + 1 },
    ];
    if (outOfIsr || !r.up || row.offline) {
      g.lineStyle(outOfIsr ? 2 : 1.5, outOfIsr ? COLOR.outOfIsr : OKABE_ITO.grey, 1);
      for (let i = 0; i < 4; i++) dashedLine(g, corners[i], corners[(i + 1) % 4], 5, 3);
    } else {
      g.lineStyle(r.leader ? 2 : 1, r.leader ? OKABE_ITO.yellow : COLOR.stripEdge, 1);
      g.strokeRect(left - 1, stripY - 1, width + 2, stripH + 2);
    }
    // The HW: a white bar across the strip where committed ends (at the left edge, marked ◂, if it is older).
    const hwX = left + Math.max(0, Math.min(r.hw, window.end) - window.start) * cellW;
    g.fillStyle(COLOR.hw, 1);
    g.fillRect(Math.round(hwX) - 1, stripY - 4, 2.5, stripH + 8);
    // The leader's star; ✗ for a replica out of the ISR.
    const markX = col.left + 12;
    if (r.leader) drawShape(g, "star", markX, mid, dense ? 6 : 8, OKABE_ITO.yellow, false);
    else if (outOfIsr) this.bold.take("✗", markX, mid, "#ff8a4c", 0.5);

    const dim = r.up ? "#c9d3e3" : "#8a9099";
    if (dense) {
      this.tiny.take(`${r.hw} / ${r.leo}`, left + width + 6, mid, dim);
      return;
    }
    if (r.up) this.tiny.take(r.hw < window.start ? "◂ HW" : "HW", r.hw < window.start ? hwX + 2 : hwX, stripY - 10, "#ffffff", r.hw < window.start ? 0 : 0.5);
    // A replica whose whole log is older than the strip shows: say how far behind it is.
    if (r.leo < window.start) this.tiny.take(`◂ ${window.end - r.leo} records behind`, left + 8, mid, r.up ? "#ffb347" : "#8a9099");
    const role = !r.up ? "down" : r.leader ? "★ leader" : outOfIsr ? "out of ISR" : row.offline ? "no leader" : "in sync";
    const roleColor = !r.up ? "#8a9099" : r.leader ? "#f0e442" : outOfIsr ? "#ff8a4c" : row.offline ? "#ff8a4c" : "#a3afc2";
    // Under the strip: the offsets on the left, the replica's standing on the right (the HW label sits above).
    if (outOfIsr) this.tags.take("out of ISR", left + width + 1, stripY + stripH + 11, "#ff8a4c", 1);
    else this.tiny.take(role, left + width, stripY + stripH + 10, roleColor, 1);
    this.tiny.take(`LEO ${r.leo} · HW ${r.hw}`, left, stripY + stripH + 10, dim);
  }

  /** The consumer group: generation, state, protocol; each member with its partitions; paused partitions hatched. */
  private drawGroup(group: GroupView, rows: readonly PartitionRow[], top: number, height: number): void {
    const g = this.boxGraphics;
    g.fillStyle(INK.panel, 0.96);
    g.fillRoundedRect(MARGIN, top, WIDTH - 2 * MARGIN, height, 8);
    const rebalancing = group.state !== "Stable" && group.state !== "Empty";
    g.lineStyle(rebalancing ? 2 : 1, rebalancing ? OKABE_ITO.yellow : 0x3a4a66, 1);
    g.strokeRoundedRect(MARGIN, top, WIDTH - 2 * MARGIN, height, 8);
    const protocol = group.protocol === "cooperative" ? "cooperative-sticky" : group.protocol === "eager" ? "eager (Range)" : group.protocol;
    const stateWord = rebalancing ? `⟳ ${group.state}` : group.state;
    this.bold.take(`Consumer group ${group.group}`, MARGIN + 10, top + 13, "#eef2f8");
    this.small.take(`generation ${group.generation}  ·  ${protocol}`, MARGIN + 178, top + 13, "#c9d3e3");
    this.small.take(stateWord, WIDTH - MARGIN - 10, top + 13, rebalancing ? "#f0e442" : "#7fe0b0", 1);
    const paused = rows.filter((r) => r.paused);
    if (paused.length > 0) this.small.take(`‖ ${paused.length} paused`, WIDTH - MARGIN - 170, top + 13, "#f0e442", 1);
    if (group.members.length === 0) {
      this.small.take("no members", MARGIN + 10, top + 26 + MEMBER_ROW / 2, "#a3afc2");
      return;
    }
    const cellW = (WIDTH - 2 * MARGIN - 20) / 3;
    group.members.forEach((m, i) => {
      const x = MARGIN + 10 + (i % 3) * cellW;
      const y = top + 26 + Math.floor(i / 3) * MEMBER_ROW + MEMBER_ROW / 2;
      this.bold.take(m.member, x, y, "#eef2f8");
      const chips = m.partitions.map((tp) => splitTp(tp).partition).sort((a, b) => a - b);
      if (chips.length === 0) {
        this.tiny.take(rebalancing ? "rejoining: owns nothing" : "owns nothing", x + 28, y, "#f0e442");
        return;
      }
      chips.forEach((p, j) => this.chip(`${p}`, x + 28 + j * 22, y, false));
    });
  }

  /** A partition number in a small box: filled when consumed, hatched and hollow when paused. */
  private chip(label: string, x: number, y: number, paused: boolean): void {
    const g = this.boxGraphics;
    if (paused) {
      g.lineStyle(1.5, OKABE_ITO.yellow, 1);
      g.strokeRect(x, y - 8, 19, 16);
    } else {
      g.fillStyle(0x2b3d5c, 1);
      g.fillRect(x, y - 8, 19, 16);
    }
    this.tiny.take(label, x + 9.5, y, "#eef2f8", 0.5);
  }

  private describe(state: GameStateView, nodes: readonly NodeView[], rows: readonly PartitionRow[], group: GroupView | null): Record<string, string> {
    const facts: Record<string, string> = {
      picture: "partition-log",
      brokers: nodes.map((n) => n.id).join(","),
      downBrokers: nodes.filter((n) => !n.up).map((n) => n.id).join(","),
      fencedBrokers: nodes.filter((n) => n.up && n.role === "fenced").map((n) => n.id).join(","),
      controller: nodes.find((n) => n.up && n.role.includes("active-controller"))?.id ?? "",
      partitions: rows.map((r) => r.tp).join(","),
      leaders: rows.map((r) => `${r.tp}:${r.leader ?? "none"}`).join(","),
      isr: rows.map((r) => `${r.tp}:${r.isr.join(" ")}`).join(","),
      offline: rows.filter((r) => r.offline).map((r) => r.tp).join(","),
      outOfIsr: rows.flatMap((r) => (r.offline ? [] : r.replicas.filter((x) => !x.leader && !x.inIsr).map((x) => `${r.tp}@${x.broker}`))).join(","),
      logs: rows.flatMap((r) => r.replicas.map((x) => `${r.tp}@${x.broker}=${x.hw}/${x.leo}`)).join(","),
      acks: state.summary.get("acks") ?? "",
      minInsyncReplicas: state.summary.get("minInsyncReplicas") ?? "",
      groupState: group?.state ?? "",
      generation: group ? String(group.generation) : "",
      assignment: group ? group.members.map((m) => `${m.member}:${m.partitions.map((tp) => splitTp(tp).partition).sort((a, b) => a - b).join(" ")}`).join(",") : "",
      paused: rows.filter((r) => r.paused).map((r) => String(r.partition)).join(","),
    };
    return facts;
  }
}

/** Every unusual broker pair in words ("n1↔n2 2000 ms latency", "n1→n3 cut"), keyed by pairKey. */
function linkPairs(links: readonly LinkView[]): Map<string, string> {
  const pairs = new Map<string, { a: string; b: string; ab?: LinkView; ba?: LinkView }>();
  for (const link of links) {
    const key = pairKey(link.from, link.to);
    const [a, b] = link.from < link.to ? [link.from, link.to] : [link.to, link.from];
    const pair = pairs.get(key) ?? { a, b };
    if (link.from === a) pair.ab = link;
    else pair.ba = link;
    pairs.set(key, pair);
  }
  const out = new Map<string, string>();
  for (const [key, pair] of pairs) {
    const words = describePair(pair).split("\n").filter(Boolean);
    // A pair's own words name both ends only when they differ by direction.
    out.set(key, words.map((w) => (w.includes("→") ? w : `${pair.a}↔${pair.b} ${w}`)).join(", "));
  }
  return out;
}
