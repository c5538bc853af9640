// The level's briefing: what this level teaches and what to do. Open in the lobby, folded away once the round runs
// (the player can open it again), so the controls stay on a small screen.

import { h, setText } from "../dom";
import type { Panel } from "../panel";

export function createBriefingPanel(): Panel {
  const title = h("summary", {});
  const concept = h("p", { class: "concept" });
  const text = h("p", {});
  const details = h("details", { class: "panel briefing", open: true }, title, concept, text);
  let lastPhase = "";
  return {
    el: details,
    update(state) {
      setText(title, `Briefing: ${state.levelTitle || state.levelId}`);
      setText(concept, [state.system, state.concept].filter(Boolean).join(" · "));
      setText(text, state.briefing);
      if (state.phase !== lastPhase) {
        // Fold on the first start; reopen for the next lobby.
        if (state.phase === "running" && lastPhase === "lobby") details.open = false;
        if (state.phase === "lobby") details.open = true;
        lastPhase = state.phase;
      }
    },
  };
}
