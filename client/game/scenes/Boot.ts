// Boot: make the canvas something assistive technology can name, then hand over to the Preloader.

import Phaser from "phaser";
import { NODE_TABLE_ID } from "../../ui/hud/game-overlay";

export class Boot extends Phaser.Scene {
  constructor() {
    super("Boot");
  }

  create(): void {
    const canvas = this.game.canvas;
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", "Cluster diagram: the nodes on a ring, their roles, logs and the messages between them. The node table below says the same in words.");
    canvas.setAttribute("aria-describedby", `${NODE_TABLE_ID}-summary`);
    this.scene.start("Preloader");
  }
}
