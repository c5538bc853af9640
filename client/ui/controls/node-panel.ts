// The node player's controls: you are one node. Force your election timeout, crash or restart yourself, and read
// your private inbox (the messages on their way to you, in words) and your private state (vote, timers, ...).

import { listValues, sortedValues, type GameStateView } from "../../net/state";
import type { Session } from "../../session";
import { h, setChildren, setText } from "../dom";
import { clock } from "../format";
import type { Panel } from "../panel";
import { act, actionButton, statusLine } from "./act";

export function createNodePanel(session: Session): Panel {
  const status = statusLine();
  const who = h("p", { class: "hint" });
  const detail = h("ul", { class: "inbox", "aria-label": "Your node's private state" });
  const inbox = h("ul", { class: "inbox", "aria-label": "Messages on their way to you" });
  const title = h("span", { class: "aside" });
  const mine = () => session.me()?.node ?? "";

  const timeout = actionButton("Force election timeout", () => act(session, status, "action", { action: { type: "timeout" } }, "Your election timer fired: you are asking for votes."), "primary");
  const crash = actionButton("Crash myself", () => act(session, status, "action", { action: { type: "crash-self" } }, "You crashed. Your log and vote survive on disk."), "danger");
  const restart = actionButton("Restart myself", () => act(session, status, "action", { action: { type: "restart-self" } }, "You restarted and rejoin the cluster."), "good");

  const el = h(
    "section",
    { class: "panel", "aria-labelledby": "node-title", "data-panel": "node" },
    h("h2", { id: "node-title" }, "Your node", title),
    who,
    h("div", { class: "row" }, timeout, crash, restart),
    status,
    h("h3", { class: "subhead" }, "Private state"),
    detail,
    h("h3", { class: "subhead" }, "Inbox"),
    inbox,
  );

  let last = "";
  return {
    el,
    update(state: GameStateView) {
      const id = mine();
      const node = state.nodes.get(id);
      setText(title, id);
      setText(who, node ? `You are ${id}: ${node.up ? `${node.role}, term ${node.term}` : "down (crashed)"}. Log ${node.logLength}, committed ${node.commitIndex}.` : "Pick a node to play.");
      const view = state.inbox.get(id);
      const lines = view ? listValues(view.detail) : [];
      const waiting = view ? sortedValues(view.messages, (m) => String(m.arriveAt).padStart(10, "0") + m.id) : [];
      const key = JSON.stringify([lines, waiting.map((m) => [m.id, m.text])]);
      if (key === last) return;
      last = key;
      setChildren(detail, ...(lines.length > 0 ? lines.map((line) => h("li", {}, line)) : [h("li", { class: "hint" }, "Nothing private to show.")]));
      setChildren(
        inbox,
        ...(waiting.length > 0
          ? waiting.map((m) => h("li", {}, h("strong", {}, `${m.kind} from ${m.from}`), ` (arrives ${clock(m.arriveAt)}): ${m.text}`))
          : [h("li", { class: "hint" }, "No messages on their way to you.")]),
      );
    },
  };
}
