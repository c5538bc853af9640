// The key to the diagram: one entry per message family of the system on screen (its colour AND its shape), replies,
// cut links, and what is particular to the picture: the log strip (Raft), each node's colour and texture on the
// token ring, hints and stale replicas (Cassandra), or each master's look on the hash-slot map, migrating and
// uncovered slots, replica links, failure flags and redirections (Redis Cluster). Drawn as small inline SVGs that match the canvas glyphs.

import { familiesFor, type Shape } from "../../game/draw/message-kinds";
import { identities, TEXTURE_WORDS, type Texture } from "../../game/draw/node-identity";
import { css, INK, OKABE_ITO } from "../../game/draw/palette";
import { pictureKind } from "../../game/pictures/kind";
import { type GameStateView, sortedValues } from "../../net/state";
import { h, setChildren } from "../dom";
import type { Panel } from "../panel";

const SVG_NS = "http://www.w3.org/2000/svg";

function svg(width: number, draw: (root: SVGSVGElement) => void): SVGSVGElement {
  const root = document.createElementNS(SVG_NS, "svg");
  root.setAttribute("width", String(width));
  root.setAttribute("height", "16");
  root.setAttribute("viewBox", `0 0 ${width} 16`);
  root.setAttribute("aria-hidden", "true");
  draw(root);
  return root;
}

function el(root: SVGElement, tag: string, attrs: Record<string, string | number>): void {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  root.append(node);
}

export function shapeSvg(shape: Shape, color: number, hollow: boolean): SVGSVGElement {
  const paint: Record<string, string | number> = hollow ? { fill: "none", stroke: css(color), "stroke-width": 2 } : { fill: css(color) };
  return svg(16, (root) => {
    switch (shape) {
      case "circle":
        return el(root, "circle", { cx: 8, cy: 8, r: 5, ...paint });
      case "square":
        return el(root, "rect", { x: 3, y: 3, width: 10, height: 10, ...paint });
      case "diamond":
        return el(root, "polygon", { points: "8,1 15,8 8,15 1,8", ...paint });
      case "triangle":
        return el(root, "polygon", { points: "8,2 14.5,14 1.5,14", ...paint });
      case "star":
        return el(root, "polygon", { points: "8,1 9.8,6 15,6 10.8,9.2 12.4,14.5 8,11.3 3.6,14.5 5.2,9.2 1,6 6.2,6", ...paint });
      case "hexagon":
        return el(root, "polygon", { points: "15,8 11.5,14 4.5,14 1,8 4.5,2 11.5,2", ...paint });
      case "envelope":
        el(root, "rect", { x: 1.5, y: 3.5, width: 13, height: 9, ...paint });
        return el(root, "polyline", { points: "2,4 8,9 14,4", fill: "none", stroke: hollow ? css(color) : css(INK.background), "stroke-width": 1.5 });
    }
  });
}

/** A small swatch of a node's ring look: its colour with its texture drawn over it. */
export function textureSvg(color: number, texture: Texture): SVGSVGElement {
  const ink = css(INK.background);
  return svg(24, (root) => {
    el(root, "rect", { x: 1, y: 1, width: 22, height: 14, rx: 2, fill: css(color) });
    const line = (x1: number, y1: number, x2: number, y2: number, extra: Record<string, string | number> = {}) =>
      el(root, "line", { x1, y1, x2, y2, stroke: ink, "stroke-width": 1.6, "stroke-opacity": 0.75, ...extra });
    switch (texture) {
      case "plain":
        return;
      case "stripes":
        for (const x of [5, 10, 15, 20]) line(x, 2.5, x, 13.5);
        return;
      case "dots":
        for (const x of [5, 10, 15, 20]) el(root, "circle", { cx: x, cy: 8, r: 1.7, fill: ink, "fill-opacity": 0.75 });
        return;
      case "band":
        line(1.5, 8, 22.5, 8, { "stroke-width": 2.4 });
        return;
      case "ticks":
        for (const x of [4, 8, 12, 16, 20]) line(x, 2, x, 6);
        return;
      case "double":
        line(1.5, 5.5, 22.5, 5.5);
        line(1.5, 10.5, 22.5, 10.5);
        return;
      case "dashes":
        line(2, 8, 22, 8, { "stroke-width": 2.4, "stroke-dasharray": "4 3" });
        return;
      case "checks":
        for (const x of [6, 12, 18]) line(x, 2.5, x, 13.5);
        line(1.5, 8, 22.5, 8);
        return;
    }
  });
}

