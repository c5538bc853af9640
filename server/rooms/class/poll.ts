// Predict, then reveal: the teacher asks a question with choices, students vote on their own screens (one vote each,
// changeable while the question is open), and the tallies stay on the server until the teacher reveals them, so
// nobody's prediction is swayed by the others'. Plain data; the class room projects it (PollView, MySeat.vote).

export interface PollQuestion {
  id: string;
  question: string;
  choices: string[];
}

export class Poll {
  readonly id: string;
  readonly question: string;
  readonly choices: readonly string[];
  open = true;
  revealed = false;
  /** studentId -> index of the chosen choice. */
  private readonly votes = new Map<string, number>();

  constructor(q: PollQuestion) {
    this.id = q.id;
    this.question = q.question;
    this.choices = [...q.choices];
  }

  /** Records or changes a vote; returns why not, in words. */
  vote(studentId: string, pollId: string, choice: number): string | undefined {
    if (pollId !== this.id) return "That question is no longer asked; answer the one on your screen.";
    if (!this.open) return "Voting on this question is closed.";
    if (choice >= this.choices.length) return `Pick one of the ${this.choices.length} choices (0 to ${this.choices.length - 1}).`;
    this.votes.set(studentId, choice);
    return undefined;
  }

  /** A student who left the class takes their vote with them. */
  forget(studentId: string): void {
    this.votes.delete(studentId);
  }

  get voteCount(): number {
    return this.votes.size;
  }

  /** studentId -> chosen choice (what the class's snapshot keeps). */
  votesByStudent(): Record<string, number> {
    return Object.fromEntries(this.votes);
  }

  /** A question as a snapshot kept it (a restarted server bringing its class back). */
  static restore(q: PollQuestion & { open: boolean; revealed: boolean; votes: Record<string, number> }): Poll {
    const poll = new Poll(q);
    poll.open = q.open;
    poll.revealed = q.revealed;
    for (const [student, choice] of Object.entries(q.votes)) if (choice < poll.choices.length) poll.votes.set(student, choice);
    return poll;
  }

  /** Votes per choice, in choice order. */
  tallies(): number[] {
    const counts = this.choices.map(() => 0);
    for (const choice of this.votes.values()) counts[choice]++;
    return counts;
  }
}
