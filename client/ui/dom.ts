// A tiny hyperscript helper: the overlay is plain DOM (real buttons, inputs and labels), built once and updated in
// place so focus and typed text survive every state patch.

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | EventListener | null | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") {
      el.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === "class") {
      el.className = String(value);
    } else if (value === true) {
      el.setAttribute(name, "");
    } else {
      el.setAttribute(name, String(value));
    }
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
  }
}

/** Replace an element's children. */
export function setChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

/** Set text only when it changed, so screen readers and layout are not disturbed by identical patches. */
export function setText(el: Element, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

let idCounter = 0;
/** A unique element id for label/aria wiring. */
export function uid(prefix: string): string {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

/** Keep a <select>'s options in sync with a list, preserving the chosen value when it still exists. */
export function syncOptions(select: HTMLSelectElement, options: { value: string; label: string }[], placeholder?: string): void {
  const wanted = (placeholder !== undefined ? [{ value: "", label: placeholder }] : []).concat(options);
  const current = Array.from(select.options).map((o) => `${o.value}\u0000${o.text}`).join("\u0001");
  const next = wanted.map((o) => `${o.value}\u0000${o.label}`).join("\u0001");
  if (current === next) return;
  const chosen = select.value;
  select.replaceChildren(...wanted.map((o) => h("option", { value: o.value }, o.label)));
  if (wanted.some((o) => o.value === chosen)) select.value = chosen;
}

/** A labelled control: the label names it for screen readers (the control gets an id if it has none). */
export function field(label: string, control: HTMLElement): HTMLElement {
  const id = control.id || uid("field");
  control.id = id;
  return h("div", { class: "field" }, h("label", { for: id }, label), control);
}
