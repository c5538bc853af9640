// The drive-rack picture (MinIO): each server as a rack of drives around the centre, a column of slots labelled
// d1..dN, a failed drive crossed out and labelled FAILED, a server that is down greyed with a cross and the word
// DOWN, the heal queue as a badge over the rack. Picking an object marks each of its shards on the drive that holds
// it: a data shard is a square labelled D1.., a parity shard a diamond labelled P1.., and what the drive holds is a
// symbol beside it (✓ intact, ⚠ corrupt, ○ missing, stale or unreachable) and a filled or hollow shape. The servers'
// messages (shard writes, reads, commits, a heal's rebuilt shards) fly between the racks. When a shard of the picked
// object comes back (healed onto a replaced drive, or rebuilt after bitrot), the intact shards it was rebuilt from
// are drawn flowing into its slot (with reduced motion: still lines for a moment). With several server pools, each
// rack says which pool it belongs to. Everything drawn comes from the room's state; nothing is decided here.

import type Phaser from "phaser";
import { type GameStateView, listValues, type NodeView, splitList } from "../../net/state";
import { LinkLayer } from "../draw/link-layer";
import { MessageLayer } from "../draw/message-layer";
import { INK, OKABE_ITO } from "../draw/palette";
import type { Point } from "../draw/ring-layout";
import { parseDrives, type ShardMark, shardMark, stateSymbol } from "../draw/drives";
import { dashedLine, drawCross, drawShape } from "../draw/shapes";
import { paintText } from "../draw/text-paint";
import { TextPool } from "../draw/text-pool";
import type { Picture, PictureFrame } from "./picture";

const FONT = "system-ui, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif";
const RACK_WIDTH = 130;
/** Where in a drive slot the shard mark (or a failed drive's cross) sits. */
const MARK_X = 36;
const HEADER = 30;
const MAX_SLOTS_HEIGHT = 136;
const SLOT_MAX = 30;
/** The racks sit on an ellipse round the summary plate: wider than tall, as the canvas is. */
const ORBIT_X = 250;
const ORBIT_Y = 196;
/** Messages leave from and land about this far from a rack's centre. */
const RACK_RIM = 58;
/** How long the shards of a reconstruction take to flow into the rebuilt slot, and how long it stays marked. */
const REBUILD_FLOW_MS = 1200;
const REBUILD_MARK_MS = 2500;

/** A shard of the picked object that came back: where from, and when it was seen. */
interface Rebuild {
  key: string;
  target: string;
  sources: { drive: string; parity: boolean }[];
  at: number;
}

interface RackBox {
  x: number;
  y: number;
  width: number;
  height: number;
}


export class DriveRackPicture implements Picture {
  private readonly linkGraphics: Phaser.GameObjects.Graphics;
  private readonly messageGraphics: Phaser.GameObjects.Graphics;
  private readonly rackGraphics: Phaser.GameObjects.Graphics;
  private readonly links: LinkLayer;
  private readonly messages: MessageLayer;
  private readonly small: TextPool;
  private readonly bold: TextPool;
  /** "FAILED" on a dead drive. */
  private readonly tags: TextPool;
  /** The heal-queue badges. */
  private readonly badges: TextPool;
  private readonly centerLines: Phaser.GameObjects.Text[];
  private boxes = new Map<string, RackBox>();
  /** Where each drive slot's shard mark sits, this frame. */
  private slots = new Map<string, Point>();
  private readonly flowGraphics: Phaser.GameObjects.Graphics;
  /** The picked object's shard states last frame, to see a shard come back. */
  private lastMarks: { key: string; marks: Map<string, ShardMark> } = { key: "", marks: new Map() };
  private rebuilds: Rebuild[] = [];
  /** Every slot seen rebuilt since the object was picked, for the facts. */
  private rebuilt: string[] = [];
  private positions = new Map<string, Point>();
  private lastFacts: Record<string, string> = { picture: "drive-rack" };

