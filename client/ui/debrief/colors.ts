// The debrief's colours: the game's Okabe-Ito palette (client/game/draw/palette.ts), each meaning paired with a
// shape or a dash in the charts, so nothing is told by colour alone.

import { css, OKABE_ITO } from "../../game/draw/palette";
import { svg } from "./svg";

export const COLOR = {
  availability: css(OKABE_ITO.skyBlue),
  p50: css(OKABE_ITO.bluishGreen),
  p99: css(OKABE_ITO.orange),
  fault: css(OKABE_ITO.vermillion),
  repair: css(OKABE_ITO.bluishGreen),
  network: css(OKABE_ITO.orange),
  membership: css(OKABE_ITO.grey),
  goal: css(OKABE_ITO.bluishGreen),
  lose: css(OKABE_ITO.vermillion),
  cursor: css(OKABE_ITO.yellow),
  grid: "#2c3a55",
  text: "#eef2f8",
  muted: "#a3afc2",
} as const;

/** One colour per leader, cycling: the leader lane also prints each leader's name. */
const LEADER_COLORS = [OKABE_ITO.blue, OKABE_ITO.reddishPurple, OKABE_ITO.bluishGreen, OKABE_ITO.orange, OKABE_ITO.skyBlue, OKABE_ITO.yellow].map(css);

export function leaderColor(nodes: readonly string[], node: string): string {
  const i = Math.max(0, nodes.indexOf(node));
  return LEADER_COLORS[i % LEADER_COLORS.length];
}

export const HATCH_ID = "debrief-no-leader";

/** The "no leader" hatching, defined once per debrief (an id must be unique on the page) for every chart to use. */
export function sharedDefs(): SVGSVGElement {
  const hatch = svg(
    "pattern",
    { id: HATCH_ID, width: 8, height: 8, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" },
    svg("rect", { width: 8, height: 8, fill: "#2a1a14" }),
    svg("line", { x1: 0, y1: 0, x2: 0, y2: 8, stroke: COLOR.fault, "stroke-width": 3 }),
  );
  return svg("svg", { width: 0, height: 0, "aria-hidden": "true", class: "debrief-defs" }, svg("defs", {}, hatch));
}
