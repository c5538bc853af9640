// What the editor's live preview computes, off the page's thread (preview-worker.ts): the level played headless with
// its naive inputs and with its solution, each turned into a debrief (shared/debrief: the same outcome, moments and
// timeline series the round's debrief shows), and a test-played round's journal turned into solution steps. Pure.

import { buildDebrief, type Debrief, type RoundReplay } from "../../../shared/debrief";
import { runReplay } from "../../../shared/debrief/replay";
import { SAMPLE_MS, sampleAt } from "../../../shared/debrief/samples";
import type { JournalEntry } from "../../../shared/levels/journal";
import { isNodeRef, NODE_FIELDS } from "../../../shared/levels/level-action";
import { humansFor, playSteps } from "../../../shared/levels/play";
import type { PlayerAction } from "../../../shared/protocol/actions";
import type { Round } from "../../../shared/levels/round";
import type { Level, PlayerStep } from "../../../shared/levels/schema";
import { stepsFromJournal } from "./solution-recording";

export type PlayName = "naive" | "solution";

export interface PlayPreview {
  play: PlayName;
  /** The debrief of the round, without the per-message detail the preview does not draw. */
  debrief: Debrief;
  /** Steps that could not be taken when due, with the reason. */
  refused: string[];
}

/** Plays one list of inputs on `seed` and debriefs the round. */
export function previewPlay(level: Level, seed: number, play: PlayName): PlayPreview {
  const steps = level[play];
  // Steps that name no node by reference are already a journal: one replay plays and debriefs them at once (an
  // empty naive play, the usual "do nothing", among them). A refused step makes that replay throw: play it out then.
  const journal = literalJournal(steps);
  if (journal) {
    try {
      const debrief = buildDebrief({ round: 1, level, seed, chaos: "level", simTimeMs: level.timeLimitMs, outcome: "unfinished", traceHash: "", inputs: journal });
      return { play, debrief: { ...debrief, messages: [], samples: [] }, refused: [] };
    } catch {
      // A step was refused when due: playSteps below says which, and why.
    }
  }
  const { round, refused } = playSteps({ level, seed, chaos: "level" }, steps);
  const replay: RoundReplay = {
    round: 1,
    level,
    seed,
    chaos: "level",
    simTimeMs: round.now,
    outcome: round.outcome,
    traceHash: round.sim.traceHash(),
    inputs: journalOf(round),
  };
  // Replayed from its journal: that is how the debrief gets its samples; the trace hash says it is the same round.
  const debrief = buildDebrief(replay);
  return {
    play,
    debrief: { ...debrief, messages: [], samples: [] },
    refused: refused.map((r) => `${(r.step.at / 1000).toFixed(1)} s ${r.step.action.type}: ${r.reason}`),
  };
}

/** The journal of steps that name every node by id (null if one names a node by reference such as @leader). */
export function literalJournal(steps: readonly PlayerStep[]): JournalEntry[] | null {
  const byReference = (value: unknown) => typeof value === "string" && isNodeRef(value);
  if (steps.some((s) => byReference(s.node) || NODE_FIELDS.some((f) => byReference((s.action as Record<string, unknown>)[f])))) return null;
  const acts = [...steps]
    .sort((a, b) => a.at - b.at)
    .map((s): JournalEntry => ({ kind: "act", t: s.at, role: s.role, action: s.action as PlayerAction, ...(s.node !== undefined ? { node: s.node } : {}) }));
  return [{ kind: "seats", t: 0, humans: humansFor(steps) }, ...acts];
}

/** A played round's journal: who held which seat, and the people's accepted actions, in the order they happened. */
export function journalOf(round: Round): JournalEntry[] {
  const seats = round.seatChanges.map((s): JournalEntry => ({ kind: "seats", t: s.t, humans: s.humans }));
  const acts = round.inputs
    .filter((i) => i.by === "player")
    .map((i): JournalEntry => ({ kind: "act", t: i.t, role: i.role, action: i.action, ...(i.node !== undefined ? { node: i.node } : {}) }));
  // Seats first at a shared time: playSteps seats its people before their first action.
  return [...seats, ...acts].sort((a, b) => a.t - b.t);
}

/** A test-played round's people's inputs as solution steps, nodes named by reference where that was the intent. */
export function solutionFromReplay(replay: RoundReplay): PlayerStep[] {
  const { samples } = runReplay(replay, { sampleMs: SAMPLE_MS });
  return stepsFromJournal(replay.inputs, (t) => {
    const sample = sampleAt(samples, t);
    return { leader: sample?.leader ?? null, down: sample ? sample.nodes.filter((n) => !n.up).map((n) => n.id) : [] };
  });
}
