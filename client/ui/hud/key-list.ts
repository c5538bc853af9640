// The level's keys and where they live (systems that place keys on replicas): one toggle button per key, marked
// when its replicas disagree; hovering or focusing a key shows it on the ring, picking it keeps it there. For the
// picked key, each replica in placement order with the value it holds, newest or STALE, in words.

import { type GameStateView, type KeyView, splitList } from "../../net/state";
import type { Session } from "../../session";
import { h, setChildren, setText } from "../dom";
import { preciseClock } from "../format";
import type { Panel } from "../panel";
import { shardMark, stateSymbol } from "../../game/draw/drives";
import { pictureKind } from "../../game/pictures/kind";

/** One shard of an object (MinIO) in words: "D2 on n1/d2: ✓ intact". */
export function shardLine(key: KeyView, drive: string): string {
  const mark = shardMark(key.copies.get(drive)?.value ?? "");
  if (!mark) return `${drive}: unknown`;
  const words = mark.state.replace("-", " ");
  return `${mark.label} (${mark.parity ? "parity" : "data"}) on ${drive}: ${stateSymbol(mark.state)} ${words}`;
}

/** How many of an object's shards are not intact (MinIO). */
export function badShards(key: KeyView): number {
  let bad = 0;
  key.copies.forEach((c) => {
    const mark = shardMark(c.value);
    if (mark && mark.state !== "intact") bad += 1;
  });
  return bad;
}

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
  const title = h("h2", { id: "keys-title" }, "Keys");
  const buttons = h("div", { class: "key-buttons", role: "group", "aria-label": "Keys" });
  const detailTitle = h("p", { class: "key-detail-title" });
  const detail = h("ol", { class: "key-detail", "aria-label": "Replicas of the picked key" });
  const el = h("section", { class: "panel key-list", "aria-labelledby": "keys-title", "data-panel": "keys", hidden: true }, title, hint, buttons, detailTitle, detail);
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
    // MinIO places objects as shards on drives: the same list, in the words of objects and shards.
    const objects = pictureKind(state) === "drive-rack";
    setText(title, objects ? "Objects" : "Keys");
    setText(hint, objects ? "Pick an object to see its data and parity shards on the drives." : "Pick a key to see its token and its replicas on the ring.");
    const picked = session.selection.key;
    const trouble = (k: KeyView) => (objects ? badShards(k) > 0 : k.divergent);
    const buttonKey = JSON.stringify([picked, objects, keys.map((k) => [k.key, trouble(k)])]);
    if (buttonKey !== lastButtons) {
      lastButtons = buttonKey;
      for (const k of keys) {
        let b = rows.get(k.key);
        if (!b) {
          b = button(k.key);
          rows.set(k.key, b);
        }
        b.setAttribute("aria-pressed", String(k.key === picked));
        b.dataset.divergent = String(trouble(k));
        setText(b, trouble(k) ? `${k.key} ⚠` : k.key);
        b.setAttribute("aria-label", trouble(k) ? `${k.key}: ${objects ? "some shards are not intact" : "replicas differ"}` : k.key);
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
    const lines = key ? replicas.map((node, i) => (objects ? shardLine(key, node) : replicaLine(key, node, i, state?.nodes.get(node)?.up))) : [];
    const detailKey = JSON.stringify([picked, key?.token, lines]);
    if (detailKey === lastDetail) return;
    lastDetail = detailKey;
    const bad = key && objects ? badShards(key) : 0;
    setText(
      detailTitle,
      !key
        ? ""
        : objects
          ? `${key.key}: ${replicas.length} shards${bad > 0 ? ` — ${bad} not intact` : ", all intact"}`
          : `${key.key}: token ${key.token || "?"}, ${replicas.length} replica${replicas.length === 1 ? "" : "s"}${key.divergent ? " — replicas differ" : ", all agree"}`,
    );
    detail.setAttribute("aria-label", objects ? "Shards of the picked object" : "Replicas of the picked key");
    setChildren(
      detail,
      ...lines.map((line, i) => h("li", { "data-node": replicas[i], "data-stale": String(objects ? !line.includes("✓") : (key?.copies.get(replicas[i])?.behind ?? false)) }, line)),
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
