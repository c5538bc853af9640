// The event log in plain words ("n3 became leader for term 4"). A polite live region: new lines are appended and
// announced once; old lines are never re-rendered, so a screen reader does not repeat them.

import { listValues } from "../../net/state";
import { h } from "../dom";
import { clock } from "../format";
import type { Panel } from "../panel";

const KEEP = 60;

export function createEventLog(): Panel {
  const list = h("ol", { class: "event-log", "aria-live": "polite", "aria-relevant": "additions", "aria-labelledby": "log-title", tabindex: 0 });
  const el = h("section", { class: "panel log-panel" }, h("h2", { id: "log-title" }, "Event log"), list);
  const seen = new Set<string>();
  // Follow the newest line unless the reader scrolled up to read older ones.
  let follow = true;
  list.addEventListener("scroll", () => {
    follow = list.scrollTop + list.clientHeight >= list.scrollHeight - 8;
  });
  let lastSimTime = 0;
  return {
    el,
    update(state) {
      // A restarted round replays the same seed, so its lines repeat: forget what we saw and mark the restart.
      if (state.simTime < lastSimTime) {
        seen.clear();
        list.append(h("li", { "data-kind": "restart" }, h("time", {}, "—"), h("span", {}, "The round restarted.")));
      }
      lastSimTime = state.simTime;
      const fresh = listValues(state.feed).filter((entry) => {
        const key = `${entry.t}|${entry.kind}|${entry.text}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      if (fresh.length === 0) return;
      for (const entry of fresh) {
        list.append(h("li", { "data-kind": entry.kind }, h("time", {}, clock(entry.t)), h("span", {}, entry.text)));
      }
      while (list.children.length > KEEP) list.firstElementChild?.remove();
      if (follow) list.scrollTop = list.scrollHeight;
    },
  };
}
