// Drawing on the slot strip: a master's texture over a rectangle of slots (node-identity.ts gives each master a
// colour AND a texture, so neighbouring ranges differ without colour vision), hatches for migrating and uncovered
// slots, arrows, and a small pool of reused texts.

import type Phaser from "phaser";
import type { Texture } from "./node-identity";
import type { Point } from "./ring-layout";

type G = Phaser.GameObjects.Graphics;

/** Diagonal lines across a rectangle, clipped to it; `rising` slopes up to the right, else down. */
export function hatchRect(g: G, x: number, y: number, w: number, h: number, spacing: number, rising = true): void {
  for (let d = -h; d < w; d += spacing) {
    const t0 = Math.max(0, -d);
    const t1 = Math.min(h, w - d);
    if (t0 >= t1) continue;
    if (rising) g.lineBetween(x + d + t0, y + h - t0, x + d + t1, y + h - t1);
    else g.lineBetween(x + d + t0, y + t0, x + d + t1, y + t1);
  }
}

/** A master's texture over its range, in `ink` (the background colour reads on every palette colour). */
export function textureRect(g: G, x: number, y: number, w: number, h: number, texture: Texture, ink: number, alpha: number): void {
  if (w < 1) return;
  g.lineStyle(1.5, ink, alpha);
  const mid = y + h / 2;
  switch (texture) {
    case "plain":
      return;
    case "stripes":
      hatchRect(g, x, y, w, h, 8, true);
      return;
    case "dots":
      g.fillStyle(ink, alpha);
      for (let px = x + 5; px < x + w - 2; px += 9) for (let py = y + 5; py < y + h - 2; py += 9) g.fillCircle(px, py, 1.6);
      return;
    case "band":
      g.lineBetween(x, mid, x + w, mid);
      return;
    case "ticks":
      for (let px = x + 4; px < x + w - 1; px += 7) {
        g.lineBetween(px, y, px, y + 5);
        g.lineBetween(px, y + h - 5, px, y + h);
      }
      return;
    case "double":
      g.lineBetween(x, y + h / 3, x + w, y + h / 3);
      g.lineBetween(x, y + (2 * h) / 3, x + w, y + (2 * h) / 3);
      return;
    case "checks":
      hatchRect(g, x, y, w, h, 10, true);
      g.lineBetween(x, mid, x + w, mid);
      return;
    case "dashes":
      for (let px = x + 2; px < x + w - 2; px += 10) g.lineBetween(px, mid, Math.min(px + 5, x + w), mid);
      return;
  }
}

/** An arrow from a to b with a filled head. */
export function arrow(g: G, a: Point, b: Point, color: number, width: number, head = 9, dashed = false): void {
  const angle = Math.atan2(b.y - a.y, b.x - a.x);
  const end = { x: b.x - Math.cos(angle) * head * 0.8, y: b.y - Math.sin(angle) * head * 0.8 };
  g.lineStyle(width, color, 1);
  if (dashed) {
    const length = Math.hypot(end.x - a.x, end.y - a.y);
    for (let d = 0; d < length; d += 10) {
      const t0 = d / length;
      const t1 = Math.min(1, (d + 6) / length);
      g.lineBetween(a.x + (end.x - a.x) * t0, a.y + (end.y - a.y) * t0, a.x + (end.x - a.x) * t1, a.y + (end.y - a.y) * t1);
    }
  } else {
    g.lineBetween(a.x, a.y, end.x, end.y);
  }
  g.fillStyle(color, 1);
  g.fillTriangle(
    b.x,
    b.y,
    b.x - Math.cos(angle - 0.45) * head,
    b.y - Math.sin(angle - 0.45) * head,
    b.x - Math.cos(angle + 0.45) * head,
    b.y - Math.sin(angle + 0.45) * head,
  );
}

/** A point on the quadratic curve a -> b bowed by `bow` px to the left of the direction of travel. */
export function bowPoint(a: Point, b: Point, bow: number, t: number): Point {
  const mx = (a.x + b.x) / 2;
  const my = (a.y + b.y) / 2;
  const length = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  const c = { x: mx + ((b.y - a.y) / length) * bow, y: my - ((b.x - a.x) / length) * bow };
  const u = 1 - t;
  return { x: u * u * a.x + 2 * u * t * c.x + t * t * b.x, y: u * u * a.y + 2 * u * t * c.y + t * t * b.y };
}

/** A bowed arrow a -> b (drawn as a polyline), its head at b. */
export function bowArrow(g: G, a: Point, b: Point, bow: number, color: number, width: number, dashed = false): void {
  const steps = 24;
  const points = Array.from({ length: steps + 1 }, (_, i) => bowPoint(a, b, bow, i / steps));
  g.lineStyle(width, color, 1);
  for (let i = 0; i < steps - 1; i++) {
    if (dashed && i % 2 === 1) continue;
    g.lineBetween(points[i].x, points[i].y, points[i + 1].x, points[i + 1].y);
  }
  arrow(g, points[steps - 1], points[steps], color, width, 10);
}

