// One node around the token ring: its id and state inside, a collar in its ring colour and texture (the same look as
// its arcs), the hints it holds for other nodes as a letter with a count, and, when a key is picked, its replica
// number and the value it holds, marked stale or newest in words and icons. Down = grey body, dashed outline and a
// cross; joining and leaving = a dashed collar and the word.

import type Phaser from "phaser";
import type { CopyView, NodeView } from "../../net/state";
import type { NodeIdentity } from "./node-identity";
import { css, INK, OKABE_ITO } from "./palette";
import { fillSector, textureSector } from "./ring-shapes";
import type { Point } from "./ring-layout";
import { dashedCircle, drawCross, drawEnvelope } from "./shapes";
import { paintText } from "./text-paint";

export const RING_NODE_RADIUS = 25;
const COLLAR = 7;
/** Half the side of the texture a node's body is drawn into. */
const BODY_BOX = RING_NODE_RADIUS + COLLAR + 2;
const FONT = "system-ui, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif";

type G = Phaser.GameObjects.Graphics;

/** The state word inside a node: Cassandra's nodetool status in words (up/down, normal/joining/leaving). */
export function ringStateWord(node: NodeView): string {
  if (!node.up) return "DOWN";
  return node.role || "up";
}

export interface ReplicaMark {
  /** 1 for the primary replica, 2, 3, ... in placement order. */
  number: number;
  copy: CopyView | undefined;
}

export interface RingNodeLook {
  identity: NodeIdentity;
  /** Direction from the ring's centre to the node (radians), so labels go outward. */
  angle: number;
  /** "rack1" or "dc1 · rack1" when the cluster has more than one; "" otherwise. */
  place: string;
  selectedSlot: number;
  replica: ReplicaMark | null;
  /** A key is picked and this node is not one of its replicas: drawn quieter. */
  dimmed: boolean;
}

export class RingNodeGlyph {
  /**
   * The node's body and collar, drawn into a small texture once per change of look and moved with the node: its
   * texture is many shapes, which a Graphics would draw again every frame.
   */
  private readonly bodyShapes: Phaser.GameObjects.Graphics;
  private readonly body: Phaser.GameObjects.RenderTexture;
  private bodyKey = "";
  private readonly idText: Phaser.GameObjects.Text;
  private readonly stateText: Phaser.GameObjects.Text;
  private readonly hintText: Phaser.GameObjects.Text;
  private readonly placeText: Phaser.GameObjects.Text;
  private readonly valueText: Phaser.GameObjects.Text;
  private readonly numberText: Phaser.GameObjects.Text;

  constructor(scene: Phaser.Scene) {
    this.bodyShapes = scene.add.graphics().setVisible(false);
    this.body = scene.add.renderTexture(0, 0, BODY_BOX * 2, BODY_BOX * 2).setOrigin(0.5, 0.5).setDepth(1.9);
    const text = (size: number, bold = false) =>
      scene.add
        .text(0, 0, "", { fontFamily: FONT, fontSize: `${size}px`, fontStyle: bold ? "bold" : "normal", color: "#eef2f8", align: "center" })
        .setOrigin(0.5, 0.5)
        .setResolution(2)
        .setDepth(3);
    this.idText = text(16, true);
    this.stateText = text(10, true);
    this.hintText = text(12, true).setOrigin(0, 0.5);
    this.placeText = text(11);
    this.valueText = text(12, true).setPadding(4, 2, 4, 2).setBackgroundColor("#0f1521");
    this.numberText = text(12, true).setColor("#0f1521");
  }

  draw(g: G, node: NodeView, at: Point, look: RingNodeLook): void {
    const out = { x: Math.cos(look.angle), y: Math.sin(look.angle) };
    // Clockwise along the ring from the node: where its hint badge goes (the replica number goes the other way).
    const along = { x: -out.y, y: out.x };
    this.drawBody(g, node, at, look);
    this.drawHints(g, node, at, along);
    this.drawLabels(node, at, out, look);
    if (look.replica) this.drawReplicaNumber(g, at, along, look.replica.number);
    else this.numberText.setText("");
    if (look.selectedSlot >= 0) this.drawSelection(g, at, out, look.selectedSlot);
  }

