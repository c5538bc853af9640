// Spectators only watch; say so, and point at the role picker.

import { h } from "../dom";
import type { Panel } from "../panel";

export function createSpectatorPanel(changeRole: () => void): Panel {
  const button = h("button", { type: "button" }, "Pick a role");
  button.addEventListener("click", changeRole);
  const el = h(
    "section",
    { class: "panel", "aria-labelledby": "spectator-title", "data-panel": "spectator" },
    h("h2", { id: "spectator-title" }, "Spectator"),
    h("p", { class: "hint" }, "You are watching. Bots play every role nobody has taken."),
    h("div", { class: "row" }, button),
  );
  return { el, update() {} };
}
