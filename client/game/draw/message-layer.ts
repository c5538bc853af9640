// Messages in flight. Each one glides from its sender to its receiver as its flight progresses (flights.ts), so
// the room sends one patch per message, not one per frame. With reduced motion nothing moves: each busy direction
// gets a still line with a count instead.

import type Phaser from "phaser";
import type { MessageView } from "../../net/state";
import type { Flight } from "./flights";
import { styleForKind } from "./message-kinds";
import { laneOffset, rimToRim, type Point } from "./ring-layout";
import { dashedLine, drawShape } from "./shapes";
import { NODE_RADIUS } from "./node-glyph";

const LANE = 7;
const GLYPH = 7;
const TRAIL = 26;
const FONT = "system-ui, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif";

export class MessageLayer {
  private counts = new Map<string, Phaser.GameObjects.Text>();

  /**
   * `nodeRadius`: the node glyphs' radius, so messages leave from and land on their rims. `system` picks the
   * message families (message-kinds.ts).
   */
  constructor(
    private readonly scene: Phaser.Scene,
    private readonly nodeRadius: number = NODE_RADIUS,
    private readonly system = "",
  ) {}

  destroy(): void {
    this.clearCounts();
  }

  /** Draw moving glyphs; returns how many were drawn. */
  drawFlying(g: Phaser.GameObjects.Graphics, flights: readonly Flight[], at: Map<string, Point>): number {
    this.clearCounts();
    let drawn = 0;
    for (const { message, progress } of flights) {
      const from = at.get(message.from);
      const to = at.get(message.to);
      if (!from || !to) continue;
      const [a, b] = rimToRim(from, to, this.nodeRadius);
      const pos = laneOffset(a, b, progress, LANE);
      const style = styleForKind(message.kind, this.system);
      const length = Math.hypot(b.x - a.x, b.y - a.y) || 1;
      const back = laneOffset(a, b, Math.max(0, progress - TRAIL / length), LANE);
      g.lineStyle(2, style.family.color, 0.55);
      if (style.reply) dashedLine(g, back, pos, 4, 4);
      else g.lineBetween(back.x, back.y, pos.x, pos.y);
      drawShape(g, style.family.shape, pos.x, pos.y, GLYPH, style.family.color, style.reply);
      drawn += 1;
    }
    return drawn;
  }

  /** Reduced motion: one still line per busy direction, labelled with how many messages it carries. */
  drawStatic(g: Phaser.GameObjects.Graphics, flights: readonly Flight[], at: Map<string, Point>): void {
    const byDirection = new Map<string, MessageView[]>();
    for (const { message: m } of flights) {
      const key = `${m.from}>${m.to}`;
      byDirection.set(key, [...(byDirection.get(key) ?? []), m]);
    }
    const used = new Set<string>();
    for (const [key, list] of byDirection) {
      const from = at.get(list[0].from);
      const to = at.get(list[0].to);
      if (!from || !to) continue;
      const [a, b] = rimToRim(from, to, this.nodeRadius);
      const style = styleForKind(list[0].kind, this.system);
      const start = laneOffset(a, b, 0, LANE);
      const end = laneOffset(a, b, 0.45, LANE);
      g.lineStyle(3, style.family.color, 0.9);
      g.lineBetween(start.x, start.y, end.x, end.y);
      drawShape(g, style.family.shape, end.x, end.y, GLYPH, style.family.color, style.reply);
      used.add(key);
      this.count(key, list.length, laneOffset(a, b, 0.3, LANE + 12));
    }
    for (const [key, text] of this.counts) {
      if (!used.has(key)) {
        text.destroy();
        this.counts.delete(key);
      }
    }
  }

  private count(key: string, n: number, at: Point): void {
    let text = this.counts.get(key);
    if (!text) {
      text = this.scene.add
        .text(0, 0, "", { fontFamily: FONT, fontSize: "12px", color: "#eef2f8", backgroundColor: "#0f1521", padding: { x: 3, y: 1 } })
        .setOrigin(0.5, 0.5)
        .setResolution(2)
        .setDepth(2);
      this.counts.set(key, text);
    }
    text.setText(`×${n}`).setPosition(at.x, at.y);
  }

  private clearCounts(): void {
    for (const text of this.counts.values()) text.destroy();
    this.counts.clear();
  }
}

