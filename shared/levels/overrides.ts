// `--set path=value`: changes one value of a level for a run (e.g. cluster.config.electionMs=1500) without
// editing its file. Only values that the level already has may be changed, and only to a value of the same
// kind, so a typo in a path or a word where a number belongs is refused instead of silently ignored. The
// result is validated again as a whole level.

import { describeValue, formatPath, LevelError } from "./errors";
import { type ParseOptions, parseLevel } from "./load";
import type { Level } from "./schema";

/** `cluster.config.electionMs`, `objectives[1].count` or `objectives.1.count` -> path parts. */
export function splitPath(path: string): (string | number)[] {
  const parts: (string | number)[] = [];
  for (const raw of path.replace(/\[(\d+)\]/g, ".$1").split(".")) {
    if (raw === "") throw new Error(`"${path}" is not a path such as cluster.config.electionMs`);
    parts.push(/^\d+$/.test(raw) ? Number(raw) : raw);
  }
  return parts;
}

/** The value written on the command line: JSON when it reads as JSON (1500, true, "x", [1]), else the text. */
export function parseOverrideValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function kind(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "list";
  return typeof value;
}

const KIND_WORDS: Record<string, string> = { number: "a number", string: "a string", boolean: "true or false", list: "a list", object: "an object", null: "null" };

const CLUSTER_FIELDS = new Set(["nodes", "config", "classCluster"]);

/** `cluster.readConsistency` is short for `cluster.config.readConsistency` (GUIDE §4's example). */
function configShorthand(parts: (string | number)[]): (string | number)[] {
  if (parts.length === 2 && parts[0] === "cluster" && typeof parts[1] === "string" && !CLUSTER_FIELDS.has(parts[1])) {
    return ["cluster", "config", parts[1]];
  }
  return parts;
}

function isSystemSetting(parts: readonly (string | number)[], i: number): boolean {
  return i === 2 && parts.length === 3 && parts[0] === "cluster" && parts[1] === "config";
}

/** Returns a new level with each override applied; throws LevelError naming the override that does not fit. */
export function applyOverrides(level: Level, overrides: Readonly<Record<string, unknown>>, fileName: string, options: ParseOptions = {}): Level {
  const copy = structuredClone(level) as unknown as Record<string, unknown>;
  for (const [path, value] of Object.entries(overrides)) {
    const where = `--set ${path}`;
    let parts: (string | number)[];
    try {
      parts = splitPath(path);
    } catch (error) {
      throw new LevelError(fileName, [{ path: "", message: `${where}: ${(error as Error).message}` }]);
    }
    parts = configShorthand(parts);
    let parent: unknown = copy;
    for (const [i, part] of parts.entries()) {
      const container = parent as Record<string | number, unknown>;
      const exists = typeof parent === "object" && parent !== null && Object.hasOwn(container, part);
      // A system setting the level leaves at its default may be set too: the system checks it when the level is
      // validated again below, so a misspelt setting is still refused, by name.
      if (!exists && isSystemSetting(parts, i)) {
        container[part] = value;
        continue;
      }
      if (!exists) {
        const at = formatPath(parts.slice(0, i));
        const has = typeof parent === "object" && parent !== null ? Object.keys(parent).join(", ") : "";
        throw new LevelError(fileName, [
          { path: "", message: `${where}: the level has no ${formatPath(parts.slice(0, i + 1))}${has ? ` (${at || "the level"} has: ${has})` : ""}` },
        ]);
      }
      if (i === parts.length - 1) {
        const old = container[part];
        if (kind(old) !== kind(value)) {
          throw new LevelError(fileName, [
            { path: "", message: `${where}: expected ${KIND_WORDS[kind(old)]} (the level has ${describeValue(old)}), got ${describeValue(value)}` },
          ]);
        }
        container[part] = value;
      } else {
        parent = container[part];
      }
    }
  }
  return parseLevel(copy, `${fileName} (with ${Object.keys(overrides).map((p) => `--set ${p}`).join(", ")})`, options);
}
