// The level's briefing: what this level teaches and what to do.

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
        // Open in the lobby, folded while the round runs (also for someone joining mid-round), so the objectives
        // and the event log stay in view on a small screen; the player can open it again.
        details.open = state.phase === "lobby";
        lastPhase = state.phase;
      }
    },
  };
}
