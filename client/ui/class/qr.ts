// The class link as a QR code, drawn as one SVG path (crisp at any size, on a projector too). qrcode-generator
// does the encoding; error correction M survives a projector's glare and a phone held at an angle.

import qrcode from "qrcode-generator";

const QUIET = 2;
const SVG = "http://www.w3.org/2000/svg";

/** The code's dark modules as a path in module units, with a quiet zone of two modules around them. */
export function qrPath(text: string): { size: number; d: string } {
  const qr = qrcode(0, "M");
  qr.addData(text, "Byte");
  qr.make();
  const count = qr.getModuleCount();
  const parts: string[] = [];
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) if (qr.isDark(row, col)) parts.push(`M${col + QUIET} ${row + QUIET}h1v1h-1z`);
  }
  return { size: count + 2 * QUIET, d: parts.join("") };
}

/** An image of the QR code, named for screen readers by what it opens. */
export function qrSvg(text: string, label: string): SVGSVGElement {
  const { size, d } = qrPath(text);
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${size} ${size}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  svg.setAttribute("shape-rendering", "crispEdges");
  svg.classList.add("qr");
  const back = document.createElementNS(SVG, "rect");
  back.setAttribute("width", String(size));
  back.setAttribute("height", String(size));
  back.setAttribute("fill", "#ffffff");
  const modules = document.createElementNS(SVG, "path");
  modules.setAttribute("d", d);
  modules.setAttribute("fill", "#000000");
  svg.append(back, modules);
  return svg;
}
