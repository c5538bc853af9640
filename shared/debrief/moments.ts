// "The moments that decided the outcome", in plain words: each fault with what it did to the cluster (the leader
// lost and for how long, the majority gone, client requests failing), what people did about it, the goals met,
// and how the round ended. Derived only from the replayed round's timeline, samples, history and inputs.

import type { ObjectiveStatus, Outcome } from "../levels/objectives";
import type { RoundInput } from "../levels/round";
import type { TimelineEvent } from "../sim/simulation";
import type { ClusterSample } from "./samples";
import type { HistoryEntry } from "../sim/history";
import { completions } from "./series";
import { actionWords, actorWords, seconds } from "./words";

export interface Moment {
  t: number;
  text: string;
  /** A fault with a visible effect, a person's action, a goal met, or the end. */
  kind: "fork" | "fault" | "action" | "goal" | "end";
}

export interface MomentInput {
  endMs: number;
  outcome: Outcome;
  outcomeText: string;
  timeline: readonly TimelineEvent[];
  inputs: readonly RoundInput[];
  samples: readonly ClusterSample[];
  history: readonly HistoryEntry[];
  objectives: readonly ObjectiveStatus[];
  /** For a fork: when it parted from the recorded round, and what was changed there, in plain words. */
  fork?: { t: number; text: string };
}

/** At most this many moments: a debrief on a projector, not a log. */
export const MAX_MOMENTS = 8;
/** Failures shorter than this are noise (one request timing out), not a moment. */
const MIN_OUTAGE_MS = 300;

const FAULT_KINDS = new Set(["crash", "fail-drive", "bitrot", "cut", "partition", "latency", "loss", "duplicate", "skew"]);
const SELF_ACTIONS: Readonly<Record<string, string>> = { "crash-self": "crash", "restart-self": "restart" };

export function decisiveMoments(input: MomentInput): Moment[] {
  const faults = input.timeline.filter((e) => FAULT_KINDS.has(e.kind));
  const candidates: (Moment & { rank: number })[] = [];
  if (input.fork) candidates.push({ t: input.fork.t, text: `At ${seconds(input.fork.t)}, in this what-if, ${input.fork.text}.`, kind: "fork", rank: 0 });
  faults.forEach((fault, i) => {
    const next = faults[i + 1]?.t ?? input.endMs;
    const effects = effectsOf(fault, next, input);
    const text = `At ${seconds(fault.t)} ${faultSentence(fault, input)}.${effects.map((e) => ` ${e}`).join("")}`;
    candidates.push({ t: fault.t, text, kind: "fault", rank: effects.length > 0 ? 1 : 4 });
  });
  for (const i of input.inputs) {
    if (i.by !== "player" || FAULT_KINDS.has(SELF_ACTIONS[i.action.type] ?? i.action.type)) continue;
    candidates.push({ t: i.t, text: `At ${seconds(i.t)} ${actorWords(i.role, i.by, i.node)} did "${actionWords(i.action)}".`, kind: "action", rank: 3 });
  }
  for (const o of input.objectives) {
    if (o.kind === "goal" && o.met && o.atMs !== null) candidates.push({ t: o.atMs, text: `At ${seconds(o.atMs)} a goal was met: ${o.text}.`, kind: "goal", rank: 2 });
  }
  const kept = candidates
    .map((c, order) => ({ ...c, order }))
    .sort((a, b) => a.rank - b.rank || a.t - b.t || a.order - b.order)
    .slice(0, MAX_MOMENTS - 1)
    .sort((a, b) => a.t - b.t || a.order - b.order)
    .map(({ t, text, kind }) => ({ t, text, kind }));
  return [...kept, ending(input, kept)];
}