function lineItem(color: number, width: number, dash: string, words: string): HTMLLIElement {
  return h(
    "li",
    {},
    svg(30, (root) => {
      el(root, "line", { x1: 1, y1: 8, x2: 29, y2: 8, stroke: css(color), "stroke-width": width, "stroke-dasharray": dash });
    }),
    words,
  );
}

function raftItems(): HTMLLIElement[] {
  const log = h(
    "li",
    {},
    svg(34, (root) => {
      el(root, "rect", { x: 1, y: 2, width: 10, height: 12, fill: css(OKABE_ITO.bluishGreen) });
      el(root, "rect", { x: 12, y: 2, width: 10, height: 12, fill: css(OKABE_ITO.bluishGreen) });
      el(root, "rect", { x: 22, y: 0, width: 2, height: 16, fill: "#ffffff" });
      el(root, "rect", { x: 25.5, y: 2.5, width: 7, height: 11, fill: "none", stroke: "#8fa3bf", "stroke-width": 1.5 });
    }),
    "log: committed | not yet",
  );
  return [log];
}

/** Consul's gossip picture: what a member's state, a suspicion timer and a probe ripple look like. */
function gossipItems(): HTMLLIElement[] {
  const alive = css(OKABE_ITO.bluishGreen);
  const suspect = css(OKABE_ITO.yellow);
  const cross = (root: SVGElement, x: number) => {
    for (const [y1, y2] of [[4, 12], [12, 4]]) el(root, "line", { x1: x - 4, y1, x2: x + 4, y2, stroke: css(OKABE_ITO.vermillion), "stroke-width": 2.5 });
  };
  const agents = h(
    "li",
    { "data-legend": "agents" },
    svg(16, (root) => el(root, "rect", { x: 2, y: 2, width: 12, height: 12, rx: 3, fill: "none", stroke: "#c9d3e3", "stroke-width": 2 })),
    "server",
    svg(16, (root) => el(root, "circle", { cx: 8, cy: 8, r: 6, fill: "none", stroke: css(INK.textMuted), "stroke-width": 1.5 })),
    "client agent",
    svg(16, (root) => el(root, "polygon", { points: "1,13 1,4 5,9 8,2 11,9 15,4 15,13", fill: suspect })),
    "Raft leader",
  );
  // The row under each agent, then what its marks mean.
  const view = h(
    "li",
    { "data-legend": "member-marks" },
    svg(30, (root) => {
      el(root, "circle", { cx: 5, cy: 8, r: 4, fill: alive });
      el(root, "circle", { cx: 15, cy: 8, r: 1.6, fill: css(INK.textMuted) });
      el(root, "circle", { cx: 25, cy: 8, r: 4, fill: alive });
    }),
    "each agent's view of n1, n2, … (· itself):",
    svg(16, (root) => el(root, "circle", { cx: 8, cy: 8, r: 4.5, fill: alive })),
    "alive",
    svg(16, (root) => el(root, "polygon", { points: "8,2 13.5,13 2.5,13", fill: suspect })),
    "suspect",
    svg(16, (root) => cross(root, 8)),
    "dead",
  );
  const timer = h(
    "li",
    { "data-legend": "suspicion-timer" },
    svg(18, (root) => {
      el(root, "circle", { cx: 9, cy: 8, r: 6, fill: "none", stroke: suspect, "stroke-opacity": 0.3, "stroke-width": 2 });
      el(root, "path", { d: "M 9 2 A 6 6 0 1 1 3 8", fill: "none", stroke: suspect, "stroke-width": 3 });
    }),
    "suspicion time left",
  );
  const ripple = h(
    "li",
    { "data-legend": "ripple" },
    svg(18, (root) => {
      el(root, "circle", { cx: 9, cy: 8, r: 2.5, fill: css(OKABE_ITO.skyBlue) });
      el(root, "circle", { cx: 9, cy: 8, r: 6.5, fill: "none", stroke: css(OKABE_ITO.skyBlue), "stroke-width": 1.5 });
    }),
    "ripple: probe or gossip sent",
  );
  return [agents, view, timer, ripple];
}

