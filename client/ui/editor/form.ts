// Form controls bound to a path of the level draft. Each control has a label, an id derived from its path (so a
// rebuilt form puts focus back where it was) and a slot under it where the loader's problems about that path are
// shown and announced through aria-describedby. Editing a value calls `changed`; adding or removing something that
// changes the form's shape calls `rebuild`.

import type { LevelProblem } from "../../../shared/levels/errors";
import { h } from "../dom";
import { formatPath, getAt, type LevelDraft, type Path, placeProblems, setAt } from "./draft";

export interface EditorContext {
  readonly draft: LevelDraft;
  /** A value changed: validate, keep the draft, rerun the preview (debounced). */
  changed(): void;
  /** The form's shape changed (a goal added, a type switched): build it again from the draft. */
  rebuild(): void;
  /** Registers a control as the place where problems about `path` (and inside it) are shown. */
  register(path: Path, control: HTMLElement, slot: HTMLElement): void;
}

/** A stable element id for the control of a path: `roles.chaos.plan[1].at` -> `ed-roles-chaos-plan-1-at`. */
export function idFor(path: Path, suffix = ""): string {
  return `ed-${path.join("-").replace(/[^A-Za-z0-9_-]/g, "_")}${suffix ? `-${suffix}` : ""}`;
}

export type Kind =
  | { kind: "text"; placeholder?: string; maxlength?: number }
  | { kind: "textarea"; rows?: number; maxlength?: number }
  | { kind: "number"; integer?: boolean; min?: number; max?: number; step?: number }
  /** A time in whole ms, shown and typed in seconds. */
  | { kind: "seconds"; max?: number }
  | { kind: "check" }
  | { kind: "select"; options: readonly { value: string; label: string }[] }
  /** Any JSON value (a list, an object), edited as text. */
  | { kind: "json"; rows?: number }
  /** A count ("5") or names separated by commas or spaces ("n1, n2"): nodes and keys are written either way. */
  | { kind: "countOrList" };

export interface FieldOptions {
  hint?: string;
  /** Empty removes the field from the level instead of storing "" or 0 (optional settings). */
  optional?: boolean;
  /** Called after the value is stored, before `changed` (e.g. to rebuild when a type switches). */
  after?: () => void;
  /** Called once the author is done with the value (the control's change event): e.g. a rebuild that would fight typing. */
  commit?: () => void;
}

/** A labelled control for the value at `path`. */
export function boundField(ctx: EditorContext, path: Path, label: string, kind: Kind, options: FieldOptions = {}): HTMLElement {
  const id = idFor(path);
  const slot = h("p", { class: "field-error", id: `${id}-error` });
  const hint = options.hint ? h("p", { class: "hint", id: `${id}-hint` }, options.hint) : null;
  const control = makeControl(ctx, path, kind, options);
  control.id = id;
  if (options.commit) control.addEventListener("change", options.commit);
  control.setAttribute("aria-describedby", [hint ? `${id}-hint` : "", `${id}-error`].filter(Boolean).join(" "));
  ctx.register(path, control, slot);
  if (kind.kind === "check") {
    return h("div", { class: "field check-field" }, h("label", { class: "check", for: id }, control, ` ${label}`), hint, slot);
  }
  return h("div", { class: `field ed-${kind.kind}` }, h("label", { for: id }, label), control, hint, slot);
}

