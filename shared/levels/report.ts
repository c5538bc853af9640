// The report of a round: exactly the fields of GUIDE §4 (other tools parse it), plus what makes it replayable
// and readable: the chaos mode, the --set overrides, the outcome in words, and every accepted input with its time
// (which is how a random fault schedule is printed). Same level, seed and flags give the same report except
// wallTimeMs.

import type { HistoryEntry } from "../sim/history";
import type { ObjectiveKind, Outcome } from "./objectives";
import type { ChaosMode, Round, RoundInput } from "./round";

export interface ReportObjective {
  id: string;
  kind: ObjectiveKind;
  met: boolean;
  atMs: number | null;
}

export interface ReportInvariant {
  name: string;
  ok: boolean;
  violations: number;
  /** The first violation in plain words, when there was one. */
  first?: string;
}

export interface ReportTimelineEvent {
  t: number;
  kind: string;
  node?: string;
  term?: number;
  group?: string;
  text?: string;
  [field: string]: unknown;
}

export interface RunReport {
  level: string;
  system: string;
  seed: number;
  chaos: ChaosMode;
  overrides: Record<string, unknown>;
  simTimeMs: number;
  wallTimeMs: number;
  events: number;
  outcome: Outcome;
  outcomeText: string;
  objectives: ReportObjective[];
  invariants: ReportInvariant[];
  timeline: ReportTimelineEvent[];
  history: HistoryEntry[];
  inputs: RoundInput[];
  traceHash: string;
}

export function buildReport(round: Round, wallTimeMs: number): RunReport {
  const sim = round.sim;
  return {
    level: round.level.id,
    system: round.level.system,
    seed: round.seed,
    chaos: round.chaosMode,
    overrides: { ...round.overrides },
    simTimeMs: sim.now,
    wallTimeMs: Math.round(wallTimeMs),
    events: sim.eventCount,
    outcome: round.outcome,
    outcomeText: round.outcomeText,
    objectives: round.objectives().map(({ id, kind, met, atMs }) => ({ id, kind, met, atMs })),
    invariants: sim.invariantReport().map((inv) => ({
      name: inv.name,
      ok: inv.ok,
      violations: inv.violations,
      ...(inv.first !== undefined ? { first: inv.first } : {}),
    })),
    timeline: sim.timeline.map((e) => ({ ...e })),
    history: sim.history.map((h) => ({ ...h })),
    inputs: round.inputs.map((i) => ({ ...i })),
    traceHash: sim.traceHash(),
  };
}