/** CockroachDB's keyspace picture: ranges, leaseholder and leader marks, intents, and clocks against true time. */
function keyspaceItems(): HTMLLIElement[] {
  const yellow = css(OKABE_ITO.yellow);
  const lease = h(
    "li",
    { "data-legend": "leaseholder" },
    svg(22, (root) => {
      el(root, "circle", { cx: 6, cy: 8, r: 4, fill: "none", stroke: yellow, "stroke-width": 2.5 });
      el(root, "path", { d: "M10,8 H20 V12 M16,8 V11", fill: "none", stroke: yellow, "stroke-width": 2 });
    }),
    "key: the leaseholder (serves the range; its colour fills the bar)",
  );
  const leader = h(
    "li",
    { "data-legend": "leader" },
    svg(18, (root) => {
      el(root, "polygon", { points: "2,14 2,4 5.5,9 9,2 12.5,9 16,4 16,14", fill: css(INK.text) });
    }),
    "crown: the range's Raft leader",
  );
  const stranded = h(
    "li",
    { "data-legend": "stranded-lease" },
    svg(24, (root) => {
      el(root, "rect", { x: 1, y: 2, width: 22, height: 12, fill: css(INK.panel), stroke: "#44516a" });
      for (const x of [-4, 3, 10, 17]) el(root, "line", { x1: x, y1: 14, x2: x + 12, y2: 2, stroke: css(OKABE_ITO.grey), "stroke-width": 1.2, "stroke-opacity": 0.7 });
    }),
    "hatched: its leaseholder is down or stopped, the lease must expire first",
  );
  const noQuorum = h(
    "li",
    { "data-legend": "no-quorum" },
    svg(24, (root) => {
      el(root, "rect", { x: 1, y: 2, width: 22, height: 12, fill: "#2a1a14" });
      el(root, "line", { x1: 1, y1: 2, x2: 23, y2: 14, stroke: css(OKABE_ITO.vermillion), "stroke-width": 1.5 });
      el(root, "line", { x1: 1, y1: 14, x2: 23, y2: 2, stroke: css(OKABE_ITO.vermillion), "stroke-width": 1.5 });
    }),
    "✗ NO QUORUM: too few replicas running",
  );
  const tag = (text: string, bg: string) => h("span", { class: "legend-mark", style: `background:${bg};color:#0f1521;font-weight:bold;padding:0 4px;border-radius:3px` }, text);
  const txns = h("li", { "data-legend": "txn" }, tag("2 intents", css(OKABE_ITO.skyBlue)), tag("txn PENDING", css(OKABE_ITO.orange)), tag("STAGING", yellow), "uncommitted writes and their records");
  const clock = h(
    "li",
    { "data-legend": "clock" },
    svg(40, (root) => {
      el(root, "rect", { x: 1, y: 7, width: 38, height: 8, fill: css(INK.panel), stroke: "#44516a" });
      el(root, "rect", { x: 10.5, y: 7, width: 19, height: 8, fill: css(OKABE_ITO.bluishGreen), "fill-opacity": 0.5 });
      el(root, "line", { x1: 20, y1: 5, x2: 20, y2: 16, stroke: css(INK.text), "stroke-width": 1.5 });
      el(root, "polygon", { points: "22,1 30,1 26,7", fill: yellow });
    }),
    "clock: | true time, green band ±500 ms max offset, ▼ the node's clock",
  );
  const stopped = h(
    "li",
    { "data-legend": "stopped" },
    svg(16, (root) => {
      el(root, "polygon", { points: "5,1 11,1 15,5 15,11 11,15 5,15 1,11 1,5", fill: css(OKABE_ITO.vermillion) });
      el(root, "rect", { x: 4, y: 7, width: 8, height: 2.5, fill: css(INK.text) });
    }),
    "STOPPED: its clock was too far off",
  );
  return [lease, leader, stranded, noQuorum, txns, clock, stopped];
}