  constructor(
    private readonly scene: Phaser.Scene,
    private readonly center: Point,
    system: string,
  ) {
    this.linkGraphics = scene.add.graphics().setDepth(0);
    this.messageGraphics = scene.add.graphics().setDepth(1);
    this.rackGraphics = scene.add.graphics().setDepth(2);
    this.flowGraphics = scene.add.graphics().setDepth(4);
    this.links = new LinkLayer(scene, { mesh: true, nodeRadius: RACK_RIM, labelCuts: true });
    this.messages = new MessageLayer(scene, RACK_RIM, system);
    this.small = new TextPool(scene, { fontFamily: FONT, fontSize: "12px", color: "#eef2f8" }, 3);
    this.bold = new TextPool(scene, { fontFamily: FONT, fontSize: "14px", color: "#eef2f8", fontStyle: "bold" }, 3);
    this.tags = new TextPool(scene, { fontFamily: FONT, fontSize: "10px", color: "#ff8a4c", fontStyle: "bold", backgroundColor: "#2a1a14" }, 3);
    this.badges = new TextPool(scene, { fontFamily: FONT, fontSize: "12px", color: "#0f1521", fontStyle: "bold", backgroundColor: "#f0e442", padding: { x: 4, y: 1 } }, 3);
    const text = (size: number, color: string, bold: boolean) =>
      scene.add
        .text(center.x, center.y, "", { fontFamily: FONT, fontSize: `${size}px`, color, fontStyle: bold ? "bold" : "normal", align: "center" })
        .setOrigin(0.5, 0)
        .setResolution(2)
        .setDepth(3);
    this.centerLines = [text(18, "#eef2f8", true), text(12, "#c9d3e3", false), text(12, "#a3afc2", false)];
  }

  draw(frame: PictureFrame): number {
    const { state, ids } = frame;
    const nodes = ids.map((id) => state.nodes.get(id)).filter((n): n is NodeView => n !== undefined);
    this.layout(nodes);
    this.linkGraphics.clear();
    this.messageGraphics.clear();
    this.rackGraphics.clear();
    for (const pool of this.pools()) pool.begin();
    this.links.draw(this.linkGraphics, ids, this.positions, listValues(state.links), this.center);
    let flying = 0;
    if (frame.reducedMotion) this.messages.drawStatic(this.messageGraphics, frame.flights, this.positions);
    else flying = this.messages.drawFlying(this.messageGraphics, frame.flights, this.positions);

    const key = frame.key ? state.keys.get(frame.key) : undefined;
    const marks = new Map<string, ShardMark>();
    if (key) {
      for (const drive of splitList(key.replicas)) {
        const mark = shardMark(key.copies.get(drive)?.value ?? "");
        if (mark) marks.set(drive, mark);
      }
    }
    this.slots = new Map();
    for (const node of nodes) this.drawRack(node, frame.picked.indexOf(node.id), key ? marks : null);
    this.drawPools(nodes);
    this.noticeRebuilds(key?.key ?? "", marks);
    this.drawRebuilds(frame.reducedMotion);
    this.drawCenter(state);
    for (const pool of this.pools()) pool.end();
    this.lastFacts = this.describe(state, nodes, key?.key ?? "", marks);
    return flying;
  }

  nodeAt(x: number, y: number): string | null {
    for (const [id, b] of this.boxes) if (x >= b.x - 4 && x <= b.x + b.width + 4 && y >= b.y - 4 && y <= b.y + b.height + 4) return id;
    return null;
  }

  facts(): Record<string, string> {
    return this.lastFacts;
  }

  destroy(): void {
    this.links.destroy();
    this.messages.destroy();
    for (const pool of this.pools()) pool.destroy();
    for (const o of [this.linkGraphics, this.messageGraphics, this.rackGraphics, this.flowGraphics, ...this.centerLines]) o.destroy();
  }

  // ------------------------------------------------------------------------------------------------------------

  private pools(): TextPool[] {
    return [this.small, this.bold, this.tags, this.badges];
  }

