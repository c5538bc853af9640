// Preloader: the game draws everything itself, so the one thing to load is the server's list of levels.

import Phaser from "phaser";
import { fetchLevels } from "../../net/levels";
import { sessionOf, WIDTH, HEIGHT } from "../stage";

export class Preloader extends Phaser.Scene {
  constructor() {
    super("Preloader");
  }

  create(): void {
    const session = sessionOf(this);
    const label = this.add
      .text(WIDTH / 2, HEIGHT / 2, "Loading levels…", { fontFamily: "system-ui, sans-serif", fontSize: "20px", color: "#a3afc2" })
      .setOrigin(0.5)
      .setResolution(2);
    fetchLevels()
      .then((levels) => {
        session.levels = levels;
        if (levels.length === 0) session.levelsError = "The server has no playable levels; you can still join a room by its code.";
      })
      .catch((error: unknown) => {
        session.levelsError = `${error instanceof Error ? error.message : String(error)} You can still join a room by its code.`;
      })
      .finally(() => {
        label.destroy();
        this.scene.start("Menu");
      });
  }
}