function ringItems(state: GameStateView): HTMLLIElement[] {
  const ids = sortedValues(state.nodes, (n) => n.id).map((n) => n.id);
  const looks = identities(ids);
  const nodes = ids.map((id) => {
    const look = looks.get(id);
    if (!look) return null;
    const words = `${look.colorName}, ${TEXTURE_WORDS[look.texture]}`;
    // The swatch shows colour and texture; the words are there for screen readers (and as a tooltip).
    return h("li", { "data-node-look": id, title: `${id}: ${words}` }, textureSvg(look.color, look.texture), h("strong", {}, id), h("span", { class: "sr-only" }, `: ${words}`));
  });
  const hints = h(
    "li",
    {},
    svg(22, (root) => {
      el(root, "rect", { x: 2, y: 3.5, width: 17, height: 10, rx: 1, fill: css(OKABE_ITO.yellow) });
      el(root, "polyline", { points: "2.5,4 10.5,9.5 18.5,4", fill: "none", stroke: css(INK.background), "stroke-width": 1.5 });
    }),
    "n = hints held for others",
  );
  const stale = h("li", {}, h("span", { class: "legend-mark stale" }, "⚠ STALE"), "behind the newest write");
  const joining = lineItem(OKABE_ITO.grey, 3, "4 3", "dashed collar: down or joining");
  return [...nodes.filter((n): n is HTMLLIElement => n !== null), hints, stale, joining];
}

/** The drive racks (MinIO): a drive slot, a failed drive, data and parity shards, the shard states, the heal queue. */
function rackItems(): HTMLLIElement[] {
  const slot = h(
    "li",
    {},
    svg(30, (root) => {
      el(root, "rect", { x: 1, y: 3, width: 28, height: 10, fill: css(INK.background), stroke: "#3a4a66", "stroke-width": 1.5 });
    }),
    "d1..dN = a server's drives",
  );
  const failed = h(
    "li",
    {},
    svg(30, (root) => {
      el(root, "rect", { x: 1, y: 3, width: 28, height: 10, fill: "#2a1a14", stroke: css(OKABE_ITO.vermillion), "stroke-width": 1.5 });
      el(root, "line", { x1: 10, y1: 4, x2: 20, y2: 12, stroke: css(OKABE_ITO.vermillion), "stroke-width": 2 });
      el(root, "line", { x1: 10, y1: 12, x2: 20, y2: 4, stroke: css(OKABE_ITO.vermillion), "stroke-width": 2 });
    }),
    "✗ FAILED drive",
  );
  const data = h("li", {}, shapeSvg("square", OKABE_ITO.skyBlue, false), "D1.. = data shard");
  const parity = h("li", {}, shapeSvg("diamond", OKABE_ITO.orange, false), "P1.. = parity shard");
  const states = h("li", {}, h("span", { class: "legend-mark" }, "✓ intact · ⚠ corrupt · ○ missing (hollow)"));
  const heal = h("li", {}, h("span", { class: "legend-mark heal" }, "⟳ heal n"), "objects queued for healing");
  return [data, parity, states, slot, failed, heal];
}

