// Drawing on a ring: filled annular sectors and the textures that tell nodes apart without colour
// (node-identity.ts). Angles in radians, clockwise from the +x axis as Phaser measures them.

import type Phaser from "phaser";
import type { Texture } from "./node-identity";
import type { Point } from "./ring-layout";

type G = Phaser.GameObjects.Graphics;

export interface Annulus {
  center: Point;
  inner: number;
  outer: number;
}

/** A point at `radius` and `angle` around the centre. */
export function polar(center: Point, radius: number, angle: number): Point {
  return { x: center.x + radius * Math.cos(angle), y: center.y + radius * Math.sin(angle) };
}

/** The sector between angles a0 < a1 of the annulus, filled. */
export function fillSector(g: G, ring: Annulus, a0: number, a1: number, color: number, alpha: number): void {
  const { center, inner, outer } = ring;
  g.fillStyle(color, alpha);
  g.beginPath();
  g.arc(center.x, center.y, outer, a0, a1, false);
  g.arc(center.x, center.y, inner, a1, a0, true);
  g.closePath();
  g.fillPath();
}

/** An open arc (a line along the circle) from a0 to a1, clockwise. */
export function strokeArc(g: G, center: Point, radius: number, a0: number, a1: number): void {
  g.beginPath();
  g.arc(center.x, center.y, radius, a0, a1, false);
  g.strokePath();
}

/** Marks spaced about `spacing` px apart along the arc at `radius`, never on the sector's edges. */
function along(radius: number, a0: number, a1: number, spacing: number): number[] {
  const length = radius * (a1 - a0);
  const count = Math.floor(length / spacing);
  if (count < 1) return length > spacing * 0.6 ? [(a0 + a1) / 2] : [];
  const step = (a1 - a0) / count;
  return Array.from({ length: count }, (_, i) => a0 + step * (i + 0.5));
}

/** The node's texture over its sector, drawn in `ink` (the background colour reads on every palette colour). */
export function textureSector(g: G, ring: Annulus, a0: number, a1: number, texture: Texture, ink: number, alpha: number): void {
  const { center, inner, outer } = ring;
  const mid = (inner + outer) / 2;
  const width = outer - inner;
  const radial = (angles: number[], r0: number, r1: number) => {
    for (const a of angles) {
      const p = polar(center, r0, a);
      const q = polar(center, r1, a);
      g.lineBetween(p.x, p.y, q.x, q.y);
    }
  };
  g.lineStyle(1.6, ink, alpha);
  g.fillStyle(ink, alpha);
  switch (texture) {
    case "plain":
      return;
    case "stripes":
      radial(along(mid, a0, a1, 6), inner + 2, outer - 2);
      return;
    case "dots":
      for (const a of along(mid, a0, a1, 7)) {
        const p = polar(center, mid, a);
        g.fillCircle(p.x, p.y, 1.9);
      }
      return;
    case "band":
      g.lineStyle(2.4, ink, alpha);
      strokeArc(g, center, mid, a0, a1);
      return;
    case "ticks":
      radial(along(outer, a0, a1, 5), outer - width * 0.35, outer - 1);
      return;
    case "double":
      strokeArc(g, center, inner + width * 0.3, a0, a1);
      strokeArc(g, center, inner + width * 0.7, a0, a1);
      return;
    case "dashes":
      g.lineStyle(2.4, ink, alpha);
      for (const a of along(mid, a0, a1, 8)) {
        const half = 2.2 / mid;
        strokeArc(g, center, mid, a - half, a + half);
      }
      return;
    case "checks":
      radial(along(mid, a0, a1, 7), inner + 2, outer - 2);
      strokeArc(g, center, mid, a0, a1);
      return;
  }
}