function makeControl(ctx: EditorContext, path: Path, kind: Kind, options: FieldOptions): HTMLElement {
  const current = getAt(ctx.draft, path);
  const store = (value: unknown) => {
    setAt(ctx.draft, path, value);
    options.after?.();
    ctx.changed();
  };
  switch (kind.kind) {
    case "text": {
      const input = h("input", { type: "text", placeholder: kind.placeholder, maxlength: kind.maxlength, autocomplete: "off", spellcheck: "false" });
      input.value = typeof current === "string" ? current : current === undefined ? "" : String(current);
      input.addEventListener("input", () => store(input.value === "" && options.optional ? undefined : input.value));
      return input;
    }
    case "textarea": {
      const area = h("textarea", { rows: kind.rows ?? 4, maxlength: kind.maxlength });
      area.value = typeof current === "string" ? current : "";
      area.addEventListener("input", () => store(area.value === "" && options.optional ? undefined : area.value));
      return area;
    }
    case "number": {
      const input = h("input", { type: "number", inputmode: kind.integer ? "numeric" : "decimal", min: kind.min, max: kind.max, step: kind.step ?? (kind.integer ? 1 : "any") });
      input.value = typeof current === "number" ? String(current) : "";
      input.addEventListener("input", () => store(input.value === "" ? (options.optional ? undefined : null) : Number(input.value)));
      return input;
    }
    case "seconds": {
      const input = h("input", { type: "number", inputmode: "decimal", min: 0, max: kind.max !== undefined ? kind.max / 1000 : undefined, step: 0.1 });
      input.value = typeof current === "number" ? String(current / 1000) : "";
      input.addEventListener("input", () => store(input.value === "" ? (options.optional ? undefined : null) : Math.round(Number(input.value) * 1000)));
      return input;
    }
    case "check": {
      const box = h("input", { type: "checkbox" });
      box.checked = current === true;
      box.addEventListener("change", () => store(box.checked ? true : options.optional ? undefined : false));
      return box;
    }
    case "select": {
      const select = h("select", {}, ...kind.options.map((o) => h("option", { value: o.value }, o.label)));
      const value = current === undefined ? "" : String(current);
      if (!kind.options.some((o) => o.value === value)) select.prepend(h("option", { value }, value === "" ? "(none)" : value));
      select.value = value;
      select.addEventListener("change", () => store(select.value === "" && options.optional ? undefined : select.value));
      return select;
    }
    case "countOrList": {
      const input = h("input", { type: "text", autocomplete: "off", spellcheck: "false" });
      input.value = Array.isArray(current) ? current.join(", ") : current === undefined ? "" : String(current);
      input.addEventListener("input", () => {
        const text = input.value.trim();
        store(/^\d+$/.test(text) ? Number(text) : text === "" ? undefined : text.split(/[\s,]+/).filter(Boolean));
      });
      return input;
    }
    case "json": {
      const area = h("textarea", { rows: kind.rows ?? 3, class: "json", spellcheck: "false" });
      area.value = jsonText(current);
      area.addEventListener("input", () => {
        const text = area.value.trim();
        if (text === "") return store(options.optional ? undefined : null);
        try {
          store(JSON.parse(text));
          area.removeAttribute("data-bad-json");
        } catch {
          // Half-typed JSON stays in the box; the level keeps its last good value until the text parses.
          area.setAttribute("data-bad-json", "true");
        }
      });
      return area;
    }
  }
}

/** Where each problem is shown: the registered controls, and the ones no control took (shown in the summary). */
export class ProblemBoard {
  private fields = new Map<string, { control: HTMLElement; slot: HTMLElement }>();

  register(path: Path, control: HTMLElement, slot: HTMLElement): void {
    this.fields.set(formatPath(path), { control, slot });
  }

  clear(): void {
    this.fields.clear();
  }

  /** Shows each problem at its field; returns every problem with the control it is shown at (if any). */
  show(problems: readonly LevelProblem[]): { problem: LevelProblem; control: HTMLElement | null }[] {
    const placed = placeProblems(problems, [...this.fields.keys()]);
    const out: { problem: LevelProblem; control: HTMLElement | null }[] = [];
    for (const [path, field] of this.fields) {
      const here = placed.get(path) ?? [];
      const text = here.map((p) => (p.path === path ? p.message : `${p.path}: ${p.message}`)).join(" · ");
      if (field.slot.textContent !== text) field.slot.textContent = text;
      if (here.length > 0) field.control.setAttribute("aria-invalid", "true");
      else field.control.removeAttribute("aria-invalid");
    }
    for (const [path, list] of placed) for (const problem of list) out.push({ problem, control: this.fields.get(path)?.control ?? null });
    return out;
  }
}

/** JSON as a person reads it: a list of objects one item per line, anything else on one line. */
export function jsonText(value: unknown): string {
  if (value === undefined) return "";
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "object" && v !== null)) {
    return `[\n  ${value.map((v) => JSON.stringify(v)).join(",\n  ")}\n]`;
  }
  return JSON.stringify(value);
}
