// The class screens' words and arithmetic, kept apart from the DOM so they are unit-tested: seats, a group's
// phase and facts, vote progress, tallies as bars, the roster grouped by group, scores in order, the join link.

import { classJoinPath } from "../../../shared/protocol/class-messages";
import type { ClassGroupView, PollView, StudentView, TeamScoreView } from "../../net/class-state";
import { clock, roleLabel } from "../format";

/** "Node n3", "Operator", "Chaos agent"; the teacher is "Teacher". */
export function seatWords(s: Pick<StudentView, "role" | "node" | "host">): string {
  if (s.host) return "Teacher";
  return s.role === "node" && s.node ? `Node ${s.node}` : roleLabel(s.role);
}

export function groupName(id: string): string {
  const n = /^g(\d+)$/.exec(id)?.[1];
  return n ? `Group ${n}` : id ? `Group ${id}` : "No group";
}

/** A group's round in a word with its own symbol, so the phase never rests on colour. */
export function groupPhase(g: Pick<ClassGroupView, "phase" | "paused">): { key: string; text: string } {
  if (g.phase === "won") return { key: "won", text: "✓ Won" };
  if (g.phase === "lost") return { key: "lost", text: "✗ Lost" };
  if (g.phase === "lobby") return { key: "lobby", text: "○ Waiting to start" };
  return g.paused ? { key: "paused", text: "❚❚ Paused" } : { key: "running", text: "▶ Running" };
}

export function goalsWords(g: Pick<ClassGroupView, "goalsMet" | "goals">): string {
  return g.goals > 0 ? `${g.goalsMet} of ${g.goals} goal${g.goals === 1 ? "" : "s"} met` : "No goals";
}

/** The facts a group's card lists, in reading order. */
export function groupFacts(g: ClassGroupView): { label: string; value: string }[] {
  const ops = g.opsOk + g.opsFailed;
  const facts = [
    { label: "Time", value: clock(g.simTime) },
    { label: "Goals", value: g.goals > 0 ? `${g.goalsMet} / ${g.goals}` : "none" },
    { label: "Score", value: String(g.score) },
    // A share reads at a glance from the back of the room; the counts are in the results export.
    { label: "Requests ok", value: ops > 0 ? `${Math.round((100 * g.opsOk) / ops)}%` : "none yet" },
  ];
  if (g.writesLost > 0) facts.push({ label: "Writes lost", value: String(g.writesLost) });
  if (g.invariantsBroken > 0) facts.push({ label: "Safety broken", value: String(g.invariantsBroken) });
  return facts;
}

/** A, B, C, ...: a choice's name that needs no colour and reads the same on every screen. */
export function choiceLetter(index: number): string {
  return String.fromCharCode(65 + index);
}

export type PollStage = "none" | "open" | "closed" | "revealed";

export function pollStage(poll: Pick<PollView, "id" | "open" | "revealed">): PollStage {
  if (!poll.id) return "none";
  if (poll.revealed) return "revealed";
  return poll.open ? "open" : "closed";
}

export function voteProgress(votes: number, students: number): string {
  return `${votes} of ${students} student${students === 1 ? "" : "s"} voted`;
}

export interface TallyBar {
  letter: string;
  choice: string;
  count: number;
  /** 0..1 of all votes, for the bar's length. */
  share: number;
  /** "2 votes · 40%". */
  words: string;
  /** The choice (or one of the choices) with the most votes, when anyone voted. */
  top: boolean;
  /** The viewer's own vote. */
  mine: boolean;
}

export function tallyBars(choices: readonly string[], tallies: readonly number[], myVote = -1): TallyBar[] {
  const counts = choices.map((_, i) => tallies[i] ?? 0);
  const total = counts.reduce((a, b) => a + b, 0);
  const most = Math.max(0, ...counts);
  return choices.map((choice, i) => {
    const count = counts[i];
    const share = total > 0 ? count / total : 0;
    return {
      letter: choiceLetter(i),
      choice,
      count,
      share,
      words: `${count} vote${count === 1 ? "" : "s"} · ${Math.round(share * 100)}%`,
      top: most > 0 && count === most,
      mine: i === myVote,
    };
  });
}

/** The composer's choices, trimmed, empty ones dropped; or why they cannot be asked. */
export function pollChoices(inputs: readonly string[]): { ok: true; choices: string[] } | { ok: false; error: string } {
  const choices = inputs.map((c) => c.trim()).filter((c) => c !== "");
  if (choices.length < 2) return { ok: false, error: "Give at least two choices." };
  const seen = new Set<string>();
  for (const c of choices) {
    const key = c.toLowerCase();
    if (seen.has(key)) return { ok: false, error: `"${c}" is there twice: make every choice different.` };
    seen.add(key);
  }
  return { ok: true, choices };
}

