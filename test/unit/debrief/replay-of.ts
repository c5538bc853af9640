// Test helper: a played round as the room would hand it out for a debrief (its journal, as RoomRecord.sync writes
// it: seat changes and people's inputs, ordered by time).

import { readFileSync } from "node:fs";
import type { RoundReplay, ReplayEntry } from "../../../shared/debrief";
import { parseLevelText } from "../../../shared/levels/load";
import { playSteps } from "../../../shared/levels/play";
import type { Round } from "../../../shared/levels/round";
import type { Level, PlayerStep } from "../../../shared/levels/schema";

export function loadLevel(id: string): Level {
  const file = `levels/${id}.json`;
  return parseLevelText(readFileSync(file, "utf8"), file);
}

export function replayOf(round: Round, n = 1): RoundReplay {
  const inputs: ReplayEntry[] = [
    ...round.seatChanges.map((c): ReplayEntry => ({ kind: "seats", t: c.t, humans: c.humans })),
    ...round.inputs.filter((i) => i.by === "player").map((i): ReplayEntry => ({ kind: "act", t: i.t, role: i.role, ...(i.node !== undefined ? { node: i.node } : {}), action: i.action })),
  ].sort((a, b) => a.t - b.t);
  return {
    round: n,
    level: round.level,
    seed: round.seed,
    chaos: round.chaosMode,
    simTimeMs: round.now,
    outcome: round.outcome,
    traceHash: round.sim.traceHash(),
    inputs,
  };
}

/** Plays `steps` on the level (people in the roles they name, bots elsewhere) and returns its replay. */
export function played(levelId: string, seed: number, steps: readonly PlayerStep[]): RoundReplay {
  return replayOf(playSteps({ level: loadLevel(levelId), seed, chaos: "level" }, steps).round);
}
