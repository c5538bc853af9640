// Probes and gossip leaving an agent, drawn as ripples: a ring that spreads from the sender as the packet flies
// (memberlist sends them over UDP to whoever it picked, so a ripple fits better than a line). A direct probe is a
// solid ring, an indirect probe (ping-req) a dashed one, gossip a dotted one, each in its message family's colour.
// Packets sent together (gossip to several members at once) make one ripple. With reduced motion nothing spreads:
// a still ring marks each agent that has such a packet on the way.

import type Phaser from "phaser";
import type { Flight } from "./flights";
import { styleForKind } from "./message-kinds";
import type { Point } from "./ring-layout";
import { dashedCircle } from "./shapes";

/** How far a ripple spreads past the agent's rim before it fades out. */
const SPREAD = 30;

type RippleStyle = "solid" | "dashed" | "dotted";

const RIPPLING: Readonly<Record<string, RippleStyle>> = { ping: "solid", "ping-req": "dashed", gossip: "dotted" };
/** Still rings sit at their own distance per kind, so a probe and gossip from the same agent both show. */
const STILL_GAP: Readonly<Record<RippleStyle, number>> = { solid: 7, dashed: 11, dotted: 15 };

export interface Ripple {
  from: string;
  kind: string;
  progress: number;
}

/** One ripple per sender, kind and send time, from the flights on screen. */
export function ripplesOf(flights: readonly Flight[]): Ripple[] {
  const out = new Map<string, Ripple>();
  for (const { message, progress } of flights) {
    if (!(message.kind in RIPPLING)) continue;
    const key = `${message.from}|${message.kind}|${message.sentAt}`;
    const known = out.get(key);
    if (!known || progress < known.progress) out.set(key, { from: message.from, kind: message.kind, progress });
  }
  return [...out.values()];
}

/** Draws the ripples around agents of radius `rim`; with `still`, one fixed ring per sender and kind. */
export function drawRipples(g: Phaser.GameObjects.Graphics, ripples: readonly Ripple[], at: Map<string, Point>, rim: number, still: boolean): void {
  const drawn = new Set<string>();
  for (const r of ripples) {
    const p = at.get(r.from);
    if (!p) continue;
    if (still) {
      const key = `${r.from}|${r.kind}`;
      if (drawn.has(key)) continue;
      drawn.add(key);
    }
    const color = styleForKind(r.kind, "consul").family.color;
    const style = RIPPLING[r.kind];
    const radius = still ? rim + STILL_GAP[style] : rim + 4 + r.progress * SPREAD;
    g.lineStyle(2, color, still ? 0.85 : 0.9 * (1 - r.progress));
    ring(g, p, radius, style);
  }
}

function ring(g: Phaser.GameObjects.Graphics, p: Point, radius: number, style: RippleStyle): void {
  if (style === "solid") g.strokeCircle(p.x, p.y, radius);
  else if (style === "dashed") dashedCircle(g, p.x, p.y, radius, 14, 0.6);
  else dashedCircle(g, p.x, p.y, radius, 28, 0.25);
}
