// The chaos agent's controls, limited to what the level lets chaos do: crash or restart the selected node, skew its
// clock; cut, heal, slow or make lossy the link between the two selected nodes; split the network into groups (by
// datacenter, by rack, one node alone, or groups picked by hand); all within the level's budget, which is shown.

import { allowedActions, type GameStateView, type NodeView, sortedValues } from "../../net/state";
import type { Session } from "../../session";
import { h, setText, syncOptions, uid } from "../dom";
import type { Panel } from "../panel";
import { act, actionButton, statusLine } from "./act";
import { createDriveSelect } from "./drive-select";
import { createNodeSelect, requireNode } from "./node-select";

/** A way to split the cluster: the groups it makes and how to say it. */
export interface PartitionPreset {
  value: string;
  label: string;
  groups: string[][];
}

/** The ready-made splits this cluster allows: by datacenter, by rack, and each node alone against the rest. */
export function partitionPresets(nodes: readonly NodeView[]): PartitionPreset[] {
  const presets: PartitionPreset[] = [];
  const by = (keyOf: (n: NodeView) => string) => {
    const groups = new Map<string, string[]>();
    for (const n of nodes) groups.set(keyOf(n), [...(groups.get(keyOf(n)) ?? []), n.id]);
    return groups;
  };
  const dcs = by((n) => n.dc);
  if (dcs.size > 1) {
    presets.push({ value: "dc", label: `Datacenters: ${[...dcs.keys()].join(" | ")}`, groups: [...dcs.values()] });
  }
  const racks = by((n) => `${n.dc}/${n.rack}`);
  if (racks.size > 1 && racks.size !== dcs.size) {
    presets.push({ value: "rack", label: `Racks: ${[...racks.keys()].map((r) => r.split("/")[1]).join(" | ")}`, groups: [...racks.values()] });
  }
  for (const n of nodes) {
    const rest = nodes.filter((m) => m.id !== n.id).map((m) => m.id);
    if (rest.length > 0) presets.push({ value: `alone:${n.id}`, label: `${n.id} alone`, groups: [[n.id], rest] });
  }
  presets.push({ value: "custom", label: "Ticked nodes | the rest", groups: [] });
  return presets;
}

function groupWords(groups: readonly string[][]): string {
  return groups.map((g) => g.join(", ")).join(" | ");
}

