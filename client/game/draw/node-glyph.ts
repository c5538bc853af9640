// One node on the ring: its id, role, term, a strip of recent log entries with the commit point, and, when it is
// down, a grey body with a cross and the word "down". Role is shown by outline style, an icon and a word, never by
// colour alone: leader = thick ring + crown, candidate = dashed ring + star, pre-candidate = dotted ring + hollow
// star, follower = thin ring.

import type Phaser from "phaser";
import { parseLogTerms, type NodeView } from "../../net/state";
import { css, INK, OKABE_ITO } from "./palette";
import type { Point } from "./ring-layout";
import { dashedCircle, drawCrown, drawCross, starPoints } from "./shapes";
import { paintText } from "./text-paint";

export const NODE_RADIUS = 44;
const STRIP_CELLS = 8;
const CELL_W = 16;
const CELL_H = 18;
const FONT = "system-ui, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif";

type G = Phaser.GameObjects.Graphics;

export interface RoleLook {
  word: string;
  color: number;
}

export function roleLook(node: NodeView): RoleLook {
  if (!node.up) return { word: "DOWN", color: INK.textDown };
  switch (node.role) {
    case "leader":
      return { word: "LEADER", color: OKABE_ITO.yellow };
    case "candidate":
      return { word: "candidate", color: OKABE_ITO.orange };
    case "pre-candidate":
      return { word: "pre-candidate", color: OKABE_ITO.reddishPurple };
    case "follower":
      return { word: "follower", color: INK.textMuted };
    default:
      return { word: node.role || "unknown", color: INK.textMuted };
  }
}

export class NodeGlyph {
  private readonly idText: Phaser.GameObjects.Text;
  private readonly termText: Phaser.GameObjects.Text;
  private readonly roleText: Phaser.GameObjects.Text;
  private readonly infoText: Phaser.GameObjects.Text;
  private readonly cellTexts: Phaser.GameObjects.Text[] = [];

  constructor(scene: Phaser.Scene) {
    const text = (size: number, bold = false) =>
      scene.add
        .text(0, 0, "", { fontFamily: FONT, fontSize: `${size}px`, fontStyle: bold ? "bold" : "normal", color: "#eef2f8" })
        .setOrigin(0.5, 0.5)
        .setResolution(2)
        .setDepth(3);
    this.idText = text(24, true);
    this.termText = text(14);
    this.roleText = text(14, true);
    this.infoText = text(12);
    for (let i = 0; i < STRIP_CELLS; i++) this.cellTexts.push(text(11, true));
  }

  draw(g: G, node: NodeView, at: Point, selectedSlot: number): void {
    const look = roleLook(node);
    this.drawBody(g, node, at, look);
    this.drawRoleBadge(g, node, at, look);
    this.drawLogStrip(g, node, at);
    if (selectedSlot >= 0) this.drawSelection(g, at, selectedSlot);
  }

  destroy(): void {
    for (const t of [this.idText, this.termText, this.roleText, this.infoText, ...this.cellTexts]) t.destroy();
  }

  private drawBody(g: G, node: NodeView, at: Point, look: RoleLook): void {
    g.fillStyle(node.up ? INK.nodeFill : INK.nodeFillDown, 1);
    g.fillCircle(at.x, at.y, NODE_RADIUS);
    if (!node.up) {
      g.lineStyle(2, INK.textDown, 1);
      dashedCircle(g, at.x, at.y, NODE_RADIUS, 24, 0.5);
      drawCross(g, at.x, at.y, NODE_RADIUS * 0.62, OKABE_ITO.vermillion, 5);
    } else if (node.role === "leader") {
      g.lineStyle(6, look.color, 1);
      g.strokeCircle(at.x, at.y, NODE_RADIUS);
    } else if (node.role === "candidate") {
      g.lineStyle(4, look.color, 1);
      dashedCircle(g, at.x, at.y, NODE_RADIUS, 12, 0.6);
    } else if (node.role === "pre-candidate") {
      g.lineStyle(4, look.color, 1);
      dashedCircle(g, at.x, at.y, NODE_RADIUS, 28, 0.25);
    } else {
      g.lineStyle(2, look.color, 1);
      g.strokeCircle(at.x, at.y, NODE_RADIUS);
    }
    const muted = node.up ? "#eef2f8" : "#8a9099";
    paintText(this.idText.setText(node.id).setPosition(at.x, at.y - 9), muted);
    paintText(this.termText.setText(`term ${node.term}`).setPosition(at.x, at.y + 15), node.up ? "#c9d3e3" : "#8a9099");
  }

