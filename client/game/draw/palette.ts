// Colours from the Okabe-Ito palette (safe for the common colour-vision deficiencies), tuned for a dark background.
// Colour is never the only cue: every use below is paired with a shape, a dash style or a word.

export const OKABE_ITO = {
  orange: 0xe69f00,
  skyBlue: 0x56b4e9,
  bluishGreen: 0x009e73,
  yellow: 0xf0e442,
  blue: 0x0072b2,
  vermillion: 0xd55e00,
  reddishPurple: 0xcc79a7,
  grey: 0xbbbbbb,
} as const;

export const INK = {
  background: 0x0f1521,
  panel: 0x182133,
  nodeFill: 0x1d2a40,
  nodeFillDown: 0x2a2d33,
  text: 0xeef2f8,
  textMuted: 0x9aa6b8,
  textDown: 0x7c828c,
  link: 0x3a4a66,
  selection: 0xffffff,
} as const;

export function css(color: number): string {
  return `#${color.toString(16).padStart(6, "0")}`;
}
