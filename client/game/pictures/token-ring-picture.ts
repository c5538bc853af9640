// The token-ring picture (Cassandra): the ring of tokens as an annulus whose arcs are coloured and textured by the
// node that owns them (a token owns the range that ends at it), the nodes around it grouped by datacenter, the
// coordinators' fan-out and the replicas' answers flying between them, hints waiting for a node that is down, and
// the picked key: its token marked on the ring, the clockwise walk that finds its replicas, and on each replica the
// value it holds, stale or newest. Everything drawn comes from the room's state; nothing is decided here.

import type Phaser from "phaser";
import { type GameStateView, listValues, type NodeView, splitList } from "../../net/state";
import { LinkLayer } from "../draw/link-layer";
import { cleanPartition, type GroupLink, linksBesidePartition, partitionWords, uniformGroupLinks } from "../draw/partition";
import { MessageLayer } from "../draw/message-layer";
import { identities, type NodeIdentity } from "../draw/node-identity";
import { INK, OKABE_ITO } from "../draw/palette";
import { type Annulus, fillSector, polar, strokeArc, textureSector } from "../draw/ring-shapes";
import type { Point } from "../draw/ring-layout";
import { type DcGroup, placeAroundRing, type RingPlacement } from "../draw/ring-placement";
import { RING_NODE_RADIUS, RingNodeGlyph } from "../draw/ring-node-glyph";
import { drawScissors } from "../draw/shapes";
import { paintText } from "../draw/text-paint";
import { clockwiseDistance, firstClockwise, fractionAngle, nodeFractions, type RingArc, ringArcs, tokenFraction } from "../draw/token-ring";
import type { Picture, PictureFrame } from "./picture";

const INNER = 126;
const OUTER = 158;
const NODE_ORBIT = 228;
/** Marks on cut links sit in the band between the ring and the nodes. */
const MARK_RADIUS = 178;
const WALK = INNER - 6;
/** Half the side of the square the ring is drawn into (the ring and a joining node's ticks outside it). */
const RING_BOX = OUTER + 14;
const FONT = "system-ui, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif";

interface RingModel {
  arcs: RingArc[];
  /** Each node's token fractions, ascending (joining nodes included). */
  fractions: Map<string, number[]>;
  owners: Set<string>;
}

export class TokenRingPicture implements Picture {
  /** The ring: drawn into `ringImage` when it changes, never shown itself. */
  private readonly ringGraphics: Phaser.GameObjects.Graphics;
  /** The datacenters' wedges behind their nodes (a few shapes: drawn directly). */
  private readonly wedgeGraphics: Phaser.GameObjects.Graphics;
  /**
   * The ring as a picture, just large enough for it. A Graphics of a few thousand shapes (arcs and their textures)
   * is drawn again from its commands every frame, which halves the frame rate of a CPU-rendered browser; a small
   * texture costs one quad.
   */
  private readonly ringImage: Phaser.GameObjects.RenderTexture;
  private readonly linkGraphics: Phaser.GameObjects.Graphics;
  private readonly messageGraphics: Phaser.GameObjects.Graphics;
  private readonly markGraphics: Phaser.GameObjects.Graphics;
  private readonly nodeGraphics: Phaser.GameObjects.Graphics;
  private readonly links: LinkLayer;
  private readonly messages: MessageLayer;
  private readonly glyphs = new Map<string, RingNodeGlyph>();
  private readonly dcLabels = new Map<string, Phaser.GameObjects.Text>();
  private readonly centerLines: Phaser.GameObjects.Text[];
  private readonly keyLabel: Phaser.GameObjects.Text;
  private readonly slowLabels: Phaser.GameObjects.Text[] = [];
  private readonly ring: Annulus;
  private placement: RingPlacement = { positions: new Map(), angles: new Map(), groups: [], dcCount: 0, rackCount: 0 };
  private model: RingModel = { arcs: [], fractions: new Map(), owners: new Set() };
  private looks = new Map<string, NodeIdentity>();
  private ringKey = "";
  private lastFacts: Record<string, string> = { picture: "token-ring" };

