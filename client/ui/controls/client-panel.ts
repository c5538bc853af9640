// The client player's controls: write and read keys like an application would, and see for each operation what
// came back, how long it took in simulated time, and any error in words.

import type { ClientResultMessage } from "../../net/connection";
import type { Session } from "../../session";
import { h, uid } from "../dom";
import type { Panel } from "../panel";
import { act, actionButton, statusLine } from "./act";

const KEEP = 30;

export function describeClientResult(r: ClientResultMessage): string {
  const took = `${Math.round(r.latencyMs)} ms`;
  if (!r.ok) return `${r.f} ${r.key}: failed after ${took}: ${r.error ?? "no reason given"}`;
  if (r.f === "get" || r.f === "read") {
    const shown = r.value === null || r.value === undefined ? "(not set)" : JSON.stringify(r.value);
    return `${r.f} ${r.key} → ${shown} in ${took}`;
  }
  return `${r.f} ${r.key}${r.value !== undefined ? ` = ${JSON.stringify(r.value)}` : ""}: ok in ${took}`;
}

export function createClientPanel(session: Session): Panel {
  const status = statusLine();
  const keyId = uid("cl-key");
  const valueId = uid("cl-value");
  const key = h("input", { id: keyId, type: "text", value: "k1", style: "width:6em", autocomplete: "off" });
  const value = h("input", { id: valueId, type: "text", value: "hello", style: "width:8em", autocomplete: "off" });
  const results = h("ol", { class: "results", "aria-label": "Your operations", "aria-live": "polite" });

  const needKey = () => {
    if (key.value.trim()) return key.value.trim();
    status.dataset.ok = "false";
    status.textContent = "Type a key first.";
    return null;
  };
  const put = actionButton("Put", () => {
    const k = needKey();
    return k ? act(session, status, "action", { action: { type: "put", key: k, value: value.value } }, `Sent: put ${k}.`) : undefined;
  }, "primary");
  const get = actionButton("Get", () => {
    const k = needKey();
    return k ? act(session, status, "action", { action: { type: "get", key: k } }, `Sent: get ${k}.`) : undefined;
  });

  const unsubscribe = session.commands?.onClientResult((r) => {
    results.prepend(h("li", { "data-ok": String(r.ok) }, describeClientResult(r)));
    while (results.children.length > KEEP) results.lastElementChild?.remove();
  });

  const el = h(
    "section",
    { class: "panel", "aria-labelledby": "client-title", "data-panel": "client" },
    h("h2", { id: "client-title" }, "Client"),
    h("div", { class: "row end" }, h("div", { class: "field" }, h("label", { for: keyId }, "Key"), key), h("div", { class: "field" }, h("label", { for: valueId }, "Value"), value), put, get),
    status,
    results,
  );
  return { el, update() {}, destroy: () => unsubscribe?.() };
}
