// The key to the timeline chart's shapes, lines and bands, drawn with the same shapes.

import { h } from "../dom";
import { COLOR, HATCH_ID } from "./colors";
import { svg } from "./svg";

function swatch(...shapes: SVGElement[]): SVGSVGElement {
  return svg("svg", { viewBox: "-10 -10 20 20", width: 20, height: 20, "aria-hidden": "true" }, ...shapes);
}

export function chartLegend(): HTMLElement {
  const items: [SVGSVGElement, string][] = [
    [swatch(svg("rect", { x: -9, y: -5, width: 18, height: 10, fill: COLOR.availability, "fill-opacity": 0.5 })), "client ops ok"],
    [swatch(svg("line", { x1: -9, x2: 9, y1: 0, y2: 0, stroke: COLOR.p50, "stroke-width": 3 })), "latency p50"],
    [swatch(svg("line", { x1: -9, x2: 9, y1: 0, y2: 0, stroke: COLOR.p99, "stroke-width": 3, "stroke-dasharray": "5 3" })), "latency p99"],
    [swatch(svg("rect", { x: -9, y: -6, width: 18, height: 12, fill: `url(#${HATCH_ID})` })), "no leader"],
    [swatch(svg("path", { d: "M-6,-6L6,6M6,-6L-6,6", stroke: COLOR.fault, "stroke-width": 3.5, "stroke-linecap": "round" })), "crash"],
    [swatch(svg("path", { d: "M0,-7L7,6L-7,6Z", fill: COLOR.repair })), "restart or heal"],
    [swatch(svg("path", { d: "M0,-7L7,0L0,7L-7,0Z", fill: "none", stroke: COLOR.network, "stroke-width": 2.5 })), "network fault"],
    [swatch(svg("circle", { r: 4, fill: COLOR.membership })), "member added or removed"],
    [swatch(svg("circle", { r: 8, fill: COLOR.goal })), "goal met"],
    [swatch(svg("path", { d: "M0,-8L8,7L-8,7Z", fill: COLOR.lose })), "losing condition"],
  ];
  return h("ul", { class: "chart-legend", "aria-label": "Chart key" }, ...items.map(([icon, label]) => h("li", {}, icon, label)));
}
