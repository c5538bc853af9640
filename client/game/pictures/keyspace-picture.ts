// The keyspace picture (CockroachDB): the sorted keyspace as a bar cut into ranges, each filled with the colour AND
// texture of the node holding its lease (the node that serves it) and named r1, r2, ...; under each range its span,
// its replicas as small node discs with the leaseholder's key and the Raft leader's crown (two different nodes when
// the lease and the leadership have drifted apart, which is worth seeing), the lease and leader in words, its
// intents and its pending transaction records. A range without a quorum of running replicas is crossed out; one
// whose leaseholder is down or stopped is hatched (its lease must expire before another node may take it). Below, the nodes
// grouped by region and zone, each with its clock drawn against true time and the ±500 ms maximum offset; a node
// that stopped itself over its clock wears a stop sign. The nodes' messages fly between them; cut and slow links are
// marked. Everything drawn comes from the room's state (keyspace-model.ts merges the stores' reports).

import type Phaser from "phaser";
import { type GameStateView, listValues, type NodeView } from "../../net/state";
import { drawClockGauge, GAUGE_H, GAUGE_MAX_W } from "../draw/keyspace-clock";
import { placeInRow, REGION_GAP, type RowPlacement } from "../draw/keyspace-layout";
import { drawKey, drawNodeDisc, drawStopSign } from "../draw/keyspace-marks";
import { beyondMaxOffset, compactSpan, isRunning, type KeyRange, keyspaceFacts, keyspaceRanges, MAX_OFFSET_MS, offsetText, runState } from "../draw/keyspace-model";
import { LinkLayer } from "../draw/link-layer";
import { MessageLayer } from "../draw/message-layer";
import { identities, type NodeIdentity } from "../draw/node-identity";
import { css, INK, OKABE_ITO } from "../draw/palette";
import type { Point } from "../draw/ring-layout";
import { drawCrown } from "../draw/shapes";
import { hatchRect, textureRect } from "../draw/slot-shapes";
import { TextPool } from "../draw/text-pool";
import { WIDTH } from "../stage";
import type { Picture, PictureFrame } from "./picture";

const FONT = "system-ui, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif";
const BAR_X = 16;
const BAR_W = WIDTH - 2 * BAR_X;
const BAR_Y = 44;
const BAR_H = 30;
const RANGE_GAP = 8;
const CARD_TOP = BAR_Y + BAR_H;
const CARD_H = 176;
/** The nodes' row: the bottom of its bowl, the widest gap between nodes, its widest extent. */
const ROW = { bottom: { x: WIDTH / 2, y: 450 }, maxPitch: 210, width: WIDTH - 76 };
const NODE_R = 21;
const COLLAR = 7;
const RIM = NODE_R + COLLAR;
const MARK_R = 14;
const MARK_COLLAR = 5;
/** The region band: tall enough to hold a node, its zone and its clock; its middle this far under the nodes. */
const BAND_H = 150;
const BAND_DROP = 34;
/** Chip lines a range card has room for. */
const CHIP_LINES = 3;

const CHIP = {
  intents: "#56b4e9",
  pending: "#e69f00",
  staging: "#f0e442",
  noQuorum: "#ff8a4c",
} as const;

interface Spot {
  id: string;
  at: Point;
  radius: number;
}

export class KeyspacePicture implements Picture {
  private readonly regionGraphics: Phaser.GameObjects.Graphics;
  private readonly barGraphics: Phaser.GameObjects.Graphics;
  private readonly linkGraphics: Phaser.GameObjects.Graphics;
  private readonly messageGraphics: Phaser.GameObjects.Graphics;
  private readonly nodeGraphics: Phaser.GameObjects.Graphics;
  private readonly links: LinkLayer;
  private readonly messages: MessageLayer;
  private readonly small: TextPool;
  private readonly words: TextPool;
  private readonly ids: TextPool;
  private readonly header: TextPool;
  private readonly regionNames: TextPool;
  /** Word tags (r1, txn … PENDING, NO QUORUM), one pool per background: a text's background is set once. */
  private readonly tags = new Map<string, TextPool>();
  private placement: RowPlacement | null = null;
  private spots: Spot[] = [];
  private looks = new Map<string, NodeIdentity>();
  /** The merged ranges, kept while no store's report (nor who runs) changes: the reports are JSON to parse. */
  private ranges: KeyRange[] = [];
  private rangesKey = "";
  private lastFacts: Record<string, string> = { picture: "keyspace" };