/** "the level's script crashed n3, the leader" */
function faultSentence(fault: TimelineEvent, input: MomentInput): string {
  const by = input.inputs.find((i) => i.t === fault.t && (SELF_ACTIONS[i.action.type] ?? i.action.type) === fault.kind && (fault.node === undefined || ("node" in i.action ? i.action.node : i.node) === fault.node));
  const before = leaderBefore(input.samples, fault.t);
  const wasLeader = fault.node !== undefined && fault.node === before ? ", the leader" : "";
  if (!by) return `${fault.text}${wasLeader}`;
  const actor = actorWords(by.role, by.by, by.node);
  return fault.kind === "crash" ? `${actor} crashed ${fault.node}${wasLeader}` : `${actor} did "${actionWords(by.action)}"${wasLeader}`;
}

/** What the fault did before the next one: the leader lost, the majority gone, requests failing. */
function effectsOf(fault: TimelineEvent, until: number, input: MomentInput): string[] {
  const effects: string[] = [];
  const before = leaderBefore(input.samples, fault.t);
  const after = sampleAfter(input.samples, fault.t);
  if (before !== null && after && after.leader !== before) effects.push(leaderGap(fault.t, input));
  if (after && hasLeaders(input.samples) && fault.kind === "crash") {
    const up = after.nodes.filter((n) => n.up).length;
    const total = after.nodes.length;
    if (up < Math.floor(total / 2) + 1) effects.push(`That left ${up} of ${total} members up: no majority.`);
  }
  const outage = outageAfter(fault.t, until, input);
  if (outage) effects.push(outage);
  return effects;
}

function leaderGap(t: number, input: MomentInput): string {
  const next = input.timeline.find((e) => e.t >= t && e.kind === "leader" && e.group === undefined);
  if (!next) return "No leader was elected again.";
  const won = next.term !== undefined ? `${next.node} won term ${next.term}` : `${next.node} took over`;
  return `No leader for ${seconds(next.t - t)} until ${won}.`;
}

/** "Writes failed for 1.4 s." — from the first failed request after t to the next one that succeeded. */
function outageAfter(t: number, until: number, input: MomentInput): string | undefined {
  const ops = completions(input.history).filter((c) => c.at >= t);
  const firstFail = ops.find((c) => !c.ok && c.at < until);
  if (!firstFail) return undefined;
  const recovered = ops.find((c) => c.ok && c.invokedAt >= firstFail.invokedAt && c.at > firstFail.at);
  const failed = ops.filter((c) => !c.ok && c.at >= firstFail.at && (!recovered || c.at <= recovered.at));
  const kinds = new Set(failed.map((c) => c.f));
  const what = kinds.size === 1 ? `${capitalize([...kinds][0])}s` : "Client requests";
  if (!recovered) return `${what} kept failing to the end.`;
  const span = recovered.at - firstFail.invokedAt;
  return failed.length < 2 || span < MIN_OUTAGE_MS ? undefined : `${what} failed for ${seconds(span)}.`;
}

function ending(input: MomentInput, kept: readonly Moment[]): Moment {
  const t = input.endMs;
  const how = input.outcome === "won" ? "won" : input.outcome === "lost" ? "lost" : "not decided";
  const lastFault = [...kept].reverse().find((m) => m.kind === "fault");
  const later = input.outcome === "lost" && lastFault && lastFault.t < t ? `, ${seconds(t - lastFault.t)} after the fault at ${seconds(lastFault.t)}` : "";
  // The outcome text starts with its own verdict ("Won: ..."), which the sentence already says.
  const reason = input.outcomeText.replace(/^(won|lost):\s*/i, "").replace(/\.$/, "");
  const why = reason ? `: ${reason}` : "";
  return { t, text: `The round was ${how} at ${seconds(t)}${later}${why}.`, kind: "end" };
}

function leaderBefore(samples: readonly ClusterSample[], t: number): string | null {
  let leader: string | null = null;
  for (const s of samples) {
    if (s.t >= t) break;
    leader = s.leader;
  }
  return leader;
}

function sampleAfter(samples: readonly ClusterSample[], t: number): ClusterSample | undefined {
  // Strictly after: a person's action at t comes after the sample taken at t.
  return samples.find((s) => s.t > t);
}

function hasLeaders(samples: readonly ClusterSample[]): boolean {
  return samples.some((s) => s.leader !== null);
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
