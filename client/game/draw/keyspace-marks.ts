// The marks of the keyspace picture: a node as a disc (dark body, a collar in its colour AND texture from
// node-identity.ts, so a replica on the bar and its node below look alike without colour vision), the leaseholder's
// key, and the stop sign of a node that stopped itself over its clock. The Raft leader wears shapes.ts's crown.

import type Phaser from "phaser";
import type { RunState } from "./keyspace-model";
import type { NodeIdentity } from "./node-identity";
import { INK, OKABE_ITO } from "./palette";
import type { Point } from "./ring-layout";
import { fillSector, textureSector } from "./ring-shapes";
import { dashedCircle, drawCross } from "./shapes";

type G = Phaser.GameObjects.Graphics;

/** A node's disc: running, stopped over its clock (collar faded), or down (dashed collar, crossed out). */
export function drawNodeDisc(g: G, at: Point, radius: number, collar: number, identity: NodeIdentity | undefined, state: RunState): void {
  const outer = radius + collar;
  g.fillStyle(state === "running" ? INK.nodeFill : INK.nodeFillDown, 1);
  g.fillCircle(at.x, at.y, outer);
  if (identity && state !== "down") {
    const ring = { center: at, inner: radius, outer };
    const alpha = state === "running" ? 1 : 0.45;
    fillSector(g, ring, 0, Math.PI * 2, identity.color, alpha);
    textureSector(g, ring, 0, Math.PI * 2, identity.texture, INK.background, 0.7 * alpha);
  } else {
    // Down: the collar is a dashed outline only, and the body is crossed out.
    g.lineStyle(2, INK.textDown, 1);
    dashedCircle(g, at.x, at.y, radius + collar / 2, 16, 0.55);
  }
  g.fillStyle(state === "running" ? INK.nodeFill : INK.nodeFillDown, 1);
  g.fillCircle(at.x, at.y, radius);
  if (state === "down") drawCross(g, at.x, at.y, radius * 0.55, OKABE_ITO.vermillion, Math.max(2, radius / 6));
}

/** A key: a ring (its bow), a shaft to the right and two teeth hanging from it. Hollow when the lease is stranded. */
export function drawKey(g: G, x: number, y: number, size: number, color: number, hollow = false): void {
  const bow = size * 0.26;
  const bx = x - size / 2 + bow;
  const width = Math.max(1.5, size / 7);
  g.lineStyle(width, color, 1);
  if (hollow) g.strokeCircle(bx, y, bow);
  else {
    g.fillStyle(color, 1);
    g.fillCircle(bx, y, bow);
    g.fillStyle(INK.background, 1);
    g.fillCircle(bx, y, bow * 0.4);
  }
  const shaftEnd = x + size / 2;
  g.lineBetween(bx + bow, y, shaftEnd, y);
  g.lineBetween(shaftEnd - width / 2, y, shaftEnd - width / 2, y + size * 0.24);
  g.lineBetween(shaftEnd - size * 0.22, y, shaftEnd - size * 0.22, y + size * 0.18);
}

/** A stop sign (an octagon with a bar): the node stopped itself because its clock was too far off. */
export function drawStopSign(g: G, x: number, y: number, r: number): void {
  const points = Array.from({ length: 8 }, (_, i) => {
    const a = Math.PI / 8 + (i * Math.PI) / 4;
    return { x: x + r * Math.cos(a), y: y + r * Math.sin(a) };
  });
  g.fillStyle(OKABE_ITO.vermillion, 1);
  g.beginPath();
  g.moveTo(points[0].x, points[0].y);
  for (const p of points.slice(1)) g.lineTo(p.x, p.y);
  g.closePath();
  g.fillPath();
  g.fillStyle(INK.text, 1);
  g.fillRect(x - r * 0.55, y - r * 0.16, r * 1.1, r * 0.32);
}
