// A <select> of nodes bound to one slot of the shared selection, so clicking a node on the diagram and choosing it
// here (arrow keys included) are the same thing. It starts empty: nothing is picked until the player picks it.

import { sortedValues, type GameStateView } from "../../net/state";
import type { Session } from "../../session";
import { h, syncOptions, uid } from "../dom";

export interface NodeSelect {
  field: HTMLElement;
  select: HTMLSelectElement;
  update(state: GameStateView): void;
  destroy(): void;
}

export function createNodeSelect(session: Session, label: string, slot: 0 | 1): NodeSelect {
  const id = uid("node-select");
  const select = h("select", { id });
  const field = h("div", { class: "field" }, h("label", { for: id }, label), select);
  const placeholder = slot === 0 ? "choose" : "—";
  select.addEventListener("change", () => session.selection.setSlot(slot, select.value));
  const sync = (picked: readonly string[]) => {
    const want = picked[slot] ?? "";
    if (Array.from(select.options).some((o) => o.value === want)) select.value = want;
  };
  const unsubscribe = session.selection.onChange(sync);
  return {
    field,
    select,
    update(state) {
      const nodes = sortedValues(state.nodes, (n) => n.id).map((n) => ({ value: n.id, label: n.up ? n.id : `${n.id} (down)` }));
      syncOptions(select, nodes, placeholder);
      session.selection.retain(nodes.map((n) => n.value));
      sync(session.selection.nodes);
    },
    destroy: unsubscribe,
  };
}

/** The picked node, or a status message asking for one. */
export function requireNode(select: HTMLSelectElement, status: HTMLElement, what: string): string | null {
  if (select.value) return select.value;
  status.dataset.ok = "false";
  status.textContent = `Pick ${what} first: click it on the diagram or choose it in the list.`;
  return null;
}
