// The debrief, opened from the outcome banner once a round is over (loaded on demand: it brings the whole
// simulation with it). It asks the room for the round's replay, replays it in a worker, and shows what decided the
// outcome, the timeline chart, the cluster at any moment with "what if" forks, the messages of a window as a
// sequence diagram, and who did what.

import type { Debrief, ForkChoice, Moment, RoundReplay } from "../../../shared/debrief";
import { firstWindow, windowAround } from "../../../shared/debrief/windows";
import { seconds } from "../../../shared/debrief/words";
import type { ReplayReply, ResultMessage } from "../../../shared/protocol/messages";
import type { Session } from "../../session";
import { h, setText, uid } from "../dom";
import { actionsTable } from "./actions-table";
import { chartLegend } from "./chart-legend";
import { computeDebrief } from "./compute";
import { sharedDefs } from "./colors";
import { createMessagesPanel } from "./messages-panel";
import { momentsList } from "./moments-list";
import { createReplayPanel } from "./replay-panel";
import { chartSummary, timelineTables } from "./timeline-table";
import { createTimelineChart, type ChartEvents } from "./timeline-chart";

let open: HTMLDialogElement | null = null;

export async function openDebrief(session: Session): Promise<void> {
  if (open) return open.showModal();
  const titleId = uid("debrief-title");
  const title = h("h2", { id: titleId }, `Debrief: ${session.state?.levelTitle ?? "the round"}`);
  const close = h("button", { type: "button", class: "debrief-close" }, "Close debrief");
  const status = h("p", { class: "status", role: "status" }, "Fetching the round's inputs…");
  const body = h("div", { class: "debrief-body" }, status);
  const dialog = h("dialog", { class: "debrief", "aria-labelledby": titleId }, h("header", { class: "debrief-head" }, title, close), sharedDefs(), body);
  open = dialog;
  let cleanup = () => {};
  close.addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => {
    cleanup();
    dialog.remove();
    open = null;
  });
  document.body.append(dialog);
  dialog.showModal();

  const replay = await fetchReplay(session);
  if (typeof replay === "string") return void setText(status, replay);
  setText(status, "Replaying the round in your browser…");
  let debrief: Debrief;
  try {
    debrief = await computeDebrief(replay);
  } catch (error) {
    return void setText(status, `The round could not be replayed: ${error instanceof Error ? error.message : String(error)}`);
  }
  cleanup = renderDebrief(body, debrief, replay);
}

async function fetchReplay(session: Session): Promise<RoundReplay | string> {
  const room = session.room;
  if (!room) return "You are no longer in the game, so its replay cannot be fetched.";
  try {
    const reply = (await room.request("replay")) as ReplayReply | ResultMessage;
    return reply.ok && "replay" in reply ? reply.replay : (reply.error ?? "The server did not send the replay.");
  } catch (error) {
    return `The server did not answer: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Fills the dialog; returns what to stop when it closes. */
function renderDebrief(body: HTMLElement, d: Debrief, replay: RoundReplay): () => void {
  const summaryId = uid("chart-summary");
  let chart: ReturnType<typeof createTimelineChart> | undefined;
  let replayPanel: ReturnType<typeof createReplayPanel> | undefined;
  const events: ChartEvents = {
    onPick: (t) => replayPanel?.setTime(t),
    onWindow: (from, to) => messages.setWindow(from, to),
  };
  chart = createTimelineChart(d, summaryId, events);
  const messages = createMessagesPanel(d, (from, to) => chart?.setWindow(from, to));
  const forkHost = h("section", { class: "debrief-fork", "aria-live": "polite" });
  replayPanel = createReplayPanel(d, {
    onTime: (t) => chart?.setCursor(t),
    onFork: async (choice, t) => {
      const fork = await computeDebrief(replay, { t, input: choice.input });
      forkHost.replaceChildren(forkResult(d, fork, choice, t));
      forkHost.scrollIntoView({ block: "start", behavior: "smooth" });
    },
  });
  const pick = (m: Moment) => {
    replayPanel?.setTime(m.t);
    const w = windowAround(d, m.t);
    messages.setWindow(w.from, w.to);
  };
  const first = firstWindow(d);
  messages.setWindow(first.from, first.to);

  const unfaithful = h("p", { class: "error", role: "alert", hidden: d.faithful }, "This replay differs from the round as it was played (the game changed since): read it with care.");
  body.replaceChildren(
    outcomeLine(d, `Round ${replay.round}`),
    unfaithful,
    section("Timeline", h("div", {}, chart.el, chartLegend(), h("p", { id: summaryId, class: "hint chart-summary" }, chartSummary(d)), timelineTables(d)), "timeline"),
    h(
      "div",
      { class: "debrief-grid" },
      section("What decided it", momentsList(d.moments, pick), "moments"),
      section("Replay and what if", replayPanel.el, "replay"),
    ),
    forkHost,
    h(
      "div",
      { class: "debrief-grid wide" },
      section("Messages", messages.el, "messages"),
      section("Who did what", actionsTable(d.actions), "actions"),
    ),
  );
  return () => replayPanel?.destroy();
}

function section(title: string, content: HTMLElement, name: string): HTMLElement {
  const id = uid(`debrief-${name}`);
  return h("section", { class: `debrief-section debrief-${name}`, "aria-labelledby": id }, h("h3", { id }, title), content);
}

function outcomeLine(d: Debrief, what: string): HTMLElement {
  const verdict = d.outcome === "won" ? "✓ Won" : d.outcome === "lost" ? "✗ Lost" : "Not decided";
  return h("p", { class: "debrief-outcome", "data-outcome": d.outcome }, h("strong", {}, `${what}: ${verdict} at ${seconds(d.endMs)}.`), ` ${reason(d)}`);
}

/** The outcome text without its own "Won:"/"Lost:", which the verdict beside it already says. */
function reason(d: Debrief): string {
  const text = d.outcomeText.replace(/^(won|lost):\s*/i, "");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A fork's own chart, outcome and moments, beside what really happened. */
function forkResult(recorded: Debrief, fork: Debrief, choice: ForkChoice, t: number): HTMLElement {
  const summaryId = uid("fork-summary");
  // On the recorded round's time scale, so the two charts compare at a glance.
  const chart = createTimelineChart(fork, summaryId, {}, Math.max(recorded.endMs, fork.endMs));
  chart.setCursor(t);
  const verdict = (x: Debrief) => (x.outcome === "unfinished" ? "not decided" : `${x.outcome} at ${seconds(x.endMs)}`);
  const changed = recorded.outcome !== fork.outcome ? "The outcome changes." : "The outcome stays the same.";
  const dismiss = h("button", { type: "button" }, "Close this what-if");
  const el = h(
    "div",
    { class: "fork-result", "data-outcome": fork.outcome },
    h("h3", {}, `What if: ${choice.label} at ${seconds(t)}`),
    h("p", { class: "debrief-outcome", "data-outcome": fork.outcome }, h("strong", {}, `${changed} Played: ${verdict(recorded)}. This what-if: ${verdict(fork)}.`), ` ${reason(fork)}`),
    fork.skipped.length > 0 ? h("p", { class: "hint" }, `Later inputs that no longer applied, skipped: ${fork.skipped.join("; ")}.`) : null,
    chart.el,
    h("p", { id: summaryId, class: "hint chart-summary" }, chartSummary(fork)),
    momentsList(fork.moments),
    dismiss,
  );
  dismiss.addEventListener("click", () => el.remove());
  return el;
}