/** Students by arrival: s2 before s10. */
export function byArrival(a: Pick<StudentView, "studentId">, b: Pick<StudentView, "studentId">): number {
  return Number(a.studentId.slice(1)) - Number(b.studentId.slice(1));
}

export interface RosterGroup {
  id: string;
  label: string;
  students: StudentView[];
}

/** The students (never the teacher) under their groups, in the class's group order; anyone between groups last. */
export function rosterByGroup(roster: readonly StudentView[], groupIds: readonly string[]): RosterGroup[] {
  const students = roster.filter((s) => !s.host).sort(byArrival);
  const out: RosterGroup[] = groupIds.map((id) => ({ id, label: groupName(id), students: students.filter((s) => s.group === id) }));
  const loose = students.filter((s) => !groupIds.includes(s.group));
  if (loose.length > 0) out.push({ id: "", label: "Not in a group", students: loose });
  return out;
}

/** Highest score first; ties by name, so the order holds still between updates. */
export function ranked<T extends { score: number }>(items: readonly T[], nameOf: (item: T) => string): T[] {
  return [...items].sort((a, b) => b.score - a.score || nameOf(a).localeCompare(nameOf(b)));
}

export function teamWords(t: TeamScoreView): string {
  return `${t.score} points (mean of ${t.members} member${t.members === 1 ? "" : "s"})`;
}

/** The full join address for the QR code, and the short one written on screen (no scheme). */
export function classUrl(origin: string, code: string): string {
  return `${origin.replace(/\/$/, "")}${classJoinPath(code)}`;
}

export function shortLink(origin: string, code: string): string {
  return classUrl(origin, code).replace(/^https?:\/\//, "");
}

/** "K 7 M 2 Q": a code read out letter by letter by a screen reader. */
export function spokenCode(code: string): string {
  return code.split("").join(" ");
}

export function connectedWords(s: Pick<StudentView, "connected">): string {
  return s.connected ? "● Connected" : "○ Away";
}

/** What a member reads about the spotlight: their own view, someone else's, or nothing. */
export function spotlightWords(spotlit: Pick<StudentView, "studentId" | "name" | "role" | "node" | "host" | "group"> | undefined, myId: string): string {
  if (!spotlit) return "";
  if (spotlit.studentId === myId) return "★ Your screen is on the projector: the class is watching what you do.";
  return `★ On the projector: ${spotlit.name}'s view (${groupName(spotlit.group)}, ${seatWords(spotlit).toLowerCase()}).`;
}

/** The node count of the class's cluster(s), from the state's comma list. */
export function nodeCount(nodes: string): number {
  return nodes === "" ? 0 : nodes.split(",").length;
}

/** How the class plays, for the console's header and cards: "one cluster of 30 nodes" or "groups of up to 5". */
export function modeWords(state: { mode: string; groupSize: number; nodes: string }): string {
  if (state.mode !== "whole") return `groups of up to ${state.groupSize}`;
  const n = nodeCount(state.nodes);
  return `one cluster of ${n} node${n === 1 ? "" : "s"}`;
}

/** The seats a teacher may take in a game, as a picker lists them: the level's roles, then one entry per node. */
export function seatChoices(roles: string, nodes: string): { value: string; label: string }[] {
  const list = roles === "" ? [] : roles.split(",");
  const choices = list.filter((r) => r !== "node").map((role) => ({ value: role, label: roleLabel(role) }));
  if (list.includes("node")) for (const node of nodes === "" ? [] : nodes.split(",")) choices.push({ value: `node:${node}`, label: `Node ${node}` });
  return choices;
}

/** A picker's value back into the `play` op's fields. */
export function seatOfChoice(value: string): { role: string; node?: string } {
  return value.startsWith("node:") ? { role: "node", node: value.slice(5) } : { role: value };
}

/** What the teacher plays in a group, in words; "" when they only host there. */
export function teacherSeatWords(teacher: Pick<StudentView, "group" | "role" | "node"> | undefined, group: string): string {
  if (!teacher || teacher.group !== group || teacher.role === "host") return "";
  return `You play ${teacher.role === "node" && teacher.node ? `node ${teacher.node}` : roleLabel(teacher.role).toLowerCase()} here.`;
}
