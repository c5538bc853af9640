// "Roles": which seats players may take in this level and what each may do; the chaos agent's budget. The actions
// offered per role are the protocol's role table (shared/protocol/roles.ts), so nothing a role can never do is shown.

import { ACTION_TYPES } from "../../../shared/levels/level-action";
import { mayAct } from "../../../shared/protocol/roles";
import { ROLE_LABELS } from "../format";
import { h } from "../dom";
import { getAt, setAt } from "./draft";
import { boundField, type EditorContext, idFor } from "./form";

const ROLES = ["chaos", "operator", "client", "node"] as const;

export function rolesSection(ctx: EditorContext): HTMLElement {
  return h(
    "fieldset",
    { class: "ed-section", id: "ed-roles" },
    h("legend", {}, "Roles"),
    h("p", { class: "hint" }, "Bots take every seat nobody holds. The host and spectators always exist."),
    ...ROLES.map((role) => roleBlock(ctx, role)),
  );
}

function roleBlock(ctx: EditorContext, role: (typeof ROLES)[number]): HTMLElement {
  const path = ["roles", role];
  const spec = getAt(ctx.draft, path) as { actions?: unknown } | undefined;
  const label = ROLE_LABELS[role] ?? role;
  const id = idFor(path, "on");
  const on = h("input", { type: "checkbox", id });
  on.checked = spec !== undefined;
  on.addEventListener("change", () => {
    const first = ACTION_TYPES.find((t) => mayAct(role, t));
    setAt(ctx.draft, path, on.checked ? (role === "chaos" ? { budget: 3, actions: [first], plan: [] } : { actions: [first] }) : undefined);
    ctx.changed();
    ctx.rebuild();
  });
  const slot = h("p", { class: "field-error", id: `${id}-error` });
  on.setAttribute("aria-describedby", slot.id);
  ctx.register(path, on, slot);
  const block = h("div", { class: "ed-role", "data-role": role }, h("label", { class: "check", for: id }, on, ` Players may be the ${label.toLowerCase()}`), slot);
  if (!spec) return block;
  if (role === "chaos") block.append(boundField(ctx, [...path, "budget"], "Chaos budget (actions)", { kind: "number", integer: true, min: 0 }));
  const allowed = new Set(Array.isArray(spec.actions) ? (spec.actions as string[]) : []);
  const types = ACTION_TYPES.filter((t) => mayAct(role, t));
  const boxes = types.map((type) => {
    const box = h("input", { type: "checkbox", id: idFor(path, `may-${type}`) });
    box.checked = allowed.has(type);
    box.addEventListener("change", () => {
      const now = ((getAt(ctx.draft, [...path, "actions"]) as string[] | undefined) ?? []).filter((t) => t !== type);
      // Kept in the protocol's order, as the shipped levels write them.
      setAt(ctx.draft, [...path, "actions"], types.filter((t) => t === type ? box.checked : now.includes(t)));
      ctx.changed();
      if (role === "chaos") ctx.rebuild(); // the timeline offers only allowed chaos actions
    });
    return h("label", { class: "check", for: box.id }, box, ` ${type}`);
  });
  const actionsId = idFor([...path, "actions"]);
  const actionsSlot = h("p", { class: "field-error", id: `${actionsId}-error` });
  const group = h("div", { class: "ed-checks", role: "group", id: actionsId, tabindex: -1, "aria-label": `Actions the ${label.toLowerCase()} may take`, "aria-describedby": actionsSlot.id }, ...boxes);
  ctx.register([...path, "actions"], group, actionsSlot);
  block.append(h("details", { class: "ed-actions", open: role === "chaos" }, h("summary", {}, `Actions the ${label.toLowerCase()} may take (${allowed.size} chosen)`), group), actionsSlot);
  return block;
}
