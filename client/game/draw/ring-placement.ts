// Where nodes sit around the token ring: grouped by datacenter, then rack, then id, with an empty slot between
// datacenters so each one reads as a group; the first datacenter is centred at the top. A cluster in one datacenter
// is laid out like the Raft ring (first node at the top).

import { naturalCompare } from "../../net/state";
import type { Point } from "./ring-layout";

export interface Placed {
  id: string;
  dc: string;
  rack: string;
}

export interface DcGroup {
  dc: string;
  /** Angles (radians) of its first and last node, and the middle between them. */
  from: number;
  to: number;
  mid: number;
}

export interface RingPlacement {
  positions: Map<string, Point>;
  /** Direction from the centre to each node (radians). */
  angles: Map<string, number>;
  /** One per datacenter, when there is more than one. */
  groups: DcGroup[];
  dcCount: number;
  rackCount: number;
}

export function placeAroundRing(nodes: readonly Placed[], center: Point, radius: number): RingPlacement {
  const sorted = [...nodes].sort((a, b) => naturalCompare(a.dc, b.dc) || naturalCompare(a.rack, b.rack) || naturalCompare(a.id, b.id));
  const dcs = [...new Set(sorted.map((n) => n.dc))];
  const racks = new Set(sorted.map((n) => `${n.dc}/${n.rack}`));
  const gaps = dcs.length > 1 ? dcs.length : 0;
  const slots = Math.max(1, sorted.length + gaps);
  const step = (2 * Math.PI) / slots;
  const firstGroup = sorted.filter((n) => n.dc === dcs[0]).length;
  const offset = gaps > 0 ? -((firstGroup - 1) / 2) * step : 0;
  const positions = new Map<string, Point>();
  const angles = new Map<string, number>();
  const groups: DcGroup[] = [];
  let slot = 0;
  for (const dc of dcs) {
    const members = sorted.filter((n) => n.dc === dc);
    const from = -Math.PI / 2 + offset + slot * step;
    for (const n of members) {
      const angle = -Math.PI / 2 + offset + slot * step;
      angles.set(n.id, angle);
      positions.set(n.id, { x: center.x + radius * Math.cos(angle), y: center.y + radius * Math.sin(angle) });
      slot += 1;
    }
    const to = -Math.PI / 2 + offset + (slot - 1) * step;
    if (gaps > 0) {
      groups.push({ dc, from, to, mid: (from + to) / 2 });
      slot += 1;
    }
  }
  return { positions, angles, groups, dcCount: dcs.length, rackCount: racks.size };
}
