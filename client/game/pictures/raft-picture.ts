// The Raft picture (etcd): nodes evenly on a ring, each with its role, term and log strip; every pair linked (Raft
// talks all-to-all), cut and slowed links marked; the leader and term in the centre.

import type Phaser from "phaser";
import type { GameStateView } from "../../net/state";
import { LinkLayer } from "../draw/link-layer";
import { MessageLayer } from "../draw/message-layer";
import { NODE_RADIUS, NodeGlyph } from "../draw/node-glyph";
import { INK } from "../draw/palette";
import { ringPositions, type Point } from "../draw/ring-layout";
import { paintText } from "../draw/text-paint";
import { listValues } from "../../net/state";
import type { Picture, PictureFrame } from "./picture";

const RING_RADIUS = 200;
const FONT = "system-ui, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif";

export class RaftPicture implements Picture {
  private readonly linkGraphics: Phaser.GameObjects.Graphics;
  private readonly messageGraphics: Phaser.GameObjects.Graphics;
  private readonly nodeGraphics: Phaser.GameObjects.Graphics;
  private readonly links: LinkLayer;
  private readonly messages: MessageLayer;
  private readonly glyphs = new Map<string, NodeGlyph>();
  private positions = new Map<string, Point>();
  private readonly centerTitle: Phaser.GameObjects.Text;
  private readonly centerLine: Phaser.GameObjects.Text;

  constructor(
    private readonly scene: Phaser.Scene,
    private readonly center: Point,
  ) {
    this.linkGraphics = scene.add.graphics().setDepth(0);
    this.messageGraphics = scene.add.graphics().setDepth(1);
    this.nodeGraphics = scene.add.graphics().setDepth(2);
    this.links = new LinkLayer(scene);
    this.messages = new MessageLayer(scene);
    const text = (size: number, color: string, bold: boolean) =>
      scene.add
        .text(center.x, center.y, "", { fontFamily: FONT, fontSize: `${size}px`, color, fontStyle: bold ? "bold" : "normal", align: "center" })
        .setOrigin(0.5)
        .setResolution(2)
        .setDepth(3);
    this.centerTitle = text(26, "#eef2f8", true).setY(center.y - 14);
    this.centerLine = text(14, "#a3afc2", false).setY(center.y + 16);
  }

  draw(frame: PictureFrame): number {
    const { state, ids } = frame;
    this.positions = ringPositions(ids, this.center, RING_RADIUS);
    this.linkGraphics.clear();
    this.messageGraphics.clear();
    this.nodeGraphics.clear();
    this.links.draw(this.linkGraphics, ids, this.positions, listValues(state.links), this.center);
    let flying = 0;
    if (frame.reducedMotion) this.messages.drawStatic(this.messageGraphics, frame.flights, this.positions);
    else flying = this.messages.drawFlying(this.messageGraphics, frame.flights, this.positions);
    this.drawNodes(state, ids, frame.picked);
    this.drawCenter(state);
    return flying;
  }

  nodeAt(x: number, y: number): string | null {
    for (const [id, p] of this.positions) if (Math.hypot(p.x - x, p.y - y) <= NODE_RADIUS + 6) return id;
    return null;
  }

  facts(): Record<string, string> {
    return { picture: "raft" };
  }

  destroy(): void {
    for (const glyph of this.glyphs.values()) glyph.destroy();
    this.glyphs.clear();
    this.links.destroy();
    this.messages.destroy();
    for (const o of [this.linkGraphics, this.messageGraphics, this.nodeGraphics, this.centerTitle, this.centerLine]) o.destroy();
  }

  private drawNodes(state: GameStateView, ids: readonly string[], picked: readonly string[]): void {
    for (const id of ids) {
      let glyph = this.glyphs.get(id);
      if (!glyph) {
        glyph = new NodeGlyph(this.scene);
        this.glyphs.set(id, glyph);
      }
      const node = state.nodes.get(id);
      const at = this.positions.get(id);
      if (node && at) glyph.draw(this.nodeGraphics, node, at, picked.indexOf(id));
    }
    for (const [id, glyph] of this.glyphs) {
      if (!ids.includes(id)) {
        glyph.destroy();
        this.glyphs.delete(id);
      }
    }
  }

  private drawCenter(state: GameStateView): void {
    // A backing plate keeps the summary readable over the links that cross the ring's centre.
    const c = this.center;
    this.nodeGraphics.fillStyle(INK.background, 0.92);
    this.nodeGraphics.fillRoundedRect(c.x - 85, c.y - 36, 170, 66, 12);
    this.centerTitle.setText(state.leader ? `leader ${state.leader}` : "no leader");
    paintText(this.centerTitle, state.leader ? "#f0e442" : "#ff8a4c");
    const line =
      state.phase === "lobby" ? "waiting for the host to start" : state.paused ? `term ${state.term} · paused` : `term ${state.term}`;
    this.centerLine.setText(line);
  }
}
