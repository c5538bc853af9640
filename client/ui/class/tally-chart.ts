// The revealed answers as a bar chart that reads without colour: each row names the choice by letter and text,
// draws its share as a bar and says the count and percentage in words; the most-voted and your own vote are marked
// with a symbol and a word.

import { listValues, type ReadList } from "../../net/state";
import { h, setChildren } from "../dom";
import { tallyBars } from "./class-words";

export function createTallyChart(): { el: HTMLElement; update(choices: ReadList<string>, tallies: ReadList<number>, myVote?: number): void } {
  const list = h("ol", { class: "tally" });
  let lastKey = "";
  return {
    el: list,
    update(choices, tallies, myVote = -1) {
      const bars = tallyBars(listValues(choices), listValues(tallies), myVote);
      const key = JSON.stringify(bars);
      if (key === lastKey) return;
      lastKey = key;
      setChildren(
        list,
        ...bars.map((bar) =>
          h(
            "li",
            { "data-top": String(bar.top), "data-mine": String(bar.mine) },
            h(
              "span",
              { class: "tally-label" },
              h("span", { class: "choice-letter", "aria-hidden": "true" }, bar.letter),
              h("span", { class: "sr-only" }, `Choice ${bar.letter}: `),
              h(
                "span",
                { class: "tally-text" },
                bar.choice,
                bar.top ? h("span", { class: "badge top" }, "▲ most votes") : "",
                bar.mine ? h("span", { class: "badge mine" }, "✓ your vote") : "",
              ),
            ),
            h("span", { class: "tally-track", "aria-hidden": "true" }, h("span", { class: "tally-bar", style: `width:${(bar.share * 100).toFixed(1)}%` })),
            h("span", { class: "tally-count" }, bar.words),
          ),
        ),
      );
    },
  };
}
