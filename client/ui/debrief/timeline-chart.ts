// The round's timeline as one SVG: client availability, latency (p50 solid, p99 dashed), who led (a band per
// leader, hatched where there was none), faults and repairs (a cross, a triangle, a diamond) and goals met (a
// circle) or losing conditions fired (a triangle with "!"). A yellow cursor marks the scrubber's time and a band
// the sequence diagram's window; dragging across the chart picks a new window, a click moves the scrubber.
// The same picture as words: a summary for screen readers and the tables in timeline-table.ts.

import type { Debrief, Mark } from "../../../shared/debrief";
import { COLOR, HATCH_ID, leaderColor } from "./colors";
import { px, svg, ticks, tip } from "./svg";
import { seconds } from "../../../shared/debrief/words";

const W = 1000;
const LEFT = 104;
const RIGHT = 18;
const PLOT = W - LEFT - RIGHT;
const LANES = {
  availability: { y: 12, h: 64 },
  latency: { y: 96, h: 64 },
  leader: { y: 180, h: 28 },
  faults: { y: 222, h: 40 },
  goals: { y: 272, h: 24 },
};
const AXIS_Y = 306;
const H = 330;

export interface TimelineChart {
  el: SVGSVGElement;
  setCursor(t: number | null): void;
  setWindow(from: number, to: number): void;
}

export interface ChartEvents {
  /** A click on the chart: show the cluster at that time. */
  onPick?: (t: number) => void;
  /** A drag across the chart: show that window's messages. */
  onWindow?: (from: number, to: number) => void;
}

/** `scaleMs`: the time the chart spans, when it is not the round's own length (a fork beside its original). */
export function createTimelineChart(d: Debrief, describedBy: string, events: ChartEvents = {}, scaleMs = d.endMs): TimelineChart {
  const end = Math.max(1, scaleMs);
  const x = (t: number) => LEFT + (Math.min(Math.max(t, 0), end) / end) * PLOT;
  const root = svg("svg", { class: "timeline-chart", viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "Timeline of the round", "aria-describedby": describedBy });
  root.append(...laneLabels(), availability(d, x), latency(d, x), leaders(d, x), marksLane(d.series.marks, x), axis(end, x));
  const band = svg("rect", { class: "window-band", y: 4, height: AXIS_Y - 4, x: LEFT, width: 0, fill: COLOR.cursor, "fill-opacity": 0.12, stroke: COLOR.cursor, "stroke-opacity": 0.6 });
  const cursor = svg("line", { class: "cursor", y1: 4, y2: AXIS_Y, stroke: COLOR.cursor, "stroke-width": 2.5, "stroke-dasharray": "6 4", visibility: "hidden" });
  root.append(band, cursor, brush(root, end, events));
  return {
    el: root,
    setCursor(t) {
      cursor.setAttribute("visibility", t === null ? "hidden" : "visible");
      if (t !== null) for (const a of ["x1", "x2"]) cursor.setAttribute(a, String(px(x(t))));
    },
    setWindow(from, to) {
      band.setAttribute("x", String(px(x(from))));
      band.setAttribute("width", String(px(Math.max(2, x(to) - x(from)))));
    },
  };
}

function laneLabels(): SVGElement[] {
  const label = (text: string, lane: { y: number; h: number }, sub?: string) =>
    svg("text", { x: 8, y: lane.y + lane.h / 2 + (sub ? -2 : 5), class: "lane-label" }, text, sub ? svg("tspan", { x: 8, dy: 16, class: "lane-sub" }, sub) : null);
  return [
    label("Availability", LANES.availability, "ops ok"),
    label("Latency", LANES.latency, "ms"),
    label("Leader", LANES.leader),
    label("Faults", LANES.faults),
    label("Goals", LANES.goals),
  ];
}

function availability(d: Debrief, x: (t: number) => number): SVGGElement {
  const { y, h } = LANES.availability;
  const yOf = (a: number) => y + h - a * h;
  const g = svg("g", { class: "lane-availability" });
  g.append(gridLine(y, "100%"), gridLine(y + h, "0%"));
  for (const run of runs(d.series.buckets, (b) => b.availability)) {
    const top = run.map((b) => `${px(x(b.from))},${px(yOf(b.value))} ${px(x(b.to))},${px(yOf(b.value))}`).join(" ");
    const first = run[0];
    const last = run[run.length - 1];
    g.append(
      svg("polygon", { points: `${px(x(first.from))},${y + h} ${top} ${px(x(last.to))},${y + h}`, fill: COLOR.availability, "fill-opacity": 0.28 }),
      svg("polyline", { points: top, fill: "none", stroke: COLOR.availability, "stroke-width": 2.5 }),
    );
  }
  return g;
}

