// A node's clock drawn against true time: a short horizontal track whose centre line is true time, a band for the
// maximum clock offset the cluster assumes (±500 ms: HLC uncertainty intervals and lease safety rely on it),
// hatched danger zones beyond it, and a needle at the node's offset. Past the track's end the needle is pinned there
// with a double arrow. A node that stopped itself over its clock gets a grey track; a down node a faint one. The
// offset is also written under the track (keyspace-picture.ts), so the needle's place is never the only cue.

import type Phaser from "phaser";
import type { RunState } from "./keyspace-model";
import { INK, OKABE_ITO } from "./palette";
import { hatchRect } from "./slot-shapes";

type G = Phaser.GameObjects.Graphics;

/** The widest a gauge is drawn (narrower when nodes stand close). */
export const GAUGE_MAX_W = 104;
export const GAUGE_H = 12;
/** The track's half-width stands for this many milliseconds. */
const SCALE_MS = 1000;


/** Draws the gauge, `width` wide, with its top-centre at (cx, top). */
export function drawClockGauge(g: G, cx: number, top: number, width: number, offsetMs: number, maxOffsetMs: number, state: RunState): void {
  const left = cx - width / 2;
  const half = width / 2;
  const band = (Math.min(maxOffsetMs, SCALE_MS) / SCALE_MS) * half;
  const live = state === "running";
  g.fillStyle(INK.panel, 1);
  g.fillRect(left, top, width, GAUGE_H);
  // Within the maximum offset: a calm band; beyond it: hatched on both sides.
  g.fillStyle(live ? OKABE_ITO.bluishGreen : INK.textDown, live ? 0.45 : 0.3);
  g.fillRect(cx - band, top, band * 2, GAUGE_H);
  g.lineStyle(1, live ? OKABE_ITO.vermillion : INK.textDown, live ? 0.75 : 0.5);
  hatchRect(g, left, top, half - band, GAUGE_H, 5, true);
  hatchRect(g, cx + band, top, half - band, GAUGE_H, 5, true);
  g.lineStyle(1, 0x44516a, 1);
  g.strokeRect(left, top, width, GAUGE_H);
  // True time: a white line through the track.
  g.lineStyle(2, INK.text, live ? 1 : 0.5);
  g.lineBetween(cx, top - 3, cx, top + GAUGE_H + 3);
  if (state === "down") return;
  const pinned = Math.abs(offsetMs) > SCALE_MS;
  const x = cx + (Math.max(-SCALE_MS, Math.min(SCALE_MS, offsetMs)) / SCALE_MS) * half;
  const beyond = Math.abs(offsetMs) > maxOffsetMs;
  const color = !live ? INK.textMuted : beyond ? OKABE_ITO.orange : OKABE_ITO.yellow;
  // The needle: a triangle over the track and a line through it.
  g.lineStyle(2.5, color, 1);
  g.lineBetween(x, top - 1, x, top + GAUGE_H + 1);
  g.fillStyle(color, 1);
  g.fillTriangle(x - 5, top - 8, x + 5, top - 8, x, top - 1);
  if (pinned) {
    const dir = Math.sign(offsetMs);
    for (const shift of [0, 5]) {
      const tip = x + dir * (6 + shift);
      g.fillTriangle(tip, top + GAUGE_H / 2, tip - dir * 5, top + 1, tip - dir * 5, top + GAUGE_H - 1);
    }
  }
}
