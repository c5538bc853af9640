// The network between nodes: every pair is a faint line (Raft talks all-to-all); a cut link is a dashed vermillion
// line with scissors; a slowed or lossy link is dotted, with its latency and loss written on it. Links come from the room as directed rows, so a
// one-way cut or a one-way delay is drawn on its own lane and named with an arrow.

import type Phaser from "phaser";
import type { LinkView } from "../../net/state";
import { percent } from "../../ui/format";
import { INK, OKABE_ITO } from "./palette";
import { laneOffset, rimToRim, type Point } from "./ring-layout";
import { dashedLine, drawScissors } from "./shapes";
import { NODE_RADIUS } from "./node-glyph";

const LANE = 7;
const CENTER_CLEARANCE = 110;
const FONT = "system-ui, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif";

interface PairState {
  a: string;
  b: string;
  ab?: LinkView;
  ba?: LinkView;
}

export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

export interface LinkLayerOptions {
  /** Draw every healthy pair as a faint line (Raft talks all-to-all); off, only unusual links are drawn. */
  mesh: boolean;
  /** Radius of the node glyphs, so lines start at their rims. */
  nodeRadius: number;
  /**
   * Where marks (scissors, labels) go: undefined keeps them off the summary plate at the ring's centre; a number
   * puts each mark where its link crosses that distance from the centre, nearest the upper node (the token ring
   * keeps the band between its arcs and the nodes clear for them).
   */
  markRadius?: number;
  /** Write "cut" beside the scissors of a link cut both ways (the token ring's many cuts show only scissors). */
  labelCuts: boolean;
}

const RAFT_LINKS: LinkLayerOptions = { mesh: true, nodeRadius: NODE_RADIUS, labelCuts: true };
/**
 * Above this many nodes the healthy mesh is left out (unusual links are still drawn): 64 nodes make 2016 faint lines
 * that fill the ring solid and say nothing, and they cost a third of each frame on software GL (`npm run bench`).
 */
const MESH_MAX_NODES = 24;

export class LinkLayer {
  private labels = new Map<string, Phaser.GameObjects.Text>();

  constructor(
    private readonly scene: Phaser.Scene,
    private readonly options: LinkLayerOptions = RAFT_LINKS,
  ) {}

  /** `center` is the ring's centre, where the summary plate sits: marks on links crossing it move aside. */
  /** `unlabelled`: pairs (pairKey) whose words are said elsewhere (the token ring labels a slow datacenter link once). */
  draw(
    g: Phaser.GameObjects.Graphics,
    ids: readonly string[],
    at: Map<string, Point>,
    links: readonly LinkView[],
    center: Point,
    unlabelled: ReadonlySet<string> = new Set(),
  ): void {
    const pairs = new Map<string, PairState>();
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) pairs.set(pairKey(ids[i], ids[j]), { a: ids[i], b: ids[j] });
    }
    for (const link of links) {
      const pair = pairs.get(pairKey(link.from, link.to));
      if (!pair) continue;
      if (link.from === pair.a) pair.ab = link;
      else pair.ba = link;
    }
    const used = new Set<string>();
    const mesh = this.options.mesh && ids.length <= MESH_MAX_NODES;
    for (const [key, pair] of pairs) {
      const pa = at.get(pair.a);
      const pb = at.get(pair.b);
      if (!pa || !pb) continue;
      const [ra, rb] = rimToRim(pa, pb, this.options.nodeRadius + 2);
      const cutAB = pair.ab?.cut ?? false;
      const cutBA = pair.ba?.cut ?? false;
      if (!mesh && !pair.ab && !pair.ba) continue;
      if (!cutAB && !cutBA && (pair.ab || pair.ba)) {
        // Slowed or lossy: a dotted line, so a degraded link stands out from the healthy mesh before its label is read.
        g.lineStyle(2.5, OKABE_ITO.grey, 0.9);
        dashedLine(g, ra, rb, 2, 5);
      } else if (!cutAB && !cutBA) {
        g.lineStyle(1.5, INK.link, 1);
        g.lineBetween(ra.x, ra.y, rb.x, rb.y);
      } else if (cutAB && cutBA) {
        g.lineStyle(3, OKABE_ITO.vermillion, 1);
        dashedLine(g, ra, rb, 9, 7);
      } else {
        // One direction cut: the cut lane dashed, the open lane plain.
        const cutFromA = cutAB;
        const lane = cutFromA ? LANE : -LANE;
        g.lineStyle(3, OKABE_ITO.vermillion, 1);
        dashedLine(g, laneOffset(ra, rb, 0, lane), laneOffset(ra, rb, 1, lane), 9, 7);
        g.lineStyle(1.5, INK.link, 1);
        g.lineBetween(laneOffset(ra, rb, 0, -lane).x, laneOffset(ra, rb, 0, -lane).y, laneOffset(ra, rb, 1, -lane).x, laneOffset(ra, rb, 1, -lane).y);
      }
      const mid = this.options.markRadius === undefined ? markPoint(pa, pb, center) : crossing(pa, pb, center, this.options.markRadius);
      if (cutAB || cutBA) drawScissors(g, mid.x, mid.y, 11, OKABE_ITO.vermillion, INK.background);
      const text = (cutAB && cutBA && !this.options.labelCuts) || unlabelled.has(key) ? "" : describePair(pair);
      if (text) {
        used.add(key);
        this.label(key, text, mid, cutAB || cutBA);
      }
    }
    for (const [key, label] of this.labels) {
      if (!used.has(key)) {
        label.destroy();
        this.labels.delete(key);
      }
    }
  }

  destroy(): void {
    for (const label of this.labels.values()) label.destroy();
    this.labels.clear();
  }

  private label(key: string, text: string, mid: Point, belowScissors: boolean): void {
    let label = this.labels.get(key);
    if (!label) {
      label = this.scene.add
        .text(0, 0, "", {
          fontFamily: FONT,
          fontSize: "12px",
          color: "#eef2f8",
          backgroundColor: "#0f1521",
          padding: { x: 4, y: 2 },
          align: "center",
        })
        .setOrigin(0.5, 0)
        .setResolution(2)
        .setDepth(2);
      this.labels.set(key, label);
    }
    // Under the scissors on a cut link; centred on the line otherwise.
    label.setText(text).setOrigin(0.5, belowScissors ? 0 : 0.5).setPosition(mid.x, mid.y + (belowScissors ? 15 : 0));
  }
}

