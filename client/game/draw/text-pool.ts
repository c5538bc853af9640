// Texts reused frame after frame: a picture takes the texts it needs each frame (begin, take..., end) and what it
// did not take this frame is hidden. Creating and destroying Phaser texts every frame would be slow and churn memory.

import type Phaser from "phaser";
import { paintText } from "./text-paint";

export class TextPool {
  private readonly texts: Phaser.GameObjects.Text[] = [];
  private used = 0;

  constructor(
    private readonly scene: Phaser.Scene,
    private readonly style: Phaser.Types.GameObjects.Text.TextStyle,
    private readonly depth: number,
  ) {}

  begin(): void {
    this.used = 0;
  }

  take(text: string, x: number, y: number, color: string, originX = 0, originY = 0.5): Phaser.GameObjects.Text {
    let t = this.texts[this.used];
    if (!t) {
      t = this.scene.add.text(0, 0, "", this.style).setResolution(2).setDepth(this.depth);
      this.texts.push(t);
    }
    this.used += 1;
    // Setting the same text again would re-render its texture.
    if (t.text !== text) t.setText(text);
    t.setOrigin(originX, originY).setPosition(Math.round(x), Math.round(y)).setVisible(true).setAlpha(1);
    paintText(t, color);
    return t;
  }

  end(): void {
    for (let i = this.used; i < this.texts.length; i++) if (this.texts[i].visible) this.texts[i].setVisible(false);
  }

  destroy(): void {
    for (const t of this.texts.splice(0)) t.destroy();
  }
}