  /** The scene hands every picture the canvas centre; this one lays itself out on the whole canvas instead. */
  constructor(
    private readonly scene: Phaser.Scene,
    _center: Point,
  ) {
    this.regionGraphics = scene.add.graphics().setDepth(0);
    this.barGraphics = scene.add.graphics().setDepth(0);
    this.linkGraphics = scene.add.graphics().setDepth(0.5);
    this.messageGraphics = scene.add.graphics().setDepth(1);
    this.nodeGraphics = scene.add.graphics().setDepth(2);
    // Only unusual links (cut, slow, lossy): every node talks to every other, and a mesh would hide the messages.
    this.links = new LinkLayer(scene, { mesh: false, nodeRadius: RIM, labelCuts: true });
    this.messages = new MessageLayer(scene, RIM, "cockroach");
    this.small = new TextPool(scene, { fontFamily: FONT, fontSize: "13px", color: "#c9d3e3" }, 3);
    this.words = new TextPool(scene, { fontFamily: FONT, fontSize: "14px", color: "#c9d3e3", align: "center" }, 3);
    this.ids = new TextPool(scene, { fontFamily: FONT, fontSize: "16px", color: "#eef2f8", fontStyle: "bold" }, 3);
    this.header = new TextPool(scene, { fontFamily: FONT, fontSize: "15px", color: "#c9d3e3" }, 3);
    this.regionNames = new TextPool(scene, { fontFamily: FONT, fontSize: "13px", color: "#a3afc2", fontStyle: "bold", backgroundColor: "#0f1521", padding: { x: 4, y: 1 } }, 2);
  }

  draw(frame: PictureFrame): number {
    const { state, ids } = frame;
    const nodes = ids.map((id) => state.nodes.get(id)).filter((n): n is NodeView => n !== undefined);
    this.looks = identities(ids);
    const ranges = this.rangesOf(state, nodes);
    for (const pool of this.pools()) pool.begin();
    for (const g of [this.regionGraphics, this.barGraphics, this.linkGraphics, this.messageGraphics, this.nodeGraphics]) g.clear();
    this.spots = [];

    const placement = placeInRow(nodes, ROW);
    this.placement = placement;
    this.drawRegions(placement);
    this.links.draw(this.linkGraphics, ids, placement.positions, listValues(state.links), ROW.bottom);
    let flying = 0;
    if (frame.reducedMotion) this.messages.drawStatic(this.messageGraphics, frame.flights, placement.positions);
    else flying = this.messages.drawFlying(this.messageGraphics, frame.flights, placement.positions);

    const byId = new Map(nodes.map((n) => [n.id, n]));
    const width = ranges.length > 0 ? (BAR_W - RANGE_GAP * (ranges.length - 1)) / ranges.length : BAR_W;
    ranges.forEach((r, i) => {
      const x = BAR_X + i * (width + RANGE_GAP);
      this.drawSegment(r, x, width);
      this.drawCard(r, x, width, byId);
    });
    for (const n of nodes) this.drawNode(n, placement, frame.picked.indexOf(n.id));
    this.drawHeader(state, ranges);
    for (const pool of this.pools()) pool.end();
    this.lastFacts = keyspaceFacts(ranges, nodes);
    return flying;
  }

  nodeAt(x: number, y: number): string | null {
    for (const [id, p] of this.placement?.positions ?? []) if (Math.hypot(p.x - x, p.y - y) <= RIM + 6) return id;
    // A replica's disc on a range card picks its node too.
    for (const s of this.spots) if (Math.hypot(s.at.x - x, s.at.y - y) <= s.radius + 3) return s.id;
    return null;
  }

  facts(): Record<string, string> {
    return this.lastFacts;
  }

  destroy(): void {
    this.links.destroy();
    this.messages.destroy();
    for (const pool of this.pools()) pool.destroy();
    for (const g of [this.regionGraphics, this.barGraphics, this.linkGraphics, this.messageGraphics, this.nodeGraphics]) g.destroy();
  }

