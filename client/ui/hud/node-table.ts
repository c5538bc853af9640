// The diagram in words, for screen readers and for anyone who prefers a table: one row per node with its state,
// plus a summary of the leader and the traffic. Hidden visually until asked for, never hidden from assistive tech.

import { styleForKind } from "../../game/draw/message-kinds";
import { sortedValues, type GameStateView, type NodeView } from "../../net/state";
import { h, setChildren, setText } from "../dom";

export function nodeStateWords(node: NodeView): string {
  if (!node.up) return "down (crashed)";
  return node.role || "unknown";
}

export function trafficWords(state: GameStateView): string {
  const byFamily = new Map<string, number>();
  let total = 0;
  state.messages.forEach((m) => {
    const label = styleForKind(m.kind).family.label.toLowerCase();
    byFamily.set(label, (byFamily.get(label) ?? 0) + 1);
    total += 1;
  });
  if (total === 0) return "No messages in flight.";
  const parts = [...byFamily].map(([label, n]) => `${n} ${label}`);
  return `${total} message${total === 1 ? "" : "s"} in flight: ${parts.join(", ")}.`;
}

export function createNodeTable(tableId: string): { el: HTMLElement; toggle: HTMLButtonElement; update(state: GameStateView): void } {
  const summary = h("p", { class: "hint", id: `${tableId}-summary` });
  const body = h("tbody", {});
  const table = h(
    "table",
    { class: "node-table", id: tableId },
    h("caption", {}, "Nodes of the cluster (the diagram as a table)"),
    h("thead", {}, h("tr", {}, ...["Node", "State", "Term", "Log length", "Commit index", "Played by"].map((t) => h("th", { scope: "col" }, t)))),
    body,
  );
  const wrap = h("div", { class: "node-table-wrap collapsed", id: `${tableId}-wrap` }, summary, table);
  const toggle = h("button", { type: "button", "aria-expanded": "false", "aria-controls": wrap.id }, "Show nodes as a table");
  toggle.addEventListener("click", () => {
    const open = wrap.classList.toggle("collapsed") === false;
    toggle.setAttribute("aria-expanded", String(open));
    setText(toggle, open ? "Hide the table" : "Show nodes as a table");
  });
  let last = "";
  return {
    el: wrap,
    toggle,
    update(state) {
      const leader = state.leader ? `Leader: ${state.leader}, term ${state.term}.` : `No leader right now (term ${state.term}).`;
      setText(summary, `${leader} ${trafficWords(state)}`);
      const nodes = sortedValues(state.nodes, (n) => n.id);
      const key = JSON.stringify(nodes.map((n) => [n.id, n.up, n.role, n.term, n.logLength, n.commitIndex, n.player]));
      if (key === last) return;
      last = key;
      setChildren(
        body,
        ...nodes.map((n) =>
          h(
            "tr",
            { "data-node": n.id, "data-state": n.up ? n.role : "down" },
            h("th", { scope: "row" }, n.id),
            h("td", {}, nodeStateWords(n)),
            h("td", {}, n.term),
            h("td", {}, n.logLength),
            h("td", {}, n.commitIndex),
            h("td", {}, n.player || "bot"),
          ),
        ),
      );
    },
  };
}