  destroy(): void {
    for (const t of [this.idText, this.stateText, this.hintText, this.placeText, this.valueText, this.numberText]) t.destroy();
    this.body.destroy();
    this.bodyShapes.destroy();
  }

  private drawBody(_g: G, node: NodeView, at: Point, look: RingNodeLook): void {
    const { identity } = look;
    this.body.setPosition(at.x, at.y);
    const key = `${node.up}|${node.role}|${look.dimmed}|${identity.index}`;
    if (key !== this.bodyKey) {
      this.bodyKey = key;
      const g = this.bodyShapes;
      const origin = { x: 0, y: 0 };
      const collar = { center: origin, inner: RING_NODE_RADIUS, outer: RING_NODE_RADIUS + COLLAR };
      const owning = node.up && node.role !== "joining";
      const alpha = look.dimmed ? 0.45 : 1;
      g.clear();
      g.fillStyle(node.up ? INK.nodeFill : INK.nodeFillDown, 1);
      g.fillCircle(0, 0, RING_NODE_RADIUS + COLLAR);
      if (owning) {
        fillSector(g, collar, 0, Math.PI * 2, identity.color, alpha);
        textureSector(g, collar, 0, Math.PI * 2, identity.texture, INK.background, 0.7 * alpha);
      } else {
        // Joining (owns nothing yet) or down: the collar is a dashed outline only.
        g.lineStyle(3, node.up ? identity.color : INK.textDown, alpha);
        dashedCircle(g, 0, 0, RING_NODE_RADIUS + COLLAR / 2, 16, 0.55);
      }
      g.fillStyle(node.up ? INK.nodeFill : INK.nodeFillDown, 1);
      g.fillCircle(0, 0, RING_NODE_RADIUS);
      if (!node.up) drawCross(g, 0, 0, RING_NODE_RADIUS * 0.55, OKABE_ITO.vermillion, 4);
      this.body.clear();
      this.body.draw(g, BODY_BOX, BODY_BOX);
      this.body.render();
    }
    const text = node.up ? (look.dimmed ? "#9aa6b8" : "#eef2f8") : "#8a9099";
    paintText(this.idText.setText(node.id).setPosition(at.x, at.y - 5), text);
    paintText(this.stateText.setText(ringStateWord(node)).setPosition(at.x, at.y + 11), node.up ? (node.role === "normal" ? "#a3afc2" : css(OKABE_ITO.yellow)) : "#ff8a4c");
  }

  /** Hints this node holds for others: a letter and the count, beside it clockwise along the ring. */
  private drawHints(g: G, node: NodeView, at: Point, along: Point): void {
    const hints = node.badges.get("hints") ?? 0;
    if (hints <= 0) {
      this.hintText.setText("");
      return;
    }
    this.hintText.setText(String(hints));
    const width = 30 + this.hintText.width;
    const reach = RING_NODE_RADIUS + COLLAR + 6 + width / 2;
    const cx = at.x + along.x * reach;
    const cy = at.y + along.y * (RING_NODE_RADIUS + COLLAR + 16);
    const left = cx - width / 2;
    g.fillStyle(INK.background, 0.95);
    g.lineStyle(2, OKABE_ITO.yellow, 1);
    g.fillRoundedRect(left, cy - 11, width, 22, 8);
    g.strokeRoundedRect(left, cy - 11, width, 22, 8);
    drawEnvelope(g, left + 13, cy, 17, OKABE_ITO.yellow, true);
    paintText(this.hintText.setPosition(left + 25, cy), css(OKABE_ITO.yellow));
  }