  constructor(
    private readonly scene: Phaser.Scene,
    private readonly center: Point,
    system: string,
  ) {
    this.ring = { center, inner: INNER, outer: OUTER };
    this.wedgeGraphics = scene.add.graphics().setDepth(0);
    this.ringGraphics = scene.add.graphics().setVisible(false);
    this.ringImage = scene.add.renderTexture(center.x - RING_BOX, center.y - RING_BOX, RING_BOX * 2, RING_BOX * 2).setOrigin(0, 0).setDepth(0);
    this.linkGraphics = scene.add.graphics().setDepth(0);
    this.messageGraphics = scene.add.graphics().setDepth(1);
    this.markGraphics = scene.add.graphics().setDepth(2);
    this.nodeGraphics = scene.add.graphics().setDepth(2);
    this.links = new LinkLayer(scene, { mesh: false, nodeRadius: RING_NODE_RADIUS + 7, markRadius: MARK_RADIUS, labelCuts: false });
    this.messages = new MessageLayer(scene, RING_NODE_RADIUS + 7, system);
    const text = (size: number, color: string, bold: boolean) =>
      scene.add
        .text(center.x, center.y, "", { fontFamily: FONT, fontSize: `${size}px`, color, fontStyle: bold ? "bold" : "normal", align: "center" })
        .setOrigin(0.5)
        .setResolution(2)
        .setDepth(3);
    this.centerLines = [text(15, "#eef2f8", true), text(12, "#c9d3e3", false), text(12, "#a3afc2", false)];
    this.centerLines[1].setWordWrapWidth(200);
    this.keyLabel = text(13, "#0f1521", true).setBackgroundColor("#ffffff").setPadding(5, 2, 5, 2).setVisible(false);
  }

  draw(frame: PictureFrame): number {
    const { state, ids } = frame;
    const nodes = ids.map((id) => state.nodes.get(id)).filter((n): n is NodeView => n !== undefined);
    this.placement = placeAroundRing(nodes, this.center, NODE_ORBIT);
    this.looks = identities(ids);
    this.updateRing(nodes);

    this.linkGraphics.clear();
    this.messageGraphics.clear();
    this.markGraphics.clear();
    this.nodeGraphics.clear();
    const positions = this.placement.positions;
    const links = listValues(state.links);
    // A clean partition is drawn as walls between the groups; other unusual links one by one.
    const partition = cleanPartition(ids, links);
    const slowDcs = this.placement.groups.length > 1 ? uniformGroupLinks(dcMembers(nodes), links) : [];
    const quiet = new Set(slowDcs.flatMap((s) => s.pairs));
    this.links.draw(this.linkGraphics, ids, positions, linksBesidePartition(links, partition), this.center, quiet);
    this.drawWalls(ids, partition);
    this.labelSlowDatacenters(slowDcs);
    let flying = 0;
    if (frame.reducedMotion) this.messages.drawStatic(this.messageGraphics, frame.flights, positions);
    else flying = this.messages.drawFlying(this.messageGraphics, frame.flights, positions);

    const key = frame.key ? state.keys.get(frame.key) : undefined;
    const replicas = key ? splitList(key.replicas) : [];
    this.drawKey(key?.key ?? "", key?.token ?? "", replicas);
    this.drawNodes(state, nodes, frame.picked, key ? replicas : null, key?.key ?? "");
    this.drawCenter(state, partition);
    this.lastFacts = this.describe(state, nodes, key?.key ?? "", replicas);
    this.lastFacts.partition = partition ? partitionWords(partition) : "";
    return flying;
  }

  nodeAt(x: number, y: number): string | null {
    for (const [id, p] of this.placement.positions) if (Math.hypot(p.x - x, p.y - y) <= RING_NODE_RADIUS + 10) return id;
    return null;
  }

