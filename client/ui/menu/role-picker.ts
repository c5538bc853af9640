// Choosing a role once in the room: one sentence per role, who holds the single-seat roles already, and for the
// node role a picker of the nodes nobody plays yet. The creator is the room's host whatever role they pick.

import { SINGLE_SEAT_ROLES } from "../../../shared/protocol/roles";
import type { GameStateView, PlayerView } from "../../net/state";
import { sortedValues } from "../../net/state";
import type { Session } from "../../session";
import { ROLE_LABELS, ROLE_SENTENCES, roleSentence } from "../format";
import { setModal } from "../hosts";
import { h, setText, syncOptions, uid } from "../dom";

const PICKABLE = ["node", "operator", "chaos", "client", "spectator"] as const;

export interface RolePickerActions {
  chosen: () => void;
  leave: () => void;
  /** Offered when the picker opens over a running game: go back without changing role. */
  cancel?: () => void;
}

export function mountRolePicker(host: HTMLElement, session: Session, actions: RolePickerActions): () => void {
  const error = h("p", { class: "error", role: "alert" });
  const hostNote = h("p", { class: "hint" });
  const codeText = h("span", { class: "big-code", "aria-label": "" });
  const levelText = h("p", { class: "tagline" });
  const nodeSelectId = uid("node-pick");
  const nodeSelect = h("select", { id: nodeSelectId, "aria-label": "Node to play" });
  const rows = new Map<string, { li: HTMLLIElement; button: HTMLButtonElement; taken: HTMLElement; sentence: HTMLElement }>();

  const list = h("ul", { class: "role-list" });
  for (const role of PICKABLE) {
    const button = h("button", { type: "button" }, role === "node" ? "Play node" : `Be ${ROLE_LABELS[role].toLowerCase()}`);
    const taken = h("span", { class: "taken" });
    const sentence = h("span", {}, ROLE_SENTENCES[role]);
    const desc = h("p", { class: "role-desc" }, h("strong", {}, `${ROLE_LABELS[role]}: `), sentence, taken);
    const action = role === "node" ? h("div", { class: "field" }, nodeSelect, button) : button;
    const li = h("li", { "data-role": role }, action, desc);
    button.setAttribute("aria-describedby", uidFor(desc));
    button.addEventListener("click", () => choose(role));
    rows.set(role, { li, button, taken, sentence });
    list.append(li);
  }

  const choose = async (role: string) => {
    if (!session.commands) return;
    setText(error, "");
    const payload: Record<string, unknown> = { role };
    if (role === "node") {
      if (!nodeSelect.value) {
        setText(error, "Every node already has a player: pick another role.");
        return;
      }
      payload.node = nodeSelect.value;
    }
    for (const row of rows.values()) row.button.disabled = true;
    const result = await session.commands.send("role", payload);
    for (const row of rows.values()) row.button.disabled = false;
    if (result.ok) actions.chosen();
    else {
      setText(error, result.error ?? "The server refused that role.");
      update();
    }
  };

  const update = () => {
    const state = session.state;
    if (!state) return;
    setText(codeText, state.code);
    codeText.setAttribute("aria-label", `Join code ${state.code.split("").join(" ")}`);
    setText(levelText, [state.levelTitle, state.system, state.concept].filter(Boolean).join(" · "));
    const me = session.me();
    setText(hostNote, me?.host ? "You created this room, so you are its host: you keep the time controls (start, pause, step, speed) whatever role you play." : "A bot plays every role nobody takes.");
    const players = sortedValues(state.players, (p) => p.name);
    const offered = state.roles.split(",").map((r) => r.trim()).filter(Boolean);
    for (const [role, row] of rows) {
      setText(row.sentence, roleSentence(role, state.system));
      row.li.hidden = role !== "spectator" && offered.length > 0 && !offered.includes(role);
      const holders = players.filter((p) => p.role === role && p.sessionId !== me?.sessionId && p.connected);
      row.li.dataset.current = String(me?.role === role);
      if (role === "node") {
        setText(row.taken, holders.length > 0 ? `Played now: ${holders.map((p) => `${p.node} by ${p.name}`).join(", ")}` : "");
        continue;
      }
      const single = SINGLE_SEAT_ROLES.includes(role as (typeof SINGLE_SEAT_ROLES)[number]);
      setText(row.taken, holders.length > 0 ? `${single ? "Taken by" : "Also"} ${holders.map((p) => p.name).join(", ")}` : "");
      row.button.disabled = single && holders.length > 0;
    }
    syncOptions(nodeSelect, freeNodes(state, players, me).map((id) => ({ value: id, label: id })));
    const nodeRow = rows.get("node");
    if (nodeRow) nodeRow.button.disabled = nodeSelect.options.length === 0;
  };

  const leaveButton = h("button", { type: "button" }, "Leave room");
  leaveButton.addEventListener("click", actions.leave);
  const cancelButton = h("button", { type: "button", hidden: !actions.cancel }, "Back to the game");
  if (actions.cancel) cancelButton.addEventListener("click", actions.cancel);
  const onKey = (event: KeyboardEvent) => {
    if (event.key === "Escape" && actions.cancel) actions.cancel();
  };
  host.addEventListener("keydown", onKey);

  const card = h(
    "div",
    { class: "card", role: "region", "aria-labelledby": "role-title" },
    h("h1", { id: "role-title", tabindex: -1 }, "Pick your role"),
    levelText,
    h("div", { class: "share" }, h("span", { class: "hint" }, "Others join with the code"), codeText),
    hostNote,
    list,
    error,
    h("div", { class: "row" }, cancelButton, leaveButton),
  );
  host.replaceChildren(card);
  host.hidden = false;
  setModal(true);
  const unsubscribe = session.onState(update);
  update();
  // Focus the heading: a screen reader announces where the player is, and Tab goes to the first role.
  card.querySelector<HTMLElement>("#role-title")?.focus();
  return () => {
    unsubscribe();
    host.removeEventListener("keydown", onKey);
    host.replaceChildren();
    host.hidden = true;
    setModal(false);
  };
}

function freeNodes(state: GameStateView, players: PlayerView[], me: PlayerView | undefined): string[] {
  const played = new Set(players.filter((p) => p.role === "node" && p.connected && p.sessionId !== me?.sessionId).map((p) => p.node));
  return sortedValues(state.nodes, (n) => n.id)
    .map((n) => n.id)
    .filter((id) => !played.has(id));
}

function uidFor(el: HTMLElement): string {
  if (!el.id) el.id = uid("desc");
  return el.id;
}
