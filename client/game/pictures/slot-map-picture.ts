// The slot-map picture (Redis Cluster): the 16384 hash slots as a strip of four rows (4096 slots each), every range
// filled with the colour AND texture of the master that serves it and labelled with its name and bounds; a slot
// being migrated is cross-hatched in its target's colour and flagged "→ n4"; slots no running master serves are
// dark, crossed in red and labelled UNCOVERED. Below the strip the masters stand in a row, each with its replicas
// under it (linked, the replication lag on the link, dashed while it lags), PFAIL / FAIL / DOWN / CLUSTERDOWN
// written on the node. A running reshard is an arrow from source to target master along which a slot marker
// travels (with reduced motion: the arrow alone). The latest MOVED or ASK redirection is drawn as the client's two
// hops: to the node that redirected it (marked with the answer), then to the node that served it. The nodes'
// messages (gossip, replication, client commands, migration) fly between them. Everything drawn comes from the
// room's state; nothing is decided here.

import type Phaser from "phaser";
import { type GameStateView, listValues, type NodeView } from "../../net/state";
import { LinkLayer } from "../draw/link-layer";
import { MessageLayer } from "../draw/message-layer";
import { identities, type NodeIdentity } from "../draw/node-identity";
import { INK, OKABE_ITO } from "../draw/palette";
import type { Point } from "../draw/ring-layout";
import { dashedLine, drawCross } from "../draw/shapes";
import { failureFlags, type Hop, hopText, lastHop, parseReshard, parseSlotMoves, parseSlotRanges, rangeSize, type ReshardNews, SLOT_COUNT, type SlotModel, slotModel } from "../draw/slot-map";
import { bowArrow, bowPoint, hatchRect, textureRect } from "../draw/slot-shapes";
import { TextPool } from "../draw/text-pool";
import { HEIGHT, WIDTH } from "../stage";
import type { Picture, PictureFrame } from "./picture";

