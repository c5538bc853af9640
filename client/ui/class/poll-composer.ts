// Predict, then reveal, from the teacher's side: write a question with two to four choices and ask it; watch how
// many have voted (never what, so nobody follows the crowd); close the voting; reveal the tally on every screen.

import type { ClassStateView } from "../../net/class-state";
import type { ClassLink } from "../../net/class-link";
import { h, setText, uid } from "../dom";
import { classAct } from "./class-act";
import { choiceLetter, pollChoices, pollStage, voteProgress } from "./class-words";
import { createTallyChart } from "./tally-chart";

const MIN_CHOICES = 2;
const MAX_CHOICES = 4;

export function createPollComposer(link: ClassLink): { el: HTMLElement; update(state: ClassStateView): void } {
  const status = h("p", { class: "status", role: "status" });
  const questionId = uid("question");
  const question = h("input", { id: questionId, type: "text", maxlength: 200, placeholder: "n1 is about to crash. Which node leads next?", autocomplete: "off" });
  const choiceList = h("ol", { class: "choice-inputs" });
  const inputs: HTMLInputElement[] = [];
  const addChoice = () => {
    const id = uid("choice");
    const input = h("input", { id, type: "text", maxlength: 80, autocomplete: "off" });
    inputs.push(input);
    choiceList.append(h("li", {}, h("label", { for: id }, `Choice ${choiceLetter(inputs.length - 1)}`), input));
  };
  for (let i = 0; i < MIN_CHOICES; i++) addChoice();
  const more = h("button", { type: "button" }, "Add a choice");
  const fewer = h("button", { type: "button" }, "Remove the last choice");
  const countButtons = () => {
    more.disabled = inputs.length >= MAX_CHOICES;
    fewer.disabled = inputs.length <= MIN_CHOICES;
  };
  more.addEventListener("click", () => {
    addChoice();
    countButtons();
    inputs[inputs.length - 1].focus();
  });
  fewer.addEventListener("click", () => {
    inputs.pop();
    choiceList.lastElementChild?.remove();
    countButtons();
  });
  countButtons();

  const ask = h("button", { type: "submit", class: "primary" }, "Ask the class");
  const form = h("form", { class: "poll-form" }, h("div", { class: "field" }, h("label", { for: questionId }, "Question"), question), choiceList, h("div", { class: "row" }, more, fewer, ask));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = question.value.trim();
    const checked = pollChoices(inputs.map((i) => i.value));
    if (!text) {
      status.dataset.ok = "false";
      setText(status, "Write the question first.");
      question.focus();
      return;
    }
    if (!checked.ok) {
      status.dataset.ok = "false";
      setText(status, checked.error);
      return;
    }
    void classAct(status, () => link.control({ op: "poll-open", question: text, choices: checked.choices }), "Asked: the students vote on their screens.");
  });

  const close = h("button", { type: "button" }, "Close voting");
  close.addEventListener("click", () => void classAct(status, () => link.control({ op: "poll-close" }), "Voting is closed."));
  const reveal = h("button", { type: "button", class: "primary" }, "Reveal the answers");
  reveal.addEventListener("click", () => void classAct(status, () => link.control({ op: "poll-reveal" }), "Revealed on every screen."));
  const asked = h("p", { class: "asked" });
  const progress = h("p", { class: "vote-progress", "aria-live": "polite" });
  const tally = createTallyChart();
  const live = h("div", { class: "poll-live" }, asked, progress, tally.el, h("div", { class: "row" }, close, reveal));

  const el = h(
    "section",
    { class: "console-panel poll-panel", "aria-labelledby": "poll-title" },
    h("h2", { id: "poll-title" }, "Predict, then reveal"),
    h("p", { class: "hint" }, "Pause the rounds, ask what happens next, reveal the answers, then resume and let the cluster show who was right."),
    live,
    form,
    status,
  );

  return {
    el,
    update(state) {
      const poll = state.poll;
      const stage = pollStage(poll);
      live.hidden = stage === "none";
      el.dataset.stage = stage;
      let students = 0;
      state.roster.forEach((s) => {
        if (!s.host) students++;
      });
      const words = { none: "", open: "Open", closed: "Voting closed", revealed: "Answers revealed" }[stage];
      setText(asked, stage === "none" ? "" : `${words}: ${poll.question}`);
      setText(progress, stage === "none" ? "" : voteProgress(poll.votes, students));
      close.disabled = stage !== "open";
      reveal.disabled = stage === "revealed" || stage === "none";
      tally.el.hidden = stage !== "revealed";
      if (stage === "revealed") tally.update(poll.choices, poll.tallies);
      // While a question is open the composer waits below it; its button then replaces that question.
      setText(ask, stage === "open" || stage === "closed" ? "Ask instead (replaces the question)" : "Ask the class");
    },
  };
}
