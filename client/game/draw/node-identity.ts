// Each node's look on the token ring: a colour from the Okabe-Ito palette AND a texture, so two neighbouring arcs
// can be told apart without colour vision (and in greyscale print). Assigned from the node's id alone, so every
// screen in the room gives a node the same look. The legend names both ("n1: sky blue, plain").

import { OKABE_ITO } from "./palette";

export type Texture = "plain" | "stripes" | "dots" | "band" | "ticks" | "double" | "dashes" | "checks";

export const TEXTURES: readonly Texture[] = ["plain", "stripes", "dots", "band", "ticks", "double", "checks", "dashes"];

const COLORS: readonly { color: number; name: string }[] = [
  { color: OKABE_ITO.skyBlue, name: "sky blue" },
  { color: OKABE_ITO.orange, name: "orange" },
  { color: OKABE_ITO.bluishGreen, name: "green" },
  { color: OKABE_ITO.reddishPurple, name: "pink" },
  { color: OKABE_ITO.yellow, name: "yellow" },
  { color: 0x3d8fd1, name: "blue" },
  { color: OKABE_ITO.grey, name: "grey" },
  { color: OKABE_ITO.vermillion, name: "red" },
];

export interface NodeIdentity {
  index: number;
  color: number;
  colorName: string;
  texture: Texture;
}

/** Words for a texture, as the legend and the node table say it. */
export const TEXTURE_WORDS: Record<Texture, string> = {
  plain: "plain",
  stripes: "stripes",
  dots: "dots",
  band: "centre line",
  ticks: "edge ticks",
  double: "two lines",
  dashes: "dashes",
  checks: "stripes and line",
};

/** The look of the node at `index` in natural id order. Colour and texture both cycle, out of step past eight. */
export function identityAt(index: number): NodeIdentity {
  const c = COLORS[index % COLORS.length];
  const texture = TEXTURES[(index + Math.floor(index / TEXTURES.length) * 3) % TEXTURES.length];
  return { index, color: c.color, colorName: c.name, texture };
}

/**
 * Looks for a cluster's nodes. A node numbered like n4 keeps look 4 whatever else joins or leaves (a decommission
 * must not repaint the ring); other ids take their place in natural order.
 */
export function identities(ids: readonly string[]): Map<string, NodeIdentity> {
  return new Map(
    ids.map((id, i) => {
      const n = /(\d+)$/.exec(id);
      const index = n ? Math.max(0, Number(n[1]) - 1) : i;
      return [id, identityAt(index)];
    }),
  );
}