const FONT = "system-ui, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif";
const ROWS = 4;
const PER_ROW = SLOT_COUNT / ROWS;
const STRIP_X = 62;
const STRIP_W = WIDTH - STRIP_X - 18;
const STRIP_Y = 46;
const ROW_H = 30;
const ROW_PITCH = 44;
const STRIP_BOTTOM = STRIP_Y + (ROWS - 1) * ROW_PITCH + ROW_H;
const MASTER_Y = 332;
const MASTER_W = 134;
const MASTER_H = 66;
const REPLICA_Y = 468;
const REPLICA_W = 112;
const REPLICA_H = 50;
const REPLICA_PITCH = 60;
/** Messages leave from and land about this far from a node's centre. */
const NODE_RIM = 30;
/** How long a redirection stays drawn after it is first seen (real time), and how long one hop of it takes. */
const HOP_SHOW_MS = 4000;
const HOP_STEP_MS = 700;
/** One trip of the migrating-slot marker from source to target (real time). */
const MIGRATE_TRIP_MS = 1400;
const UNCOVERED_FILL = 0x2a1a14;
/** How long a finished reshard's arrow stays drawn (real time), so a fast one is seen at all. */
const RESHARD_AFTER_MS = 3500;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export class SlotMapPicture implements Picture {
  /** The strip: drawn into `stripImage` when it changes, never shown itself. */
  private readonly stripGraphics: Phaser.GameObjects.Graphics;
  /** The strip as a picture: a few hundred hatch lines drawn once, not every frame. */
  private readonly stripImage: Phaser.GameObjects.RenderTexture;
  private readonly linkGraphics: Phaser.GameObjects.Graphics;
  private readonly messageGraphics: Phaser.GameObjects.Graphics;
  private readonly nodeGraphics: Phaser.GameObjects.Graphics;
  private readonly overGraphics: Phaser.GameObjects.Graphics;
  private readonly hopGraphics: Phaser.GameObjects.Graphics;
  private readonly links: LinkLayer;
  private readonly messages: MessageLayer;
  /** Labels on the strip (redrawn with it), node texts, tags (PFAIL, MOVED ...), the header. */
  private readonly stripTexts: TextPool;
  private readonly small: TextPool;
  private readonly bold: TextPool;
  /** Word tags (PFAIL, MOVED, → n4, ...), one pool per background colour: a text's background is set once. */
  private readonly tags = new Map<string, TextPool>();
  private readonly header: TextPool;
  private boxes = new Map<string, Box>();
  private positions = new Map<string, Point>();
  private looks = new Map<string, NodeIdentity>();
  private model: SlotModel | null = null;
  private stripKey = "";
  private hop: { hop: Hop; seenAt: number; key: string } | null = null;
  /** Reshards the feed told of, by "from>to", with when their news was seen (real time). */
  private reshards = new Map<string, ReshardNews & { at: number }>();
  private feedSeen = new Set<string>();
  private lastFacts: Record<string, string> = { picture: "slot-map" };

  constructor(
    private readonly scene: Phaser.Scene,
    system: string,
  ) {
    this.stripGraphics = scene.add.graphics().setVisible(false);
    this.stripImage = scene.add.renderTexture(0, 0, WIDTH, STRIP_BOTTOM + 30).setOrigin(0, 0).setDepth(0);
    this.linkGraphics = scene.add.graphics().setDepth(0);
    this.messageGraphics = scene.add.graphics().setDepth(1);
    this.nodeGraphics = scene.add.graphics().setDepth(2);
    this.overGraphics = scene.add.graphics().setDepth(4);
    this.hopGraphics = scene.add.graphics().setDepth(3);
    // Only unusual links (cut, slow, lossy): the cluster bus is all-to-all, and a faint mesh would hide the replica links.
    this.links = new LinkLayer(scene, { mesh: false, nodeRadius: NODE_RIM, labelCuts: true });
    this.messages = new MessageLayer(scene, NODE_RIM, system);
    this.stripTexts = new TextPool(scene, { fontFamily: FONT, fontSize: "11px", color: "#eef2f8", backgroundColor: "#0f1521", padding: { x: 3, y: 1 } }, 1);
    this.small = new TextPool(scene, { fontFamily: FONT, fontSize: "12px", color: "#c9d3e3" }, 3);
    this.bold = new TextPool(scene, { fontFamily: FONT, fontSize: "14px", color: "#eef2f8", fontStyle: "bold" }, 3);
    this.header = new TextPool(scene, { fontFamily: FONT, fontSize: "13px", color: "#c9d3e3" }, 3);
  }

  draw(frame: PictureFrame): number {
    const { state, ids } = frame;
    const nodes = ids.map((id) => state.nodes.get(id)).filter((n): n is NodeView => n !== undefined);
    this.looks = identities(ids);
    for (const pool of this.framePools()) pool.begin();
    this.linkGraphics.clear();
    this.messageGraphics.clear();
    this.nodeGraphics.clear();
    this.overGraphics.clear();
    this.hopGraphics.clear();

    this.drawStripIfChanged(state, nodes);
    const model = this.model;
    this.layout(nodes);
    this.links.draw(this.linkGraphics, ids, this.positions, listValues(state.links), { x: WIDTH / 2, y: (MASTER_Y + REPLICA_Y) / 2 });
    let flying = 0;
    if (frame.reducedMotion) this.messages.drawStatic(this.messageGraphics, frame.flights, this.positions);
    else flying = this.messages.drawFlying(this.messageGraphics, frame.flights, this.positions);

    const flags = failureFlags(state);
    for (const n of nodes) this.drawReplicaLink(n);
    for (const n of nodes) this.drawNode(n, frame.picked.indexOf(n.id) >= 0, flags.get(n.id), model);
    this.drawHeader(state, model);
    this.readReshards(state);
    if (model) this.drawMigrations(model, frame.reducedMotion);
    this.drawHop(state, frame.reducedMotion);
    for (const pool of this.framePools()) pool.end();
    this.lastFacts = this.describe(state, nodes, model, flags);
    return flying;
  }

  nodeAt(x: number, y: number): string | null {
    for (const [id, b] of this.boxes) if (x >= b.x - 4 && x <= b.x + b.width + 4 && y >= b.y - 4 && y <= b.y + b.height + 4) return id;
    // A click on the strip picks the master that serves the slot under it.
    const slot = this.slotAt(x, y);
    if (slot === null || !this.model) return null;
    const run = this.model.runs.find((r) => r.lo <= slot && slot <= r.hi);
    return run?.owner || null;
  }

  facts(): Record<string, string> {
    return this.lastFacts;
  }

  destroy(): void {
    this.links.destroy();
    this.messages.destroy();
    for (const pool of [...this.framePools(), this.stripTexts]) pool.destroy();
    for (const o of [this.stripGraphics, this.stripImage, this.linkGraphics, this.messageGraphics, this.nodeGraphics, this.overGraphics, this.hopGraphics]) o.destroy();
  }

  // ------------------------------------------------------------------------------------------------------------

  private framePools(): TextPool[] {
    return [this.small, this.bold, this.header, ...this.tags.values()];
  }

  /** A word on a coloured tag (dark text on the colour). */
  private tag(text: string, x: number, y: number, bg: string, originX: number, originY: number): Phaser.GameObjects.Text {
    let pool = this.tags.get(bg);
    if (!pool) {
      pool = new TextPool(this.scene, { fontFamily: FONT, fontSize: "11px", color: "#0f1521", fontStyle: "bold", backgroundColor: bg, padding: { x: 4, y: 1 } }, 5);
      pool.begin();
      this.tags.set(bg, pool);
    }
    return pool.take(text, x, y, "#0f1521", originX, originY);
  }

  private slotAt(x: number, y: number): number | null {
    if (x < STRIP_X || x > STRIP_X + STRIP_W) return null;
    for (let row = 0; row < ROWS; row++) {
      const top = STRIP_Y + row * ROW_PITCH;
      if (y >= top && y <= top + ROW_H) return Math.min(SLOT_COUNT - 1, row * PER_ROW + Math.floor(((x - STRIP_X) / STRIP_W) * PER_ROW));
    }
    return null;
  }

  /** Where slot `s` starts on the strip, and its row. */
  private slotX(s: number): { x: number; row: number } {
    const row = Math.floor(s / PER_ROW);
    return { x: STRIP_X + ((s - row * PER_ROW) / PER_ROW) * STRIP_W, row };
  }

  /** Masters in a row; each master's replicas in a column under it; replicas of an unknown master at the end. */
  private layout(nodes: readonly NodeView[]): void {
    this.boxes = new Map();
    this.positions = new Map();
    const masters = nodes.filter((n) => !n.replicaOf);
    const orphans = nodes.filter((n) => n.replicaOf && !masters.some((m) => m.id === n.replicaOf));
    const columns = masters.length + (orphans.length > 0 ? 1 : 0);
    const pitch = Math.min(170, (WIDTH - 40) / Math.max(columns, 1));
    const left = WIDTH / 2 - (pitch * (columns - 1)) / 2;
    const place = (id: string, x: number, y: number, w: number, h: number) => {
      this.positions.set(id, { x, y });
      this.boxes.set(id, { x: x - w / 2, y: y - h / 2, width: w, height: h });
    };
    const mw = Math.min(MASTER_W, pitch - 12);
    // Without replicas the masters sit lower, in the middle of the space under the strip.
    const masterY = nodes.some((n) => n.replicaOf) ? MASTER_Y : MASTER_Y + 40;
    const rw = Math.min(REPLICA_W, pitch - 16);
    masters.forEach((m, i) => {
      const x = left + i * pitch;
      place(m.id, x, masterY, mw, MASTER_H);
      nodes
        .filter((n) => n.replicaOf === m.id)
        .forEach((r, j) => {
          place(r.id, x, REPLICA_Y + j * REPLICA_PITCH, rw, REPLICA_H);
        });
    });
    orphans.forEach((r, j) => {
      place(r.id, left + masters.length * pitch, REPLICA_Y + j * REPLICA_PITCH, rw, REPLICA_H);
    });
  }

  /** The strip changes only when ownership, migration or a master's liveness changes: draw it then, into a texture. */
  private drawStripIfChanged(state: GameStateView, nodes: readonly NodeView[]): void {
    const key = nodes.map((n) => `${n.id}|${n.up}|${n.slots}|${n.migrating}|${n.replicaOf}|${n.stats.get("configEpoch") ?? 0}`).join(";");
    if (key === this.stripKey && this.model) return;
    this.stripKey = key;
    const model = slotModel(state);
    this.model = model;
    const g = this.stripGraphics;
    g.clear();
    this.stripTexts.begin();
    for (let row = 0; row < ROWS; row++) {
      const top = STRIP_Y + row * ROW_PITCH;
      g.fillStyle(INK.panel, 1);
      g.fillRect(STRIP_X, top, STRIP_W, ROW_H);
      this.stripTexts.take(String(row * PER_ROW), STRIP_X - 6, top + ROW_H / 2, "#a3afc2", 1);
    }
    this.stripTexts.take(String(SLOT_COUNT - 1), STRIP_X + STRIP_W, STRIP_BOTTOM + 10, "#a3afc2", 1);
    // Owner ranges (a range split only by a migrating slot is still one range for its label).
    const labelled: { owner: string; uncovered: boolean; lo: number; hi: number }[] = [];
    for (const run of model.runs) {
      this.fillRun(g, run.lo, run.hi, run.owner, run.uncovered);
      const last = labelled[labelled.length - 1];
      if (last && last.owner === run.owner && last.uncovered === run.uncovered && last.hi === run.lo - 1) last.hi = run.hi;
      else labelled.push({ owner: run.owner, uncovered: run.uncovered, lo: run.lo, hi: run.hi });
    }
    // Row separators between ranges, and each range's label in every row piece wide enough to hold it.
    for (const r of labelled) this.labelRange(g, r, state);
    // Migrating slots last, over the range edges (a slot at a range's edge is the usual case).
    for (const run of model.runs) if (run.migratingTo) this.markMigrating(g, run.lo, run.hi, run.migratingTo);
    this.stripTexts.end();
    this.stripImage.clear();
    this.stripImage.draw(g, 0, 0);
    this.stripImage.render();
  }

  /** Slots lo..hi, split over the rows they span. */
  private pieces(lo: number, hi: number): { x: number; y: number; w: number; lo: number; hi: number }[] {
    const out: { x: number; y: number; w: number; lo: number; hi: number }[] = [];
    let s = lo;
    while (s <= hi) {
      const row = Math.floor(s / PER_ROW);
      const end = Math.min(hi, (row + 1) * PER_ROW - 1);
      const a = this.slotX(s).x;
      const b = STRIP_X + ((end + 1 - row * PER_ROW) / PER_ROW) * STRIP_W;
      out.push({ x: a, y: STRIP_Y + row * ROW_PITCH, w: b - a, lo: s, hi: end });
      s = end + 1;
    }
    return out;
  }

  private fillRun(g: Phaser.GameObjects.Graphics, lo: number, hi: number, owner: string, uncovered: boolean): void {
    const look = this.looks.get(owner);
    for (const p of this.pieces(lo, hi)) {
      if (uncovered) {
        g.fillStyle(UNCOVERED_FILL, 1);
        g.fillRect(p.x, p.y, p.w, ROW_H);
        g.lineStyle(1.5, OKABE_ITO.vermillion, 0.9);
        hatchRect(g, p.x, p.y, p.w, ROW_H, 9, true);
        hatchRect(g, p.x, p.y, p.w, ROW_H, 9, false);
        // An uncovered range served by a master that is down keeps a strip of its master's colour at the bottom.
        if (look) {
          g.fillStyle(look.color, 0.7);
          g.fillRect(p.x, p.y + ROW_H - 4, p.w, 4);
        }
      } else if (look) {
        g.fillStyle(look.color, 1);
        g.fillRect(p.x, p.y, p.w, ROW_H);
        textureRect(g, p.x, p.y, p.w, ROW_H, look.texture, INK.background, 0.55);
      }
    }
  }

  /** A migrating slot: cross-hatched in its target's colour, outlined, at least 5 px wide, a pointer above it. */
  private markMigrating(g: Phaser.GameObjects.Graphics, lo: number, hi: number, to: string): void {
    const look = this.looks.get(to);
    for (const p of this.pieces(lo, hi)) {
      const w = Math.max(p.w, 5);
      const cx = p.x + p.w / 2;
      g.fillStyle(look?.color ?? OKABE_ITO.grey, 1);
      g.fillTriangle(cx - 6, p.y - 13, cx + 6, p.y - 13, cx, p.y - 5);
      g.lineStyle(1.5, INK.selection, 1);
      g.strokeTriangle(cx - 6, p.y - 13, cx + 6, p.y - 13, cx, p.y - 5);
      const x = p.x + p.w / 2 - w / 2;
      g.fillStyle(look?.color ?? OKABE_ITO.grey, 1);
      g.fillRect(x, p.y - 3, w, ROW_H + 6);
      g.lineStyle(1.5, INK.background, 0.9);
      hatchRect(g, x, p.y - 3, w, ROW_H + 6, 4, false);
      g.lineStyle(1.5, INK.selection, 1);
      g.strokeRect(x - 1, p.y - 4, w + 2, ROW_H + 8);
    }
  }

  private labelRange(g: Phaser.GameObjects.Graphics, r: { owner: string; uncovered: boolean; lo: number; hi: number }, state: GameStateView): void {
    const down = r.owner !== "" && state.nodes.get(r.owner)?.up === false;
    const name = r.uncovered ? (r.owner ? `${r.owner} DOWN · uncovered` : "UNCOVERED") : r.owner;
    const bounds = r.lo === r.hi ? `${r.lo}` : `${r.lo}–${r.hi}`;
    const pieces = this.pieces(r.lo, r.hi);
    const widest = pieces.reduce((a, b) => (b.w > a.w ? b : a), pieces[0]);
    for (const p of pieces) {
      // The range's edges, in the background colour, so two ranges never blend.
      g.lineStyle(2, INK.background, 1);
      g.lineBetween(p.x, p.y, p.x, p.y + ROW_H);
      const full = p === widest ? `${name} ${bounds}` : name;
      const color = r.uncovered ? "#ff8a4c" : down ? "#c9ced6" : "#eef2f8";
      const text = p.w > full.length * 6.4 + 12 ? full : p.w > name.length * 7 + 10 ? name : "";
      if (text) this.stripTexts.take(text, p.x + p.w / 2, p.y + ROW_H / 2, color, 0.5);
    }
  }

  private drawHeader(state: GameStateView, model: SlotModel | null): void {
    const s = state.summary;
    const clusterState = s.get("clusterState") ?? "";
    const ok = clusterState === "ok";
    const serving = model ? [...model.served.values()].filter((n) => n > 0).length : 0;
    const uncovered = model?.uncovered ?? 0;
    const moving = model ? model.migrations.reduce((sum, m) => sum + m.slots.length, 0) : 0;
    this.header.take(`16384 hash slots · ${serving} master${serving === 1 ? "" : "s"} serve them`, STRIP_X, 22, "#eef2f8");
    const parts = [uncovered > 0 ? `✕ ${uncovered} uncovered` : "", moving > 0 ? `▨ ${moving} migrating` : ""].filter(Boolean);
    const stateText = clusterState ? `cluster state ${ok ? "ok ✓" : `${clusterState.toUpperCase()} ✕`}` : "";
    const right = [...parts, stateText].filter(Boolean).join("  ·  ");
    if (right) this.header.take(right, STRIP_X + STRIP_W, 22, ok && uncovered === 0 ? "#7fe0b0" : "#ff8a4c", 1);
    // The strip's key: what the marks mean, in words.
    const y = STRIP_BOTTOM + 12;
    const g = this.nodeGraphics;
    g.fillStyle(OKABE_ITO.grey, 1);
    g.fillRect(STRIP_X, y - 6, 12, 12);
    g.lineStyle(1.5, INK.background, 1);
    hatchRect(g, STRIP_X, y - 6, 12, 12, 4, false);
    this.small.take("migrating slot (target's colour)", STRIP_X + 18, y, "#a3afc2");
    g.fillStyle(UNCOVERED_FILL, 1);
    g.fillRect(STRIP_X + 230, y - 6, 12, 12);
    g.lineStyle(1.2, OKABE_ITO.vermillion, 1);
    hatchRect(g, STRIP_X + 230, y - 6, 12, 12, 5, true);
    hatchRect(g, STRIP_X + 230, y - 6, 12, 12, 5, false);
    this.small.take("uncovered: no running master", STRIP_X + 248, y, "#a3afc2");
  }

  private drawReplicaLink(n: NodeView): void {
    if (!n.replicaOf) return;
    const a = this.boxes.get(n.id);
    const m = this.boxes.get(n.replicaOf);
    if (!a || !m) return;
    const g = this.linkGraphics;
    const x = a.x + a.width / 2;
    const from = { x, y: a.y };
    const to = { x: m.x + m.width / 2, y: m.y + m.height };
    const lagging = n.replLag > 0 || !n.up;
    g.lineStyle(2.5, lagging ? OKABE_ITO.yellow : 0x8fa3bf, n.up ? 0.9 : 0.5);
    if (lagging) dashedLine(g, from, to, 6, 4);
    else g.lineBetween(from.x, from.y, to.x, to.y);
    const mid = { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 };
    this.small.take(n.up ? (n.replLag > 0 ? `lag ${n.replLag}` : "in sync") : "", mid.x + 6, mid.y, n.replLag > 0 ? "#f0e442" : "#a3afc2");
  }

  private drawNode(n: NodeView, picked: boolean, flag: "pfail" | "fail" | undefined, model: SlotModel | null): void {
    const b = this.boxes.get(n.id);
    if (!b) return;
    const g = this.nodeGraphics;
    const master = !n.replicaOf;
    const look = this.looks.get(master ? n.id : n.replicaOf);
    g.fillStyle(n.up ? INK.nodeFill : INK.nodeFillDown, 1);
    g.fillRoundedRect(b.x, b.y, b.width, b.height, 8);
    // A master carries its slots' colour and texture as a band on top; a replica a thinner band of its master's.
    const band = master ? 12 : 6;
    if (look) {
      g.fillStyle(look.color, n.up ? 1 : 0.45);
      g.fillRect(b.x + 6, b.y + 5, b.width - 12, band);
      textureRect(g, b.x + 6, b.y + 5, b.width - 12, band, look.texture, INK.background, 0.55);
    }
    if (n.up) {
      g.lineStyle(2, flag === "fail" ? OKABE_ITO.vermillion : flag === "pfail" ? OKABE_ITO.yellow : 0x8fa3bf, 1);
      g.strokeRoundedRect(b.x, b.y, b.width, b.height, 8);
    } else {
      g.lineStyle(2, OKABE_ITO.grey, 0.9);
      const c = [
        { x: b.x, y: b.y },
        { x: b.x + b.width, y: b.y },
        { x: b.x + b.width, y: b.y + b.height },
        { x: b.x, y: b.y + b.height },
      ];
      for (let i = 0; i < 4; i++) dashedLine(g, c[i], c[(i + 1) % 4], 6, 4);
      drawCross(g, b.x + b.width - 16, b.y + b.height - 14, 7, OKABE_ITO.grey, 2);
    }
    if (picked) {
      g.lineStyle(3, INK.selection, 1);
      g.strokeRoundedRect(b.x - 5, b.y - 5, b.width + 10, b.height + 10, 11);
    }
    const top = b.y + band + 7;
    this.bold.take(n.id, b.x + 8, top + 8, n.up ? "#eef2f8" : "#c9ced6");
    if (n.player) this.small.take("●", b.x + b.width - 8, top + 8, "#f0e442", 1);
    const served = master ? (model?.served.get(n.id) ?? rangeSize(parseSlotRanges(n.slots))) : 0;
    const role = master ? `master · ${served} slot${served === 1 ? "" : "s"}` : `replica of ${n.replicaOf}`;
    this.small.take(n.up ? role : master ? "master · DOWN" : "replica · DOWN", b.x + 8, top + 25, n.up ? "#c9d3e3" : "#8a9099");
    // What is wrong, in a word: DOWN, FAIL, PFAIL, CLUSTERDOWN; what is moving: → n4, ← n1.
    const words: { text: string; bg: string }[] = [];
    if (!n.up) words.push({ text: "DOWN", bg: "#bbbbbb" });
    else if (flag === "fail") words.push({ text: "FAIL", bg: "#ff8a4c" });
    else if (flag === "pfail") words.push({ text: "PFAIL?", bg: "#f0e442" });
    if (n.up && (n.badges.get("clusterdown") ?? 0) > 0) words.push({ text: "CLUSTERDOWN", bg: "#ff8a4c" });
    const out = new Set(parseSlotMoves(n.migrating).map((m) => m.node));
    const into = new Set(parseSlotMoves(n.importing).map((m) => m.node));
    if (n.up) for (const to of out) words.push({ text: `→ ${to}`, bg: "#cc79a7" });
    if (n.up) for (const from of into) words.push({ text: `← ${from}`, bg: "#cc79a7" });
    let x = b.x + 2;
    for (const w of words.slice(0, 3)) {
      const t = this.tag(w.text, x, b.y + b.height + 3, w.bg, 0, 0);
      x += t.width + 4;
    }
  }

  /** Reshards started, done or stopped, as the feed tells them; remembered here, as the feed only keeps its tail. */
  private readReshards(state: GameStateView): void {
    const now = this.scene.time.now;
    for (const entry of listValues(state.feed)) {
      if (entry.kind !== "reshard") continue;
      const key = `${entry.t}|${entry.text}`;
      if (this.feedSeen.has(key)) continue;
      this.feedSeen.add(key);
      const news = parseReshard(entry);
      if (news) this.reshards.set(`${news.from}>${news.to}`, { ...news, at: now });
    }
  }

  /**
   * Each reshard: an arrow from source to target master over the row, a slot marker travelling along it while it
   * runs (a still arrow with reduced motion), the slot being moved named while it is MIGRATING. A finished one
   * stays a moment, saying how many slots it moved.
   */
  private drawMigrations(model: SlotModel, reducedMotion: boolean): void {
    const g = this.overGraphics;
    const now = this.scene.time.now;
    const jobs = new Map<string, { from: string; to: string; state: string; slots: number; moving: number[] }>();
    for (const [key, r] of this.reshards) {
      if (r.state === "running" || now - r.at < RESHARD_AFTER_MS) jobs.set(key, { from: r.from, to: r.to, state: r.state, slots: r.slots, moving: [] });
    }
    for (const m of model.migrations) {
      const key = `${m.from}>${m.to}`;
      const job = jobs.get(key) ?? { from: m.from, to: m.to, state: "running", slots: 0, moving: [] };
      job.moving = m.slots;
      jobs.set(key, job);
    }
    [...jobs.values()].forEach((m, i) => {
      const a = this.boxes.get(m.from);
      const b = this.boxes.get(m.to);
      if (!a || !b) return;
      const from = { x: a.x + a.width / 2, y: a.y - 2 };
      const to = { x: b.x + b.width / 2, y: b.y - 2 };
      const bow = (to.x > from.x ? 1 : -1) * (30 + 12 * i);
      const running = m.state === "running";
      const color = running ? OKABE_ITO.reddishPurple : m.state === "done" ? OKABE_ITO.bluishGreen : OKABE_ITO.vermillion;
      bowArrow(g, from, to, bow, color, 2.5, !running);
      const top = bowPoint(from, to, bow, 0.5);
      const what =
        m.state === "done"
          ? `✓ moved ${m.slots} slots ${m.from} → ${m.to}`
          : m.state === "stopped"
            ? `✕ reshard ${m.from} → ${m.to} stopped after ${m.slots}`
            : `resharding ${m.slots > 0 ? `${m.slots} slots ` : ""}${m.from} → ${m.to}${m.moving.length === 1 ? ` · slot ${m.moving[0]}` : ""}`;
      this.tag(what, top.x, top.y - 4, running ? "#cc79a7" : m.state === "done" ? "#7fe0b0" : "#ff8a4c", 0.5, 1);
      if (reducedMotion || !running) return;
      const t = (now % MIGRATE_TRIP_MS) / MIGRATE_TRIP_MS;
      const p = bowPoint(from, to, bow, t);
      const look = this.looks.get(m.from);
      g.fillStyle(look?.color ?? OKABE_ITO.grey, 1);
      g.fillRect(p.x - 6, p.y - 6, 12, 12);
      g.lineStyle(1.5, INK.background, 1);
      hatchRect(g, p.x - 6, p.y - 6, 12, 12, 4, false);
      g.lineStyle(1.5, INK.selection, 1);
      g.strokeRect(p.x - 6, p.y - 6, 12, 12);
    });
  }

  /**
   * The latest redirection: the client (at the node whose client library carried the request) sends to the node
   * its slot map names, which answers MOVED or ASK; the client then sends to the node the answer names.
   */
  private drawHop(state: GameStateView, reducedMotion: boolean): void {
    const hop = lastHop(state);
    const now = this.scene.time.now;
    const key = hop ? `${hop.t}|${hopText(hop)}|${hop.key}` : "";
    if (hop && this.hop?.key !== key) this.hop = { hop, seenAt: now, key };
    const shown = this.hop;
    if (!shown) return;
    const age = now - shown.seenAt;
    if (age > HOP_SHOW_MS) return;
    const h = shown.hop;
    const client = this.boxes.get(h.client);
    const wrongBox = this.boxes.get(h.wrong);
    const rightBox = this.boxes.get(h.right);
    if (!client || !wrongBox || !rightBox) return;
    const g = this.hopGraphics;
    // The client sits below the node it is connected to; its two requests run in the lane under the nodes,
    // bowed downwards, and land on the bottom edge of each node.
    const c = { x: client.x + 4, y: Math.min(HEIGHT - 24, client.y + client.height + 36) };
    const bottom = (b: Box, other: Point) => ({ x: Math.max(b.x + 14, Math.min(b.x + b.width - 14, other.x + (b.x + b.width / 2 - other.x) * 0.85)), y: b.y + b.height + 2 });
    const w = bottom(wrongBox, c);
    const r = bottom(rightBox, c);
    const bowTo = (p: Point) => {
      const d = Math.abs(p.x - c.x);
      return d < 40 ? 0 : (p.x > c.x ? -1 : 1) * Math.min(46, d * 0.18);
    };
    const moved = h.kind === "MOVED";
    const color = moved ? OKABE_ITO.vermillion : OKABE_ITO.yellow;
    const fade = age > HOP_SHOW_MS - 600 ? (HOP_SHOW_MS - age) / 600 : 1;
    g.setAlpha(fade);
    // 1: to the node the client's slot map names, which answers with the redirection (crossed).
    if (h.wrong !== h.client) bowArrow(g, c, w, bowTo(w), OKABE_ITO.grey, 2, true);
    drawCross(g, w.x, w.y + 8, 5, color, 3);
    this.tag(`${h.kind} ${h.slot} → ${h.right}`, w.x + 9, w.y + 8, moved ? "#ff8a4c" : "#f0e442", 0, 0.5).setAlpha(fade);
    // 2: to the node the answer names (with ASKING first, for ASK), which serves it.
    bowArrow(g, c, r, bowTo(r), color, 2.5, !moved);
    if (!reducedMotion) {
      // A request travelling the two hops, again and again while the hop is shown.
      const t = (age % (2 * HOP_STEP_MS)) / HOP_STEP_MS;
      const p = t < 1 ? bowPoint(c, w, bowTo(w), t) : bowPoint(c, r, bowTo(r), t - 1);
      g.fillStyle(OKABE_ITO.skyBlue, 1);
      g.fillCircle(p.x, p.y, 5);
    }
    g.fillStyle(INK.background, 1);
    g.fillRoundedRect(c.x - 30, c.y - 11, 60, 22, 6);
    g.lineStyle(2, OKABE_ITO.skyBlue, 1);
    g.strokeRoundedRect(c.x - 30, c.y - 11, 60, 22, 6);
    this.small.take("client", c.x, c.y, "#eef2f8", 0.5).setAlpha(fade);
    this.small.take(`${h.kind === "ASK" ? "ASKING + " : ""}${h.key}`, c.x, c.y + 20, "#c9d3e3", 0.5).setAlpha(fade);
  }

  private describe(state: GameStateView, nodes: readonly NodeView[], model: SlotModel | null, flags: Map<string, string>): Record<string, string> {
    const owners = new Map<string, string[]>();
    for (const r of model?.runs ?? []) {
      if (!r.owner || r.uncovered) continue;
      const list = owners.get(r.owner) ?? [];
      const last = list[list.length - 1];
      const m = last ? /^(\d+)(?:-(\d+))?$/.exec(last) : null;
      const lastHi = m ? Number(m[2] ?? m[1]) : -2;
      if (m && lastHi === r.lo - 1) list[list.length - 1] = `${m[1]}-${r.hi}`;
      else list.push(r.lo === r.hi ? `${r.lo}` : `${r.lo}-${r.hi}`);
      owners.set(r.owner, list);
    }
    const hop = this.hop?.hop ?? null;
    return {
      picture: "slot-map",
      masters: nodes.filter((n) => !n.replicaOf).map((n) => n.id).join(","),
      owners: [...owners].map(([id, list]) => `${id}:${list.join(" ")}`).join(","),
      served: [...(model?.served ?? [])].map(([id, n]) => `${id}:${n}`).join(","),
      migrating: (model?.migrations ?? []).flatMap((m) => m.slots.map((s) => `${m.from}>${m.to}:${s}`)).join(","),
      uncovered: String(model?.uncovered ?? 0),
      replicas: nodes.filter((n) => n.replicaOf).map((n) => `${n.id}>${n.replicaOf}`).join(","),
      flagged: [...flags].map(([id, f]) => `${id}:${f}`).join(","),
      down: nodes.filter((n) => !n.up).map((n) => n.id).join(","),
      clusterState: state.summary.get("clusterState") ?? "",
      lastHop: hopText(hop),
      reshards: [...this.reshards.values()].map((r) => `${r.from}>${r.to}:${r.slots}:${r.state}`).join(","),
    };
  }
}
