// The sequence diagram with its window: two sliders (from, to) over the round, also set by dragging across the
// timeline chart or by picking a moment.

import type { Debrief } from "../../../shared/debrief";
import { seconds } from "../../../shared/debrief/words";
import { field, h, setText } from "../dom";
import { sequenceDiagram } from "./sequence-diagram";

export interface MessagesPanel {
  el: HTMLElement;
  setWindow(from: number, to: number): void;
}

export function createMessagesPanel(d: Debrief, onWindow: (from: number, to: number) => void): MessagesPanel {
  const slider = () => h("input", { type: "range", min: 0, max: d.endMs, step: 1, value: 0 });
  const from = slider();
  const to = slider();
  const fromOut = h("output", {});
  const toOut = h("output", {});
  const holder = h("div", { class: "sequence-holder" });

  const setWindow = (a: number, b: number) => {
    const lo = Math.max(0, Math.min(a, b));
    const hi = Math.min(d.endMs, Math.max(a, b, lo + 1));
    from.value = String(lo);
    to.value = String(hi);
    setText(fromOut, `${(lo / 1000).toFixed(3)} s`);
    setText(toOut, `${(hi / 1000).toFixed(3)} s`);
    holder.replaceChildren(sequenceDiagram(d, lo, hi).figure);
    onWindow(lo, hi);
  };
  for (const input of [from, to]) input.addEventListener("input", () => setWindow(Number(from.value), Number(to.value)));

  const el = h(
    "div",
    { class: "messages-panel" },
    h("p", { class: "hint" }, `Pick a window of the ${seconds(d.endMs)} round: drag across the chart, pick a moment, or use the sliders.`),
    h("div", { class: "window-row" }, field("Window from", from), fromOut, field("to", to), toOut),
    holder,
  );
  return { el, setWindow };
}
