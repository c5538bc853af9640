// The level's keys and where they live (systems that place keys on replicas): one toggle button per key, marked
// when its replicas disagree; hovering or focusing a key shows it on the ring, picking it keeps it there. For the
// picked key, each replica in placement order with the value it holds, newest or STALE, in words.

import { type GameStateView, type KeyView, splitList } from "../../net/state";
import type { Session } from "../../session";
import { h, setChildren, setText } from "../dom";
import { preciseClock } from "../format";
import type { Panel } from "../panel";

export function replicaLine(key: KeyView, node: string, index: number, up: boolean | undefined): string {
  const copy = key.copies.get(node);
  const role = index === 0 ? " (primary)" : "";
  const down = up === false ? ", down" : "";
  const who = `${index + 1}. ${node}${role}${down}`;
  if (!copy?.held) return `${who}: ${copy?.behind ? "⚠ STALE: holds nothing" : "holds nothing yet"}`;
  const when = `written ${preciseClock(copy.writtenAt)}`;
  return copy.behind ? `${who}: ⚠ STALE: "${copy.value}" (${when})` : `${who}: ✓ "${copy.value}" (${when})`;
}

export function createKeyList(session: Session): Panel {
  const hint = h("p", { class: "hint" }, "Pick a key to see its token and its replicas on the ring.");
  const buttons = h("div", { class: "key-buttons", role: "group", "aria-label": "Keys" });
  const detailTitle = h("p", { class: "key-detail-title" });
  const detail = h("ol", { class: "key-detail", "aria-label": "Replicas of the picked key" });
  const el = h("section", { class: "panel key-list", "aria-labelledby": "keys-title", "data-panel": "keys", hidden: true }, h("h2", { id: "keys-title" }, "Keys"), hint, buttons, detailTitle, detail);
  const rows = new Map<string, HTMLButtonElement>();
  let lastButtons = "";
  let shownOrder = "";
  let lastDetail = "";
  let state: GameStateView | null = null;

  const button = (key: string) => {
    const b = h("button", { type: "button", class: "key-button", "data-key": key, "aria-pressed": "false" });
    b.addEventListener("click", () => session.selection.toggleKey(key));
    const hover = () => session.selection.hoverKey(key);
    const leave = () => session.selection.hoverKey("");
    b.addEventListener("mouseenter", hover);
    b.addEventListener("focus", hover);
    b.addEventListener("mouseleave", leave);
    b.addEventListener("blur", leave);
    return b;
  };

  const render = () => {
    if (!state) return;
    const keys: KeyView[] = [];
    state.keys.forEach((k) => {
      keys.push(k);
    });
    el.hidden = keys.length === 0;
    const picked = session.selection.key;
    const buttonKey = JSON.stringify([picked, keys.map((k) => [k.key, k.divergent])]);
    if (buttonKey !== lastButtons) {
      lastButtons = buttonKey;
      for (const k of keys) {
        let b = rows.get(k.key);
        if (!b) {
          b = button(k.key);
          rows.set(k.key, b);
        }
        b.setAttribute("aria-pressed", String(k.key === picked));
        b.dataset.divergent = String(k.divergent);
        setText(b, k.divergent ? `${k.key} ⚠` : k.key);
        b.setAttribute("aria-label", k.divergent ? `${k.key}: replicas differ` : k.key);
      }
      for (const [name, b] of rows) {
        if (!keys.some((k) => k.key === name)) {
          b.remove();
          rows.delete(name);
        }
      }
      // Re-attach the buttons only when the set of keys changed: moving a node takes keyboard focus off it.
      const order = keys.map((k) => k.key).join(",");
      if (order !== shownOrder) {
        shownOrder = order;
        setChildren(buttons, ...keys.map((k) => rows.get(k.key)));
      }
    }
    const key = picked ? state.keys.get(picked) : undefined;
    const replicas = key ? splitList(key.replicas) : [];
    const lines = key ? replicas.map((node, i) => replicaLine(key, node, i, state?.nodes.get(node)?.up)) : [];
    const detailKey = JSON.stringify([picked, key?.token, lines]);
    if (detailKey === lastDetail) return;
    lastDetail = detailKey;
    setText(detailTitle, key ? `${key.key}: token ${key.token || "?"}, ${replicas.length} replica${replicas.length === 1 ? "" : "s"}${key.divergent ? " — replicas differ" : ", all agree"}` : "");
    setChildren(
      detail,
      ...lines.map((line, i) => h("li", { "data-node": replicas[i], "data-stale": String(key?.copies.get(replicas[i])?.behind ?? false) }, line)),
    );
  };

  const unsubscribe = session.selection.onKeyChange(() => render());
  return {
    el,
    update(next: GameStateView) {
      state = next;
      if (session.selection.key && !next.keys.get(session.selection.key)) session.selection.setKey("");
      render();
    },
    destroy: unsubscribe,
  };
}