  /** Racks evenly on an ellipse, the first at the top, each as tall as its drives need. */
  private layout(nodes: readonly NodeView[]): void {
    this.boxes = new Map();
    this.positions = new Map();
    const count = Math.max(nodes.length, 1);
    nodes.forEach((node, i) => {
      const angle = -Math.PI / 2 + (2 * Math.PI * i) / count;
      const at = { x: this.center.x + ORBIT_X * Math.cos(angle), y: this.center.y + ORBIT_Y * Math.sin(angle) };
      const drives = Math.max(parseDrives(node.drives).length, 1);
      const height = HEADER + slotHeight(drives) * drives + 8;
      this.positions.set(node.id, at);
      this.boxes.set(node.id, { x: at.x - RACK_WIDTH / 2, y: at.y - height / 2, width: RACK_WIDTH, height });
    });
  }

  private drawRack(node: NodeView, selectedSlot: number, marks: Map<string, ShardMark> | null): void {
    const box = this.boxes.get(node.id);
    if (!box) return;
    const g = this.rackGraphics;
    const drives = parseDrives(node.drives);
    const slot = slotHeight(Math.max(drives.length, 1));
    // The rack: a dark cabinet; a server that is down is grey with a dashed outline, a cross and the word DOWN.
    g.fillStyle(node.up ? INK.nodeFill : INK.nodeFillDown, 1);
    g.fillRoundedRect(box.x, box.y, box.width, box.height, 8);
    if (node.up) {
      g.lineStyle(2, 0x8fa3bf, 1);
      g.strokeRoundedRect(box.x, box.y, box.width, box.height, 8);
    } else {
      g.lineStyle(2, OKABE_ITO.grey, 0.9);
      const corners = [
        { x: box.x, y: box.y },
        { x: box.x + box.width, y: box.y },
        { x: box.x + box.width, y: box.y + box.height },
        { x: box.x, y: box.y + box.height },
      ];
      for (let i = 0; i < 4; i++) dashedLine(g, corners[i], corners[(i + 1) % 4], 6, 4);
    }
    if (selectedSlot >= 0) {
      g.lineStyle(3, INK.selection, 1);
      g.strokeRoundedRect(box.x - 5, box.y - 5, box.width + 10, box.height + 10, 11);
    }
    this.bold.take(node.up ? node.id : `${node.id} · DOWN`, box.x + 8, box.y + HEADER / 2, node.up ? "#eef2f8" : "#c9ced6");
    if (node.player) this.small.take("●", box.x + box.width - 10, box.y + HEADER / 2, "#f0e442", 1);

    drives.forEach((d, i) => {
      const top = box.y + HEADER + i * slot;
      const x = box.x + 6;
      const w = box.width - 12;
      const h = slot - 4;
      const failed = d.state !== "ok";
      g.fillStyle(failed ? 0x2a1a14 : 0x0f1521, 1);
      g.fillRect(x, top, w, h);
      g.lineStyle(1.5, failed ? OKABE_ITO.vermillion : 0x3a4a66, 1);
      g.strokeRect(x, top, w, h);
      const mid = top + h / 2;
      this.small.take(`d${d.number}`, x + 5, mid, node.up ? "#c9d3e3" : "#8a9099");
      const driveId = `${node.id}/d${d.number}`;
      this.slots.set(driveId, { x: x + MARK_X, y: mid });
      const mark = marks?.get(driveId);
      if (failed) {
        drawCross(g, x + MARK_X, mid, Math.min(h / 2 - 3, 8), OKABE_ITO.vermillion, 2.5);
        this.tags.take("FAILED", x + w - 5, mid, "#ff8a4c", 1);
      } else if (!mark) {
        this.small.take(marks ? "no shard" : `${d.shards} shard${d.shards === 1 ? "" : "s"}`, x + w - 5, mid, "#8fa3bf", 1);
      }
      if (mark) this.drawShard(mark, x + MARK_X, x + w - 6, mid, Math.min(h / 2 - 2, 8), failed);
    });

    const heal = node.badges.get("heal") ?? 0;
    if (heal > 0) {
      this.badges.take(`⟳ heal ${heal}`, box.x + box.width + 2, box.y - 8, "#0f1521", 1, 1);
    }
    if (!node.up) drawCross(g, box.x + box.width / 2, box.y + HEADER + (box.height - HEADER) / 2, Math.min(box.width, box.height - HEADER) / 2 - 6, OKABE_ITO.grey, 2);
  }