function latency(d: Debrief, x: (t: number) => number): SVGGElement {
  const { y, h } = LANES.latency;
  const max = Math.max(1, ...d.series.buckets.map((b) => b.p99 ?? 0));
  const top = ticks(max, 2).at(-1) ?? max;
  const scale = Math.max(top, max);
  const yOf = (ms: number) => y + h - (ms / scale) * h;
  const g = svg("g", { class: "lane-latency" });
  g.append(gridLine(y, `${scale} ms`), gridLine(y + h, "0"));
  const line = (pick: (b: { p50: number | null; p99: number | null }) => number | null, color: string, dash?: string) => {
    for (const run of runs(d.series.buckets, pick)) {
      const points = run.map((b) => `${px(x((b.from + b.to) / 2))},${px(yOf(b.value))}`).join(" ");
      g.append(svg("polyline", { points, fill: "none", stroke: color, "stroke-width": 2.5, "stroke-dasharray": dash, "stroke-linejoin": "round" }));
    }
  };
  line((b) => b.p99, COLOR.p99, "7 5");
  line((b) => b.p50, COLOR.p50);
  return g;
}

function leaders(d: Debrief, x: (t: number) => number): SVGGElement {
  const { y, h } = LANES.leader;
  const g = svg("g", { class: "lane-leader" });
  // A system without one leader (Cassandra, MinIO, ...) gets a word, not a round-long "no leader" warning.
  if (d.series.leaders.every((s) => s.leader === null)) {
    g.append(svg("text", { x: LEFT + 8, y: y + h / 2 + 5, class: "axis-text" }, "no single leader in this system"));
    return g;
  }
  for (const span of d.series.leaders) {
    const x0 = x(span.from);
    const w = Math.max(1, x(span.to) - x0);
    const words = span.leader === null ? "no leader" : `${span.leader}${span.term !== undefined ? ` · term ${span.term}` : ""}`;
    const fill = span.leader === null ? `url(#${HATCH_ID})` : leaderColor(d.nodes, span.leader);
    const rect = svg("rect", { x: px(x0), y, width: px(w), height: h, fill, stroke: "#0f1521", "stroke-width": 1 }, tip(`${seconds(span.from)}–${seconds(span.to)}: ${words}`));
    g.append(rect);
    const label = w > words.length * 7.5 + 8 ? words : span.leader !== null && w > 24 ? span.leader : "";
    if (label) g.append(svg("text", { x: px(x0 + w / 2), y: y + h / 2 + 5, class: "band-text", "text-anchor": "middle" }, label));
  }
  return g;
}

/** Faults, repairs and membership changes on one lane; goals and losses on the next. */
function marksLane(marks: readonly Mark[], x: (t: number) => number): SVGGElement {
  const g = svg("g", { class: "lane-marks" });
  const labelled: number[] = [];
  for (const m of marks) {
    if (m.kind === "leader") continue; // the leader lane shows who led
    const goal = m.kind === "goal" || m.kind === "lose";
    const lane = goal ? LANES.goals : LANES.faults;
    const cx = x(m.t);
    const cy = lane.y + (goal ? lane.h / 2 : 11);
    const shape = markShape(m, cx, cy);
    shape.append(tip(`${seconds(m.t)}: ${m.text}`));
    g.append(shape);
    if (goal) continue;
    // Labels in two rows under the marks, each only where it does not run into the previous one of its row.
    const row = labelled.length % 2;
    const free = labelled.filter((_, i) => i % 2 === row).every((lx) => Math.abs(lx - cx) > 64);
    if (free && m.kind !== "membership") {
      labelled.push(cx);
      g.append(svg("text", { x: px(cx), y: lane.y + 30 + row * 13, class: "mark-text", "text-anchor": "middle" }, m.label));
    }
  }
  return g;
}