  // ------------------------------------------------------------------------------------------------------------

  private rangesOf(state: GameStateView, nodes: readonly NodeView[]): KeyRange[] {
    const key = nodes.map((n) => `${n.id}|${n.up}|${n.role}|${n.ranges}`).join(";");
    if (key !== this.rangesKey) {
      this.rangesKey = key;
      this.ranges = keyspaceRanges(state);
    }
    return this.ranges;
  }

  private pools(): TextPool[] {
    return [this.small, this.words, this.ids, this.header, this.regionNames, ...this.tags.values()];
  }

  /** A word on a coloured tag (dark text on the colour; light text on the background colour). */
  private tag(text: string, x: number, y: number, bg: string, originX = 0.5): Phaser.GameObjects.Text {
    const ink = bg === css(INK.background) ? "#eef2f8" : "#0f1521";
    let pool = this.tags.get(bg);
    if (!pool) {
      pool = new TextPool(this.scene, { fontFamily: FONT, fontSize: "12px", color: ink, fontStyle: "bold", backgroundColor: bg, padding: { x: 4, y: 1 } }, 4);
      pool.begin();
      this.tags.set(bg, pool);
    }
    return pool.take(text, x, y, ink, originX, 0.5);
  }

  /**
   * Each region: a faint band along the row behind its nodes and their clocks, and its name above it. The band is
   * narrower than the gap to the next region, so neighbouring regions never merge.
   */
  private drawRegions(placement: RowPlacement): void {
    const g = this.regionGraphics;
    const half = Math.min(RIM + 14, (placement.pitch * (1 + REGION_GAP)) / 2 - 6);
    g.fillStyle(0x162033, 1);
    for (const group of placement.groups) {
      const ellipse = (x: number) => g.fillEllipse(x, placement.yAt(x) + BAND_DROP, half * 2, BAND_H);
      for (let x = group.left; x < group.right; x += 4) ellipse(x);
      ellipse(group.right);
      this.regionNames.take(group.region.toUpperCase(), group.label.x, group.label.y - RIM - 24, "#a3afc2", 0.5, 0.5);
    }
  }

  /** The range's piece of the bar: its leaseholder's look, or hatched when nobody can serve it. */
  private drawSegment(r: KeyRange, x: number, w: number): void {
    const g = this.barGraphics;
    const look = r.leaseholder ? this.looks.get(r.leaseholder) : undefined;
    if (r.unavailable) {
      g.fillStyle(0x2a1a14, 1);
      g.fillRect(x, BAR_Y, w, BAR_H);
      g.lineStyle(1.5, OKABE_ITO.vermillion, 0.9);
      hatchRect(g, x, BAR_Y, w, BAR_H, 9, true);
      hatchRect(g, x, BAR_Y, w, BAR_H, 9, false);
    } else if (!look || r.stranded) {
      // No lease anyone may use yet: dark and hatched, the stranded holder's colour kept as a strip.
      g.fillStyle(INK.panel, 1);
      g.fillRect(x, BAR_Y, w, BAR_H);
      g.lineStyle(1.5, OKABE_ITO.grey, 0.6);
      hatchRect(g, x, BAR_Y, w, BAR_H, 9, true);
    } else {
      g.fillStyle(look.color, 1);
      g.fillRect(x, BAR_Y, w, BAR_H);
      textureRect(g, x, BAR_Y, w, BAR_H, look.texture, INK.background, 0.55);
    }
    if (look && (r.unavailable || r.stranded)) {
      g.fillStyle(look.color, 0.7);
      g.fillRect(x, BAR_Y + BAR_H - 5, w, 5);
    }
    g.lineStyle(1, 0x44516a, 1);
    g.strokeRect(x, BAR_Y, w, BAR_H);
    this.tag(`r${r.range}`, x + w / 2, BAR_Y + BAR_H / 2, css(INK.background));
  }

