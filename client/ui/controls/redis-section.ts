// The operator's Redis Cluster controls: reshard slots from one master to another (redis-cli --cluster reshard),
// fail a master over to one of its replicas (CLUSTER FAILOVER [FORCE|TAKEOVER] on the replica), add a replica of a
// master (CLUSTER MEET, then CLUSTER REPLICATE), and CONFIG SET the cluster settings a level lets players change.
// (An empty master is added with the shared "Add master" button.) Each part shows only when the level allows its
// action; the status line says in words what was asked and what happens next.

import { type GameStateView, sortedValues } from "../../net/state";
import type { Session } from "../../session";
import { field, h, setText, syncOptions, uid } from "../dom";
import type { Panel } from "../panel";
import { parseSlotRanges, rangeSize } from "../../game/draw/slot-map";
import { act, actionButton } from "./act";
import type { OperatorSection } from "./operator-sections";

const NODE_ID = /^[a-z][a-z0-9-]{0,15}$/;

/** CONFIG SET settings the operator may change, with the value each takes. */
const SETTINGS: readonly { name: string; kind: "yes-no" | "ms"; hint: string }[] = [
  { name: "cluster-require-full-coverage", kind: "yes-no", hint: "yes: every node stops answering (CLUSTERDOWN) while any slot has no running master. no: the slots that are served keep working." },
  { name: "cluster-allow-reads-when-down", kind: "yes-no", hint: "yes: a node still answers reads while the cluster is down." },
  { name: "cluster-replica-no-failover", kind: "yes-no", hint: "yes: replicas never start an automatic failover." },
  { name: "cluster-node-timeout", kind: "ms", hint: "How long a node may go unanswered before it is suspected (PFAIL); a FAIL, then a failover, follow." },
];

/** The value a setting has in the summary's settings line ("cluster-node-timeout 5000, ..."), or "". */
export function settingValue(settings: string, name: string): string {
  const m = new RegExp(`${name} (\\S+?)(?:,|$)`).exec(settings);
  return m ? m[1] : "";
}

