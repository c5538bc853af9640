// `npm run sim -- --replay <replay.json> [<level-file>]`: plays a round's replay file (what a host exports from
// /api/rooms/:code/rounds/:n/replay.json) headless and checks that it comes to the trace hash the room recorded.
// A class's odd round then becomes a bug report anyone can run: same level, same seed, same inputs, same round.
//
// The file is read as untrusted input: its shape is checked here, and each input is applied through the Round,
// which refuses what the level does not allow (replayJournal names the input that no longer replays).

import { readFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { growCluster } from "../../shared/levels/class-cluster";
import { LevelError } from "../../shared/levels/errors";
import { PlayerAction, RoleName } from "../../shared/protocol/actions";
import type { Level } from "../../shared/levels/schema";
import { type ReplayFile, playReplay } from "../store/journal";
import { readLevelFile } from "./level-file";
import { EXIT_BAD_INPUT, EXIT_CRASH, EXIT_DIVERGED, EXIT_OK, invariantsExit, printReport, type SimIo } from "./sim-report";

const LEVELS_DIR = fileURLToPath(new URL("../../levels", import.meta.url));
const time = z.number().int().min(0);

// Each action is checked as a room checks a player's message; whether the level allows it is the Round's to say.
const ReplayShape = z.object({
  format: z.literal("split-brain-replay"),
  version: z.literal(1),
  room: z.string(),
  round: z.number().int().min(1),
  level: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, "a level id such as etcd/leader-election"),
  seed: z.number().int().min(0),
  nodes: z.number().int().min(1).optional(),
  chaos: z.literal("level"),
  simTimeMs: time,
  outcome: z.enum(["won", "lost", "unfinished"]),
  traceHash: z.string().regex(/^([0-9a-f]{64})?$/, "a SHA-256 hex digest or empty"),
  inputs: z.array(
    z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("act"), t: time, role: RoleName, node: z.string().optional(), action: PlayerAction }),
      z.object({ kind: z.literal("seats"), t: time, humans: z.array(z.object({ role: RoleName, node: z.string().optional() })) }),
      z.object({ kind: z.literal("step"), t: time }),
    ]),
  ),
});

/** Reads and checks a replay file; throws an Error whose message says what is wrong with it. */
export function readReplayFile(file: string): ReplayFile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`${file}: ${code === "ENOENT" ? "no such file" : `not a JSON file (${(error as Error).message})`}`);
  }
  const parsed = ReplayShape.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: not a Split Brain replay file: ${issue.path.join(".") || "(top)"}: ${issue.message}`);
  }
  return parsed.data as ReplayFile;
}

/** Plays `replayPath`; the level comes from `levelPath` or else from levels/<the replay's level id>.json. */
export function runReplay(replayPath: string, levelPath: string | null, json: boolean, io: SimIo): number {
  let file: ReplayFile;
  let level: Level;
  try {
    file = readReplayFile(replayPath);
    level = readLevelFile(levelPath ?? path.relative(process.cwd(), path.join(LEVELS_DIR, `${file.level}.json`)), io.findSystem);
    if (level.id !== file.level) throw new Error(`the replay is of level ${file.level}, but ${levelPath} is ${level.id}`);
    // A class's round on a grown cluster: a count its level does not allow is a bad file, said before anything runs.
    if (file.nodes !== undefined) growCluster(level, file.nodes);
  } catch (error) {
    io.err(`sim: ${(error as Error).message}`);
    if (error instanceof LevelError && levelPath === null) io.err(`(a level that is not shipped, such as one made in the editor: give its file after the replay)`);
    return EXIT_BAD_INPUT;
  }
  const reproduce = `npm run sim -- --replay ${replayPath}${levelPath ? ` ${levelPath}` : ""}`;
  if (!json) io.out(`replay of room ${file.room}, round ${file.round}: level ${file.level}, seed ${file.seed}${file.nodes !== undefined ? `, ${file.nodes} nodes` : ""}, ${file.inputs.length} inputs, to ${file.simTimeMs} ms`);

  const started = performance.now();
  let round: ReturnType<typeof playReplay>;
  try {
    round = playReplay(level, file);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // A refused input is a replay that no longer fits its level; anything else is the simulation throwing.
    if (message.startsWith("input ")) {
      io.err(`sim: the replay does not fit its level any more: ${message}`);
      return EXIT_DIVERGED;
    }
    io.err(`SIMULATION CRASHED while replaying: ${error instanceof Error ? (error.stack ?? message) : message}`);
    io.err(`This is a bug. Reproduce it with:\n  ${reproduce}`);
    return EXIT_CRASH;
  }
  const report = printReport(round, performance.now() - started, json, io);
  const invariants = invariantsExit(report, reproduce, io);
  if (invariants !== EXIT_OK) return invariants;

  if (file.traceHash === "") {
    if (!json) io.out("\nThe round had not ended when it was exported: there is no recorded trace hash to compare with.");
    return EXIT_OK;
  }
  if (report.traceHash !== file.traceHash) {
    io.err(`\nREPLAY DIVERGED: the round came to trace hash ${report.traceHash}, the room recorded ${file.traceHash}.`);
    io.err("The simulation or the level changed since the round was played.");
    return EXIT_DIVERGED;
  }
  if (!json) io.out(`\nThe replay reproduces the recorded round (trace hash ${file.traceHash.slice(0, 12)}…, ${file.outcome}).`);
  return EXIT_OK;
}
