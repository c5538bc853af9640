// The level editor ("Create a level" on the start screen, or /?edit): the level as a form beside its live preview,
// with the save/share bar above. One section per part of the level (about, cluster, network and traffic, roles,
// chaos timeline, winning and losing, words, proof). The draft is kept in this browser after every edit, so a
// reload or a test-play comes back to it. Loaded on demand: it carries the simulation for the validator and preview.

import type { LevelProblem } from "../../../shared/levels/errors";
import { fetchLevel, fetchLevels, type LevelSummary } from "../../net/levels";
import type { Session } from "../../session";
import { setModal } from "../hosts";
import { h, setText } from "../dom";
import { chaosTimeline } from "./chaos-timeline";
import { checkDraft, type Checked, draftFromTemplate, type LevelDraft, readStoredDraft, writeStoredDraft } from "./draft";
import { type EditorContext, ProblemBoard } from "./form";
import { createPreview } from "./preview";
import { createSaveBar } from "./save-bar";
import { aboutSection } from "./section-about";
import { clusterSection } from "./section-cluster";
import { goalsSection } from "./section-goals";
import { playsSection } from "./section-plays";
import { rolesSection } from "./section-roles";
import { trafficSection } from "./section-traffic";
import { wordsSection } from "./section-words";
import { startTestPlay, takeNotice } from "./test-play";

export interface EditorActions {
  /** A test-play room was joined: the game takes over. */
  joined(): void;
  /** Back to the start screen. */
  back(): void;
}

const storage = (): Storage | undefined => {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
};

