// A student's side of predict-then-reveal: the teacher's question with one big button per choice (easy to tap on a
// tablet), the vote pressed and changeable until the question closes, then the tally with the student's own choice
// marked. A new question and the reveal are announced to screen readers.

import type { ClassStateView } from "../../net/class-state";
import type { ClassLink } from "../../net/class-link";
import { listValues } from "../../net/state";
import { h, setChildren, setText, uid } from "../dom";
import { classAct } from "./class-act";
import { choiceLetter, pollStage, voteProgress } from "./class-words";
import { createTallyChart } from "./tally-chart";

const STAGE_TITLES = { none: "", open: "Question: vote now", closed: "Question: voting closed", revealed: "The class answered" };

export function createPollCard(link: ClassLink): { el: HTMLElement; update(state: ClassStateView): void } {
  const titleId = uid("poll-title");
  const questionId = uid("poll-question");
  const title = h("h2", { id: titleId });
  const question = h("p", { class: "question", id: questionId });
  const choices = h("div", { class: "choices", role: "group", "aria-labelledby": questionId });
  const status = h("p", { class: "status", role: "status" });
  const announce = h("p", { class: "sr-only", "aria-live": "assertive" });
  const tally = createTallyChart();
  const dismiss = h("button", { type: "button", class: "dismiss" }, "Hide the answers");
  const el = h("section", { class: "poll-card", "aria-labelledby": titleId, hidden: true }, title, question, choices, tally.el, h("div", { class: "row" }, status, dismiss), announce);
  let buttons: HTMLButtonElement[] = [];
  let builtFor = "";
  let announced = "";
  let dismissedFor = "";

  dismiss.addEventListener("click", () => {
    dismissedFor = link.state?.poll.id ?? "";
    el.hidden = true;
  });

  const build = (state: ClassStateView) => {
    const poll = state.poll;
    buttons = listValues(poll.choices).map((text, i) => {
      const button = h("button", { type: "button", class: "choice", "aria-pressed": "false" }, h("span", { class: "choice-letter", "aria-hidden": "true" }, choiceLetter(i)), h("span", { class: "choice-text" }, text));
      button.setAttribute("aria-label", `${choiceLetter(i)}: ${text}`);
      button.addEventListener("click", () => {
        const id = link.state?.poll.id ?? "";
        void classAct(status, () => link.vote(id, i), `You voted ${choiceLetter(i)}: ${text}. You can change your mind until the teacher closes the question.`);
      });
      return button;
    });
    setChildren(choices, ...buttons);
    builtFor = `${poll.id}|${listValues(poll.choices).join("\n")}`;
    delete status.dataset.ok;
    setText(status, "");
  };

  return {
    el,
    update(state) {
      const poll = state.poll;
      const stage = pollStage(poll);
      el.hidden = stage === "none" || (stage === "revealed" && dismissedFor === poll.id);
      if (stage === "none") return;
      if (builtFor !== `${poll.id}|${listValues(poll.choices).join("\n")}`) build(state);
      el.dataset.stage = stage;
      setText(title, STAGE_TITLES[stage]);
      setText(question, poll.question);
      const mine = link.mine();
      const myVote = mine && mine.votedPoll === poll.id ? mine.vote : -1;
      if (link.isTeacher) {
        // The teacher projecting a group's game: the question and how many answered, no vote of their own.
        choices.hidden = true;
        tally.el.hidden = stage !== "revealed";
        dismiss.hidden = stage !== "revealed";
        if (stage === "revealed") tally.update(poll.choices, poll.tallies);
        let students = 0;
        state.roster.forEach((s) => {
          if (!s.host) students++;
        });
        setText(status, voteProgress(poll.votes, students));
        return;
      }
      buttons.forEach((button, i) => {
        button.setAttribute("aria-pressed", String(i === myVote));
        button.disabled = stage !== "open";
      });
      choices.hidden = stage === "revealed";
      tally.el.hidden = stage !== "revealed";
      dismiss.hidden = stage !== "revealed";
      if (stage === "revealed") tally.update(poll.choices, poll.tallies, myVote);
      if (stage !== "open") {
        delete status.dataset.ok;
        const picked = myVote >= 0 ? `Your vote: ${choiceLetter(myVote)}, ${listValues(poll.choices)[myVote]}.` : "You did not vote.";
        setText(status, stage === "closed" ? `${picked} Voting is closed: the teacher reveals the answers next.` : `${picked} Now watch what the cluster does.`);
      } else if (status.dataset.ok === undefined) {
        // Nothing sent from this screen yet (a fresh question, or a reload): say where the student stands.
        const choice = listValues(poll.choices)[myVote];
        setText(status, myVote >= 0 ? `Your vote: ${choiceLetter(myVote)}, ${choice}. You can change it until the teacher closes the question.` : "Tap the answer you expect. Nobody sees your vote until the teacher reveals the tally.");
      }
      const news = `${poll.id}|${stage}`;
      if (news !== announced) {
        announced = news;
        if (stage === "open") setText(announce, `New question from your teacher: ${poll.question}`);
        if (stage === "revealed") setText(announce, `The answers are revealed. ${poll.question}`);
      }
    },
  };
}
