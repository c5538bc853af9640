// Phaser redraws a Text's canvas (and uploads it again) on every setColor, even to the same colour; scenes set
// colours every frame, so they go through here and only a real change costs anything.

import type Phaser from "phaser";

export function paintText(text: Phaser.GameObjects.Text, color: string): Phaser.GameObjects.Text {
  if (text.style.color !== color) text.setColor(color);
  return text;
}