function create(session: Session, status: HTMLElement): Panel {
  const bad = (text: string) => {
    status.dataset.ok = "false";
    setText(status, text);
    return undefined;
  };

  // --- reshard ---
  const from = h("select", { id: uid("reshard-from") });
  const to = h("select", { id: uid("reshard-to") });
  const count = h("input", { id: uid("reshard-count"), type: "number", min: 1, max: 16384, step: 1, value: 1365, style: "width:6em" });
  const reshard = actionButton("Reshard", () => {
    const n = Number(count.value);
    if (!from.value || !to.value) return bad("Choose the master to take slots from and the master to give them to.");
    if (from.value === to.value) return bad("Choose two different masters: slots move from one to the other.");
    if (!Number.isInteger(n) || n < 1) return bad("The number of slots is a whole number of at least 1.");
    return act(
      session,
      status,
      "action",
      { action: { type: "reshard", from: from.value, to: to.value, count: n } },
      `Moving ${n} slot${n === 1 ? "" : "s"} from ${from.value} to ${to.value}, one at a time: each is MIGRATING on ${from.value} and IMPORTING on ${to.value} while its keys are copied; clients meanwhile get ASK, then MOVED.`,
    );
  }, "primary");
  const reshardBox = h(
    "fieldset",
    { class: "group", "data-group": "reshard" },
    h("legend", {}, "Reshard hash slots"),
    h("div", { class: "row end" }, field("From master", from), field("To master", to), field("Slots to move", count), reshard),
    h("p", { class: "hint" }, "redis-cli --cluster reshard: slots never move on their own; a new master serves nothing until you move slots to it."),
  );

  // --- failover ---
  const replica = h("select", { id: uid("failover-node") });
  const mode = h("select", { id: uid("failover-mode") });
  syncOptions(mode, [
    { value: "default", label: "default (wait for the master)" },
    { value: "force", label: "FORCE (master unreachable)" },
    { value: "takeover", label: "TAKEOVER (no vote)" },
  ]);
  const failover = actionButton("Fail over", () => {
    if (!replica.value) return bad("Choose the replica that should take its master's place.");
    const m = mode.value;
    const master = session.state?.nodes.get(replica.value)?.replicaOf ?? "its master";
    const how =
      m === "force"
        ? `without waiting for ${master}: it asks the masters for votes at once`
        : m === "takeover"
          ? `without any vote: it bumps its configEpoch and claims ${master}'s slots`
          : `once it has all of ${master}'s writes (${master} pauses its clients meanwhile)`;
    return act(session, status, "action", { action: { type: "failover", node: replica.value, mode: m } }, `Asked ${replica.value} to take over from ${master} (CLUSTER FAILOVER${m === "default" ? "" : ` ${m.toUpperCase()}`}), ${how}.`);
  });
  const failoverBox = h(
    "fieldset",
    { class: "group", "data-group": "failover" },
    h("legend", {}, "Manual failover"),
    h("div", { class: "row end" }, field("Replica", replica), field("Mode", mode), failover),
  );

  // --- add a replica ---
  const replicaOf = h("select", { id: uid("replica-of") });
  const newReplica = h("input", { id: uid("new-replica"), type: "text", placeholder: "n4", style: "width:5em", autocomplete: "off" });
  const addReplica = actionButton("Add replica", () => {
    const id = (newReplica.value.trim() || newReplica.placeholder).toLowerCase();
    if (!NODE_ID.test(id)) return bad("A node id starts with a letter and uses letters, digits and dashes, e.g. n7.");
    if (!replicaOf.value) return bad("Choose the master the new replica should copy.");
    return act(
      session,
      status,
      "action",
      { action: { type: "add-member", node: id, replicaOf: replicaOf.value } },
      `Asked ${id} to join as a replica of ${replicaOf.value}: it meets the cluster, then copies ${replicaOf.value}'s data (a full sync).`,
    );
  });
  const replicaBox = h(
    "fieldset",
    { class: "group", "data-group": "add-replica" },
    h("legend", {}, "Add a replica"),
    h("div", { class: "row end" }, field("New replica id", newReplica), field("Replica of", replicaOf), addReplica),
  );

  // --- CONFIG SET ---
  const setting = h("select", { id: uid("config-setting") });
  syncOptions(setting, SETTINGS.map((s) => ({ value: s.name, label: s.name })));
  const yesNo = h("select", { id: uid("config-yes-no") });
  syncOptions(yesNo, [
    { value: "yes", label: "yes" },
    { value: "no", label: "no" },
  ]);
  const ms = h("input", { id: uid("config-ms"), type: "number", min: 100, max: 600000, step: 100, value: 15000, style: "width:7em" });
  const yesNoField = field("Value", yesNo);
  const msField = field("Milliseconds", ms);
  const configHint = h("p", { class: "hint" });
  let shownSettings = "";
  const showSetting = (fromSummary: boolean) => {
    const s = SETTINGS.find((x) => x.name === setting.value) ?? SETTINGS[0];
    yesNoField.hidden = s.kind !== "yes-no";
    msField.hidden = s.kind !== "ms";
    setText(configHint, s.hint);
    const current = settingValue(shownSettings, s.name);
    if (!current || !fromSummary) return;
    if (s.kind === "ms" && document.activeElement !== ms) ms.value = current;
    if (s.kind === "yes-no" && document.activeElement !== yesNo) yesNo.value = current;
  };
  setting.addEventListener("change", () => showSetting(true));
  const setConfig = actionButton("Set", () => {
    const s = SETTINGS.find((x) => x.name === setting.value) ?? SETTINGS[0];
    const value = s.kind === "ms" ? ms.value.trim() : yesNo.value;
    if (s.kind === "ms" && !/^\d+$/.test(value)) return bad("cluster-node-timeout is a whole number of milliseconds.");
    return act(session, status, "action", { action: { type: "set-config", setting: s.name, value } }, `Ran CONFIG SET ${s.name} ${value} on every running node.`);
  });
  const configBox = h(
    "fieldset",
    { class: "group", "data-group": "set-config" },
    h("legend", {}, "Cluster settings (CONFIG SET)"),
    h("div", { class: "row end" }, field("Setting", setting), yesNoField, msField, setConfig),
    configHint,
  );
  showSetting(false);

  const el = h("div", { class: "system-section", "data-section": "redis-cluster" }, reshardBox, failoverBox, replicaBox, configBox);
  return {
    el,
    update(state: GameStateView) {
      const redis = state.system === "redis-cluster";
      const allowed = new Set((state.actions?.get("operator") ?? "").split(",").map((a) => a.trim()));
      reshardBox.hidden = !redis || !allowed.has("reshard");
      failoverBox.hidden = !redis || !allowed.has("failover");
      replicaBox.hidden = !redis || !allowed.has("add-member");
      configBox.hidden = !redis || !allowed.has("set-config");
      el.hidden = !redis;
      if (!redis) return;
      const nodes = sortedValues(state.nodes, (n) => n.id);
      const masters = nodes.filter((n) => !n.replicaOf);
      const label = (n: (typeof nodes)[number]) => {
        const slots = rangeSize(parseSlotRanges(n.slots));
        return `${n.id} (${slots} slot${slots === 1 ? "" : "s"}${n.up ? "" : ", down"})`;
      };
      syncOptions(from, masters.filter((n) => n.slots !== "").map((n) => ({ value: n.id, label: label(n) })), "choose");
      syncOptions(to, masters.map((n) => ({ value: n.id, label: label(n) })), "choose");
      syncOptions(replica, nodes.filter((n) => n.replicaOf).map((n) => ({ value: n.id, label: `${n.id} (replica of ${n.replicaOf}${n.up ? "" : ", down"})` })), "choose");
      syncOptions(replicaOf, masters.map((n) => ({ value: n.id, label: n.up ? n.id : `${n.id} (down)` })), "choose");
      if (state.nextMemberId && newReplica.placeholder !== state.nextMemberId) newReplica.placeholder = state.nextMemberId;
      const settings = state.summary.get("settings") ?? "";
      if (settings !== shownSettings) {
        shownSettings = settings;
        showSetting(true);
      }
    },
  };
}

export const REDIS_SECTION: OperatorSection = {
  actions: ["reshard", "failover", "set-config", "add-member"],
  create,
};
