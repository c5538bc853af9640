// The levels a room can be created with: every levels/<system>/<slug>.json, validated once when first needed,
// listed in campaign order (levels/campaign.json) with each level's number and chapter; levels outside the campaign
// come after it. A file that fails validation is left out of the catalogue with its error printed, so one broken
// level does not stop a class from playing the others (the level tests report it properly).

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Campaign, type CampaignPlace, campaignPlaces } from "../shared/levels/campaign";
import { parseLevelText } from "../shared/levels/load";
import type { Level } from "../shared/levels/schema";

import type { LevelSummary } from "../shared/protocol/level-summary";

export interface LevelCatalog {
  /** In campaign order, then the levels outside the campaign by system, difficulty and title. */
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
  const places = campaignOf(dir);
  const summaries = [...levels.values()]
    .map(({ id, title, system, concept, difficulty }): LevelSummary => {
      const place = places.get(id);
      return place ? { id, title, system, concept, difficulty, number: place.number, chapter: place.chapter, teaches: place.teaches } : { id, title, system, concept, difficulty };
    })
    .sort(
      (a, b) =>
        (a.number ?? Number.POSITIVE_INFINITY) - (b.number ?? Number.POSITIVE_INFINITY) ||
        a.system.localeCompare(b.system) ||
        a.difficulty - b.difficulty ||
        a.title.localeCompare(b.title),
    );
  return {
    list: () => summaries.map((s) => ({ ...s })),
    get: (id) => levels.get(id),
  };
}

/** The campaign's places by level id; none (with the reason printed) when campaign.json is missing or broken. */
function campaignOf(dir: string): Map<string, CampaignPlace> {
  const file = path.join(dir, "campaign.json");
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return new Map();
  }
  try {
    const parsed = Campaign.safeParse(JSON.parse(text));
    if (parsed.success) return campaignPlaces(parsed.data);
    console.warn(`levels/campaign.json: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")} (levels listed without it)`);
  } catch (error) {
    console.warn(`levels/campaign.json: not valid JSON: ${(error as Error).message} (levels listed without it)`);
  }
  return new Map();
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

/**
 * The shipped levels: the catalogue of the repository's levels/ folder, loaded on first use. SPLIT_BRAIN_LEVELS names another folder
 * laid out the same way instead (`npm run bench` serves its 64-node scene from server/tools/bench-levels).
 */
export function shippedLevels(): LevelCatalog {
  shared ??= loadLevelCatalog(process.env.SPLIT_BRAIN_LEVELS || DEFAULT_DIR);
  return shared;
}

/** Levels saved by authors (server/store/authored-levels.ts): consulted after the shipped ones. */
export interface AuthoredLevelSource {
  get(id: string): Level | undefined;
  /** Newest first, each marked `authored: true`. */
  newest(limit: number): LevelSummary[];
}

/** How many authored levels the list shows, newest first, after the shipped ones. */
export const AUTHORED_LISTED = 50;

let authored: AuthoredLevelSource | undefined;

/**
 * Sets where authored levels come from (the server's store, when it starts; undefined when it stops). Rooms look
 * levels up through levelCatalog() and cannot be handed a store, hence a registered source, as with setRoomStore.
 */
export function setAuthoredLevels(source: AuthoredLevelSource | undefined): void {
  authored = source;
}

/**
 * Every level a room can be created with: the shipped ones (above), then the authored ones. Authored ids are
 * never a shipped one's (the server assigns them), and a shipped level wins a lookup anyway.
 */
export function levelCatalog(): LevelCatalog {
  const shipped = shippedLevels();
  return {
    list: () => [...shipped.list(), ...(authored?.newest(AUTHORED_LISTED) ?? [])],
    get: (id) => shipped.get(id) ?? authored?.get(id),
  };
}
