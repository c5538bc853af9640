// What every scene shares: the diagram's coordinate space and the way to reach the tab's Session.
// (Kept apart from game/main.ts, which imports the scenes, so scenes never import it back.)

import type Phaser from "phaser";
import type { Session } from "../session";

/** The diagram's own coordinate space; the canvas is scaled to fit its column. */
export const WIDTH = 720;
export const HEIGHT = 600;

export const SESSION_KEY = "session";

export function sessionOf(scene: Phaser.Scene): Session {
  return scene.registry.get(SESSION_KEY) as Session;
}
