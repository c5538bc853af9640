// A picture is one way of drawing a cluster: the Raft ring of etcd (nodes with their logs, all-to-all links),
// the token ring of Cassandra (the ring's arcs, nodes grouped by datacenter, a key's replicas), or the drive racks
// of MinIO (each server's drives, an object's data and parity shards on them). The Game scene
// keeps time and message flights and hands each frame to the picture that fits the system.

import type { GameStateView } from "../../net/state";
import type { Flight } from "../draw/flights";

export interface PictureFrame {
  state: GameStateView;
  /** Node ids in natural order. */
  ids: readonly string[];
  flights: readonly Flight[];
  reducedMotion: boolean;
  /** Nodes the player picked (slot 0, slot 1). */
  picked: readonly string[];
  /** The key the player picked or hovers in the key list, "" for none. */
  key: string;
}

export interface Picture {
  /** Draws one frame; returns how many messages were drawn moving. */
  draw(frame: PictureFrame): number;
  /** The node under a point of the canvas, or null. */
  nodeAt(x: number, y: number): string | null;
  /** Facts about the drawing for tests and the curious (set as data-* attributes on the canvas host). */
  facts(): Record<string, string>;
  destroy(): void;
}
