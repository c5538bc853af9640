// The end of a round, for everyone: won or lost, why (outcomeText), and the level's debrief. Announced once; the
// host can restart from it, anyone can open the round's debrief (loaded only then: it replays the round in the
// page) or close the banner and look at the final state.

import type { GameStateView } from "../../net/state";
import type { Session } from "../../session";
import { act } from "../controls/act";
import { h, setText } from "../dom";
import type { Panel } from "../panel";

export function createOutcomeBanner(session: Session): Panel {
  const title = h("h2", { id: "outcome-title" });
  const why = h("p", {});
  const debrief = h("p", { class: "hint" });
  const status = h("p", { class: "status", role: "status" });
  const restart = h("button", { type: "button", class: "primary" }, "Restart round");
  const debriefButton = h("button", { type: "button" }, "Debrief");
  const close = h("button", { type: "button" }, "Close");
  const el = h(
    "section",
    { class: "banner", role: "alert", "aria-labelledby": "outcome-title", hidden: true },
    title,
    why,
    debrief,
    h("div", { class: "row" }, restart, debriefButton, close),
    status,
  );
  let shownFor = "";
  let dismissed = false;
  close.addEventListener("click", () => {
    dismissed = true;
    el.hidden = true;
  });
  restart.addEventListener("click", () => void act(session, status, "control", { op: "restart" }, "Restarted."));
  debriefButton.addEventListener("click", () => {
    import("../debrief/debrief-dialog")
      .then((m) => m.openDebrief(session))
      .catch((error: unknown) => setText(status, `The debrief could not be loaded: ${error instanceof Error ? error.message : String(error)}`));
  });

  return {
    el,
    update(state: GameStateView) {
      const over = state.phase === "won" || state.phase === "lost";
      const key = over ? `${state.phase}|${state.outcomeText}` : "";
      if (key !== shownFor) {
        shownFor = key;
        dismissed = false;
      }
      el.hidden = !over || dismissed;
      if (!over) return;
      el.dataset.outcome = state.phase;
      setText(title, state.phase === "won" ? "✓ Round won" : "✗ Round lost");
      setText(why, state.outcomeText);
      setText(debrief, state.debrief);
      restart.hidden = !session.me()?.host;
    },
  };
}
