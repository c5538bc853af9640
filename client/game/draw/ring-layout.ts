// Where each node sits: evenly on a ring, the first at the top, in natural id order (n2 before n10), so the same
// cluster always looks the same on every screen in the room.

export interface Point {
  x: number;
  y: number;
}

export function ringPositions(ids: readonly string[], center: Point, radius: number): Map<string, Point> {
  const positions = new Map<string, Point>();
  const count = ids.length;
  ids.forEach((id, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(count, 1);
    positions.set(id, { x: center.x + radius * Math.cos(angle), y: center.y + radius * Math.sin(angle) });
  });
  return positions;
}

/** A point on the segment a→b, shifted sideways so traffic a→b and b→a run in two lanes. */
export function laneOffset(a: Point, b: Point, t: number, lane: number): Point {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length = Math.hypot(dx, dy) || 1;
  return { x: a.x + dx * t + (-dy / length) * lane, y: a.y + dy * t + (dx / length) * lane };
}

/** The segment between two circles' rims rather than their centres. */
export function rimToRim(a: Point, b: Point, radius: number): [Point, Point] {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length = Math.hypot(dx, dy) || 1;
  const ux = dx / length;
  const uy = dy / length;
  return [
    { x: a.x + ux * radius, y: a.y + uy * radius },
    { x: b.x - ux * radius, y: b.y - uy * radius },
  ];
}
