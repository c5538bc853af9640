// The cluster at one moment of the replay: a chip per node (★ the leader, ✕ a node that is down) and the same as a
// table with role and term, the leader, the cut links and the last notable event before that moment.

import type { ClusterSample, Mark } from "../../../shared/debrief";
import { seconds } from "../../../shared/debrief/words";
import { h, setText } from "../dom";

export interface ClusterView {
  el: HTMLElement;
  show(sample: ClusterSample, last: Mark | undefined): void;
}

export function createClusterView(): ClusterView {
  const chips = h("ul", { class: "cluster-chips", "aria-hidden": "true" });
  const body = h("tbody", {});
  const facts = h("p", { class: "cluster-facts" });
  const last = h("p", { class: "hint cluster-last" });
  const table = h(
    "table",
    { class: "debrief-table cluster-table" },
    h("thead", {}, h("tr", {}, ...["Node", "State", "Role", "Term"].map((c) => h("th", { scope: "col" }, c)))),
    body,
  );
  return {
    el: h("div", { class: "cluster-view" }, chips, facts, table, last),
    show(sample, mark) {
      chips.replaceChildren(
        ...sample.nodes.map((n) => {
          const state = !n.up ? "down" : n.id === sample.leader ? "leader" : "up";
          const icon = state === "down" ? "✕" : state === "leader" ? "★" : "●";
          return h("li", { "data-state": state }, h("span", { class: "chip-icon" }, icon), n.id);
        }),
      );
      body.replaceChildren(
        ...sample.nodes.map((n) =>
          h("tr", { "data-node": n.id, "data-state": n.up ? n.role : "down" }, h("td", {}, n.id), h("td", {}, n.up ? "up" : "down"), h("td", {}, n.up ? n.role : "—"), h("td", {}, n.term ?? "—")),
        ),
      );
      const leader = sample.leader === null ? "No leader" : `Leader: ${sample.leader}${sample.term !== undefined ? `, term ${sample.term}` : ""}`;
      const cuts = sample.cuts.length === 0 ? "no link cut" : `links cut: ${symmetric(sample.cuts).join(", ")}`;
      setText(facts, `${leader} · ${cuts}`);
      setText(last, mark ? `Last event: ${seconds(mark.t)}, ${markWords(mark)}.` : "Nothing notable has happened yet.");
    },
  };
}

function markWords(mark: Mark): string {
  if (mark.kind === "goal") return `goal met: ${mark.text}`;
  if (mark.kind === "lose") return `losing condition: ${mark.text}`;
  return mark.text;
}

/** "n1>n2" and "n2>n1" read as one cut "n1↔n2". */
function symmetric(cuts: readonly string[]): string[] {
  const set = new Set(cuts);
  const out: string[] = [];
  for (const c of cuts) {
    const [a, b] = c.split(">");
    if (set.has(`${b}>${a}`)) {
      if (a < b) out.push(`${a}↔${b}`);
    } else out.push(`${a}→${b}`);
  }
  return out;
}