/** The partition logs (Kafka): committed and uncommitted records, the HW bar, the leader, out of ISR, paused. */
function partitionLogItems(): HTMLLIElement[] {
  const log = h(
    "li",
    {},
    svg(40, (root) => {
      el(root, "rect", { x: 1, y: 3, width: 8, height: 10, fill: css(OKABE_ITO.bluishGreen) });
      el(root, "rect", { x: 10, y: 3, width: 8, height: 10, fill: css(OKABE_ITO.bluishGreen) });
      el(root, "rect", { x: 19, y: 0, width: 2.5, height: 16, fill: "#ffffff" });
      el(root, "rect", { x: 23.5, y: 3.5, width: 7, height: 9, fill: "none", stroke: css(OKABE_ITO.orange), "stroke-width": 1.5 });
      el(root, "line", { x1: 24, y1: 12, x2: 30, y2: 4, stroke: css(OKABE_ITO.orange), "stroke-width": 1.5 });
    }),
    "log: committed | HW | written, not committed (up to LEO)",
  );
  const leader = h("li", {}, shapeSvg("star", OKABE_ITO.yellow, false), "partition leader");
  const outOfIsr = lineItem(OKABE_ITO.vermillion, 2, "5 3", "✗ dashed = out of ISR");
  const offline = h("li", {}, h("span", { class: "legend-mark" }, "✗ OFFLINE"), "no leader");
  const paused = h("li", {}, h("span", { class: "legend-mark" }, "‖ paused"), "not consumed during a rebalance");
  const controller = h("li", {}, h("span", { class: "legend-mark" }, "♛ active controller · ⊘ FENCED"));
  return [log, leader, outOfIsr, offline, paused, controller];
}

