// The level catalogue the server offers (GET /api/levels), for the "create a room" picker.

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
  return summary;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