/**
 * Where a link's scissors and label go. Each node's log strip hangs below it, so marks sit a little past the middle,
 * away from the upper node; a link through the ring's centre (where the summary plate is) gets its mark near its
 * upper end instead.
 */
function markPoint(a: Point, b: Point, center: Point): Point {
  const [upper, lower] = a.y <= b.y ? [a, b] : [b, a];
  const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
  const t = Math.hypot(mid.x - center.x, mid.y - center.y) > CENTER_CLEARANCE ? 0.6 : 0.3;
  return { x: upper.x + (lower.x - upper.x) * t, y: upper.y + (lower.y - upper.y) * t };
}

/** Where the segment a–b is `radius` from the centre, nearest the upper end; its middle when it never gets that close. */
function crossing(a: Point, b: Point, center: Point, radius: number): Point {
  const [upper, lower] = a.y <= b.y ? [a, b] : [b, a];
  const dx = lower.x - upper.x;
  const dy = lower.y - upper.y;
  const fx = upper.x - center.x;
  const fy = upper.y - center.y;
  // |f + t·d|² = r²  →  (d·d) t² + 2 (f·d) t + (f·f − r²) = 0
  const qa = dx * dx + dy * dy;
  const qb = 2 * (fx * dx + fy * dy);
  const qc = fx * fx + fy * fy - radius * radius;
  const disc = qb * qb - 4 * qa * qc;
  const t = qa === 0 || disc < 0 ? 0.5 : (-qb - Math.sqrt(disc)) / (2 * qa);
  const clamped = t >= 0 && t <= 0.5 ? t : 0.5;
  return { x: upper.x + dx * clamped, y: upper.y + dy * clamped };
}

/**
 * Words for what is unusual on a pair: "cut", "n1→n2 cut", "200 ms latency", "30% loss". A row exists only for a
 * directed link that differs from the level's network, and it carries the link's full latency and loss, defaults
 * included. The state does not say which value differs, so: a cut names only the cut (nothing gets through); loss
 * is named when above zero; latency is named for a row without loss (a row that exists for its latency).
 */
export function describePair(pair: { a: string; b: string; ab?: LinkView; ba?: LinkView }): string {
  const cutAB = pair.ab?.cut ?? false;
  const cutBA = pair.ba?.cut ?? false;
  if (cutAB && cutBA) return "cut";
  const parts: string[] = [];
  if (cutAB) parts.push(`${pair.a}→${pair.b} cut`);
  if (cutBA) parts.push(`${pair.b}→${pair.a} cut`);
  const open = ([[pair.a, pair.b, pair.ab], [pair.b, pair.a, pair.ba]] as const).filter(
    (entry): entry is readonly [string, string, LinkView] => entry[2] !== undefined && !entry[2].cut,
  );
  const words = (link: LinkView) => [link.loss > 0 ? `${percent(link.loss)} loss` : link.latencyMs > 0 ? `${link.latencyMs} ms latency` : ""].filter(Boolean);
  if (open.length === 2 && words(open[0][2]).join() === words(open[1][2]).join()) parts.push(...words(open[0][2]));
  else for (const [from, to, link] of open) parts.push(...words(link).map((w) => `${from}→${to} ${w}`));
  return parts.join("\n");
}
