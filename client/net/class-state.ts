// What the class screens read of the class room's state (docs/protocol.md, "Class sessions"). Plain interfaces, as
// in state.ts: the server's schema classes satisfy them structurally (checked in class-connection.ts), and the
// pure view logic under client/ui/class can be tested with plain objects.

import type { RoundFacts } from "../../shared/classroom/round-facts";
import type { ReadList, ReadMap } from "./state";

export interface StudentView {
  /** "s0" the teacher, then "s1", "s2", ... by arrival: what the teacher's controls name. */
  studentId: string;
  sessionId: string;
  name: string;
  team: string;
  /** "g1", ...; "" for the teacher and for a student between groups. */
  group: string;
  role: string;
  node: string;
  connected: boolean;
  host: boolean;
  score: number;
  actions: number;
}

/** A group's card: its game's time and outcome, and the round's facts the class is scored on (shared/classroom). */
export interface ClassGroupView extends RoundFacts {
  id: string;
  gameCode: string;
  phase: string;
  paused: boolean;
  speed: number;
  simTime: number;
  outcomeText: string;
  score: number;
}

export interface PollView {
  /** "" before the first question. */
  id: string;
  question: string;
  choices: ReadList<string>;
  open: boolean;
  revealed: boolean;
  votes: number;
  /** Empty until revealed. */
  tallies: ReadList<number>;
}

export interface TeamScoreView {
  team: string;
  score: number;
  members: number;
}

/** The one private entry each member sees: their way back in, their group's game and their vote. */
export interface MySeatView {
  studentId: string;
  rejoinToken: string;
  gameCode: string;
  ticket: string;
  votedPoll: string;
  vote: number;
}

export interface ClassStateView {
  code: string;
  levelId: string;
  levelTitle: string;
  /** The level's roles besides host and spectator, and its nodes, comma separated. */
  roles: string;
  nodes: string;
  mode: string;
  groupSize: number;
  locked: boolean;
  allowChoice: boolean;
  broadcast: { text: string; at: number };
  spotlight: string;
  roster: ReadMap<StudentView>;
  groups: ReadList<ClassGroupView>;
  poll: PollView;
  teams: ReadMap<TeamScoreView>;
  mine: ReadMap<MySeatView>;
}