export function mountEditor(host: HTMLElement, session: Session, actions: EditorActions, openId?: string): () => void {
  const stored = readStoredDraft(storage());
  let draft: LevelDraft = stored?.draft ?? {};
  let savedId = stored?.savedId;
  let checked: Checked = checkDraft(draft);
  const board = new ProblemBoard();

  const keep = () => writeStoredDraft(storage(), savedId ? { draft, savedId } : { draft });
  const ctx: EditorContext = {
    get draft() {
      return draft;
    },
    changed() {
      keep();
      bar.edited();
      refresh();
    },
    rebuild: () => render(),
    register: (path, control, slot) => board.register(path, control, slot),
  };

  const preview = createPreview();
  const problemsStatus = h("p", { class: "ed-problem-count", role: "status" });
  const problemsList = h("ul", { class: "ed-problem-list" });
  const problems = h("section", { class: "ed-problems", id: "ed-problems", tabindex: -1, "aria-labelledby": "ed-problems-title" }, h("h2", { id: "ed-problems-title" }, "Problems"), problemsStatus, problemsList);
  const form = h("div", { class: "ed-form" });

  const bar = createSaveBar({
    draft: () => draft,
    problemCount: () => checked.problems.length,
    saved(result) {
      savedId = result.id;
      keep();
      bar.showShare(result.id, result.shareUrl);
      // The picker on the start screen (and the host console) list it from now on.
      void fetchLevels()
        .then((levels) => {
          session.levels = levels;
        })
        .catch(() => undefined);
    },
    refused(issues) {
      showProblems(issues);
      problems.focus();
    },
    loaded(next, fileName) {
      draft = next;
      savedId = undefined;
      keep();
      render();
      bar.say(`Loaded ${fileName}. ${checked.problems.length === 0 ? "It is a valid level." : checked.problems.length === 1 ? "It has 1 problem, shown at its field." : `It has ${checked.problems.length} problems, shown at their fields.`}`, checked.problems.length === 0);
    },
    testPlay: (id) => startTestPlay(session, id, String(draft.title ?? id), preview.seed()).then(() => actions.joined()),
    showProblems: () => problems.focus(),
  });

  // Starting anew: a shipped (or saved) level of the chosen system is the template.
  const templates = h("select", { id: "ed-template" });
  fillTemplates(templates, session.levels);
  const start = h("button", { type: "button" }, "Start a new level from it");
  start.addEventListener("click", () => void loadTemplate(templates.value));
  const back = h("button", { type: "button", class: "ed-back" }, "Back to the start screen");
  back.addEventListener("click", () => actions.back());

  const loadTemplate = async (id: string, asIs = false) => {
    if (!id) return;
    bar.say(`Fetching ${id}…`);
    try {
      const level = await fetchLevel(id);
      draft = asIs ? (level as LevelDraft) : draftFromTemplate(level);
      delete draft.$schema;
      savedId = asIs ? id : undefined;
      keep();
      render();
      bar.say(asIs ? `Opened ${id}. Saving it makes a copy with an id of its own.` : `A new level, starting from ${id}: change what your story needs.`, true);
      document.getElementById("ed-title")?.focus();
    } catch (error) {
      bar.say(error instanceof Error ? error.message : String(error), false);
    }
  };

  const page = h(
    "div",
    { class: "editor", role: "region", "aria-labelledby": "ed-heading" },
    h(
      "header",
      { class: "ed-head" },
      h("h1", { id: "ed-heading", tabindex: -1 }, "Level editor"),
      h("div", { class: "row end ed-template" }, h("div", { class: "field" }, h("label", { for: templates.id }, "Start from a level"), templates), start),
      back,
    ),
    bar.el,
    h("div", { class: "ed-main" }, h("div", { class: "ed-form-column" }, problems, form), h("div", { class: "ed-preview-column" }, preview.el)),
  );

  function showProblems(extra: readonly LevelProblem[] = []): void {
    const all = [...checked.problems, ...extra];
    const placed = board.show(all);
    setText(problemsStatus, all.length === 0 ? "No problems: the level is valid." : `${all.length} problem${all.length === 1 ? "" : "s"} to fix before the level can be played.`);
    problems.dataset.ok = String(all.length === 0);
    problemsList.replaceChildren(
      ...placed.map(({ problem, control }) => {
        const where = problem.path || "the level";
        if (!control) return h("li", {}, `${where}: ${problem.message}`);
        const go = h("button", { type: "button", class: "link-button" }, where);
        go.addEventListener("click", () => {
          control.closest("details")?.setAttribute("open", "");
          control.focus();
        });
        return h("li", {}, go, `: ${problem.message}`);
      }),
    );
  }

  function refresh(): void {
    checked = checkDraft(draft);
    showProblems();
    preview.update(checked.ok ? checked.level : null, checked.problems.length);
  }

  function render(): void {
    const active = document.activeElement instanceof HTMLElement && form.contains(document.activeElement) ? document.activeElement.id : "";
    board.clear();
    if (Object.keys(draft).length === 0) {
      form.replaceChildren(h("p", { class: "hint" }, "Choose a level to start from (above): your level begins as a copy of it."));
    } else {
      form.replaceChildren(aboutSection(ctx), clusterSection(ctx), trafficSection(ctx), rolesSection(ctx), chaosTimeline(ctx), goalsSection(ctx), wordsSection(ctx), playsSection(ctx));
    }
    refresh();
    if (active) document.getElementById(active)?.focus();
  }

  host.classList.add("editor-page");
  host.replaceChildren(page);
  host.hidden = false;
  setModal(true);
  render();
  // The template list starts at the draft's own system.
  const ownSystem = session.levels.find((l) => l.system === draft.system && !l.authored);
  if (ownSystem) templates.value = ownSystem.id;
  if (savedId) bar.showShare(savedId, `/?level=${encodeURIComponent(savedId)}`);
  const said = takeNotice();
  if (said) bar.say(said, true);
  if (openId) {
    // Opened from a link to one level (/?edit=<id>): from now on the page is the draft, which a reload keeps.
    void loadTemplate(openId, true);
    window.history.replaceState(null, "", "?edit");
  } else if (Object.keys(draft).length === 0) void loadTemplate(session.levels[0]?.id ?? "etcd/first-steps");
  document.getElementById("ed-heading")?.focus();

  return () => {
    preview.destroy();
    host.classList.remove("editor-page");
    host.replaceChildren();
    host.hidden = true;
    setModal(false);
  };
}

/** Every level the server lists, by system, as templates: a new level starts as a copy of one. */
function fillTemplates(select: HTMLSelectElement, levels: readonly LevelSummary[]): void {
  const systems = [...new Set(levels.map((l) => l.system))].sort();
  for (const system of systems) {
    const group = h("optgroup", { label: system });
    for (const level of levels.filter((l) => l.system === system)) group.append(h("option", { value: level.id }, `${level.title}${level.authored ? " (made here)" : ""}`));
    select.append(group);
  }
}
