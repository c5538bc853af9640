// The teacher's console: a full page, built for a projector as much as for the teacher's laptop. The join details
// on top; the groups side by side with their time controls, and the question beside them; then the roster; then the
// message and spotlight, the scores and the class's arrangement.

import type { ClassLink } from "../../net/class-link";
import type { Session } from "../../session";
import { h } from "../dom";
import { setModal } from "../hosts";
import { createClassSettings } from "./class-settings";
import { createConsoleHeader } from "./console-header";
import { createGroupCards } from "./group-cards";
import { createMessagesPanel } from "./messages-panel";
import { createPollComposer } from "./poll-composer";
import { createRosterTable } from "./roster-table";
import { createScoresPanel } from "./scores-panel";

export function mountConsole(host: HTMLElement, session: Session, link: ClassLink): () => void {
  const parts = [
    createConsoleHeader(link),
    createGroupCards(session, link),
    createPollComposer(link),
    createRosterTable(link),
    createMessagesPanel(session, link),
    createScoresPanel(),
    createClassSettings(session, link),
  ];
  const [head, groups, poll, roster, messages, scores, settings] = parts.map((p) => p.el);
  const page = h(
    "div",
    { class: "console", role: "region", "aria-labelledby": "console-title" },
    head,
    h("div", { class: "console-main" }, groups, poll),
    roster,
    h("div", { class: "console-lower" }, messages, scores, settings),
  );
  host.replaceChildren(page);
  host.classList.add("class-page");
  host.hidden = false;
  setModal(true);
  const update = () => {
    const state = link.state;
    if (state) for (const part of parts) part.update(state);
  };
  const off = link.onState(update);
  update();
  page.querySelector<HTMLElement>("#console-title")?.focus();
  return () => {
    off();
    host.replaceChildren();
    host.classList.remove("class-page");
    host.hidden = true;
    setModal(false);
  };
}
