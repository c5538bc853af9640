// Vector glyphs drawn with Phaser Graphics (no fonts or image assets: the same look on every machine, and nothing
// to load). Shapes carry meaning alongside colour: message families, the leader's crown, the candidate's star.

import type Phaser from "phaser";
import type { Point } from "./ring-layout";
import type { Shape } from "./message-kinds";

type G = Phaser.GameObjects.Graphics;

function polygon(g: G, points: Point[], fill: boolean): void {
  g.beginPath();
  g.moveTo(points[0].x, points[0].y);
  for (const p of points.slice(1)) g.lineTo(p.x, p.y);
  g.closePath();
  if (fill) g.fillPath();
  else g.strokePath();
}

function regular(x: number, y: number, r: number, sides: number, rotation: number): Point[] {
  return Array.from({ length: sides }, (_, i) => {
    const a = rotation + (2 * Math.PI * i) / sides;
    return { x: x + r * Math.cos(a), y: y + r * Math.sin(a) };
  });
}

export function starPoints(x: number, y: number, outer: number, inner: number): Point[] {
  return Array.from({ length: 10 }, (_, i) => {
    const r = i % 2 === 0 ? outer : inner;
    const a = -Math.PI / 2 + (Math.PI * i) / 5;
    return { x: x + r * Math.cos(a), y: y + r * Math.sin(a) };
  });
}

/** A message glyph: filled for requests, a thick outline for replies. */
export function drawShape(g: G, shape: Shape, x: number, y: number, size: number, color: number, hollow: boolean): void {
  const fill = !hollow;
  g.fillStyle(color, 1);
  g.lineStyle(2.5, color, 1);
  switch (shape) {
    case "circle":
      if (fill) g.fillCircle(x, y, size * 0.8);
      else g.strokeCircle(x, y, size * 0.8);
      return;
    case "square":
      if (fill) g.fillRect(x - size * 0.75, y - size * 0.75, size * 1.5, size * 1.5);
      else g.strokeRect(x - size * 0.75, y - size * 0.75, size * 1.5, size * 1.5);
      return;
    case "diamond":
      polygon(g, regular(x, y, size, 4, -Math.PI / 2), fill);
      return;
    case "triangle":
      polygon(g, regular(x, y + size * 0.15, size, 3, -Math.PI / 2), fill);
      return;
    case "star":
      polygon(g, starPoints(x, y, size * 1.1, size * 0.5), fill);
      return;
    case "hexagon":
      polygon(g, regular(x, y, size * 0.9, 6, 0), fill);
      return;
    case "envelope":
      drawEnvelope(g, x, y, size * 2.1, color, fill);
      return;
  }
}

/** A letter: a rectangle with its flap drawn as a V (a hint waiting to be delivered). */
export function drawEnvelope(g: G, x: number, y: number, width: number, color: number, filled: boolean, ink = 0x0f1521): void {
  const w = width;
  const hgt = width * 0.68;
  const left = x - w / 2;
  const top = y - hgt / 2;
  if (filled) {
    g.fillStyle(color, 1);
    g.fillRect(left, top, w, hgt);
    g.lineStyle(Math.max(1.2, w / 12), ink, 1);
  } else {
    g.lineStyle(2, color, 1);
    g.strokeRect(left, top, w, hgt);
  }
  g.beginPath();
  g.moveTo(left + 1, top + 1);
  g.lineTo(x, top + hgt * 0.55);
  g.lineTo(left + w - 1, top + 1);
  g.strokePath();
}

/** The leader's crown: a three-pointed band. */
export function drawCrown(g: G, x: number, y: number, width: number, color: number): void {
  const h = width * 0.62;
  const left = x - width / 2;
  const top = y - h / 2;
  g.fillStyle(color, 1);
  polygon(
    g,
    [
      { x: left, y: top + h },
      { x: left, y: top + h * 0.25 },
      { x: left + width * 0.25, y: top + h * 0.6 },
      { x: x, y: top },
      { x: left + width * 0.75, y: top + h * 0.6 },
      { x: left + width, y: top + h * 0.25 },
      { x: left + width, y: top + h },
    ],
    true,
  );
}

export function dashedLine(g: G, a: Point, b: Point, dash: number, gap: number): void {
  const length = Math.hypot(b.x - a.x, b.y - a.y);
  if (length === 0) return;
  const ux = (b.x - a.x) / length;
  const uy = (b.y - a.y) / length;
  for (let s = 0; s < length; s += dash + gap) {
    const e = Math.min(s + dash, length);
    g.lineBetween(a.x + ux * s, a.y + uy * s, a.x + ux * e, a.y + uy * e);
  }
}

/** A circle outline made of arcs: dashes for a candidate, dots for a pre-candidate. */
export function dashedCircle(g: G, x: number, y: number, r: number, segments: number, duty: number): void {
  const step = (2 * Math.PI) / segments;
  for (let i = 0; i < segments; i++) {
    const start = i * step - Math.PI / 2;
    g.beginPath();
    g.arc(x, y, r, start, start + step * duty, false);
    g.strokePath();
  }
}

/** The "down" cross over a crashed node. */
export function drawCross(g: G, x: number, y: number, size: number, color: number, width: number): void {
  g.lineStyle(width, color, 1);
  g.lineBetween(x - size, y - size, x + size, y + size);
  g.lineBetween(x - size, y + size, x + size, y - size);
}

/** Scissors marking a cut link: two rings and two crossed blades. */
export function drawScissors(g: G, x: number, y: number, size: number, color: number, background: number): void {
  g.fillStyle(background, 1);
  g.fillCircle(x, y, size * 1.25);
  g.lineStyle(2, color, 1);
  g.strokeCircle(x - size * 0.45, y + size * 0.55, size * 0.3);
  g.strokeCircle(x + size * 0.45, y + size * 0.55, size * 0.3);
  g.lineBetween(x - size * 0.3, y + size * 0.3, x + size * 0.45, y - size * 0.75);
  g.lineBetween(x + size * 0.3, y + size * 0.3, x - size * 0.45, y - size * 0.75);
}
