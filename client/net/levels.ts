// The level catalogue the server offers (GET /api/levels), for the "create a room" picker, and the level editor's
// traffic: one level's JSON (GET /api/levels/<id>) and saving an authored level (POST /api/levels).

import type { LevelSummary } from "../../shared/protocol/level-summary";

export type { LevelSummary };

export async function fetchLevels(fetchFn: typeof fetch = fetch): Promise<LevelSummary[]> {
  const response = await fetchFn("/api/levels", { headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(`The server could not list its levels (HTTP ${response.status}).`);
  const body: unknown = await response.json();
  const list = Array.isArray(body) ? body : isRecord(body) && Array.isArray(body.levels) ? body.levels : null;
  if (!list) throw new Error("The server's level list was not understood.");
  return list.filter(isRecord).map(toSummary).filter((level) => level.id !== "");
}

function toSummary(raw: Record<string, unknown>): LevelSummary {
  const text = (key: string) => (typeof raw[key] === "string" || typeof raw[key] === "number" ? String(raw[key]) : "");
  const difficulty = Number(raw.difficulty);
  const summary: LevelSummary = { id: text("id"), title: text("title") || text("id"), system: text("system"), concept: text("concept"), difficulty: Number.isFinite(difficulty) ? difficulty : 0 };
  // The campaign place is optional: a level outside the campaign (an author's) has none.
  const number = Number(raw.number);
  if (Number.isInteger(number) && number > 0 && text("chapter") !== "") {
    summary.number = number;
    summary.chapter = text("chapter");
    summary.teaches = Array.isArray(raw.teaches) ? raw.teaches.filter((t): t is string => typeof t === "string") : [];
  }
  if (raw.authored === true) summary.authored = true;
  return summary;
}

/** What a level id looks like ("etcd/first-steps"); anything else (a "..", a slash too many) is not fetched at all. */
const LEVEL_ID = /^[a-z0-9-]+\/[a-z0-9-]+$/;

/** One level's JSON as the server holds it (shipped or authored); throws with the server's sentence when it has none. */
export async function fetchLevel(id: string, fetchFn: typeof fetch = fetch): Promise<unknown> {
  if (!LEVEL_ID.test(id)) {
    throw new Error(`${JSON.stringify(id.slice(0, 100))} is not a level id: an id is a system and a name, such as etcd/first-steps (lower-case letters, digits and dashes). Check the link.`);
  }
  const response = await fetchFn(`/api/levels/${id.split("/").map(encodeURIComponent).join("/")}`, { headers: { accept: "application/json" } });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const said = isRecord(body) && typeof body.error === "string" ? body.error : `HTTP ${response.status}`;
    throw new Error(`The server could not send the level ${id}: ${said}`);
  }
  return body;
}

/** What the server found when it played a saved level's solution and naive play. null: not tried. */
export interface LevelProof {
  solutionWins: boolean | null;
  naiveLoses: boolean | null;
  problems: string[];
}

export type SaveResult =
  | { ok: true; id: string; shareUrl: string; proof: LevelProof }
  | { ok: false; error: string; issues: { path: string; message: string }[] };

/** Saves an authored level. The server gives it an id of its own (it replaces the uploaded one). */
export async function uploadLevel(level: unknown, fetchFn: typeof fetch = fetch): Promise<SaveResult> {
  let response: Response;
  try {
    response = await fetchFn("/api/levels", { method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify(level) });
  } catch {
    return { ok: false, error: "The game server cannot be reached. Is it running?", issues: [] };
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok && isRecord(body) && typeof body.id === "string") {
    const proof = isRecord(body.proof) ? body.proof : {};
    return {
      ok: true,
      id: body.id,
      shareUrl: typeof body.shareUrl === "string" ? body.shareUrl : `/?level=${encodeURIComponent(body.id)}`,
      proof: {
        solutionWins: typeof proof.solutionWins === "boolean" ? proof.solutionWins : null,
        naiveLoses: typeof proof.naiveLoses === "boolean" ? proof.naiveLoses : null,
        problems: Array.isArray(proof.problems) ? proof.problems.filter((p): p is string => typeof p === "string") : [],
      },
    };
  }
  const issues = isRecord(body) && Array.isArray(body.issues) ? body.issues.filter(isRecord).map((i) => ({ path: String(i.path ?? ""), message: String(i.message ?? "") })) : [];
  const said = isRecord(body) && typeof body.error === "string" ? body.error : "";
  const error =
    said ||
    (response.status === 413
      ? "The level is too big for the server to keep."
      : response.status === 429
        ? "Too many levels saved from here just now: wait a minute and save again."
        : `The server refused the level (HTTP ${response.status}).`);
  return { ok: false, error, issues };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
