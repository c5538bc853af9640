// A small SVG builder for the debrief's charts (the overlay's h() makes HTML elements, which SVG cannot use).

const NS = "http://www.w3.org/2000/svg";

type Attrs = Record<string, string | number | undefined>;

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Node | string | null | undefined)[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attrs)) if (value !== undefined) el.setAttribute(name, String(value));
  for (const child of children) {
    if (child === null || child === undefined) continue;
    el.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return el;
}

/** A <title> child: the hover text, and the accessible name of a mark. */
export function tip(text: string): SVGTitleElement {
  return svg("title", {}, text);
}

/** Round to 0.1 px: shorter markup, same picture. */
export function px(n: number): number {
  return Math.round(n * 10) / 10;
}

/** Tick values for an axis from 0 to `max`: a "nice" step giving about `count` ticks. */
export function ticks(max: number, count: number): number[] {
  if (max <= 0) return [0];
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = 0; v <= max + 1e-9; v += step) out.push(Math.round(v * 1000) / 1000);
  return out;
}
