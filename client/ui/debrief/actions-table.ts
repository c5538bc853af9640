// Who did what: the people's actions, and on request the bots' and the level script's, with the time each one
// took effect.

import type { ActionRow } from "../../../shared/debrief";
import { seconds } from "../../../shared/debrief/words";
import { h, uid } from "../dom";

export function actionsTable(rows: readonly ActionRow[]): HTMLElement {
  const people = rows.filter((r) => r.by === "player");
  const all = h("input", { type: "checkbox", id: uid("all-actions") });
  all.checked = people.length === 0;
  const body = h("tbody", {});
  const empty = h("p", { class: "hint" }, "Nobody acted in this round: bots and the level's script played it.");
  const render = () => {
    const shown = all.checked ? rows : people;
    empty.hidden = shown.length > 0;
    body.replaceChildren(
      ...shown.map((r) =>
        h("tr", { "data-by": r.by }, h("td", {}, seconds(r.t)), h("td", {}, r.who, r.by === "player" ? "" : h("span", { class: "tag" }, r.by)), h("td", {}, r.what)),
      ),
    );
  };
  all.addEventListener("change", render);
  render();
  return h(
    "div",
    { class: "actions" },
    h("label", { class: "check", for: all.id }, all, " Show the bots' and the script's actions too"),
    h("table", { class: "debrief-table" }, h("thead", {}, h("tr", {}, ...["Time", "Who", "Action"].map((c) => h("th", { scope: "col" }, c)))), body),
    empty,
  );
}