  /** Outward from the node: its rack (and player), then the picked key's value on this replica. */
  private drawLabels(node: NodeView, at: Point, out: Point, look: RingNodeLook): void {
    const reach = RING_NODE_RADIUS + COLLAR + 6;
    const anchor = { x: at.x + out.x * reach, y: at.y + out.y * reach };
    const side = Math.abs(out.y) < 0.45;
    const ox = side ? (out.x > 0 ? 0 : 1) : 0.5;
    const lines = [look.place, node.player ? `played by ${node.player}` : ""].filter(Boolean).join("\n");
    paintText(this.placeText.setText(lines), node.up ? "#a3afc2" : "#7c828c");
    const copy = look.replica ? copyWords(look.replica.copy) : null;
    paintText(this.valueText.setText(copy?.text ?? ""), copy?.color ?? "#eef2f8");
    const placeH = lines ? this.placeText.height : 0;
    if (side) {
      // Beside the node: the place above the centre line, the value below it.
      this.placeText.setOrigin(ox, copy ? 1 : 0.5).setPosition(anchor.x, anchor.y - (copy ? 1 : 0));
      this.valueText.setOrigin(ox, lines ? 0 : 0.5).setPosition(anchor.x, anchor.y + (lines ? 1 : 0));
    } else if (out.y < 0) {
      // Above the node: the place nearest, the value further up.
      this.placeText.setOrigin(0.5, 1).setPosition(anchor.x, anchor.y);
      this.valueText.setOrigin(0.5, 1).setPosition(anchor.x, anchor.y - placeH - (lines ? 2 : 0));
    } else {
      this.placeText.setOrigin(0.5, 0).setPosition(anchor.x, anchor.y);
      this.valueText.setOrigin(0.5, 0).setPosition(anchor.x, anchor.y + placeH + (lines ? 2 : 0));
    }
  }

  /** The replica's place in the key's replica list (1 = primary), beside the node counter-clockwise. */
  private drawReplicaNumber(g: G, at: Point, along: Point, n: number): void {
    const reach = RING_NODE_RADIUS + COLLAR + 10;
    const x = at.x - along.x * reach;
    const y = at.y - along.y * reach;
    g.fillStyle(0xffffff, 1);
    g.fillCircle(x, y, 10);
    this.numberText.setText(String(n)).setPosition(x, y);
  }

  private drawSelection(g: G, at: Point, out: Point, slot: number): void {
    g.lineStyle(3, INK.selection, 1);
    g.strokeCircle(at.x, at.y, RING_NODE_RADIUS + COLLAR + 5);
    // Its pick marks (one dot: first pick, two: second) on the side facing the ring.
    const bx = at.x - out.x * (RING_NODE_RADIUS + COLLAR + 5);
    const by = at.y - out.y * (RING_NODE_RADIUS + COLLAR + 5);
    g.fillStyle(INK.selection, 1);
    g.fillCircle(bx, by, 8);
    g.fillStyle(INK.background, 1);
    if (slot === 0) g.fillCircle(bx, by, 2.6);
    else {
      g.fillCircle(bx - 3, by, 2.2);
      g.fillCircle(bx + 3, by, 2.2);
    }
  }
}

/** A replica's copy of the picked key in words with an icon: newest, stale, or nothing. */
export function copyWords(copy: CopyView | undefined): { text: string; color: string; kind: "newest" | "stale" | "none" } {
  if (!copy?.held) {
    return copy?.behind
      ? { text: "⚠ STALE: nothing", color: css(OKABE_ITO.orange), kind: "stale" }
      : { text: "∅ nothing yet", color: "#a3afc2", kind: "none" };
  }
  const value = copy.value.length > 14 ? `${copy.value.slice(0, 13)}…` : copy.value;
  if (copy.behind) return { text: `⚠ STALE: ${value}`, color: css(OKABE_ITO.orange), kind: "stale" };
  return { text: `✓ ${value}`, color: "#3fd3a4", kind: "newest" };
}