  /** Under the range's piece of the bar: its span, replicas, lease and leader, intents and transaction records. */
  private drawCard(r: KeyRange, x: number, w: number, byId: ReadonlyMap<string, NodeView>): void {
    const g = this.barGraphics;
    const cx = x + w / 2;
    g.fillStyle(0x131b2a, 1);
    g.fillRect(x, CARD_TOP, w, CARD_H);
    g.lineStyle(1, 0x26324a, 1);
    g.strokeRect(x, CARD_TOP, w, CARD_H);
    const span = r.span.length * 7.5 < w - 10 ? r.span : compactSpan(r.span);
    this.small.take(span, cx, CARD_TOP + 14, "#a3afc2", 0.5);
    this.drawReplicas(r, cx, w, byId);
    const lease = this.leaseWords(r);
    this.words.take(lease.text, cx, CARD_TOP + 104, lease.color, 0.5);
    this.drawChips(r, x, w);
  }

  /** The replicas as small node discs; the leaseholder ringed with a key above it, the Raft leader crowned. */
  private drawReplicas(r: KeyRange, cx: number, w: number, byId: ReadonlyMap<string, NodeView>): void {
    const g = this.barGraphics;
    const count = r.replicas.length;
    const pitch = Math.min(50, (w - 12) / Math.max(count, 1));
    const radius = Math.max(6, Math.min(MARK_R, pitch / 2 - MARK_COLLAR - 2));
    const y = CARD_TOP + 66;
    r.replicas.forEach((id, j) => {
      const at = { x: cx - ((count - 1) * pitch) / 2 + j * pitch, y };
      const node = byId.get(id);
      drawNodeDisc(g, at, radius, MARK_COLLAR, this.looks.get(id), node ? runState(node) : "down");
      this.spots.push({ id, at, radius: radius + MARK_COLLAR });
      if (radius >= 10) this.small.take(id, at.x, at.y, node && isRunning(node) ? "#eef2f8" : "#8a9099", 0.5);
      const leaseholder = r.leaseholder === id;
      const leader = r.leader === id;
      if (leaseholder) {
        g.lineStyle(2.5, r.stranded ? OKABE_ITO.orange : OKABE_ITO.yellow, 1);
        g.strokeCircle(at.x, at.y, radius + MARK_COLLAR + 3);
      }
      // Above the disc: the key, the crown, or both side by side.
      const top = y - radius - MARK_COLLAR - 15;
      const both = leaseholder && leader;
      if (leaseholder) drawKey(g, at.x - (both ? 12 : 0), top, 20, r.stranded ? OKABE_ITO.orange : OKABE_ITO.yellow, r.stranded !== null);
      if (leader) drawCrown(g, at.x + (both ? 12 : 0), top, 18, INK.text);
    });
  }

  private leaseWords(r: KeyRange): { text: string; color: string } {
    if (!r.leaseholder) return { text: `no lease · leader ${r.leader ?? "none"}`, color: css(OKABE_ITO.orange) };
    if (r.stranded) return { text: `lease ${r.leaseholder} (${r.stranded}: waits to expire)`, color: css(OKABE_ITO.orange) };
    if (r.leader !== r.leaseholder) return { text: `lease ${r.leaseholder} · Raft leader ${r.leader ?? "none"}`, color: css(OKABE_ITO.yellow) };
    return { text: `lease and Raft leader ${r.leaseholder}`, color: "#c9d3e3" };
  }

  /** NO QUORUM, the intents, and each pending or staging transaction record, flowed into a few lines. */
  private drawChips(r: KeyRange, x: number, w: number): void {
    const chips: { text: string; bg: string }[] = [];
    if (r.unavailable) chips.push({ text: "✗ NO QUORUM", bg: CHIP.noQuorum });
    if (r.intents > 0) chips.push({ text: `${r.intents} intent${r.intents === 1 ? "" : "s"}`, bg: CHIP.intents });
    for (const t of r.records) chips.push({ text: `txn ${t.id} ${t.status}`, bg: t.status === "STAGING" ? CHIP.staging : CHIP.pending });
    const left = x + 6;
    const right = x + w - 6;
    let line = 0;
    let cursor = left;
    let hidden = 0;
    for (const chip of chips) {
      if (line >= CHIP_LINES) {
        hidden++;
        continue;
      }
      const y = CARD_TOP + 128 + line * 20;
      const text = this.tag(chip.text, cursor, y, chip.bg, 0);
      if (cursor > left && cursor + text.width > right) {
        line++;
        cursor = left;
        if (line >= CHIP_LINES) {
          text.setVisible(false);
          hidden++;
          continue;
        }
        text.setPosition(cursor, Math.round(CARD_TOP + 128 + line * 20));
      }
      cursor += text.width + 5;
    }
    if (hidden > 0) this.small.take(`+${hidden} more`, right, CARD_TOP + CARD_H - 8, "#a3afc2", 1);
  }