/** The hash-slot map (Redis Cluster): each master's look, migrating and uncovered slots, replica links, flags, hops. */
function slotMapItems(state: GameStateView): HTMLLIElement[] {
  const nodes = sortedValues(state.nodes, (n) => n.id);
  const looks = identities(nodes.map((n) => n.id));
  const masters = nodes.filter((n) => !n.replicaOf);
  const looksItems = masters.map((n) => {
    const look = looks.get(n.id);
    if (!look) return null;
    const words = `${look.colorName}, ${TEXTURE_WORDS[look.texture]}`;
    // The swatch shows colour and texture; the name says whose slots they are; the words are for screen readers.
    return h(
      "li",
      { "data-master-look": n.id, title: `master ${n.id}'s slots: ${words}` },
      textureSvg(look.color, look.texture),
      h("strong", {}, n.id),
      h("span", { class: "sr-only" }, `: master ${n.id}'s slots, ${words}`),
    );
  });
  const migrating = h(
    "li",
    { "data-legend": "migrating" },
    svg(18, (root) => {
      el(root, "rect", { x: 2, y: 1, width: 14, height: 14, fill: css(OKABE_ITO.grey), stroke: "#eef2f8", "stroke-width": 1.2 });
      for (const d of [-8, -3, 2, 7, 12]) el(root, "line", { x1: 2 + d, y1: 1, x2: 16 + d, y2: 15, stroke: css(INK.background), "stroke-width": 1.5 });
    }),
    "migrating slot (target's colour, → n4 / ← n1)",
  );
  const uncovered = h(
    "li",
    { "data-legend": "uncovered" },
    svg(18, (root) => {
      el(root, "rect", { x: 2, y: 1, width: 14, height: 14, fill: "#2a1a14" });
      el(root, "line", { x1: 2, y1: 1, x2: 16, y2: 15, stroke: css(OKABE_ITO.vermillion), "stroke-width": 1.5 });
      el(root, "line", { x1: 2, y1: 15, x2: 16, y2: 1, stroke: css(OKABE_ITO.vermillion), "stroke-width": 1.5 });
    }),
    "UNCOVERED: no running master",
  );
  const inSync = h(
    "li",
    { "data-legend": "replica-in-sync" },
    svg(30, (root) => {
      el(root, "line", { x1: 1, y1: 8, x2: 29, y2: 8, stroke: "#8fa3bf", "stroke-width": 2.5 });
    }),
    "replica in sync",
  );
  const lag = h(
    "li",
    { "data-legend": "replica-lag" },
    svg(30, (root) => {
      el(root, "line", { x1: 1, y1: 8, x2: 29, y2: 8, stroke: css(OKABE_ITO.yellow), "stroke-width": 2.5, "stroke-dasharray": "6 4" });
    }),
    "dashed: replica lag (bytes)",
  );
  const tag = (text: string, bg: string) => h("span", { class: "legend-mark", style: `background:${bg};color:#0f1521;font-weight:bold;padding:0 4px;border-radius:3px` }, text);
  const flags = h(
    "li",
    { "data-legend": "flags" },
    tag("PFAIL?", "#f0e442"),
    "suspected",
    tag("FAIL", "#ff8a4c"),
    "agreed",
    tag("CLUSTERDOWN", "#ff8a4c"),
    "refusing",
  );
  const hop = h(
    "li",
    { "data-legend": "hop" },
    svg(40, (root) => {
      el(root, "line", { x1: 2, y1: 12, x2: 14, y2: 5, stroke: css(OKABE_ITO.grey), "stroke-width": 2, "stroke-dasharray": "3 2" });
      el(root, "line", { x1: 12, y1: 2, x2: 18, y2: 8, stroke: css(OKABE_ITO.vermillion), "stroke-width": 2.5 });
      el(root, "line", { x1: 12, y1: 8, x2: 18, y2: 2, stroke: css(OKABE_ITO.vermillion), "stroke-width": 2.5 });
      el(root, "line", { x1: 2, y1: 13, x2: 34, y2: 13, stroke: css(OKABE_ITO.vermillion), "stroke-width": 2.5 });
      el(root, "polygon", { points: "39,13 32,9.5 32,16.5", fill: css(OKABE_ITO.vermillion) });
    }),
    "MOVED / ASK: client redirected (✕) to the serving node",
  );
  return [...looksItems.filter((i): i is HTMLLIElement => i !== null), migrating, uncovered, inSync, lag, flags, hop];
}

/** The key to the diagram, for the system on screen: rebuilt when the system or the set of nodes changes. */
export function createLegend(): Panel {
  const list = h("ul", { class: "legend", "aria-label": "Legend" });
  let lastKey = "";
  return {
    el: list,
    update(state: GameStateView) {
      const kind = pictureKind(state);
      const ring = kind === "token-ring";
      const slots = kind === "slot-map";
      // The ring names every node's look, the slot map every master's: rebuilt when the nodes or the masters change.
      const ids = sortedValues(state.nodes, (n) => n.id).map((n) => (slots && n.replicaOf ? `${n.id}>${n.replicaOf}` : n.id));
      const key = `${state.system}|${kind}|${ring || slots ? ids.join(",") : ""}`;
      if (key === lastKey) return;
      lastKey = key;
      const families = familiesFor(state.system).map((f) => h("li", {}, shapeSvg(f.shape, f.color, false), f.label));
      const reply = h("li", {}, shapeSvg("square", INK.text, true), "hollow = reply");
      const cut = lineItem(OKABE_ITO.vermillion, 3, "6 4", "✂ cut link");
      const degraded = lineItem(OKABE_ITO.grey, 2.5, "2 5", "slow or lossy");
      setChildren(list, ...families, reply, cut, degraded, ...(kind === "gossip" ? gossipItems() : kind === "keyspace" ? keyspaceItems() : kind === "partition-log" ? partitionLogItems() : kind === "slot-map" ? slotMapItems(state) : kind === "drive-rack" ? rackItems() : ring ? ringItems(state) : raftItems()));
    },
  };
}
