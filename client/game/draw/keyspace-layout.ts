// Where CockroachDB's nodes sit under the keyspace bar: in one row, grouped by region, then zone, then id, with half
// a place between regions so each reads as a group. The row sags in the middle like a bowl: a message between two
// nodes (a straight line) then passes above the nodes between them instead of through them, at least for nodes
// that are not next-but-one neighbours in a crowded row.

import { naturalCompare } from "../../net/state";
import type { Point } from "./ring-layout";

export interface Row {
  /** The middle of the row (x), and the height of its lowest point, the bottom of the bowl (y). */
  bottom: Point;
  /** How far apart neighbouring nodes may be at most, and the widest the row may be. */
  maxPitch: number;
  width: number;
}

export interface RegionGroup {
  region: string;
  /** Its first and last node's x, and the point above its middle for its name. */
  left: number;
  right: number;
  label: Point;
}

export interface RowPlacement {
  positions: Map<string, Point>;
  groups: RegionGroup[];
  /** The distance between neighbouring nodes, which bounds how wide each node's drawing may be. */
  pitch: number;
  /** The row's height at x (the bowl), for drawing along it. */
  yAt(x: number): number;
}

/** Half a place between regions. */
export const REGION_GAP = 0.5;

export function placeInRow(nodes: readonly { id: string; dc: string; rack: string }[], row: Row): RowPlacement {
  const sorted = [...nodes].sort((a, b) => naturalCompare(a.dc, b.dc) || naturalCompare(a.rack, b.rack) || naturalCompare(a.id, b.id));
  const regions = [...new Set(sorted.map((n) => n.dc))];
  const units = Math.max(1, sorted.length - 1 + (regions.length - 1) * REGION_GAP);
  const pitch = Math.min(row.maxPitch, row.width / units);
  const half = sorted.length > 1 ? (pitch * units) / 2 : 1;
  // The sag grows with the row, so long chords clear more of the nodes under them.
  const depth = Math.min(130, 60 + 10 * sorted.length);
  const yAt = (x: number) => {
    const u = Math.max(-1, Math.min(1, (x - row.bottom.x) / half));
    return row.bottom.y - depth * u * u;
  };
  const positions = new Map<string, Point>();
  const groups: RegionGroup[] = [];
  let x = sorted.length > 1 ? row.bottom.x - half : row.bottom.x;
  for (const region of regions) {
    const ids = sorted.filter((n) => n.dc === region).map((n) => n.id);
    const first = x;
    for (const id of ids) {
      positions.set(id, { x, y: yAt(x) });
      x += pitch;
    }
    const last = x - pitch;
    const mid = (first + last) / 2;
    groups.push({ region, left: first, right: last, label: { x: mid, y: Math.min(yAt(first), yAt(last)) } });
    x += pitch * REGION_GAP;
  }
  return { positions, groups, pitch, yAt };
}
