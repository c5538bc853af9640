// "What decided it": the decisive moments in plain words, each with its time; given `onPick`, the time is a button
// that takes the scrubber and the sequence diagram there.

import type { Moment } from "../../../shared/debrief";
import { seconds } from "../../../shared/debrief/words";
import { h } from "../dom";

export function momentsList(moments: readonly Moment[], onPick?: (m: Moment) => void): HTMLOListElement {
  return h(
    "ol",
    { class: "moments" },
    ...moments.map((m) => {
      if (!onPick) return h("li", { "data-kind": m.kind }, h("span", {}, m.text));
      const go = h("button", { type: "button", class: "moment-time", "aria-label": `Go to ${seconds(m.t)}` }, seconds(m.t));
      go.addEventListener("click", () => onPick(m));
      return h("li", { "data-kind": m.kind }, go, h("span", {}, m.text));
    }),
  );
}
