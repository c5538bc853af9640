// A round's debrief, computed from its replay: the timeline chart's series, every message for the sequence
// diagram, who did what, the decisive moments, and the cluster sampled for the scrubber. A fork is the same
// thing computed for the round with one input changed at one moment.

import type { ObjectiveStatus, Outcome } from "../levels/objectives";
import { describeFault } from "../sim/faults";
import { type ActionRow, actionRows } from "./actions";
import { messagesFromTrace, type SeqMessage } from "./messages";
import { decisiveMoments, type Moment } from "./moments";
import { type ForkInput, type RoundReplay, runReplay } from "./replay";
import { type ClusterSample, SAMPLE_MS } from "./samples";
import { buildSeries, type Series } from "./series";

export interface Debrief {
  levelId: string;
  system: string;
  endMs: number;
  timeLimitMs: number;
  outcome: Outcome;
  outcomeText: string;
  objectives: ObjectiveStatus[];
  /** Every node the round ever ran, in order: the sequence diagram's columns. */
  nodes: string[];
  series: Series;
  messages: SeqMessage[];
  actions: ActionRow[];
  moments: Moment[];
  samples: ClusterSample[];
  /** False when replaying did not reproduce the recorded round (the level or the game changed since). */
  faithful: boolean;
  /** A fork's later inputs that could not be taken any more. */
  skipped: string[];
}

export function buildDebrief(replay: RoundReplay, fork?: ForkInput): Debrief {
  const run = runReplay(replay, { sampleMs: SAMPLE_MS, keepTrace: true, ...(fork ? { fork } : {}) });
  const { round, samples } = run;
  const sim = round.sim;
  const endMs = round.now;
  const objectives = round.objectives();
  const debrief: Debrief = {
    levelId: round.level.id,
    system: round.level.system,
    endMs,
    timeLimitMs: round.level.timeLimitMs,
    outcome: round.outcome,
    outcomeText: round.outcomeText,
    objectives,
    nodes: [...sim.nodes],
    series: buildSeries({ endMs, history: sim.history, timeline: sim.timeline, samples, objectives }),
    messages: messagesFromTrace(sim.traceLines ?? []),
    actions: actionRows(round.inputs),
    moments: decisiveMoments({
      endMs,
      outcome: round.outcome,
      outcomeText: round.outcomeText,
      timeline: sim.timeline,
      inputs: round.inputs,
      samples,
      history: sim.history,
      objectives,
      ...(fork ? { fork: { t: fork.t, text: describeFault(fork.input, sim.nodes) } } : {}),
    }),
    samples,
    faithful: fork !== undefined || replay.traceHash === "" || sim.traceHash() === replay.traceHash,
    skipped: run.skipped,
  };
  return debrief;
}
