// The operator's controls, limited to what the level lets the operator do: write a value, hand leadership to a
// chosen node and change the membership (etcd); set the read and write consistency levels, change the replication,
// run a repair, bootstrap a new node or decommission one (Cassandra). The new id field suggests a name the cluster
// has not used (the server projects it as nextMemberId), and an empty field adds the suggested one.

import { CONSISTENCY_LEVELS } from "../../../shared/protocol/actions";
import { allowedActions, type GameStateView, sortedValues } from "../../net/state";
import type { Session } from "../../session";
import { field, h, setText, syncOptions, uid } from "../dom";
import type { Panel } from "../panel";
import { act, actionButton, statusLine } from "./act";
import { createDriveSelect } from "./drive-select";
import { createNodeSelect, requireNode } from "./node-select";
import { OPERATOR_SECTIONS } from "./operator-sections";

const NODE_ID = /^[a-z][a-z0-9-]{0,15}$/;

/** What membership changes are called in a system. */
function memberWords(system: string) {
  if (system === "cassandra") {
    return {
      add: "Bootstrap node",
      remove: "Decommission",
      added: (id: string) => `Asked ${id} to bootstrap: it streams its ranges, then serves them.`,
      removed: (id: string) => `Asked ${id} to decommission: it streams its ranges away, then leaves.`,
      newLabel: "New node id",
    };
  }
  if (system === "redis-cluster") {
    return {
      add: "Add master",
      remove: "Remove node",
      added: (id: string) => `Asked ${id} to join the cluster as a master with no slots: reshard slots to it.`,
      removed: (id: string) => `Asked every node to forget ${id} (refused while it still serves slots).`,
      newLabel: "New master id",
    };
  }
  if (system === "kafka") {
    return {
      add: "Add broker",
      remove: "Remove member",
      added: (id: string) => `Started ${id} as a new, empty broker: it registers with the controller quorum; reassign partitions to give it replicas.`,
      removed: (id: string) => `Asked the cluster to remove ${id}.`,
      newLabel: "New broker id",
    };
  }
  return {
    add: "Add member",
    remove: "Remove member",
    added: (id: string) => `Asked the cluster to add ${id}.`,
    removed: (id: string) => `Asked the cluster to remove ${id}.`,
    newLabel: "New node id",
  };
}

/** The replication the summary describes, read leniently to prefill the form: strategy, RF, RF per datacenter. */
export function parseReplicationText(text: string): { strategy: "SimpleStrategy" | "NetworkTopologyStrategy"; rf: number; dcs: Record<string, number> } {
  const dcs: Record<string, number> = {};
  const nts = /NetworkTopology/i.test(text);
  if (nts) for (const m of text.matchAll(/([a-z][a-z0-9-]*)\s*[:=]\s*(\d+)/g)) if (!/^(rf|replication|class)$/i.test(m[1])) dcs[m[1]] = Number(m[2]);
  const rf = Number(/(?:rf|replication_factor|factor)\D{0,3}(\d+)/i.exec(text)?.[1] ?? /(\d+)/.exec(text)?.[1] ?? 3);
  return { strategy: nts ? "NetworkTopologyStrategy" : "SimpleStrategy", rf: Number.isFinite(rf) && rf > 0 ? rf : 3, dcs };
}