  private drawRoleBadge(g: G, node: NodeView, at: Point, look: RoleLook): void {
    const y = at.y - NODE_RADIUS - 17;
    paintText(this.roleText.setText(look.word), css(node.up ? look.color : OKABE_ITO.vermillion));
    const iconGap = 16;
    const width = this.roleText.width;
    const hasIcon = node.up && (node.role === "leader" || node.role === "candidate" || node.role === "pre-candidate");
    const textX = hasIcon ? at.x + iconGap / 2 : at.x;
    this.roleText.setPosition(textX, y);
    if (!hasIcon) return;
    const iconX = textX - width / 2 - 11;
    if (node.role === "leader") drawCrown(g, iconX, y, 20, look.color);
    else {
      g.fillStyle(look.color, 1);
      g.lineStyle(2, look.color, 1);
      const star = starPoints(iconX, y, 9, 4);
      g.beginPath();
      g.moveTo(star[0].x, star[0].y);
      for (const p of star.slice(1)) g.lineTo(p.x, p.y);
      g.closePath();
      if (node.role === "candidate") g.fillPath();
      else g.strokePath();
    }
  }

  private drawLogStrip(g: G, node: NodeView, at: Point): void {
    const terms = parseLogTerms(node.log).slice(-STRIP_CELLS);
    const firstIndex = node.logLength - terms.length + 1;
    const left = at.x - (STRIP_CELLS * CELL_W) / 2;
    const top = at.y + NODE_RADIUS + 10;
    terms.forEach((term, i) => {
      const index = firstIndex + i;
      const committed = index <= node.commitIndex;
      const x = left + (STRIP_CELLS - terms.length + i) * CELL_W;
      if (committed) {
        g.fillStyle(node.up ? OKABE_ITO.bluishGreen : 0x4a5058, 1);
        g.fillRect(x + 1, top, CELL_W - 2, CELL_H);
      } else {
        g.lineStyle(1.5, node.up ? 0x8fa3bf : 0x5a6068, 1);
        g.strokeRect(x + 1.5, top + 0.5, CELL_W - 3, CELL_H - 1);
      }
      paintText(this.cellTexts[i].setText(String(term)).setPosition(x + CELL_W / 2, top + CELL_H / 2), committed ? "#06130f" : "#dbe4f0");
    });
    for (let i = terms.length; i < STRIP_CELLS; i++) this.cellTexts[i].setText("");
    // The commit point: a bar after the last committed entry shown in the strip.
    const committedShown = Math.min(Math.max(node.commitIndex - firstIndex + 1, 0), terms.length);
    if (terms.length > 0 && committedShown > 0) {
      const x = left + (STRIP_CELLS - terms.length + committedShown) * CELL_W;
      g.fillStyle(0xffffff, 1);
      g.fillRect(x - 1, top - 4, 2, CELL_H + 8);
    }
    if (terms.length === 0) {
      g.lineStyle(1, 0x44516a, 1);
      g.strokeRect(left + 0.5, top + 0.5, STRIP_CELLS * CELL_W - 1, CELL_H - 1);
    }
    const who = node.player ? ` · ${node.player}` : "";
    paintText(this.infoText.setText(`log ${node.logLength} · commit ${node.commitIndex}${who}`).setPosition(at.x, top + CELL_H + 12), node.up ? "#9aa6b8" : "#7c828c");
  }

  private drawSelection(g: G, at: Point, slot: number): void {
    g.lineStyle(3, INK.selection, 1);
    g.strokeCircle(at.x, at.y, NODE_RADIUS + 9);
    const bx = at.x + NODE_RADIUS * 0.85;
    const by = at.y - NODE_RADIUS * 0.85;
    g.fillStyle(INK.selection, 1);
    g.fillCircle(bx, by, 10);
    g.lineStyle(2, INK.background, 1);
    // Slot 0 is the first pick (one dot), slot 1 the second (two dots), readable without the DOM labels.
    g.fillStyle(INK.background, 1);
    if (slot === 0) g.fillCircle(bx, by, 3);
    else {
      g.fillCircle(bx - 3.5, by, 2.5);
      g.fillCircle(bx + 3.5, by, 2.5);
    }
  }
}
