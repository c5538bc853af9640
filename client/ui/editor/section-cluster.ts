// "The cluster": its nodes, the system's settings, and the layout the system knows (Cassandra's datacenters and
// racks, CockroachDB's regions and zones: the `topology` setting, one row per node; MinIO's drives per server is a
// setting like the others). Settings come from the template level, so each system shows its own; more can be
// added by name (levels/README.md lists them).

import { clusterNodes } from "../../../shared/levels/schema";
import { h } from "../dom";
import { getAt, setAt } from "./draft";
import { boundField, type EditorContext, idFor } from "./form";

export function clusterSection(ctx: EditorContext): HTMLElement {
  const config = (getAt(ctx.draft, ["cluster", "config"]) ?? {}) as Record<string, unknown>;
  const settings = Object.keys(config).filter((k) => k !== "topology");
  const el = h(
    "fieldset",
    { class: "ed-section", id: "ed-cluster" },
    h("legend", {}, "The cluster"),
    nodesField(ctx),
    h("h3", { class: "subhead" }, "Settings"),
    h("p", { class: "hint" }, "Anything left out takes the real system's default (levels/README.md lists every setting)."),
    h("div", { class: "ed-grid" }, ...settings.map((key) => settingField(ctx, key, config[key]))),
    addSetting(ctx),
  );
  if (isTopology(config.topology)) el.append(topologyTable(ctx, config.topology));
  return el;
}

/** Nodes as a count ("5": n1..n5) or as ids ("n1, n2, n3"). */
function nodesField(ctx: EditorContext): HTMLElement {
  // The layout table has a row per node: rebuild once the author is done typing, not on every key.
  return boundField(ctx, ["cluster", "nodes"], "Nodes", { kind: "countOrList" }, { hint: "A count (5 means n1 to n5) or node ids separated by commas.", commit: () => ctx.rebuild() });
}

function settingField(ctx: EditorContext, key: string, value: unknown): HTMLElement {
  const path = ["cluster", "config", key];
  const field =
    typeof value === "number"
      ? boundField(ctx, path, key, { kind: "number" })
      : typeof value === "boolean"
        ? boundField(ctx, path, key, { kind: "check" })
        : typeof value === "string"
          ? boundField(ctx, path, key, { kind: "text" })
          : boundField(ctx, path, `${key} (JSON)`, { kind: "json" });
  const remove = h("button", { type: "button", class: "link-button", "aria-label": `Remove the setting ${key}` }, "Remove");
  remove.addEventListener("click", () => {
    setAt(ctx.draft, path, undefined);
    ctx.changed();
    ctx.rebuild();
  });
  field.append(remove);
  return field;
}

function addSetting(ctx: EditorContext): HTMLElement {
  const name = h("input", { type: "text", id: "ed-new-setting", autocomplete: "off", spellcheck: "false", placeholder: "e.g. electionMs" });
  const value = h("input", { type: "text", id: "ed-new-setting-value", autocomplete: "off", spellcheck: "false", placeholder: "e.g. 1500, true, \"QUORUM\"" });
  const add = h("button", { type: "button" }, "Add setting");
  const error = h("p", { class: "field-error", role: "alert" });
  add.addEventListener("click", () => {
    const key = name.value.trim();
    if (!/^[A-Za-z][A-Za-z0-9.-]*$/.test(key)) {
      error.textContent = "Name the setting first, as levels/README.md spells it (e.g. electionMs).";
      return name.focus();
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(value.value.trim() || "null");
    } catch {
      parsed = value.value.trim(); // a bare word is meant as text: QUORUM
    }
    setAt(ctx.draft, ["cluster", "config", key], parsed);
    ctx.changed();
    ctx.rebuild();
    document.getElementById(idFor(["cluster", "config", key]))?.focus();
  });
  return h(
    "div",
    { class: "row end ed-add-setting" },
    h("div", { class: "field" }, h("label", { for: name.id }, "New setting"), name),
    h("div", { class: "field" }, h("label", { for: value.id }, "Value"), value),
    add,
    error,
  );
}

type Topology = Record<string, Record<string, unknown>>;

function isTopology(value: unknown): value is Topology {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === "object" && v !== null && !Array.isArray(v));
}

/** One row per node, one column per place (dc and rack, or region and zone): where each node runs. */
function topologyTable(ctx: EditorContext, topology: Topology): HTMLElement {
  let nodes: string[];
  try {
    nodes = clusterNodes({ cluster: { nodes: getAt(ctx.draft, ["cluster", "nodes"]) as never, config: {} } });
  } catch {
    nodes = Object.keys(topology);
  }
  const columns = [...new Set(Object.values(topology).flatMap((place) => Object.keys(place)))];
  const words: Record<string, string> = { dc: "Datacenter", rack: "Rack", region: "Region", zone: "Zone" };
  const slot = h("p", { class: "field-error", id: "ed-topology-error" });
  const table = h(
    "table",
    { class: "ed-table", id: idFor(["cluster", "config", "topology"]), "aria-describedby": "ed-topology-error", tabindex: -1 },
    h("caption", {}, "Where each node runs"),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Node"), ...columns.map((c) => h("th", { scope: "col" }, words[c] ?? c)))),
    h(
      "tbody",
      {},
      ...nodes.map((node) =>
        h(
          "tr",
          {},
          h("th", { scope: "row" }, node),
          ...columns.map((c) => h("td", {}, boundField(ctx, ["cluster", "config", "topology", node, c], `${words[c] ?? c} of ${node}`, { kind: "text" }))),
        ),
      ),
    ),
  );
  ctx.register(["cluster", "config", "topology"], table, slot);
  return h("div", { class: "ed-topology" }, table, slot);
}