  /** With more than one server pool, "pool N" under each rack. */
  private drawPools(nodes: readonly NodeView[]): void {
    if (new Set(nodes.map((n) => n.pool)).size < 2) return;
    for (const n of nodes) {
      const box = this.boxes.get(n.id);
      if (box && n.pool > 0) this.small.take(`pool ${n.pool}`, box.x + box.width / 2, box.y + box.height + 10, "#a3afc2", 0.5);
    }
  }

  /**
   * A shard of the picked object that was not intact last frame and is now (a heal wrote it) was rebuilt from the
   * object's other intact shards: remember it, to draw them flowing in.
   */
  private noticeRebuilds(key: string, marks: Map<string, ShardMark>): void {
    const now = this.scene.time.now;
    if (key !== this.lastMarks.key) {
      this.rebuilds = [];
      this.rebuilt = [];
    } else {
      for (const [drive, mark] of marks) {
        const before = this.lastMarks.marks.get(drive);
        if (mark.state !== "intact" || !before || before.state === "intact" || before.state === "server-down") continue;
        const sources = [...marks].filter(([d, m]) => d !== drive && m.state === "intact").map(([d, m]) => ({ drive: d, parity: m.parity }));
        this.rebuilds.push({ key, target: drive, sources, at: now });
        this.rebuilt = [...this.rebuilt.filter((d) => d !== drive), drive];
      }
    }
    this.rebuilds = this.rebuilds.filter((r) => now - r.at < REBUILD_MARK_MS);
    this.lastMarks = { key, marks: new Map(marks) };
  }

  private drawRebuilds(reducedMotion: boolean): void {
    const g = this.flowGraphics;
    g.clear();
    const now = this.scene.time.now;
    for (const r of this.rebuilds) {
      const to = this.slots.get(r.target);
      if (!to) continue;
      const t = Math.min(1, (now - r.at) / REBUILD_FLOW_MS);
      for (const s of r.sources) {
        const from = this.slots.get(s.drive);
        if (!from) continue;
        const color = s.parity ? OKABE_ITO.orange : OKABE_ITO.skyBlue;
        if (reducedMotion) {
          g.lineStyle(1.5, color, 0.6);
          dashedLine(g, from, to, 5, 4);
        } else if (t < 1) {
          // Eased, so the shards gather at the slot rather than arriving at one speed.
          const e = 1 - (1 - t) * (1 - t);
          drawShape(g, s.parity ? "diamond" : "square", from.x + (to.x - from.x) * e, from.y + (to.y - from.y) * e, 5, color, false);
        }
      }
      // The rebuilt slot is ringed while the mark lasts, and says so in words.
      g.lineStyle(2.5, OKABE_ITO.bluishGreen, 1);
      g.strokeCircle(to.x, to.y, 13);
      this.tags.take("REBUILT", to.x + 18, to.y - 11, "#7fe0b0", 0, 0.5);
    }
  }

  /** One shard of the picked object on its drive: square D (data) or diamond P (parity), filled when intact. */
  private drawShard(mark: ShardMark, x: number, right: number, y: number, size: number, onFailedDrive: boolean): void {
    const g = this.rackGraphics;
    const color = mark.parity ? OKABE_ITO.orange : OKABE_ITO.skyBlue;
    const whole = mark.state === "intact" || mark.state === "corrupt";
    drawShape(g, mark.parity ? "diamond" : "square", x, y, size, color, !whole);
    const symbol = stateSymbol(mark.state);
    const symbolColor = mark.state === "intact" ? "#7fe0b0" : mark.state === "corrupt" ? "#f0e442" : "#c9ced6";
    this.small.take(mark.label, x + size + 5, y, "#eef2f8");
    // The state symbol at the slot's right edge (a failed drive says FAILED there instead).
    if (!onFailedDrive) this.bold.take(symbol, right, y, symbolColor, 1);
  }

