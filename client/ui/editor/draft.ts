// The level being written: a plain JSON object in the level format (levels/README.md), edited in place by the
// editor's forms and checked with the game's own loader (shared/levels/load.ts), so the author sees exactly the
// problems the server and `npm run level -- check` would report, each at the JSON path it concerns. Pure: no DOM.

import { formatPath, LevelError, type LevelProblem } from "../../../shared/levels/errors";
import { parseLevel } from "../../../shared/levels/load";
import type { Level } from "../../../shared/levels/schema";

/** A level as the author is writing it: any JSON object (it may be invalid while they type). */
export type LevelDraft = Record<string, unknown>;
export type Path = readonly (string | number)[];

export type Checked = { ok: true; level: Level; problems: [] } | { ok: false; problems: LevelProblem[] };

/** Validates the draft exactly as the game loads a level file. */
export function checkDraft(draft: LevelDraft): Checked {
  try {
    return { ok: true, level: parseLevel(structuredClone(draft), "your level"), problems: [] };
  } catch (error) {
    if (error instanceof LevelError) return { ok: false, problems: [...error.problems] };
    return { ok: false, problems: [{ path: "", message: error instanceof Error ? error.message : String(error) }] };
  }
}

export function getAt(draft: unknown, path: Path): unknown {
  let at: unknown = draft;
  for (const key of path) {
    if (at === null || typeof at !== "object") return undefined;
    at = (at as Record<string | number, unknown>)[key];
  }
  return at;
}

/**
 * Sets the value at `path`, making the objects (or lists, for a numeric key) on the way. `undefined` removes the
 * field: an optional setting left empty is absent from the file, not null.
 */
export function setAt(draft: LevelDraft, path: Path, value: unknown): void {
  if (path.length === 0) return;
  let at: Record<string | number, unknown> = draft;
  for (const [i, key] of path.slice(0, -1).entries()) {
    const next = at[key];
    if (next === null || typeof next !== "object") at[key] = typeof path[i + 1] === "number" ? [] : {};
    at = at[key] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1];
  if (value === undefined) {
    if (Array.isArray(at) && typeof last === "number") at.splice(last, 1);
    else delete at[last];
  } else at[last] = value;
}

/** The list at `path`, made empty if it is not there (so a section can always append to it). */
export function listAt(draft: LevelDraft, path: Path): unknown[] {
  const value = getAt(draft, path);
  if (Array.isArray(value)) return value;
  const list: unknown[] = [];
  setAt(draft, path, list);
  return list;
}

/** The new level's id, from the system and a slug made of the title. */
export function slugId(system: string, title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "") // accents off: "Élection" -> "Election"
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48);
  return `${system}/${slug || "my-level"}`;
}

/**
 * A new level that starts as a copy of a shipped one of the system the author chose: every system's settings, layout
 * and vocabulary come with it, and the author changes what their story needs. Marked as a copy until retitled.
 */
export function draftFromTemplate(template: unknown): LevelDraft {
  if (template === null || typeof template !== "object" || Array.isArray(template)) throw new Error("the template is not a level object");
  const draft = structuredClone(template) as LevelDraft;
  delete draft.$schema;
  const system = typeof draft.system === "string" ? draft.system : "etcd";
  const title = typeof draft.title === "string" ? draft.title : "level";
  draft.title = `My ${title.charAt(0).toLowerCase()}${title.slice(1)}`.slice(0, 80);
  draft.id = slugId(system, String(draft.title));
  return draft;
}

/** Problems grouped under the field path that shows them: the longest registered path that the problem is inside. */
export function placeProblems(problems: readonly LevelProblem[], fields: readonly string[]): Map<string, LevelProblem[]> {
  const placed = new Map<string, LevelProblem[]>();
  for (const problem of problems) {
    const home = fields.filter((f) => isInside(problem.path, f)).sort((a, b) => b.length - a.length)[0] ?? "";
    placed.set(home, [...(placed.get(home) ?? []), problem]);
  }
  return placed;
}

/** `roles.chaos.plan[1].at` is inside `roles.chaos.plan[1]` and `roles.chaos`, not inside `roles.chaos.planned`. */
export function isInside(path: string, field: string): boolean {
  if (field === "") return true;
  if (path === field) return true;
  return path.startsWith(field) && (path[field.length] === "." || path[field.length] === "[");
}

export { formatPath };

/** Where the draft is kept between visits: one draft per browser. */
export const DRAFT_KEY = "split-brain:editor-draft";

export interface StoredDraft {
  draft: LevelDraft;
  /** The id the server gave the last saved version, for the share link. */
  savedId?: string;
}

/** Reads the kept draft; anything unreadable counts as none (a draft is a convenience, never a reason to fail). */
export function readStoredDraft(storage: Pick<Storage, "getItem"> | undefined): StoredDraft | null {
  try {
    const text = storage?.getItem(DRAFT_KEY);
    if (!text) return null;
    const parsed = JSON.parse(text) as unknown;
    if (parsed === null || typeof parsed !== "object" || !("draft" in parsed)) return null;
    const { draft, savedId } = parsed as { draft: unknown; savedId?: unknown };
    if (draft === null || typeof draft !== "object" || Array.isArray(draft)) return null;
    return typeof savedId === "string" ? { draft: draft as LevelDraft, savedId } : { draft: draft as LevelDraft };
  } catch {
    return null;
  }
}

export function writeStoredDraft(storage: Pick<Storage, "setItem"> | undefined, stored: StoredDraft): void {
  try {
    storage?.setItem(DRAFT_KEY, JSON.stringify(stored));
  } catch {
    // Private windows may refuse storage; the editor still works, the draft just does not outlive the tab.
  }
}
