// Objectives with the round clock: each goal is "met ✓ at m:ss" or "not yet"; each losing condition is "lose if …",
// either "happened" or "not so far". Marks and words, so colour is never the only cue.

import { listValues } from "../../net/state";
import { h, setChildren, setText } from "../dom";
import { clock } from "../format";
import type { Panel } from "../panel";

export function createObjectivesPanel(): Panel {
  const timer = h("span", { class: "aside timer" });
  const list = h("ul", { class: "objectives" });
  const el = h("section", { class: "panel", "aria-labelledby": "objectives-title" }, h("h2", { id: "objectives-title" }, "Objectives", timer), list);
  let last = "";
  return {
    el,
    update(state) {
      const remaining = state.timeLimitMs > 0 ? Math.max(0, state.timeLimitMs - state.simTime) : -1;
      setText(timer, remaining >= 0 ? `${clock(remaining)} left` : clock(state.simTime));
      const objectives = listValues(state.objectives);
      const key = JSON.stringify(objectives.map((o) => [o.id, o.text, o.kind, o.met, o.atMs]));
      if (key === last) return;
      last = key;
      setChildren(
        list,
        ...objectives.map((o) => {
          const lose = o.kind === "lose";
          const stateKey = lose ? (o.met ? "lost" : "watch") : o.met ? "met" : "open";
          const mark = lose ? (o.met ? "✗" : "!") : o.met ? "✓" : "○";
          const when = lose ? (o.met ? `happened at ${clock(o.atMs)}` : "not so far") : o.met ? `met at ${clock(o.atMs)}` : "not yet";
          return h(
            "li",
            { "data-state": stateKey, "data-objective": o.id },
            h("span", { class: "mark", "aria-hidden": "true" }, mark),
            h("span", {}, lose ? `Lose if: ${o.text}` : o.text),
            h("span", { class: "when" }, when),
          );
        }),
      );
      if (objectives.length === 0) list.append(h("li", {}, h("span"), h("span", { class: "hint" }, "This level has no objectives: explore freely.")));
    },
  };
}
