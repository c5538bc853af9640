// The key to the diagram: one entry per message family (its colour AND its shape), replies, cut links and the
// log strip. Drawn as small inline SVGs that match the canvas glyphs.

import { FAMILIES, type Shape } from "../../game/draw/message-kinds";
import { css, INK, OKABE_ITO } from "../../game/draw/palette";
import { h } from "../dom";

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
    }
  });
}

export function createLegend(): HTMLElement {
  const items = FAMILIES.map((f) => h("li", {}, shapeSvg(f.shape, f.color, false), f.label));
  const reply = h("li", {}, shapeSvg("square", INK.text, true), "hollow = reply");
  const cut = h(
    "li",
    {},
    svg(30, (root) => {
      el(root, "line", { x1: 1, y1: 8, x2: 29, y2: 8, stroke: css(OKABE_ITO.vermillion), "stroke-width": 3, "stroke-dasharray": "6 4" });
    }),
    "✂ cut link",
  );
  const degraded = h(
    "li",
    {},
    svg(30, (root) => {
      el(root, "line", { x1: 1, y1: 8, x2: 29, y2: 8, stroke: css(OKABE_ITO.grey), "stroke-width": 2.5, "stroke-dasharray": "2 5" });
    }),
    "slow or lossy",
  );
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
  return h("ul", { class: "legend", "aria-label": "Legend" }, ...items, reply, cut, degraded, log);
}
