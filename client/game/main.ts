// The Phaser game and its scenes, in the order they run: Boot → Preloader → Menu → Game. Scenes only draw and pass
// the player's clicks on; every rule lives on the server.

import Phaser from "phaser";
import type { Session } from "../session";
import { Boot } from "./scenes/Boot";
import { Game } from "./scenes/Game";
import { Menu } from "./scenes/Menu";
import { Preloader } from "./scenes/Preloader";
import { INK } from "./draw/palette";
import { HEIGHT, SESSION_KEY, WIDTH } from "./stage";

export function startGame(parent: HTMLElement, session: Session): Phaser.Game {
  return new Phaser.Game({
    type: Phaser.AUTO,
    parent,
    width: WIDTH,
    height: HEIGHT,
    backgroundColor: INK.background,
    banner: false,
    audio: { noAudio: true },
    render: { antialias: true },
    scale: { mode: Phaser.Scale.FIT, autoCenter: Phaser.Scale.CENTER_BOTH },
    callbacks: { preBoot: (game) => game.registry.set(SESSION_KEY, session) },
    scene: [Boot, Preloader, Menu, Game],
  });
}
