// The levels a room can be created with: every levels/<system>/<slug>.json, validated once when first needed.
// A file that fails validation is left out of the catalogue with its error printed, so one broken level does
// not stop a class from playing the others (the level tests report it properly).

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseLevelText } from "../shared/levels/load";
import type { Level } from "../shared/levels/schema";

import type { LevelSummary } from "../shared/protocol/level-summary";

export interface LevelCatalog {
  /** Sorted by system, then difficulty, then title. */
  list(): LevelSummary[];
  get(id: string): Level | undefined;
}

const DEFAULT_DIR = fileURLToPath(new URL("../levels", import.meta.url));

export function loadLevelCatalog(dir: string = DEFAULT_DIR): LevelCatalog {
  const levels = new Map<string, Level>();
  for (const file of levelFiles(dir)) {
    const name = path.relative(dir, file);
    try {
      const level = parseLevelText(readFileSync(file, "utf8"), `levels/${name}`);
      const expected = name.replace(/\\/g, "/").replace(/\.json$/, "");
      if (level.id !== expected) {
        console.warn(`levels/${name}: id "${level.id}" does not match its file (expected "${expected}"); left out`);
        continue;
      }
      levels.set(level.id, level);
    } catch (error) {
      console.warn(`${error instanceof Error ? error.message : String(error)}\n(left out of the level list)`);
    }
  }
  const summaries = [...levels.values()]
    .map(({ id, title, system, concept, difficulty }) => ({ id, title, system, concept, difficulty }))
    .sort((a, b) => a.system.localeCompare(b.system) || a.difficulty - b.difficulty || a.title.localeCompare(b.title));
  return {
    list: () => summaries.map((s) => ({ ...s })),
    get: (id) => levels.get(id),
  };
}

function levelFiles(dir: string): string[] {
  let systems: string[];
  try {
    systems = readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
  } catch {
    return [];
  }
  return systems.flatMap((system) =>
    readdirSync(path.join(dir, system))
      .filter((f) => f.endsWith(".json"))
      .sort()
      .map((f) => path.join(dir, system, f)),
  );
}

let shared: LevelCatalog | undefined;

/** The catalogue of the repository's levels/ folder, loaded on first use. */
export function levelCatalog(): LevelCatalog {
  shared ??= loadLevelCatalog();
  return shared;
}
