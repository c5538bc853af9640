// Which picture draws a state: the token ring as soon as any node has tokens (Cassandra), else the Raft ring.
// Kept apart from the scene so the overlay (legend, node table) can ask without importing Phaser.

import type { GameStateView } from "../../net/state";

export type PictureKind = "token-ring" | "raft";

export function pictureKind(state: GameStateView): PictureKind {
  let ring = false;
  state.nodes.forEach((n) => {
    if (n.tokens) ring = true;
  });
  return ring ? "token-ring" : "raft";
}
