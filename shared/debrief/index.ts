// The debrief of a round (issue 7 item 6): computed in the browser by replaying the round from its level, seed and
// journal, which the room hands any player once the round is over (the "replay" request, docs/protocol.md).
// The page imports the light modules (words, samples, fork, messages, windows) directly, so that only the replay
// worker carries the simulation.

export type { ActionRow } from "./actions";
export { buildDebrief, type Debrief } from "./debrief";
export { type ForkChoice, forkChoices } from "./fork";
export { type MessageWindow, messagesIn, type SeqMessage } from "./messages";
export type { Moment } from "./moments";
export type { ForkInput, ReplayEntry, RoundReplay } from "./replay";
export { type ClusterSample, type NodeSample, SAMPLE_MS, sampleAt } from "./samples";
export type { Bucket, LeaderSpan, Mark, MarkKind, Series } from "./series";
export { firstWindow, windowAround } from "./windows";
export { seconds } from "./words";