  /** A node: its disc (smaller when the row is crowded), id, zone, its clock against true time, and its player. */
  private drawNode(n: NodeView, placement: RowPlacement, picked: number): void {
    const at = placement.positions.get(n.id);
    if (!at) return;
    const g = this.nodeGraphics;
    const state = runState(n);
    const scale = Math.min(1, (placement.pitch * 0.34) / RIM);
    const rim = RIM * scale;
    drawNodeDisc(g, at, NODE_R * scale, COLLAR * scale, this.looks.get(n.id), state);
    this.ids.take(n.id, at.x, at.y, state === "down" ? "#8a9099" : "#eef2f8", 0.5);
    if (state === "stopped") drawStopSign(g, at.x + rim * 0.75, at.y - rim * 0.75, 11);
    if (picked >= 0) this.drawSelection(at, rim, picked);
    const muted = state === "down" ? "#7c828c" : "#a3afc2";
    this.small.take(n.rack ? `zone ${n.rack}` : n.dc, at.x, at.y + RIM + 10, muted, 0.5);
    const gaugeTop = at.y + RIM + 30;
    const width = Math.min(GAUGE_MAX_W, placement.pitch - 12);
    const offset = n.stats.get("clockOffsetMs") ?? 0;
    drawClockGauge(g, at.x, gaugeTop, width, offset, MAX_OFFSET_MS, state);
    const beyond = beyondMaxOffset(n);
    const clock = state === "down" ? "down" : `${beyond ? "⚠ " : ""}${offsetText(offset)}`;
    this.small.take(clock, at.x, gaugeTop + GAUGE_H + 10, state === "down" ? muted : beyond ? css(OKABE_ITO.orange) : "#c9d3e3", 0.5);
    const below = [state === "stopped" ? "STOPPED" : "", n.player].filter(Boolean);
    below.forEach((line, i) => {
      this.small.take(line, at.x, gaugeTop + GAUGE_H + 26 + i * 15, line === "STOPPED" ? css(OKABE_ITO.orange) : "#eef2f8", 0.5);
    });
  }

  private drawSelection(at: Point, rim: number, slot: number): void {
    const g = this.nodeGraphics;
    g.lineStyle(3, INK.selection, 1);
    g.strokeCircle(at.x, at.y, rim + 5);
    // Its pick marks (one dot: first pick, two: second), at the upper left (the zone and clock hang below).
    const bx = at.x - (rim + 5) * 0.7;
    const by = at.y - (rim + 5) * 0.7;
    g.fillStyle(INK.selection, 1);
    g.fillCircle(bx, by, 8);
    g.fillStyle(INK.background, 1);
    if (slot === 0) g.fillCircle(bx, by, 2.6);
    else {
      g.fillCircle(bx - 3, by, 2.2);
      g.fillCircle(bx + 3, by, 2.2);
    }
  }

  /** The line above the bar: how many ranges, the replication and survival goal, the bank's total. */
  private drawHeader(state: GameStateView, ranges: readonly KeyRange[]): void {
    const s = state.summary;
    // Short: the right end of this line is under the overlay's "Show nodes as a table" button.
    const parts = [`${ranges.length} range${ranges.length === 1 ? "" : "s"}`];
    if (s.get("numReplicas")) parts.push(`${s.get("numReplicas")} replicas`);
    if (s.get("survival")) parts.push(`${s.get("survival")} survival`);
    if (s.get("totalBalance")) parts.push(`total ${s.get("totalBalance")}`);
    this.header.take(parts.join(" · "), BAR_X, 24, "#c9d3e3", 0);
    this.small.take(`clocks: | true time · green band ±${MAX_OFFSET_MS} ms max offset · ▼ the node's clock`, BAR_X, 590, "#8a96a8", 0);
  }
}
