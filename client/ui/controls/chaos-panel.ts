// The chaos agent's controls: crash or restart the selected node; cut, heal, slow or make lossy the link between the
// two selected nodes; all within the level's budget, which is shown.

import type { GameStateView } from "../../net/state";
import type { Session } from "../../session";
import { h, setText, uid } from "../dom";
import type { Panel } from "../panel";
import { act, actionButton, statusLine } from "./act";
import { createNodeSelect, requireNode } from "./node-select";

export function createChaosPanel(session: Session): Panel {
  const status = statusLine();
  const budget = h("span", { class: "aside budget" });
  const nodeSelect = createNodeSelect(session, "Node", 0);
  const peerSelect = createNodeSelect(session, "Link to", 1);

  const link = (): { from: string; to: string } | null => {
    const from = nodeSelect.select.value;
    const to = peerSelect.select.value;
    if (!from || !to || from === to) {
      status.dataset.ok = "false";
      setText(status, "Pick two different nodes for a link: a node, then the node it links to.");
      return null;
    }
    return { from, to };
  };

  const onNode = (type: "crash" | "restart", done: string) => () => {
    const id = requireNode(nodeSelect.select, status, "a node");
    return id ? act(session, status, "action", { action: { type, node: id } }, `${done} ${id}.`) : undefined;
  };
  const crash = actionButton("Crash", onNode("crash", "Crashed"), "danger");
  const restart = actionButton("Restart", onNode("restart", "Restarted"), "good");
  const cut = actionButton("Cut link", () => {
    const l = link();
    return l ? act(session, status, "action", { action: { type: "cut", ...l } }, `Cut the link ${l.from}–${l.to}.`) : undefined;
  }, "danger");
  const heal = actionButton("Heal link", () => {
    const l = link();
    return l ? act(session, status, "action", { action: { type: "heal", ...l } }, `Healed the link ${l.from}–${l.to}.`) : undefined;
  });
  const healAll = actionButton("Heal all links", () => act(session, status, "action", { action: { type: "heal" } }, "Healed every link."));

  const latencyId = uid("latency");
  const latency = h("input", { id: latencyId, type: "number", min: 0, max: 60000, step: 50, value: 200, style: "width:6em" });
  const setLatency = actionButton("Set latency", () => {
    const l = link();
    const ms = Math.round(Number(latency.value));
    if (!l) return;
    if (!Number.isFinite(ms) || ms < 0 || ms > 60000) {
      status.dataset.ok = "false";
      return setText(status, "Latency is a whole number of milliseconds from 0 to 60000.");
    }
    return act(session, status, "action", { action: { type: "latency", ...l, ms } }, `${l.from}–${l.to} now takes ${ms} ms.`);
  });
  const lossId = uid("loss");
  const loss = h("input", { id: lossId, type: "number", min: 0, max: 100, step: 5, value: 30, style: "width:5em" });
  const setLoss = actionButton("Set loss", () => {
    const l = link();
    const pct = Number(loss.value);
    if (!l) return;
    if (!Number.isFinite(pct) || pct < 0 || pct > 100) {
      status.dataset.ok = "false";
      return setText(status, "Loss is a percentage from 0 to 100.");
    }
    return act(session, status, "action", { action: { type: "loss", ...l, rate: pct / 100 } }, `${l.from}–${l.to} now drops ${pct}% of messages.`);
  });

  const el = h(
    "section",
    { class: "panel", "aria-labelledby": "chaos-title", "data-panel": "chaos" },
    h("h2", { id: "chaos-title" }, "Chaos agent", budget),
    h("div", { class: "row end" }, nodeSelect.field, crash, restart),
    h("div", { class: "row end" }, peerSelect.field, cut, heal),
    h("div", { class: "row end" }, h("div", { class: "field" }, h("label", { for: latencyId }, "Latency (ms)"), latency), setLatency),
    h("div", { class: "row end" }, h("div", { class: "field" }, h("label", { for: lossId }, "Loss (%)"), loss), setLoss, healAll),
    h("p", { class: "hint" }, "Tip: click a node on the diagram to pick it, then a second node to pick the link between them."),
    status,
  );

  return {
    el,
    update(state: GameStateView) {
      nodeSelect.update(state);
      peerSelect.update(state);
      setText(budget, state.chaosBudget < 0 ? "Budget: unlimited" : `Budget left: ${state.chaosBudget}`);
      const picked = state.nodes.get(nodeSelect.select.value);
      setText(crash, picked ? `Crash ${picked.id}` : "Crash");
      setText(restart, picked ? `Restart ${picked.id}` : "Restart");
      // Never disabled by the node's state: a button that vanishes from the tab order under a keyboard user's
      // focus is worse than the server's "n1 is already down".
    },
    destroy() {
      nodeSelect.destroy();
      peerSelect.destroy();
    },
  };
}