export function createChaosPanel(session: Session): Panel {
  const status = statusLine();
  const budget = h("span", { class: "aside budget" });
  const nodeSelect = createNodeSelect(session, "Node", 0);
  const peerSelect = createNodeSelect(session, "Link to", 1);
  const bad = (text: string) => {
    status.dataset.ok = "false";
    setText(status, text);
  };

  const link = (): { from: string; to: string } | null => {
    const from = nodeSelect.select.value;
    const to = peerSelect.select.value;
    if (!from || !to || from === to) {
      bad("Pick two different nodes for a link: a node, then the node it links to.");
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
    if (!Number.isFinite(ms) || ms < 0 || ms > 60000) return bad("Latency is a whole number of milliseconds from 0 to 60000.");
    return act(session, status, "action", { action: { type: "latency", ...l, ms } }, `${l.from}–${l.to} now takes ${ms} ms.`);
  });
  const lossId = uid("loss");
  const loss = h("input", { id: lossId, type: "number", min: 0, max: 100, step: 5, value: 30, style: "width:5em" });
  const setLoss = actionButton("Set loss", () => {
    const l = link();
    const pct = Number(loss.value);
    if (!l) return;
    if (!Number.isFinite(pct) || pct < 0 || pct > 100) return bad("Loss is a percentage from 0 to 100.");
    return act(session, status, "action", { action: { type: "loss", ...l, rate: pct / 100 } }, `${l.from}–${l.to} now drops ${pct}% of messages.`);
  });

  const skewId = uid("skew");
  const skew = h("input", { id: skewId, type: "number", min: -600000, max: 600000, step: 500, value: -5000, style: "width:7em" });
  const setSkew = actionButton("Skew clock", () => {
    const id = requireNode(nodeSelect.select, status, "the node whose clock to skew");
    const ms = Math.round(Number(skew.value));
    if (!id) return;
    if (!Number.isFinite(ms) || ms < -600000 || ms > 600000) return bad("Clock skew is a whole number of milliseconds from -600000 to 600000.");
    const words = ms === 0 ? "back on time" : ms < 0 ? `${-ms} ms behind` : `${ms} ms ahead`;
    return act(session, status, "action", { action: { type: "skew", node: id, ms } }, `${id}'s clock is now ${words}.`);
  });

  // Partitions: a preset, or the ticked nodes against the rest.
  const presetId = uid("partition");
  const preset = h("select", { id: presetId });
  const ticks = h("fieldset", { class: "group ticks" }, h("legend", {}, "One side of the partition"));
  const tickBoxes = new Map<string, HTMLInputElement>();
  let presets: PartitionPreset[] = [];
  const showTicks = () => {
    ticks.hidden = preset.value !== "custom";
  };
  preset.addEventListener("change", showTicks);
  const partition = actionButton("Partition", () => {
    const chosen = presets.find((p) => p.value === preset.value);
    if (!chosen) return bad("Pick how to split the network.");
    let groups = chosen.groups;
    if (chosen.value === "custom") {
      const side = [...tickBoxes].filter(([, box]) => box.checked).map(([id]) => id);
      const rest = [...tickBoxes.keys()].filter((id) => !side.includes(id));
      if (side.length === 0 || rest.length === 0) return bad("Tick at least one node, and leave at least one unticked: the partition needs two sides.");
      groups = [side, rest];
    }
    return act(session, status, "action", { action: { type: "partition", groups } }, `Partitioned the network: ${groupWords(groups)}. Messages cross no boundary until you heal.`);
  }, "danger");

  // Drives (MinIO): fail one, or flip a bit in a shard on it (one object's, or any).
  const driveSelect = createDriveSelect(session, { server: "Server", drive: "Drive" }, "ok");
  const objectId = uid("rot-object");
  const objectList = h("datalist", { id: uid("objects") });
  const rotObject = h("input", { id: objectId, type: "text", style: "width:9em", autocomplete: "off", placeholder: "any object", list: objectList.id });
  const failDrive = actionButton("Fail drive", () => {
    const p = driveSelect.picked(status);
    return p ? act(session, status, "action", { action: { type: "fail-drive", ...p } }, `${p.node}/d${p.drive} failed: every shard on it is gone.`) : undefined;
  }, "danger");
  const bitrot = actionButton("Flip a bit", () => {
    const p = driveSelect.picked(status);
    if (!p) return;
    const object = rotObject.value.trim();
    const action = object ? { type: "bitrot", ...p, key: object } : { type: "bitrot", ...p };
    return act(session, status, "action", { action }, `Flipped a bit in ${object ? `${object}'s shard` : "a shard"} on ${p.node}/d${p.drive}. Nothing reports it until someone reads that shard.`);
  }, "danger");
  const rotField = h("div", { class: "field" }, h("label", { for: objectId }, "Object (optional)"), rotObject, objectList);
  const driveBox = h(
    "fieldset",
    { class: "group", "data-group": "drives" },
    h("legend", {}, "Drives"),
    h("div", { class: "row end" }, ...driveSelect.fields, failDrive),
    h("div", { class: "row end" }, rotField, bitrot),
  );

  const crashRow = h("div", { class: "row end" }, nodeSelect.field, crash, restart);
  const linkRow = h("div", { class: "row end" }, peerSelect.field, cut, heal);
  const latencyRow = h("div", { class: "row end" }, h("div", { class: "field" }, h("label", { for: latencyId }, "Latency (ms)"), latency), setLatency);
  const lossRow = h("div", { class: "row end" }, h("div", { class: "field" }, h("label", { for: lossId }, "Loss (%)"), loss), setLoss);
  const healRow = h("div", { class: "row end" }, healAll);
  const skewRow = h("div", { class: "row end" }, h("div", { class: "field" }, h("label", { for: skewId }, "Clock skew (ms)"), skew), setSkew);
  const partitionBox = h(
    "fieldset",
    { class: "group", "data-group": "partition" },
    h("legend", {}, "Network partition"),
    h("div", { class: "row end" }, h("div", { class: "field grow" }, h("label", { for: presetId }, "Split"), preset), partition),
    ticks,
  );
  const tip = h("p", { class: "hint" }, "Tip: click a node on the diagram to pick it, then a second node to pick the link between them.");

  const el = h(
    "section",
    { class: "panel", "aria-labelledby": "chaos-title", "data-panel": "chaos" },
    h("h2", { id: "chaos-title" }, "Chaos agent", budget),
    driveBox,
    crashRow,
    skewRow,
    linkRow,
    latencyRow,
    lossRow,
    partitionBox,
    healRow,
    tip,
    status,
  );

  let shownNodes = "";
  let lastState: GameStateView | undefined;
  // The buttons say which node they act on, as soon as it is chosen: not only at the next state patch (none comes
  // once a round is over or paused).
  const relabel = () => {
    const picked = lastState?.nodes.get(nodeSelect.select.value);
    setText(crash, picked ? `Crash ${picked.id}` : "Crash");
    setText(restart, picked ? `Restart ${picked.id}` : "Restart");
  };
  nodeSelect.select.addEventListener("change", relabel);
  return {
    el,
    update(state: GameStateView) {
      lastState = state;
      nodeSelect.update(state);
      peerSelect.update(state);
      driveSelect.update(state);
      setText(budget, state.chaosBudget < 0 ? "Budget: unlimited" : `Budget left: ${state.chaosBudget}`);
      relabel();
      // Never disabled by the node's state: a button that vanishes from the tab order under a keyboard user's
      // focus is worse than the server's "n1 is already down". Hidden only when the level does not allow it.
      const allowed = allowedActions(state, "chaos");
      const may = (...types: string[]) => types.some((t) => allowed.has(t));
      crash.hidden = !may("crash");
      restart.hidden = !may("restart");
      cut.hidden = !may("cut");
      heal.hidden = !may("heal");
      crashRow.hidden = !may("crash", "restart", "skew", "cut", "heal", "latency", "loss");
      skewRow.hidden = !may("skew");
      linkRow.hidden = !may("cut", "heal", "latency", "loss");
      latencyRow.hidden = !may("latency");
      lossRow.hidden = !may("loss");
      partitionBox.hidden = !may("partition");
      driveBox.hidden = !may("fail-drive", "bitrot");
      failDrive.hidden = !may("fail-drive");
      bitrot.hidden = !may("bitrot");
      rotField.hidden = bitrot.hidden;
      const objects: string[] = [];
      state.keys.forEach((k) => {
        objects.push(k.key);
      });
      if (objectList.dataset.shown !== objects.join(",")) {
        objectList.dataset.shown = objects.join(",");
        objectList.replaceChildren(...objects.map((o) => h("option", { value: o })));
      }
      healRow.hidden = !may("heal");
      tip.hidden = linkRow.hidden;

      const nodes = sortedValues(state.nodes, (n) => n.id);
      const nodesKey = nodes.map((n) => `${n.id}/${n.dc}/${n.rack}`).join(",");
      if (nodesKey !== shownNodes) {
        shownNodes = nodesKey;
        presets = partitionPresets(nodes);
        syncOptions(preset, presets.map((p) => ({ value: p.value, label: p.label })));
        const kept = new Map(tickBoxes);
        tickBoxes.clear();
        ticks.replaceChildren(
          h("legend", {}, "One side of the partition"),
          ...nodes.map((n) => {
            const box = kept.get(n.id) ?? h("input", { type: "checkbox", id: uid(`side-${n.id}`) });
            tickBoxes.set(n.id, box);
            return h("label", { class: "tick", for: box.id }, box, ` ${n.id}`);
          }),
        );
        showTicks();
      }
    },
    destroy() {
      nodeSelect.destroy();
      peerSelect.destroy();
      driveSelect.destroy();
    },
  };
}