  facts(): Record<string, string> {
    return this.lastFacts;
  }

  destroy(): void {
    for (const glyph of this.glyphs.values()) glyph.destroy();
    this.glyphs.clear();
    for (const label of this.dcLabels.values()) label.destroy();
    this.dcLabels.clear();
    for (const label of this.slowLabels.splice(0)) label.destroy();
    this.links.destroy();
    this.messages.destroy();
    for (const o of [this.ringImage, this.ringGraphics, this.wedgeGraphics, this.linkGraphics, this.messageGraphics, this.markGraphics, this.nodeGraphics, this.keyLabel, ...this.centerLines]) o.destroy();
  }

  // ------------------------------------------------------------------------------------------------------------
  // The ring: redrawn only when tokens, membership or who is up change.

  private updateRing(nodes: readonly NodeView[]): void {
    const key = nodes.map((n) => `${n.id}|${n.up}|${n.role}|${n.dc}|${n.rack}|${n.tokens}`).join(";");
    if (key === this.ringKey) return;
    this.ringKey = key;
    const fractions = new Map(nodes.map((n) => [n.id, nodeFractions(n.tokens)]));
    // A joining node has tokens but owns nothing until it has streamed its data (it then turns normal).
    const owning = nodes.filter((n) => n.role !== "joining" && n.tokens !== "");
    const arcs = ringArcs(owning.map((n) => ({ node: n.id, fractions: fractions.get(n.id) ?? [] })));
    this.model = { arcs, fractions, owners: new Set(owning.map((n) => n.id)) };
    this.paintRing(nodes);
  }

  private paintRing(nodes: readonly NodeView[]): void {
    const g = this.ringGraphics;
    g.clear();
    this.wedgeGraphics.clear();
    this.paintDatacenters(this.wedgeGraphics);
    // The empty ring (no owner yet): a faint track.
    fillSector(g, this.ring, 0, Math.PI * 2, INK.panel, 1);
    const up = new Map(nodes.map((n) => [n.id, n.up]));
    for (const arc of this.model.arcs) {
      const look = this.looks.get(arc.node);
      if (!look) continue;
      const a0 = fractionAngle(arc.start);
      const a1 = fractionAngle(arc.end);
      // A down node still owns its ranges (its replicas hold the data): drawn faded.
      const alpha = up.get(arc.node) ? 1 : 0.35;
      fillSector(g, this.ring, a0, a1, look.color, alpha);
      textureSector(g, this.ring, a0, a1, look.texture, INK.background, 0.7);
    }
    // A thin gap at every token, so each vnode's range can be told from its neighbour of the same node.
    g.lineStyle(1, INK.background, 0.9);
    for (const arc of this.model.arcs) {
      if (arc.start === 0) continue;
      const a = fractionAngle(arc.start);
      const p = polar(this.center, INNER, a);
      const q = polar(this.center, OUTER, a);
      g.lineBetween(p.x, p.y, q.x, q.y);
    }
    g.lineStyle(1.5, 0x44516a, 1);
    g.strokeCircle(this.center.x, this.center.y, OUTER);
    g.strokeCircle(this.center.x, this.center.y, INNER);
    // A joining node's tokens: ticks outside the ring where it will take over.
    for (const n of nodes) {
      if (this.model.owners.has(n.id)) continue;
      const look = this.looks.get(n.id);
      if (!look) continue;
      g.lineStyle(3, look.color, 1);
      for (const f of this.model.fractions.get(n.id) ?? []) {
        const a = fractionAngle(f);
        const p = polar(this.center, OUTER + 2, a);
        const q = polar(this.center, OUTER + 10, a);
        g.lineBetween(p.x, p.y, q.x, q.y);
      }
    }
    this.ringImage.clear();
    this.ringImage.draw(g, RING_BOX - this.center.x, RING_BOX - this.center.y);
    this.ringImage.render();
  }

