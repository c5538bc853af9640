// The class's questions (predict, then reveal): the one asked now (poll.ts holds its votes), what the screens show of
// it (the shared PollView: question, choices, how many voted, the tallies once revealed; each student's own vote in
// their MySeat), and its record in the store (every vote, and when it closed). The class room checks who may do what;
// this keeps the question, its screens and its record in step.

import type { ClassRecord } from "./class-record";
import type { SnapshotPoll } from "./class-snapshot";
import { Poll } from "./poll";
import type { ClassState } from "../schema/class/ClassState";

type Answer = string | undefined;

export class ClassQuestions {
  private poll?: Poll;
  /** The question's row in the store (0 when nothing is stored). */
  private storedId = 0;
  private next = 1;

  constructor(
    private readonly state: ClassState,
    private readonly record: () => ClassRecord | undefined,
  ) {}

  /** Asks a new question; one still open is closed first. */
  ask(question: string, choices: string[]): Answer {
    if (this.poll?.open) this.record()?.pollClosed(this.storedId);
    this.poll = new Poll({ id: `p${this.next++}`, question, choices });
    this.storedId = this.record()?.pollOpened(question, choices) ?? 0;
    const view = this.state.poll;
    view.id = this.poll.id;
    view.question = question;
    view.choices.clear();
    for (const c of choices) view.choices.push(c);
    view.open = true;
    view.revealed = false;
    view.votes = 0;
    view.tallies.clear();
    for (const mine of this.state.mine.values()) {
      mine.votedPoll = "";
      mine.vote = -1;
    }
    return undefined;
  }

  /** No more votes; the tallies stay hidden until the reveal. */
  close(): Answer {
    if (!this.poll?.open) return "No question is open.";
    this.poll.open = false;
    this.state.poll.open = false;
    this.record()?.pollClosed(this.storedId);
    return undefined;
  }

  /** Closes the question and shows everyone the tallies. */
  reveal(): Answer {
    if (!this.poll) return "No question has been asked yet.";
    if (this.poll.revealed) return "The answers are already shown.";
    this.poll.open = false;
    this.poll.revealed = true;
    this.record()?.pollClosed(this.storedId);
    const view = this.state.poll;
    view.open = false;
    view.revealed = true;
    for (const n of this.poll.tallies()) view.tallies.push(n);
    return undefined;
  }

  /** A student's vote: one each, changeable while the question is open; only they see what they chose. */
  vote(student: { studentId: string; name: string }, pollId: string, choice: number): Answer {
    if (!this.poll) return "There is no question to answer yet.";
    const error = this.poll.vote(student.studentId, pollId, choice);
    if (error) return error;
    this.record()?.voted(this.storedId, student.name, choice);
    const mine = this.state.mine.get(student.studentId);
    if (mine) {
      mine.votedPoll = this.poll.id;
      mine.vote = choice;
    }
    this.state.poll.votes = this.poll.voteCount;
    return undefined;
  }

  /** A student who left the class takes their vote with them (the stored vote stays: they did vote). */
  forget(studentId: string): void {
    if (!this.poll) return;
    this.poll.forget(studentId);
    this.state.poll.votes = this.poll.voteCount;
  }

  /** The question for the class's snapshot, and the number the next one gets. */
  snapshot(): { poll?: SnapshotPoll; next: number } {
    const p = this.poll;
    if (!p) return { next: this.next };
    return {
      next: this.next,
      poll: { id: p.id, storedId: this.storedId, question: p.question, choices: [...p.choices], open: p.open, revealed: p.revealed, votes: p.votesByStudent() },
    };
  }

  /** The question a snapshot kept, back on every screen (after a restart); `next` numbers the next question. */
  restore(p: SnapshotPoll | undefined, next: number): void {
    this.next = next;
    if (!p) return;
    this.poll = Poll.restore(p);
    this.storedId = p.storedId;
    const view = this.state.poll;
    view.id = p.id;
    view.question = p.question;
    for (const c of p.choices) view.choices.push(c);
    view.open = p.open;
    view.revealed = p.revealed;
    view.votes = this.poll.voteCount;
    if (p.revealed) for (const n of this.poll.tallies()) view.tallies.push(n);
    for (const [student, choice] of Object.entries(this.poll.votesByStudent())) {
      const mine = this.state.mine.get(student);
      if (!mine) continue;
      mine.votedPoll = p.id;
      mine.vote = choice;
    }
  }
}