  private drawCenter(state: GameStateView): void {
    const c = this.center;
    const s = state.summary;
    const storageClass = s.get("storageClass") ?? "";
    const objects = Number(s.get("objects") ?? 0);
    const degraded = Number(s.get("objectsDegraded") ?? 0);
    const unreadable = Number(s.get("objectsUnreadable") ?? 0);
    const lost = Number(s.get("objectsLost") ?? 0);
    const setSize = Number(s.get("setSize") ?? 0);
    const parity = Number(/EC:(\d+)/.exec(storageClass)?.[1] ?? NaN);
    const split = setSize > 0 && Number.isFinite(parity) ? `${setSize - parity} data + ${parity} parity` : "";
    const status = state.phase === "lobby" ? "waiting for the host to start" : state.paused ? "paused" : "";
    const trouble = [degraded > 0 ? `⚠ ${degraded} degraded` : "", unreadable > 0 ? `✗ ${unreadable} unreadable` : "", lost > 0 ? `✗ ${lost} lost` : ""].filter(Boolean);
    const lines = [storageClass ? `STANDARD ${storageClass}` : "erasure set", [split, `${objects} object${objects === 1 ? "" : "s"}`].filter(Boolean).join(" · "), trouble.join(" · ") || status || "every shard intact"];
    lines.forEach((line, i) => this.centerLines[i].setText(line));
    paintText(this.centerLines[2], lost > 0 || unreadable > 0 ? "#ff8a4c" : degraded > 0 ? "#f0e442" : "#a3afc2");
    const gap = 4;
    const height = this.centerLines.reduce((sum, t) => sum + t.height, 0) + gap * 2 + 20;
    const width = Math.max(200, ...this.centerLines.map((t) => t.width + 24));
    const top = c.y - height / 2;
    let y = top + 10;
    for (const t of this.centerLines) {
      t.setPosition(c.x, y);
      y += t.height + gap;
    }
    const g = this.rackGraphics;
    g.fillStyle(INK.background, 0.94);
    g.fillRoundedRect(c.x - width / 2, top, width, height, 12);
    if (trouble.length > 0) {
      g.lineStyle(2, lost > 0 || unreadable > 0 ? OKABE_ITO.vermillion : OKABE_ITO.yellow, 0.85);
      g.strokeRoundedRect(c.x - width / 2, top, width, height, 12);
    }
  }

  private describe(state: GameStateView, nodes: readonly NodeView[], key: string, marks: Map<string, ShardMark>): Record<string, string> {
    const failed: string[] = [];
    let drives = 0;
    for (const n of nodes) {
      for (const d of parseDrives(n.drives)) {
        drives += 1;
        if (d.state !== "ok") failed.push(`${n.id}/d${d.number}`);
      }
    }
    return {
      picture: "drive-rack",
      racks: nodes.map((n) => n.id).join(","),
      drives: String(drives),
      failedDrives: failed.join(","),
      downServers: nodes.filter((n) => !n.up).map((n) => n.id).join(","),
      healQueue: nodes.filter((n) => (n.badges.get("heal") ?? 0) > 0).map((n) => `${n.id}:${n.badges.get("heal")}`).join(","),
      storageClass: state.summary.get("storageClass") ?? "",
      pickedKey: key,
      shards: [...marks].map(([drive, m]) => `${drive}=${m.label}:${m.state}`).join(","),
      rebuilt: this.rebuilt.join(","),
      pools: [...new Set(nodes.map((n) => n.pool))].filter((p) => p > 0).sort((a, b) => a - b).map((p) => `${p}:${nodes.filter((n) => n.pool === p).map((n) => n.id).join(" ")}`).join(","),
    };
  }
}

function slotHeight(drives: number): number {
  return Math.min(SLOT_MAX, Math.floor(MAX_SLOTS_HEIGHT / drives));
}