  /** Each datacenter: a faint wedge behind its nodes, and its name between the ring and its middle node. */
  private paintDatacenters(g: Phaser.GameObjects.Graphics): void {
    const groups = this.placement.groups;
    const used = new Set<string>();
    const slot = groups.length > 0 ? (2 * Math.PI) / Math.max(1, this.placement.positions.size + groups.length) : 0;
    for (const group of groups) {
      const wedge = { center: this.center, inner: OUTER + 14, outer: NODE_ORBIT + 46 };
      fillSector(g, wedge, group.from - slot * 0.42, group.to + slot * 0.42, 0x162033, 1);
      g.lineStyle(1, 0x2c3a55, 1);
      strokeArc(g, this.center, OUTER + 14, group.from - slot * 0.42, group.to + slot * 0.42);
      // Its name between the ring and its middle node.
      used.add(group.dc);
      let label = this.dcLabels.get(group.dc);
      if (!label) {
        label = this.scene.add
          .text(0, 0, "", { fontFamily: FONT, fontSize: "12px", fontStyle: "bold", color: "#a3afc2" })
          .setOrigin(0.5)
          .setResolution(2)
          .setDepth(1);
        this.dcLabels.set(group.dc, label);
      }
      const at = polar(this.center, OUTER + 21, group.mid);
      label.setText(group.dc.toUpperCase()).setPosition(at.x, at.y);
    }
    for (const [name, label] of this.dcLabels) {
      if (!used.has(name)) {
        label.destroy();
        this.dcLabels.delete(name);
      }
    }
  }

  /** Slow links between two datacenters, said once in the gap between them: "DC1 ↔ DC2 40 ms". */
  private labelSlowDatacenters(slow: readonly GroupLink[]): void {
    const groups = this.placement.groups;
    const slot = (2 * Math.PI) / Math.max(1, this.placement.positions.size + groups.length);
    const spots: { text: string; angle: number }[] = [];
    for (const link of slow) {
      const a = groups.find((g) => g.dc === link.a);
      const b = groups.find((g) => g.dc === link.b);
      if (!a || !b) continue;
      // The gaps where one of the two groups ends and the other begins (with two datacenters, both gaps).
      const meets = (x: DcGroup, y: DcGroup) => Math.abs(Math.sin((y.from - x.to - 2 * slot) / 2)) < 1e-6;
      const gaps = [...(meets(a, b) ? [a.to + slot] : []), ...(meets(b, a) ? [b.to + slot] : [])];
      for (const angle of gaps) spots.push({ text: `${link.a.toUpperCase()} ↔ ${link.b.toUpperCase()}\n${link.words}`, angle });
    }
    while (this.slowLabels.length < spots.length) {
      this.slowLabels.push(
        this.scene.add
          .text(0, 0, "", { fontFamily: FONT, fontSize: "11px", color: "#eef2f8", backgroundColor: "#0f1521", align: "center", padding: { x: 4, y: 2 } })
          .setOrigin(0.5)
          .setResolution(2)
          .setDepth(2),
      );
    }
    this.slowLabels.forEach((label, i) => {
      const spot = spots[i];
      if (!spot) {
        label.setVisible(false);
        return;
      }
      const at = polar(this.center, (OUTER + NODE_ORBIT) / 2 + 6, spot.angle);
      label.setText(spot.text).setPosition(at.x, at.y).setVisible(true);
    });
  }

