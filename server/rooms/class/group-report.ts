// What a group's game room reports to its class room when asked (GameRoom.classReport, through
// matchMaker.remoteRoomCall, so it is plain JSON): the round's facts (shared/classroom/round-facts.ts) and its state.

import type { RoundFacts } from "../../../shared/classroom/round-facts";

export interface GroupReport extends RoundFacts {
  phase: string;
  paused: boolean;
  speed: number;
  simTime: number;
  outcomeText: string;
  /** Accepted actions per studentId. */
  actions: Record<string, number>;
}
