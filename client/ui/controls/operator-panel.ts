// The operator's controls: write a value through the cluster, hand leadership to a chosen node, and change the
// membership (add a new node by id, remove the selected one). The new id field suggests a name the cluster has not
// used (etcd never takes a removed member's name back; the server projects it as nextMemberId), and an empty field
// adds the suggested one.

import type { GameStateView } from "../../net/state";
import type { Session } from "../../session";
import { h, setText, uid } from "../dom";
import type { Panel } from "../panel";
import { act, actionButton, statusLine } from "./act";
import { createNodeSelect, requireNode } from "./node-select";

export function createOperatorPanel(session: Session): Panel {
  const status = statusLine();
  const keyId = uid("op-key");
  const valueId = uid("op-value");
  const key = h("input", { id: keyId, type: "text", value: "k1", style: "width:6em", autocomplete: "off" });
  const value = h("input", { id: valueId, type: "text", value: "v1", style: "width:7em", autocomplete: "off" });
  const put = actionButton("Put", () => {
    if (!key.value.trim()) {
      status.dataset.ok = "false";
      return setText(status, "Type a key to write.");
    }
    return act(session, status, "action", { action: { type: "put", key: key.value.trim(), value: value.value } }, `Asked the cluster to write ${key.value.trim()} = ${value.value}.`);
  }, "primary");

  const target = createNodeSelect(session, "Node", 0);
  const transfer = actionButton("Transfer leadership", () => {
    const id = requireNode(target.select, status, "the node to lead");
    return id ? act(session, status, "action", { action: { type: "transfer-leader", to: id } }, `Asked the leader to hand over to ${id}.`) : undefined;
  });
  const remove = actionButton("Remove member", () => {
    const id = requireNode(target.select, status, "the member to remove");
    return id ? act(session, status, "action", { action: { type: "remove-member", node: id } }, `Asked the cluster to remove ${id}.`) : undefined;
  });

  const newId = uid("new-node");
  const newNode = h("input", { id: newId, type: "text", placeholder: "n6", style: "width:5em", autocomplete: "off" });
  const add = actionButton("Add member", () => {
    const id = (newNode.value.trim() || newNode.placeholder).toLowerCase();
    if (!/^[a-z][a-z0-9-]{0,15}$/.test(id)) {
      status.dataset.ok = "false";
      return setText(status, "A node id starts with a letter and uses letters, digits and dashes, e.g. n6.");
    }
    return act(session, status, "action", { action: { type: "add-member", node: id } }, `Asked the cluster to add ${id}.`);
  });

  const el = h(
    "section",
    { class: "panel", "aria-labelledby": "operator-title", "data-panel": "operator" },
    h("h2", { id: "operator-title" }, "Operator"),
    h("div", { class: "row end" }, h("div", { class: "field" }, h("label", { for: keyId }, "Key"), key), h("div", { class: "field" }, h("label", { for: valueId }, "Value"), value), put),
    h("div", { class: "row end" }, target.field, transfer, remove),
    h("div", { class: "row end" }, h("div", { class: "field" }, h("label", { for: newId }, "New node id"), newNode), add),
    status,
  );

  return {
    el,
    update(state: GameStateView) {
      target.update(state);
      // The server knows every name the cluster ever used (removed members are no longer in state.nodes).
      const nextId = state.nextMemberId;
      if (nextId && newNode.placeholder !== nextId) newNode.placeholder = nextId;
    },
    destroy: target.destroy,
  };
}
