// Replaying a finished round for its debrief. The room hands a player the round's replay (level, seed, chaos mode
// and journal: the same data as the host's replay.json export, server/store/journal.ts); the browser rebuilds the
// round from it, sampling the cluster on a fixed grid of simulated time as it goes, and can stop at any moment to
// try a different input there (a fork). Sampling only advances the round to more times in between; a Round gives
// the same trace however its caller slices time (shared/levels/round.ts), so the replay is the round played.

import type { Outcome } from "../levels/objectives";
import { applyJournalEntry, type JournalEntry } from "../levels/journal";
import { type ChaosMode, Round } from "../levels/round";
import type { Level } from "../levels/schema";
import type { FaultInput } from "../sim/faults";
import { type ClusterSample, sampleCluster } from "./samples";

/** One journal entry (shared/levels/journal.ts), as the room recorded it. */
export type ReplayEntry = JournalEntry;

/** What the room's "replay" request answers with: everything needed to play the round again. */
export interface RoundReplay {
  /** The round's number in its room, from 1. */
  round: number;
  level: Level;
  seed: number;
  chaos: ChaosMode;
  /** How far the round ran. */
  simTimeMs: number;
  outcome: Outcome;
  /** The recorded round's trace hash; a faithful replay ends with the same one. */
  traceHash: string;
  inputs: ReplayEntry[];
}

/** A different input at one moment: what the viewer asks "what if" about. Applied to the cluster directly. */
export interface ForkInput {
  t: number;
  input: FaultInput;
}

export interface ReplayRun {
  round: Round;
  /** The cluster every `sampleMs`, from 0 to where the round stopped. */
  samples: ClusterSample[];
  /** A fork's later journal entries that no longer made sense there (an action on a node the fork changed). */
  skipped: string[];
}

export interface ReplayOptions {
  sampleMs: number;
  keepTrace?: boolean;
  fork?: ForkInput;
}

export function runReplay(replay: RoundReplay, options: ReplayOptions): ReplayRun {
  const round = new Round({ level: replay.level, seed: replay.seed, chaos: replay.chaos, keepTrace: options.keepTrace });
  const samples: ClusterSample[] = [];
  const skipped: string[] = [];
  let nextSample = 0;
  // Advancing to a sample time is harmless; applying an entry then follows replayJournal's order exactly.
  const advance = (t: number) => {
    while (nextSample <= t && round.outcome === "unfinished") {
      round.advanceTo(nextSample);
      if (round.now < nextSample) break; // the round ended on the way
      samples.push(sampleCluster(round));
      nextSample += options.sampleMs;
    }
    round.advanceTo(t);
  };
  const { fork } = options;
  const steps: (ReplayEntry | ForkInput)[] = [...replay.inputs];
  if (fork) {
    // After every entry of the same moment, as a person acting then would have come after them.
    const at = steps.findIndex((e) => e.t > fork.t);
    steps.splice(at < 0 ? steps.length : at, 0, fork);
  }
  let forked = false;
  for (const step of steps) {
    advance(step.t);
    if (round.outcome !== "unfinished") break;
    if (step === fork) {
      round.sim.apply(fork.input);
      forked = true;
      continue;
    }
    const refused = applyEntry(round, step as ReplayEntry, !forked);
    if (refused) skipped.push(refused);
  }
  advance(fork ? round.level.timeLimitMs : replay.simTimeMs);
  if (samples.at(-1)?.t !== round.now) samples.push(sampleCluster(round));
  return { round, samples, skipped };
}

/**
 * Applies one journal entry. Before a fork (or without one) every entry must replay, as the recorded round took
 * it; after a fork an entry may have become impossible (restarting a node the fork already restarted), and is
 * skipped with the reason returned.
 */
function applyEntry(round: Round, entry: ReplayEntry, strict: boolean): string | undefined {
  // After a fork a step may find nothing to do: that is no refusal, the fork simply changed what was due.
  if (entry.kind === "step" && !strict) {
    round.stepOne();
    return undefined;
  }
  try {
    applyJournalEntry(round, entry);
    return undefined;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    if (strict) throw new Error(`the round no longer replays: its input at ${entry.t} ms was refused (${why})`);
    return `${entry.kind === "act" ? entry.action.type : entry.kind} at ${(entry.t / 1000).toFixed(1)} s: ${why}`;
  }
}
