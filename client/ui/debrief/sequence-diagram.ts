// A Lamport-style message sequence diagram of a window of the round: one vertical line per node (dotted where the
// node is down), time flowing down in proportion, an arrow from each send to its delivery. A dropped message ends
// in a cross (short, if it never left: a cut link or loss). Arrows take their message family's colour and the kind
// is written beside them, so neither colour nor position alone carries the meaning. A table lists the same messages.

import type { Debrief, SeqMessage } from "../../../shared/debrief";
import { messagesIn } from "../../../shared/debrief/messages";
import { css } from "../../game/draw/palette";
import { styleForKind } from "../../game/draw/message-kinds";
import { h } from "../dom";
import { COLOR } from "./colors";
import { px, svg, tip } from "./svg";

/** More arrows than this stop being readable on a projector. */
export const MESSAGE_CAP = 60;

const W = 720;
const H = 470;
const TOP = 40;
const BOTTOM = 14;
const LEFT = 78;
const RIGHT = 16;

export function sequenceDiagram(d: Debrief, from: number, to: number): { figure: HTMLElement; shown: number; total: number } {
  const window = messagesIn(d.messages, from, to, MESSAGE_CAP);
  const involved = new Set(window.shown.flatMap((m) => [m.from, m.to]));
  const nodes = involved.size > 0 ? d.nodes.filter((n) => involved.has(n)) : d.nodes;
  const colW = (W - LEFT - RIGHT) / nodes.length;
  const col = (n: string) => LEFT + (nodes.indexOf(n) + 0.5) * colW;
  const span = Math.max(1, to - from);
  const y = (t: number) => TOP + (Math.min(Math.max(t, from), to) - from) / span * (H - TOP - BOTTOM);
  const root = svg("svg", { class: "sequence-diagram", viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": `Messages between ${sec(from)} and ${sec(to)}` });
  root.append(timeAxis(from, to, y), ...nodes.map((n) => lifeline(d, n, col(n), from, to, y)));
  const labels: { x: number; y: number }[] = [];
  for (const m of window.shown) root.append(arrow(d.system, m, col, y, labels));
  const note =
    window.total > window.shown.length
      ? `Showing the first ${window.shown.length} of ${window.total} messages in this window: narrow it to see the rest.`
      : `${window.total} message${window.total === 1 ? "" : "s"} in this window.`;
  const figure = h("figure", { class: "sequence" }, root, h("figcaption", { class: "hint" }, note), messageTable(window.shown));
  return { figure, shown: window.shown.length, total: window.total };
}

function timeAxis(from: number, to: number, y: (t: number) => number): SVGGElement {
  const g = svg("g", { class: "axis" });
  const steps = 5;
  for (let i = 0; i <= steps; i++) {
    const t = Math.round(from + ((to - from) * i) / steps);
    g.append(
      svg("line", { x1: LEFT - 6, x2: W - RIGHT, y1: px(y(t)), y2: px(y(t)), stroke: COLOR.grid }),
      svg("text", { x: LEFT - 10, y: px(y(t) + 4), class: "axis-text", "text-anchor": "end" }, sec(t)),
    );
  }
  return g;
}

/** A node's line: solid while it is up, dotted and marked "down" while it is not (from the replay's samples). */
function lifeline(d: Debrief, node: string, x: number, from: number, to: number, y: (t: number) => number): SVGGElement {
  const g = svg("g", { class: "lifeline" });
  g.append(svg("text", { x: px(x), y: 22, class: "node-label", "text-anchor": "middle" }, node));
  const inWindow = d.samples.filter((s) => s.t >= from - 100 && s.t <= to);
  let start = from;
  let up = isUp(inWindow[0], node);
  const segment = (a: number, b: number, running: boolean) => {
    g.append(
      svg("line", { x1: px(x), x2: px(x), y1: px(y(a)), y2: px(y(b)), stroke: running ? COLOR.muted : COLOR.fault, "stroke-width": running ? 2 : 3, "stroke-dasharray": running ? undefined : "2 6", "stroke-linecap": "round" }),
    );
    if (!running && y(b) - y(a) > 24) g.append(svg("text", { x: px(x + 6), y: px(y(a) + 16), class: "down-text" }, "down"));
  };
  for (const s of inWindow) {
    const now = isUp(s, node);
    if (now !== up && s.t > start) {
      segment(start, s.t, up);
      start = s.t;
    }
    up = now;
  }
  segment(start, to, up);
  return g;
}

function isUp(sample: Debrief["samples"][number] | undefined, node: string): boolean {
  return sample?.nodes.find((n) => n.id === node)?.up ?? true;
}

function arrow(system: string, m: SeqMessage, col: (n: string) => number, y: (t: number) => number, labels: { x: number; y: number }[]): SVGGElement {
  const { family, reply } = styleForKind(m.kind, system);
  const color = css(family.color);
  const x1 = col(m.from);
  const y1 = y(m.sentAt);
  const lostOnTheWayOut = m.dropped && m.at === m.sentAt;
  const x2 = lostOnTheWayOut ? x1 + (col(m.to) - x1) * 0.3 : col(m.to);
  const y2 = lostOnTheWayOut ? y1 + 8 : y(m.at);
  const fate = m.dropped ? `dropped (${m.reason ?? "lost"})` : `delivered at ${sec(m.at)}`;
  const g = svg("g", { class: m.dropped ? "msg dropped" : "msg" }, tip(`${m.kind} ${m.from} → ${m.to}, sent at ${sec(m.sentAt)}, ${fate}`));
  g.append(
    svg("line", {
      x1: px(x1),
      y1: px(y1),
      x2: px(x2),
      y2: px(y2),
      stroke: color,
      "stroke-width": reply ? 1.6 : 2.4,
      "stroke-dasharray": m.dropped ? "5 4" : undefined,
    }),
  );
  if (!m.dropped) g.append(svg("path", { d: arrowHead(x1, y1, x2, y2), fill: color }));
  if (m.dropped) {
    const r = 6;
    g.append(svg("path", { d: `M${px(x2 - r)},${px(y2 - r)}L${px(x2 + r)},${px(y2 + r)}M${px(x2 + r)},${px(y2 - r)}L${px(x2 - r)},${px(y2 + r)}`, stroke: COLOR.fault, "stroke-width": 3, "stroke-linecap": "round" }));
  }
  // The kind, a third of the way along, unless another label is already there.
  const lx = x1 + (x2 - x1) * 0.33;
  const ly = y1 + (y2 - y1) * 0.33 - 4;
  if (labels.every((l) => Math.abs(l.x - lx) > 70 || Math.abs(l.y - ly) > 13)) {
    labels.push({ x: lx, y: ly });
    g.append(svg("text", { x: px(lx), y: px(ly), class: "msg-text", "text-anchor": "middle", fill: color }, shortKind(m.kind)));
  }
  return g;
}

/** A filled triangle at (x2, y2) pointing along the line from (x1, y1). */
function arrowHead(x1: number, y1: number, x2: number, y2: number): string {
  const len = Math.hypot(x2 - x1, y2 - y1) || 1;
  const ux = (x2 - x1) / len;
  const uy = (y2 - y1) / len;
  const back = 11;
  const half = 5;
  const bx = x2 - ux * back;
  const by = y2 - uy * back;
  return `M${px(x2)},${px(y2)}L${px(bx - uy * half)},${px(by + ux * half)}L${px(bx + uy * half)},${px(by - ux * half)}Z`;
}

/** "MsgVoteResp" reads as "VoteResp": every Raft message starts with Msg. */
function shortKind(kind: string): string {
  return kind.replace(/^Msg(?=[A-Z])/, "");
}

function messageTable(messages: readonly SeqMessage[]): HTMLElement {
  return h(
    "details",
    { class: "debrief-tables" },
    h("summary", {}, "These messages as a table"),
    h(
      "table",
      { class: "debrief-table" },
      h("thead", {}, h("tr", {}, ...["Sent", "From", "To", "Kind", "Outcome"].map((c) => h("th", { scope: "col" }, c)))),
      h(
        "tbody",
        {},
        ...messages.map((m) =>
          h("tr", {}, h("td", {}, sec(m.sentAt)), h("td", {}, m.from), h("td", {}, m.to), h("td", {}, m.kind), h("td", {}, m.dropped ? `dropped: ${m.reason ?? "lost"}` : `delivered at ${sec(m.at)}`)),
        ),
      ),
    ),
  );
}

/** Seconds with millisecond precision: messages a few ms apart must be told apart. */
function sec(ms: number): string {
  return `${(ms / 1000).toFixed(3)} s`;
}