  /** A partition: a dashed wall with scissors between neighbouring nodes that are cut off from each other. */
  private drawWalls(ids: readonly string[], groups: readonly string[][] | null): void {
    if (!groups) return;
    const groupOf = new Map<string, number>();
    groups.forEach((group, i) => {
      for (const id of group) groupOf.set(id, i);
    });
    const around = ids
      .map((id) => ({ id, angle: this.placement.angles.get(id) ?? 0 }))
      .sort((a, b) => a.angle - b.angle);
    const g = this.linkGraphics;
    for (let i = 0; i < around.length; i++) {
      const a = around[i];
      const b = around[(i + 1) % around.length];
      if (groupOf.get(a.id) === groupOf.get(b.id)) continue;
      const to = b.angle > a.angle ? b.angle : b.angle + 2 * Math.PI;
      const angle = (a.angle + to) / 2;
      g.lineStyle(4, OKABE_ITO.vermillion, 1);
      const steps = 9;
      for (let s = 0; s < steps; s++) {
        const r0 = OUTER + 6 + ((NODE_ORBIT + 40 - OUTER - 6) * s) / steps;
        const r1 = r0 + ((NODE_ORBIT + 40 - OUTER - 6) / steps) * 0.6;
        const p = polar(this.center, r0, angle);
        const q = polar(this.center, r1, angle);
        g.lineBetween(p.x, p.y, q.x, q.y);
      }
      const mark = polar(this.center, (OUTER + NODE_ORBIT) / 2 + 4, angle);
      drawScissors(g, mark.x, mark.y, 11, OKABE_ITO.vermillion, INK.background);
    }
  }

  // ------------------------------------------------------------------------------------------------------------
  // The picked key

  private drawKey(key: string, token: string, replicas: readonly string[]): void {
    const g = this.markGraphics;
    if (!key || !token) {
      this.keyLabel.setVisible(false);
      return;
    }
    const at = tokenFraction(token);
    const angle = fractionAngle(at);
    // The range the key falls in, (previous token, primary's token]: outlined.
    const range = this.model.arcs.find((a) => (at > a.start && at <= a.end) || (a.start === 0 && at === 0));
    if (range) {
      g.lineStyle(3, 0xffffff, 1);
      strokeArc(g, this.center, OUTER + 2, fractionAngle(range.start), fractionAngle(range.end));
      strokeArc(g, this.center, INNER - 2, fractionAngle(range.start), fractionAngle(range.end));
    }
    // The clockwise walk from the key's token to each replica's first token after it.
    const stops = replicas
      .map((node, i) => {
        const f = firstClockwise(this.model.fractions.get(node) ?? [], at);
        return f === undefined ? null : { node, number: i + 1, f, d: clockwiseDistance(at, f) };
      })
      .filter((s): s is { node: string; number: number; f: number; d: number } => s !== null);
    const farthest = Math.max(0, ...stops.map((s) => s.d));
    if (farthest > 0) {
      g.lineStyle(2.5, 0xffffff, 0.9);
      strokeArc(g, this.center, WALK, angle, angle + farthest * 2 * Math.PI);
    }
    for (const stop of stops) {
      const p = polar(this.center, WALK, fractionAngle(stop.f));
      g.fillStyle(0xffffff, 1);
      g.fillCircle(p.x, p.y, 5);
      g.lineStyle(2, INK.background, 1);
      g.strokeCircle(p.x, p.y, 5);
    }
    // The key's token: a pointer from outside the ring, and its name.
    const tip = polar(this.center, OUTER + 3, angle);
    const left = polar(this.center, OUTER + 17, angle - 0.06);
    const right = polar(this.center, OUTER + 17, angle + 0.06);
    g.fillStyle(0xffffff, 1);
    g.fillTriangle(tip.x, tip.y, left.x, left.y, right.x, right.y);
    const label = polar(this.center, OUTER + 30, angle);
    this.keyLabel.setText(`key ${key}`).setPosition(label.x, label.y).setVisible(true);
  }

  // ------------------------------------------------------------------------------------------------------------
  // Nodes and the centre

