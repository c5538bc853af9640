// The operator's Kafka controls: the settings kafka-configs and the clients' config change (acks,
// min.insync.replicas, unclean.leader.election.enable, the consumers' partition.assignment.strategy), a partition
// reassignment (kafka-reassign-partitions: the new replica list, preferred leader first), and how many consumers
// run in the group. Each shows only when the level allows its action; the forms start from the settings in force.

import { allowedActions, type GameStateView, sortedValues } from "../../net/state";
import { consumerGroup, partitionRows } from "../../game/draw/partition-logs";
import type { Session } from "../../session";
import { field, h, setText, syncOptions, uid } from "../dom";
import type { Panel } from "../panel";
import type { OperatorSection } from "./operator-sections";
import { act, actionButton } from "./act";

const ACKS_WORDS: Record<string, string> = {
  "0": "a send is acknowledged before any broker has it (fire and forget).",
  "1": "a send is acknowledged once the partition leader has written it.",
  all: "a send is acknowledged once every in-sync replica has it.",
};

export function createKafkaSection(session: Session, status: HTMLElement): Panel {
  const bad = (text: string) => {
    status.dataset.ok = "false";
    setText(status, text);
  };
  const setConfig = (setting: string, value: string | number | boolean, okText: string) =>
    act(session, status, "action", { action: { type: "set-config", setting, value } }, okText);

  // --- settings ---
  const acks = h("select", { id: uid("kafka-acks"), style: "width:5em" });
  syncOptions(acks, [
    { value: "0", label: "0" },
    { value: "1", label: "1" },
    { value: "all", label: "all" },
  ]);
  const setAcks = actionButton("Set acks", () => setConfig("acks", acks.value, `Producers now use acks=${acks.value}: ${ACKS_WORDS[acks.value]}`), "primary");
  const minIsr = h("input", { id: uid("kafka-min-isr"), type: "number", min: 1, max: 9, step: 1, value: 1, style: "width:4em" });
  const setMinIsr = actionButton("Set min.insync.replicas", () => {
    const n = Number(minIsr.value);
    if (!Number.isInteger(n) || n < 1 || n > 9) return bad("min.insync.replicas is a whole number from 1 to 9.");
    return setConfig("min.insync.replicas", n, `min.insync.replicas is now ${n}: with acks=all, a send fails (NOT_ENOUGH_REPLICAS) while fewer than ${n} replica${n === 1 ? " is" : "s are"} in sync.`);
  });
  const unclean = h("select", { id: uid("kafka-unclean"), style: "width:7em" });
  syncOptions(unclean, [
    { value: "false", label: "off (false)" },
    { value: "true", label: "on (true)" },
  ]);
  const setUnclean = actionButton("Set unclean election", () =>
    setConfig(
      "unclean.leader.election.enable",
      unclean.value === "true",
      unclean.value === "true"
        ? "Unclean leader election is on: a replica out of the ISR may become leader, losing what it lacks."
        : "Unclean leader election is off: only an in-sync replica may become leader; a partition without one stays offline.",
    ),
  );
  const protocol = h("select", { id: uid("kafka-protocol"), style: "width:11em" });
  syncOptions(protocol, [
    { value: "eager", label: "eager (Range)" },
    { value: "cooperative-sticky", label: "cooperative-sticky" },
  ]);
  const setProtocol = actionButton("Set rebalance protocol", () =>
    setConfig(
      "partition.assignment.strategy",
      protocol.value,
      protocol.value === "eager"
        ? "Consumers now rebalance eagerly (RangeAssignor): every member gives up all its partitions at each rebalance."
        : "Consumers now rebalance cooperatively (CooperativeStickyAssignor): only the partitions that move stop.",
    ),
  );
  const rowOf = (...children: HTMLElement[]) => h("div", { class: "row end" }, ...children);
  const acksRow = rowOf(field("Producer acks", acks), setAcks);
  const minIsrRow = rowOf(field("min.insync.replicas", minIsr), setMinIsr);
  const uncleanRow = rowOf(field("Unclean leader election", unclean), setUnclean);
  const protocolRow = rowOf(field("Rebalance protocol", protocol), setProtocol);
  const settingsBox = h(
    "fieldset",
    { class: "group", "data-group": "kafka-settings" },
    h("legend", {}, "Kafka settings"),
    acksRow,
    minIsrRow,
    uncleanRow,
    protocolRow,
    h("p", { class: "hint" }, "acks=all waits for every in-sync replica; min.insync.replicas refuses sends when too few are in sync."),
  );

  // --- reassignment ---
  const partition = h("select", { id: uid("kafka-partition"), style: "width:9em" });
  const replicas = h("input", { id: uid("kafka-replicas"), type: "text", style: "width:9em", autocomplete: "off", placeholder: "n2,n4" });
  const reassign = actionButton("Reassign", () => {
    const tp = partition.value;
    const m = /^(.*)-(\d+)$/.exec(tp);
    if (!m) return bad("Pick a partition first.");
    const list = replicas.value.split(/[\s,]+/).map((b) => b.trim().toLowerCase()).filter(Boolean);
    if (list.length === 0) return bad("List the brokers that should hold the partition, such as n2,n4.");
    return act(
      session,
      status,
      "action",
      { action: { type: "reassign", topic: m[1], partition: Number(m[2]), replicas: list } },
      `Reassigning ${tp} to ${list.join(", ")}: the new replicas catch up first, then the old ones leave.`,
    );
  });
  const reassignBox = h(
    "fieldset",
    { class: "group", "data-group": "reassign" },
    h("legend", {}, "Reassign a partition"),
    rowOf(field("Partition", partition), field("New replicas", replicas), reassign),
    h("p", { class: "hint" }, "Brokers by id, comma separated; the first is the preferred leader."),
  );

  // --- consumers ---
  const consumers = h("input", { id: uid("kafka-consumers"), type: "number", min: 0, max: 32, step: 1, value: 3, style: "width:4em" });
  const scale = actionButton("Scale consumers", () => {
    const n = Number(consumers.value);
    if (!Number.isInteger(n) || n < 0 || n > 32) return bad("The number of consumers is a whole number from 0 to 32.");
    return act(session, status, "action", { action: { type: "scale-consumers", count: n } }, `The group now runs ${n} consumer${n === 1 ? "" : "s"}; it rebalances to share the partitions.`);
  });
  const consumersBox = h(
    "fieldset",
    { class: "group", "data-group": "scale-consumers" },
    h("legend", {}, "Consumer group"),
    rowOf(field("Consumers", consumers), scale),
  );

  const el = h("div", { class: "operator-section", "data-section": "kafka" }, settingsBox, reassignBox, consumersBox);
  let shownSettings = "";
  let shownPartition = "";
  let shownMembers = -1;
  return {
    el,
    update(state: GameStateView) {
      // Another system's levels may allow the same action types (set-config): this section is Kafka's only.
      if (state.system !== "kafka") {
        el.hidden = true;
        return;
      }
      const allowed = allowedActions(state, "operator");
      settingsBox.hidden = !allowed.has("set-config");
      reassignBox.hidden = !allowed.has("reassign");
      consumersBox.hidden = !allowed.has("scale-consumers");
      const s = state.summary;
      const focused = document.activeElement;
      const key = ["acks", "minInsyncReplicas", "uncleanLeaderElection", "groupProtocol"].map((k) => s.get(k) ?? "").join("|");
      if (key !== shownSettings) {
        shownSettings = key;
        const a = (s.get("acks") ?? "").split(" ")[0];
        if (a && focused !== acks) acks.value = a;
        if (s.get("minInsyncReplicas") && focused !== minIsr) minIsr.value = s.get("minInsyncReplicas") ?? "1";
        if (focused !== unclean) unclean.value = s.get("uncleanLeaderElection") === "true" ? "true" : "false";
        if (focused !== protocol) protocol.value = s.get("groupProtocol") === "cooperative" ? "cooperative-sticky" : "eager";
      }
      const rows = partitionRows(state);
      syncOptions(partition, rows.map((r) => ({ value: r.tp, label: r.offline ? `${r.tp} (offline)` : r.tp })));
      // The replica list starts as the picked partition's replicas, preferred leader first, until the operator edits it.
      if (partition.value !== shownPartition && focused !== replicas) {
        shownPartition = partition.value;
        const row = rows.find((r) => r.tp === partition.value);
        if (row) replicas.value = [...row.replicas].sort((a, b) => Number(b.leader) - Number(a.leader)).map((r) => r.broker).join(",");
      }
      const brokers = sortedValues(state.nodes, (n) => n.id).map((n) => n.id);
      replicas.placeholder = brokers.slice(0, 2).join(",") || "n2,n4";
      // The consumer count starts as the group's members.
      const members = consumerGroup(state)?.members.length ?? 0;
      if (members !== shownMembers && focused !== consumers) {
        shownMembers = members;
        consumers.value = String(members);
      }
    },
  };
}

/** Kafka's part of the operator panel (operator-sections.ts). */
export const KAFKA_SECTION: OperatorSection = { actions: ["set-config", "reassign", "scale-consumers"], create: createKafkaSection };
