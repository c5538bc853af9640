// The teacher's voice on every screen: a short broadcast message (announced to screen readers on the students'
// side), and the spotlight — whose view the class is shown, with the way to open that view for the projector.

import type { ClassStateView } from "../../net/class-state";
import type { ClassLink } from "../../net/class-link";
import type { Session } from "../../session";
import { h, setText, uid } from "../dom";
import { classAct } from "./class-act";
import { enterGame } from "./class-games";
import { groupName, seatWords } from "./class-words";

export function createMessagesPanel(session: Session, link: ClassLink): { el: HTMLElement; update(state: ClassStateView): void } {
  const status = h("p", { class: "status", role: "status" });
  const textId = uid("broadcast");
  const text = h("input", { id: textId, type: "text", maxlength: 280, placeholder: "Look at what n3 does next", autocomplete: "off" });
  const send = h("button", { type: "submit", class: "primary" }, "Send to everyone");
  const clear = h("button", { type: "button" }, "Clear the message");
  const form = h("form", {}, h("div", { class: "field" }, h("label", { for: textId }, "Message to the class"), text), h("div", { class: "row" }, send, clear));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const words = text.value.trim();
    if (!words) {
      status.dataset.ok = "false";
      setText(status, "Write the message first.");
      text.focus();
      return;
    }
    void classAct(status, () => link.control({ op: "broadcast", text: words }), "Sent: it shows on every screen.").then((ok) => {
      if (ok) text.value = "";
    });
  });
  clear.addEventListener("click", () => void classAct(status, () => link.control({ op: "broadcast", text: "" }), "Cleared."));
  const current = h("p", { class: "broadcast" });

  const spot = h("p", { class: "spotlight-note" });
  const show = h("button", { type: "button", class: "primary" }, "Show their view");
  show.addEventListener("click", () => void showSpotlight(session, link));
  const unspot = h("button", { type: "button" }, "Clear the spotlight");
  unspot.addEventListener("click", () => void classAct(status, () => link.control({ op: "spotlight", student: "" }), "Spotlight cleared."));
  const spotRow = h("div", { class: "row" }, show, unspot);

  const el = h(
    "section",
    { class: "console-panel messages-panel", "aria-labelledby": "messages-title" },
    h("h2", { id: "messages-title" }, "Message and spotlight"),
    current,
    form,
    h("h3", { class: "subhead" }, "Spotlight"),
    spot,
    spotRow,
    status,
  );

  return {
    el,
    update(state) {
      setText(current, state.broadcast.text ? `On every screen: ${state.broadcast.text}` : "No message on the students' screens.");
      const s = state.roster.get(state.spotlight);
      setText(spot, s ? `★ ${s.name} (${groupName(s.group)}, ${seatWords(s).toLowerCase()}) is in the spotlight.` : "Nobody: pick ★ Spotlight beside a student in the roster.");
      spot.className = s ? "spotlight-note" : "hint";
      spotRow.hidden = !s;
    },
  };
}

/** Opens the spotlit student's group game, with their node picked, for the projector. */
async function showSpotlight(session: Session, link: ClassLink): Promise<void> {
  const state = link.state;
  const s = state?.roster.get(state.spotlight);
  const ticket = link.mine()?.ticket;
  let gameCode = "";
  state?.groups.forEach((g) => {
    if (g.id === s?.group) gameCode = g.gameCode;
  });
  if (!s || !ticket || !gameCode) return;
  if (await enterGame(session, gameCode, ticket)) {
    if (s.role === "node" && s.node) session.selection.setSlot(0, s.node);
  }
}
