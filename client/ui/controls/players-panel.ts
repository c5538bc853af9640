// Who is in the room and what they play. The host can hand anyone a role from here (a teacher seating a class);
// everyone else sees the same list as text.

import { sortedValues, type GameStateView, type PlayerView } from "../../net/state";
import type { Session } from "../../session";
import { h, setChildren, setText, syncOptions, uid } from "../dom";
import { roleLabel } from "../format";
import type { Panel } from "../panel";
import { statusLine } from "./act";

const SHARED_ROLES = ["spectator", "client", "operator", "chaos"];

function seatValue(p: PlayerView): string {
  return p.role === "node" ? `node:${p.node}` : p.role;
}

function seatWords(p: PlayerView): string {
  return p.role === "node" ? `node ${p.node}` : roleLabel(p.role).toLowerCase();
}

export function createPlayersPanel(session: Session): Panel {
  const status = statusLine();
  const list = h("ul", { class: "players" });
  const el = h("section", { class: "panel", "aria-labelledby": "players-title", "data-panel": "players" }, h("h2", { id: "players-title" }, "Players"), list, status);
  const rows = new Map<string, { li: HTMLLIElement; name: HTMLElement; select: HTMLSelectElement; words: HTMLElement }>();
  let lastKey = "";

  const row = (p: PlayerView) => {
    const id = uid("seat");
    const name = h("label", { for: id });
    const select = h("select", { id });
    const words = h("span", { class: "hint" });
    select.addEventListener("change", () => {
      const [role, node] = select.value.split(":");
      const payload: Record<string, unknown> = { role, player: p.sessionId };
      if (node) payload.node = node;
      void sendRole(session, status, payload, `${p.name} is now ${node ? `node ${node}` : roleLabel(role).toLowerCase()}.`);
    });
    const li = h("li", {}, name, select, words);
    return { li, name, select, words };
  };

  return {
    el,
    update(state: GameStateView) {
      const me = session.me();
      const isHost = me?.host ?? false;
      const players = sortedValues(state.players, (p) => p.name);
      const nodes = sortedValues(state.nodes, (n) => n.id).map((n) => n.id);
      const offered = state.roles.split(",").map((r) => r.trim()).filter(Boolean);
      const key = JSON.stringify([isHost, nodes, offered, players.map((p) => [p.sessionId, p.name, p.role, p.node, p.host, p.connected])]);
      if (key === lastKey) return;
      lastKey = key;
      const seen = new Set<string>();
      for (const p of players) {
        seen.add(p.sessionId);
        let r = rows.get(p.sessionId);
        if (!r) {
          r = row(p);
          rows.set(p.sessionId, r);
        }
        const suffix = `${p.host ? " (host)" : ""}${p.connected ? "" : " (reconnecting)"}${p.sessionId === me?.sessionId ? " (you)" : ""}`;
        setText(r.name, `${p.name}${suffix}`);
        setText(r.words, seatWords(p));
        const options = [
          ...SHARED_ROLES.filter((role) => role === "spectator" || offered.length === 0 || offered.includes(role)).map((role) => ({ value: role, label: roleLabel(role) })),
          ...(offered.length === 0 || offered.includes("node") ? nodes.map((n) => ({ value: `node:${n}`, label: `Node ${n}` })) : []),
        ];
        if (p.role === "host") options.unshift({ value: "host", label: "Host (no role yet)" });
        syncOptions(r.select, options);
        if (document.activeElement !== r.select) r.select.value = seatValue(p);
        r.select.hidden = !isHost;
        r.words.hidden = isHost;
      }
      for (const [id, r] of rows) {
        if (!seen.has(id)) {
          r.li.remove();
          rows.delete(id);
        }
      }
      setChildren(list, ...players.map((p) => rows.get(p.sessionId)?.li));
    },
  };
}

async function sendRole(session: Session, status: HTMLElement, payload: Record<string, unknown>, okText: string): Promise<void> {
  const commands = session.commands;
  if (!commands) return;
  const result = await commands.send("role", payload);
  status.dataset.ok = String(result.ok);
  setText(status, result.ok ? okText : `Refused: ${result.error ?? "the server gave no reason."}`);
}
