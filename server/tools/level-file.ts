// Reads a level file for the command-line tools. The file name in error messages is the one the user typed
// (relative to where they ran the tool), so "levels/etcd/x.json: objectives[1].type: ..." points at their file.

import { readFileSync } from "node:fs";
import { LevelError } from "../../shared/levels/errors";
import { parseLevelText } from "../../shared/levels/load";
import type { Level } from "../../shared/levels/schema";
import type { SystemDefinition } from "../../shared/sim/types";

export function readLevelFile(file: string, findSystem?: (name: string) => SystemDefinition | undefined): Level {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a folder, not a level file" : (error as Error).message;
    throw new LevelError(file, [{ path: "", message: why }]);
  }
  return parseLevelText(text, file, { findSystem });
}