function markShape(m: Mark, cx: number, cy: number): SVGGElement {
  const r = 7;
  const g = svg("g", { class: `mark mark-${m.kind}` });
  switch (m.kind) {
    case "fault":
      g.append(svg("path", { d: `M${px(cx - r)},${cy - r}L${px(cx + r)},${cy + r}M${px(cx + r)},${cy - r}L${px(cx - r)},${cy + r}`, stroke: COLOR.fault, "stroke-width": 3.5, "stroke-linecap": "round" }));
      break;
    case "repair":
      g.append(svg("path", { d: `M${px(cx)},${cy - r}L${px(cx + r)},${cy + r - 1}L${px(cx - r)},${cy + r - 1}Z`, fill: COLOR.repair }));
      break;
    case "network":
      g.append(svg("path", { d: `M${px(cx)},${cy - r}L${px(cx + r)},${cy}L${px(cx)},${cy + r}L${px(cx - r)},${cy}Z`, fill: "none", stroke: COLOR.network, "stroke-width": 2.5 }));
      break;
    case "leader":
    case "membership":
      g.append(svg("circle", { cx: px(cx), cy, r: 4, fill: COLOR.membership }));
      break;
    case "goal":
      g.append(
        svg("circle", { cx: px(cx), cy, r: 9, fill: COLOR.goal }),
        svg("path", { d: `M${px(cx - 4.5)},${cy}L${px(cx - 1)},${cy + 4}L${px(cx + 5)},${cy - 4}`, fill: "none", stroke: "#0f1521", "stroke-width": 2.5 }),
      );
      break;
    case "lose":
    case "violation":
      g.append(
        svg("path", { d: `M${px(cx)},${cy - 10}L${px(cx + 10)},${cy + 8}L${px(cx - 10)},${cy + 8}Z`, fill: COLOR.lose }),
        svg("text", { x: px(cx), y: cy + 6, class: "mark-bang", "text-anchor": "middle" }, "!"),
      );
      break;
  }
  return g;
}

function axis(end: number, x: (t: number) => number): SVGGElement {
  const g = svg("g", { class: "axis" });
  g.append(svg("line", { x1: LEFT, x2: W - RIGHT, y1: AXIS_Y, y2: AXIS_Y, stroke: COLOR.muted }));
  for (const s of ticks(end / 1000, 10)) {
    const tx = px(x(s * 1000));
    g.append(
      svg("line", { x1: tx, x2: tx, y1: LANES.availability.y, y2: AXIS_Y, stroke: COLOR.grid, "stroke-width": 1 }),
      svg("text", { x: tx, y: AXIS_Y + 18, class: "axis-text", "text-anchor": "middle" }, `${s} s`),
    );
  }
  return g;
}

function gridLine(y: number, label: string): SVGGElement {
  return svg(
    "g",
    {},
    svg("line", { x1: LEFT, x2: W - RIGHT, y1: y, y2: y, stroke: COLOR.grid }),
    svg("text", { x: LEFT - 6, y: y + 4, class: "axis-text", "text-anchor": "end" }, label),
  );
}

/** Consecutive buckets that have a value, as runs (a gap where nothing completed breaks the line). */
function runs<B extends { from: number; to: number }>(buckets: readonly B[], pick: (b: B) => number | null): (B & { value: number })[][] {
  const out: (B & { value: number })[][] = [];
  let current: (B & { value: number })[] = [];
  for (const b of buckets) {
    const value = pick(b);
    if (value === null) {
      if (current.length > 0) out.push(current);
      current = [];
    } else current.push({ ...b, value });
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** Pointer input over the plot: a drag picks a window, a click picks a time. */
function brush(root: SVGSVGElement, end: number, events: ChartEvents): SVGRectElement {
  const area = svg("rect", { x: LEFT, y: 4, width: PLOT, height: AXIS_Y - 4, fill: "transparent", class: "brush" });
  const timeAt = (e: PointerEvent) => {
    const box = root.getBoundingClientRect();
    const vx = ((e.clientX - box.left) / box.width) * W;
    return Math.round(Math.min(1, Math.max(0, (vx - LEFT) / PLOT)) * end);
  };
  let start: number | null = null;
  area.addEventListener("pointerdown", (e) => {
    start = timeAt(e);
    area.setPointerCapture(e.pointerId);
  });
  area.addEventListener("pointerup", (e) => {
    if (start === null) return;
    const t = timeAt(e);
    const [from, to] = start <= t ? [start, t] : [t, start];
    start = null;
    // A drag of less than a hundredth of the round is a click.
    if (to - from < end / 100) events.onPick?.(t);
    else events.onWindow?.(from, to);
  });
  return area;
}
