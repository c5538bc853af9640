// The roster, live as students arrive, under their groups: name, group, role and node, team, connected, score, and
// per student the teacher's controls — change any of group, role, node and team and apply them in one go, put the
// student in the spotlight, or remove them. A row's fields follow the class until the teacher edits them.

import type { ClassStateView, StudentView } from "../../net/class-state";
import type { ClassLink } from "../../net/class-link";
import { listValues, splitList } from "../../net/state";
import { h, setChildren, setText, syncOptions } from "../dom";
import { roleLabel } from "../format";
import { classAct } from "./class-act";
import { connectedWords, groupName, rosterByGroup } from "./class-words";

/** The seats a student can be given in this level: its own roles, and spectator always. */
function roleOptions(state: ClassStateView | null): { value: string; label: string }[] {
  const roles = [...splitList(state?.roles ?? ""), "spectator"];
  return roles.map((r) => ({ value: r, label: roleLabel(r) }));
}

/** The level's nodes, and "none" for a student who plays no node. */
function nodeOptions(state: ClassStateView | null): { value: string; label: string }[] {
  return [{ value: "", label: "—" }, ...splitList(state?.nodes ?? "").map((n) => ({ value: n, label: n }))];
}

interface Row {
  tr: HTMLTableRowElement;
  name: HTMLElement;
  group: HTMLSelectElement;
  role: HTMLSelectElement;
  node: HTMLSelectElement;
  team: HTMLInputElement;
  connected: HTMLElement;
  score: HTMLElement;
  spotlight: HTMLButtonElement;
  dirty: boolean;
}

export function createRosterTable(link: ClassLink): { el: HTMLElement; update(state: ClassStateView): void } {
  const status = h("p", { class: "status", role: "status" });
  const table = h(
    "table",
    { class: "roster" },
    h("caption", { class: "sr-only" }, "Students by group, with their seat, team, connection and score"),
    h("thead", {}, h("tr", {}, ...["Name", "Group", "Role", "Node", "Team", "Connection", "Score", "Actions"].map((t) => h("th", { scope: "col" }, t)))),
  );
  const empty = h("p", { class: "hint" }, "Nobody has joined yet. Students open the link or type the code at the top.");
  const el = h("section", { class: "console-panel roster-panel", "aria-labelledby": "roster-title" }, h("h2", { id: "roster-title" }, "Roster"), empty, table, status);
  const rows = new Map<string, Row>();
  let shape = "";

  const row = (s: StudentView): Row => {
    const who = s.name;
    const name = h("span", {});
    const group = h("select", { "aria-label": `Group for ${who}` });
    const role = h("select", { "aria-label": `Role for ${who}` });
    syncOptions(role, roleOptions(link.state));
    const node = h("select", { class: "node-input", "aria-label": `Node for ${who}` });
    syncOptions(node, nodeOptions(link.state));
    const team = h("input", { type: "text", class: "team-input", maxlength: 24, "aria-label": `Team for ${who}`, autocomplete: "off" });
    const apply = h("button", { type: "button", "aria-label": `Apply the changes for ${who}` }, "Apply");
    const spotlight = h("button", { type: "button", class: "toggle", "aria-pressed": "false", "aria-label": `Spotlight ${who}` }, "★ Spotlight");
    const remove = h("button", { type: "button", class: "danger", "aria-label": `Remove ${who} from the class` }, "Remove");
    const connected = h("td", {});
    const score = h("td", { class: "num" });
    const tr = h(
      "tr",
      { "data-student": s.studentId },
      h("th", { scope: "row" }, name),
      h("td", {}, group),
      h("td", {}, role),
      h("td", {}, node),
      h("td", {}, team),
      connected,
      score,
      h("td", { class: "actions" }, apply, spotlight, remove),
    );
    const r: Row = { tr, name, group, role, node, team, connected, score, spotlight, dirty: false };
    const edited = () => {
      r.dirty = true;
      node.disabled = role.value !== "node";
    };
    for (const input of [group, role, node, team]) input.addEventListener("input", edited);
    apply.addEventListener("click", () => void applyRow(s.studentId, r));
    spotlight.addEventListener("click", () => {
      const on = link.state?.spotlight === s.studentId;
      void classAct(status, () => link.control({ op: "spotlight", student: on ? "" : s.studentId }), on ? "Spotlight cleared." : `${r.name.textContent} is in the spotlight.`);
    });
    remove.addEventListener("click", () => void classAct(status, () => link.control({ op: "remove", student: s.studentId }), `${r.name.textContent} was removed from the class.`));
    return r;
  };

  /** Sends what the teacher changed in a row, as one assign (the class checks it all before changing anything). */
  const applyRow = async (id: string, r: Row) => {
    const s = link.state?.roster.get(id);
    if (!s) return;
    const payload: Record<string, unknown> = { op: "assign", student: id };
    if (r.group.value !== s.group) payload.group = r.group.value;
    const node = r.node.value;
    if (r.role.value !== s.role || (r.role.value === "node" && node !== s.node)) {
      payload.role = r.role.value;
      if (r.role.value === "node") payload.node = node;
    }
    if (r.team.value.trim() !== s.team) payload.team = r.team.value.trim();
    if (Object.keys(payload).length === 2) {
      setText(status, `Nothing changed for ${s.name}.`);
      return;
    }
    if (await classAct(status, () => link.control(payload), `${s.name}'s seat is updated.`)) r.dirty = false;
  };

  return {
    el,
    update(state) {
      const roster: StudentView[] = [];
      state.roster.forEach((s) => roster.push(s));
      const groupIds = listValues(state.groups).map((g) => g.id);
      const sections = rosterByGroup(roster, groupIds);
      const students = sections.flatMap((g) => g.students);
      empty.hidden = students.length > 0;
      table.hidden = students.length === 0;
      for (const id of [...rows.keys()]) if (!students.some((s) => s.studentId === id)) rows.delete(id);
      for (const s of students) {
        let r = rows.get(s.studentId);
        if (!r) {
          r = row(s);
          rows.set(s.studentId, r);
        }
        r.tr.dataset.connected = String(s.connected);
        setText(r.name, `${s.name}${state.spotlight === s.studentId ? " ★" : ""}`);
        setText(r.connected, connectedWords(s));
        setText(r.score, String(s.score));
        r.spotlight.setAttribute("aria-pressed", String(state.spotlight === s.studentId));
        syncOptions(r.group, groupIds.map((g) => ({ value: g, label: groupName(g) })));
        syncOptions(r.role, roleOptions(state));
        syncOptions(r.node, nodeOptions(state));
        if (!r.dirty) {
          r.group.value = s.group;
          r.role.value = s.role;
          r.node.value = s.node;
          r.team.value = s.team;
          r.node.disabled = s.role !== "node";
        }
      }
      // Rebuilt only when who is in which group changes, so a teacher typing in a row keeps their focus.
      const next = JSON.stringify(sections.map((g) => [g.id, g.students.map((s) => s.studentId)]));
      if (next === shape) return;
      shape = next;
      table.querySelectorAll("tbody").forEach((b) => b.remove());
      for (const section of sections) {
        const head = h("tr", { class: "group-row" }, h("th", { scope: "rowgroup", colspan: 8 }, `${section.label} · ${section.students.length} student${section.students.length === 1 ? "" : "s"}`));
        const body = h("tbody", {}, head);
        setChildren(body, head, ...section.students.map((s) => rows.get(s.studentId)?.tr));
        table.append(body);
      }
    },
  };
}