export function createOperatorPanel(session: Session): Panel {
  const status = statusLine();
  const system = () => session.state?.system ?? "";

  // --- write a value (etcd) ---
  const key = h("input", { id: uid("op-key"), type: "text", value: "k1", style: "width:6em", autocomplete: "off" });
  const value = h("input", { id: uid("op-value"), type: "text", value: "v1", style: "width:7em", autocomplete: "off" });
  const put = actionButton("Put", () => {
    if (!key.value.trim()) {
      status.dataset.ok = "false";
      return setText(status, "Type a key to write.");
    }
    return act(session, status, "action", { action: { type: "put", key: key.value.trim(), value: value.value } }, `Asked the cluster to write ${key.value.trim()} = ${value.value}.`);
  }, "primary");
  const putRow = h("div", { class: "row end" }, field("Key", key), field("Value", value), put);

  // --- leadership and membership ---
  const target = createNodeSelect(session, "Node", 0);
  const transfer = actionButton("Transfer leadership", () => {
    const id = requireNode(target.select, status, "the node to lead");
    return id ? act(session, status, "action", { action: { type: "transfer-leader", to: id } }, `Asked the leader to hand over to ${id}.`) : undefined;
  });
  const remove = actionButton("Remove member", () => {
    const id = requireNode(target.select, status, "the node to remove");
    return id ? act(session, status, "action", { action: { type: "remove-member", node: id } }, memberWords(system()).removed(id)) : undefined;
  });
  const nodeRow = h("div", { class: "row end" }, target.field, transfer, remove);

  const newNode = h("input", { id: uid("new-node"), type: "text", placeholder: "n6", style: "width:5em", autocomplete: "off" });
  const newLabel = h("label", { for: newNode.id }, "New node id");
  const add = actionButton("Add member", () => {
    const id = (newNode.value.trim() || newNode.placeholder).toLowerCase();
    if (!NODE_ID.test(id)) {
      status.dataset.ok = "false";
      return setText(status, "A node id starts with a letter and uses letters, digits and dashes, e.g. n6.");
    }
    return act(session, status, "action", { action: { type: "add-member", node: id } }, memberWords(system()).added(id));
  });
  const addRow = h("div", { class: "row end" }, h("div", { class: "field" }, newLabel, newNode), add);

  // --- consistency (Cassandra) ---
  const readCl = h("select", { id: uid("read-cl"), style: "width:9em" });
  const writeCl = h("select", { id: uid("write-cl"), style: "width:9em" });
  // ANY is a write-only level (Cassandra refuses it for reads), so the read list leaves it out.
  syncOptions(readCl, CONSISTENCY_LEVELS.filter((l) => l !== "ANY").map((l) => ({ value: l, label: l })));
  syncOptions(writeCl, CONSISTENCY_LEVELS.map((l) => ({ value: l, label: l })));
  const setConsistency = actionButton("Set consistency", () =>
    act(
      session,
      status,
      "action",
      { action: { type: "set-consistency", read: readCl.value, write: writeCl.value } },
      `Clients now read at ${readCl.value} and write at ${writeCl.value}.`,
    ), "primary");
  const consistencyBox = h(
    "fieldset",
    { class: "group", "data-group": "consistency" },
    h("legend", {}, "Consistency levels"),
    h("div", { class: "row end" }, field("Reads at", readCl), field("Writes at", writeCl)),
    h("div", { class: "row" }, setConsistency),
    h("p", { class: "hint" }, "Reads see the latest acknowledged write when read replicas + write replicas > replication factor (e.g. QUORUM + QUORUM)."),
  );

  // --- replication (Cassandra) ---
  const strategy = h("select", { id: uid("strategy") });
  syncOptions(strategy, [
    { value: "SimpleStrategy", label: "SimpleStrategy" },
    { value: "NetworkTopologyStrategy", label: "NetworkTopologyStrategy" },
  ]);
  const rf = h("input", { id: uid("rf"), type: "number", min: 1, max: 9, step: 1, value: 3, style: "width:4em" });
  const rfField = field("Replication factor", rf);
  const dcFields = h("div", { class: "row end dc-rf" });
  const dcInputs = new Map<string, HTMLInputElement>();
  const showStrategy = () => {
    const nts = strategy.value === "NetworkTopologyStrategy";
    rfField.hidden = nts;
    dcFields.hidden = !nts;
  };
  strategy.addEventListener("change", showStrategy);
  const setReplication = actionButton("Set replication", () => {
    const bad = (text: string) => {
      status.dataset.ok = "false";
      setText(status, text);
    };
    if (strategy.value === "SimpleStrategy") {
      const n = Number(rf.value);
      if (!Number.isInteger(n) || n < 1 || n > 9) return bad("The replication factor is a whole number from 1 to 9.");
      return act(session, status, "action", { action: { type: "set-replication", strategy: "SimpleStrategy", rf: n } }, `Replication is now SimpleStrategy with RF ${n}. Run a repair to copy existing data to new replicas.`);
    }
    const dcs: Record<string, number> = {};
    for (const [dc, input] of dcInputs) {
      const n = Number(input.value);
      if (input.value.trim() === "" || n === 0) continue;
      if (!Number.isInteger(n) || n < 1 || n > 9) return bad(`The replication factor for ${dc} is a whole number from 0 to 9.`);
      dcs[dc] = n;
    }
    if (Object.keys(dcs).length === 0) return bad("Give at least one datacenter a replication factor of 1 or more.");
    const words = Object.entries(dcs).map(([dc, n]) => `${dc}: ${n}`).join(", ");
    return act(session, status, "action", { action: { type: "set-replication", strategy: "NetworkTopologyStrategy", dcs } }, `Replication is now NetworkTopologyStrategy (${words}). Run a repair to copy existing data to new replicas.`);
  });
  const replicationBox = h(
    "fieldset",
    { class: "group", "data-group": "replication" },
    h("legend", {}, "Replication"),
    h("div", { class: "row end" }, field("Strategy", strategy)),
    h("div", { class: "row end" }, rfField, dcFields, setReplication),
    h("p", { class: "hint" }, "SimpleStrategy: one replication factor, racks and datacenters ignored. NetworkTopologyStrategy: a factor per datacenter, spread over its racks."),
  );

  // --- repair (Cassandra) ---
  const repairTarget = h("select", { id: uid("repair-node") });
  const repair = actionButton("Run repair", () => {
    const node = repairTarget.value;
    const payload = node ? { type: "repair", node } : { type: "repair" };
    return act(session, status, "action", { action: payload }, node ? `Started a repair of ${node}'s ranges (nodetool repair on ${node}).` : "Started a repair of every range.");
  });
  const repairRow = h("div", { class: "row end", "data-group": "repair" }, field("Repair", repairTarget), repair);

  // --- erasure coding (MinIO) ---
  const storageClass = h("select", { id: uid("storage-class"), style: "width:7em" });
  const setParity = actionButton("Set storage class", () => {
    const parity = Number(/^EC:(\d+)$/.exec(storageClass.value)?.[1] ?? NaN);
    if (!Number.isInteger(parity)) {
      status.dataset.ok = "false";
      return setText(status, "Pick a storage class first.");
    }
    return act(session, status, "action", { action: { type: "set-parity", parity } }, `New objects are now written as EC:${parity}. Objects already stored keep their own parity.`);
  }, "primary");
  const parityHint = h("p", { class: "hint" });
  const parityBox = h(
    "fieldset",
    { class: "group", "data-group": "storage-class" },
    h("legend", {}, "Storage class (STANDARD)"),
    h("div", { class: "row end" }, field("Parity", storageClass), setParity),
    parityHint,
  );

  const replaceSelect = createDriveSelect(session, { server: "Server", drive: "Failed drive" }, "failed");
  const replace = actionButton("Replace drive", () => {
    const picked = replaceSelect.picked(status);
    return picked
      ? act(session, status, "action", { action: { type: "replace-drive", ...picked } }, `Put a new, empty drive in ${picked.node}/d${picked.drive}. Healing fills it with the shards it should hold.`)
      : undefined;
  }, "good");
  const replaceBox = h(
    "fieldset",
    { class: "group", "data-group": "replace-drive" },
    h("legend", {}, "Replace a failed drive"),
    h("div", { class: "row end" }, ...replaceSelect.fields, replace),
  );

  // A server pool: new servers named from the first unused id on ("n5", "n6", ...), with as many drives each.
  const poolSize = h("input", { id: uid("pool-size"), type: "number", min: 1, max: 8, step: 1, value: 2, style: "width:4em" });
  let nextServer = "";
  const poolNames = (): string[] | undefined => {
    const count = Number(poolSize.value);
    const m = /^(.*?)(\d+)$/.exec(nextServer);
    if (!m || !Number.isInteger(count) || count < 1 || count > 8) return undefined;
    return Array.from({ length: count }, (_, i) => `${m[1]}${Number(m[2]) + i}`);
  };
  const addPool = actionButton("Add server pool", () => {
    const names = poolNames();
    if (!names) {
      status.dataset.ok = "false";
      return setText(status, "A new pool has 1 to 8 servers.");
    }
    return act(session, status, "action", { action: { type: "add-pool", nodes: names } }, `Added a server pool: ${names.join(", ")}. New objects now go to either pool, in proportion to free space; stored objects stay where they are.`);
  });
  const poolBox = h(
    "fieldset",
    { class: "group", "data-group": "add-pool" },
    h("legend", {}, "Expand: add a server pool"),
    h("div", { class: "row end" }, field("Servers in the new pool", poolSize), addPool),
    h("p", { class: "hint" }, "A pool is a new set of servers with erasure sets of their own. Nothing is moved: objects stay in the pool they were written to."),
  );

  const deepId = uid("deep");
  const deep = h("input", { id: deepId, type: "checkbox" });
  const healObjects = actionButton("Start heal", () =>
    act(
      session,
      status,
      "action",
      { action: deep.checked ? { type: "heal-objects", deep: true } : { type: "heal-objects" } },
      deep.checked ? "Started a deep heal: every shard of every object is read and its bitrot hashes checked." : "Started a heal: objects with missing shards are rebuilt (mc admin heal -r).",
    ),
  );
  const healBox = h(
    "fieldset",
    { class: "group", "data-group": "heal-objects" },
    h("legend", {}, "Healing"),
    h("div", { class: "row end" }, h("label", { class: "tick", for: deepId }, deep, " Deep: verify every shard"), healObjects),
    h("p", { class: "hint" }, "A normal heal rebuilds missing shards; only a deep heal reads every shard and finds silent bitrot."),
  );

  const sections: [string, HTMLElement][] = [
    ["set-parity", parityBox],
    ["replace-drive", replaceBox],
    ["heal-objects", healBox],
    ["add-pool", poolBox],
    ["put", putRow],
    ["set-consistency", consistencyBox],
    ["set-replication", replicationBox],
    ["repair", repairRow],
    ["add-member", addRow],
  ];
  const el = h(
    "section",
    { class: "panel", "aria-labelledby": "operator-title", "data-panel": "operator" },
    h("h2", { id: "operator-title" }, "Operator"),
    putRow,
    parityBox,
    replaceBox,
    healBox,
    poolBox,
    consistencyBox,
    replicationBox,
    nodeRow,
    repairRow,
    addRow,
  );
  // Each system's own controls (operator-sections.ts), after the shared ones, before the status line.
  const systemSections = OPERATOR_SECTIONS.map((s) => ({ actions: s.actions, panel: s.create(session, status) }));
  for (const s of systemSections) el.append(s.panel.el);
  el.append(status);

  let shownSummary = "";
  let shownDcs = "";
  let shownClass = "";
  return {
    el,
    update(state: GameStateView) {
      target.update(state);
      replaceSelect.update(state);
      // EC:0 up to half the erasure set; the form shows the class in force until the operator changes it.
      const setSize = Number(state.summary.get("setSize") ?? 0);
      const current = state.summary.get("storageClass") ?? "";
      syncOptions(storageClass, Array.from({ length: Math.floor(setSize / 2) + 1 }, (_, p) => ({ value: `EC:${p}`, label: `EC:${p}` })));
      if (current !== shownClass) {
        shownClass = current;
        if (document.activeElement !== storageClass && current) storageClass.value = current;
      }
      setText(
        parityHint,
        setSize > 0
          ? `Each object is cut into ${setSize} shards: EC:N makes N of them parity. It survives losing N drives; reads need ${setSize} − N, writes one more when data equals parity.`
          : "",
      );
      const allowed = allowedActions(state, "operator");
      for (const [action, section] of sections) section.hidden = !allowed.has(action);
      for (const s of systemSections) {
        s.panel.el.hidden = !s.actions.some((a) => allowed.has(a));
        if (!s.panel.el.hidden) s.panel.update(state);
      }
      transfer.hidden = !allowed.has("transfer-leader");
      remove.hidden = !allowed.has("remove-member");
      nodeRow.hidden = transfer.hidden && remove.hidden;
      const words = memberWords(state.system);
      setText(add, words.add);
      setText(newLabel, words.newLabel);
      const picked = state.nodes.get(target.select.value);
      setText(remove, picked ? `${words.remove} ${picked.id}` : words.remove);
      // The server knows every name the cluster ever used (removed members are no longer in state.nodes).
      const nextId = state.nextMemberId;
      if (nextId && newNode.placeholder !== nextId) newNode.placeholder = nextId;
      nextServer = nextId;

      const nodes = sortedValues(state.nodes, (n) => n.id);
      syncOptions(repairTarget, [{ value: "", label: "every node (full repair)" }, ...nodes.map((n) => ({ value: n.id, label: n.up ? n.id : `${n.id} (down)` }))]);
      const dcs = [...new Set(nodes.map((n) => n.dc).filter(Boolean))];
      if (dcs.join(",") !== shownDcs) {
        shownDcs = dcs.join(",");
        dcInputs.clear();
        dcFields.replaceChildren(
          ...dcs.map((dc) => {
            const input = h("input", { id: uid(`rf-${dc}`), type: "number", min: 0, max: 9, step: 1, value: 3, style: "width:4em" });
            dcInputs.set(dc, input);
            return field(`RF in ${dc}`, input);
          }),
        );
        shownSummary = "";
      }
      // The form shows the cluster's settings until the operator starts changing them.
      const read = state.summary.get("readConsistency") ?? "";
      const write = state.summary.get("writeConsistency") ?? "";
      const replication = state.summary.get("replication") ?? "";
      const summaryKey = `${read}|${write}|${replication}`;
      if (summaryKey !== shownSummary) {
        shownSummary = summaryKey;
        const focused = document.activeElement;
        if (read && focused !== readCl) readCl.value = read;
        if (write && focused !== writeCl) writeCl.value = write;
        if (replication) {
          const parsed = parseReplicationText(replication);
          if (focused !== strategy) strategy.value = parsed.strategy;
          if (focused !== rf) rf.value = String(parsed.rf);
          for (const [dc, input] of dcInputs) if (focused !== input) input.value = String(parsed.dcs[dc] ?? (parsed.strategy === "NetworkTopologyStrategy" ? 0 : 3));
        }
        showStrategy();
      }
    },
    destroy() {
      target.destroy();
      replaceSelect.destroy();
      for (const s of systemSections) s.panel.destroy?.();
    },
  };
}
