// A round's journal: everything people did to it, in order, with the simulated time it happened. A Round is a
// function of level, seed and this journal (round.ts), so the journal is all a restarted server
// needs to bring a round back, and all a replay file holds besides the level and the seed.
//
// Three kinds of entry, because three things a room does change a round:
// - "act":   a person's accepted action (Round.act);
// - "seats": who holds which role from now on (Round.setHumans): bots play the other roles, so this changes what
//            the bots do and must be replayed at the same time;
// - "step":  the host's single step while paused (Round.stepOne). A step may stop between two events due at the
//            same millisecond, which running "until t" would not, so it is replayed as a step.

import type { PlayerAction, RoleName } from "../protocol/actions";
import type { Human, Round } from "./round";

export type JournalEntry =
  | { kind: "act"; t: number; role: RoleName; node?: string; action: PlayerAction }
  | { kind: "seats"; t: number; humans: Human[] }
  | { kind: "step"; t: number };

/**
 * Replays a journal onto a fresh round, then runs the round on to `untilMs` (where it was last known to be).
 * Throws if an entry is refused: the journal holds only accepted inputs, so a refusal means the level or the
 * simulation changed since it was recorded and the replay would not be the same round.
 */
export function replayJournal(round: Round, entries: readonly JournalEntry[], untilMs: number): void {
  for (const [i, entry] of entries.entries()) {
    round.advanceTo(entry.t);
    try {
      applyJournalEntry(round, entry);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new Error(`input ${i} (${entry.kind} at ${entry.t} ms) no longer replays: ${why}`);
    }
  }
  round.advanceTo(untilMs);
}

/** Applies one entry; throws when the round refuses it (or a step finds nothing to do). */
export function applyJournalEntry(round: Round, entry: JournalEntry): void {
  switch (entry.kind) {
    case "act":
      round.act(entry.role, entry.action, entry.node !== undefined ? { node: entry.node } : {});
      return;
    case "seats":
      round.setHumans(entry.humans);
      return;
    case "step":
      if (!round.stepOne()) throw new Error("the step found nothing to do");
      return;
  }
}