  private drawNodes(state: GameStateView, nodes: readonly NodeView[], picked: readonly string[], replicas: readonly string[] | null, key: string): void {
    const multiDc = this.placement.dcCount > 1;
    const multiRack = this.placement.rackCount > this.placement.dcCount;
    const copies = key ? state.keys.get(key)?.copies : undefined;
    const seen = new Set<string>();
    for (const node of nodes) {
      seen.add(node.id);
      let glyph = this.glyphs.get(node.id);
      if (!glyph) {
        glyph = new RingNodeGlyph(this.scene);
        this.glyphs.set(node.id, glyph);
      }
      const at = this.placement.positions.get(node.id);
      const identity = this.looks.get(node.id);
      if (!at || !identity) continue;
      const index = replicas ? replicas.indexOf(node.id) : -1;
      const place = multiDc && multiRack ? `${node.dc} · ${node.rack}` : multiRack ? node.rack : "";
      glyph.draw(this.nodeGraphics, node, at, {
        identity,
        angle: this.placement.angles.get(node.id) ?? 0,
        place,
        selectedSlot: picked.indexOf(node.id),
        replica: index >= 0 ? { number: index + 1, copy: copies?.get(node.id) } : null,
        dimmed: replicas !== null && index < 0,
      });
    }
    for (const [id, glyph] of this.glyphs) {
      if (!seen.has(id)) {
        glyph.destroy();
        this.glyphs.delete(id);
      }
    }
  }

  private drawCenter(state: GameStateView, partition: readonly string[][] | null): void {
    const c = this.center;
    const summary = state.summary;
    const read = summary.get("readConsistency");
    const write = summary.get("writeConsistency");
    const replication = summary.get("replication") ?? "";
    const hints = Number(summary.get("hintsPending") ?? 0);
    const divergent = Number(summary.get("divergentKeys") ?? 0);
    // The system's own counts (divergentKeys counts a key once a replica has missed a write for over a second).
    const trouble = [partition ? `✂ network split in ${partition.length}` : "", hints > 0 ? `✉ ${hints} hint${hints === 1 ? "" : "s"} waiting` : "", divergent > 0 ? `⚠ ${divergent} key${divergent === 1 ? "" : "s"} out of sync` : ""].filter(Boolean);
    const status = state.phase === "lobby" ? "waiting for the host to start" : state.paused ? "paused" : "";
    const lines = [read || write ? `R ${read ?? "?"} · W ${write ?? "?"}` : "token ring", replication, trouble.join("\n") || status];
    const g = this.nodeGraphics;
    // Lines stacked by their real heights (a long replication wraps), the plate sized to them.
    const texts = this.centerLines;
    lines.forEach((line, i) => {
      texts[i].setText(line).setOrigin(0.5, 0);
    });
    paintText(texts[2], trouble.length > 0 ? "#f0e442" : "#a3afc2");
    const gap = 4;
    const height = texts.reduce((sum, t) => sum + t.height, 0) + gap * 2 + 20;
    const top = c.y - height / 2;
    let y = top + 10;
    for (const t of texts) {
      t.setPosition(c.x, y);
      y += t.height + gap;
    }
    g.fillStyle(INK.background, 0.94);
    g.fillRoundedRect(c.x - 108, top, 216, height, 12);
    if (trouble.length > 0) {
      g.lineStyle(2, OKABE_ITO.yellow, 0.8);
      g.strokeRoundedRect(c.x - 108, top, 216, height, 12);
    }
  }

  private describe(state: GameStateView, nodes: readonly NodeView[], key: string, replicas: readonly string[]): Record<string, string> {
    const copies = key ? state.keys.get(key)?.copies : undefined;
    const stale = replicas.filter((n) => copies?.get(n)?.behind);
    const hints = nodes
      .filter((n) => (n.badges.get("hints") ?? 0) > 0)
      .map((n) => `${n.id}:${n.badges.get("hints")}`)
      .join(",");
    return {
      picture: "token-ring",
      ringArcs: String(this.model.arcs.length),
      ringOwners: [...this.model.owners].join(","),
      pickedKey: key,
      keyReplicas: replicas.join(","),
      staleReplicas: stale.join(","),
      hints,
      datacenters: String(this.placement.dcCount),
    };
  }
}

/** Node ids by datacenter. */
function dcMembers(nodes: readonly NodeView[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const n of nodes) out.set(n.dc, [...(out.get(n.dc) ?? []), n.id]);
  return out;
}
