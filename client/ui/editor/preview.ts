// The live preview beside the form: a moment after each edit, the level is played headless in a worker with its
// naive inputs and with its solution (preview-run.ts), and each result shows won or lost, when and why, and the
// debrief's timeline chart (availability, faults, goals). This is how an author knows before class that the level
// can be won, and cannot be won by doing nothing.

import type { Debrief, RoundReplay } from "../../../shared/debrief";
import { seconds } from "../../../shared/debrief/words";
import type { Level, PlayerStep } from "../../../shared/levels/schema";
import { chartLegend } from "../debrief/chart-legend";
import { sharedDefs } from "../debrief/colors";
import { momentsList } from "../debrief/moments-list";
import { chartSummary } from "../debrief/timeline-table";
import { createTimelineChart } from "../debrief/timeline-chart";
import { h, setText, uid } from "../dom";
import type { PlayName, PlayPreview } from "./preview-run";
import type { PreviewRequest } from "./preview-worker";

/** Quiet time after the last edit before the preview runs again. */
const DEBOUNCE_MS = 900;

type Answer = { ok: true; kind: "play"; preview: PlayPreview } | { ok: true; kind: "recorded"; steps: PlayerStep[] } | { ok: false; play?: PlayName; error: string };

export interface Preview {
  el: HTMLElement;
  /** The level changed: run again once edits pause (null: the level has problems, say so instead). */
  update(level: Level | null, problemCount: number): void;
  /** The seed the preview plays (test-play rooms use the same one). */
  seed(): number;
  destroy(): void;
}

function startWorker(): Worker {
  return new Worker(new URL("./preview-worker.ts", import.meta.url), { type: "module" });
}

export function createPreview(): Preview {
  const seedInput = h("input", { type: "number", id: "ed-seed", min: 0, step: 1, value: 1, inputmode: "numeric" });
  const status = h("p", { class: "status", role: "status", id: "ed-preview-status" });
  const cards: Record<PlayName, { el: HTMLElement; body: HTMLElement }> = {
    naive: card("naive", "The naive play", "must lose"),
    solution: card("solution", "The solution", "must win"),
  };
  const el = h(
    "section",
    { class: "ed-preview", "aria-labelledby": "ed-preview-title" },
    sharedDefs(),
    h("div", { class: "row ed-preview-head" }, h("h2", { id: "ed-preview-title" }, "Live preview"), h("div", { class: "field ed-seed" }, h("label", { for: seedInput.id }, "Seed"), seedInput)),
    status,
    cards.naive.el,
    cards.solution.el,
    chartLegend(),
  );
  let timer: number | undefined;
  let workers: Worker[] = [];
  let level: Level | null = null;
  let results: Partial<Record<PlayName, PlayPreview | string>> = {};

  const stop = () => {
    window.clearTimeout(timer);
    for (const w of workers) w.terminate();
    workers = [];
  };
  const run = () => {
    stop();
    if (!level) return;
    const seed = currentSeed();
    results = {};
    setText(status, `Playing the naive play and the solution on seed ${seed}…`);
    el.setAttribute("aria-busy", "true");
    const started = performance.now();
    const settle = (name: PlayName, result: PlayPreview | string) => {
      results[name] = result;
      show(cards[name], name, result);
      if (results.naive === undefined || results.solution === undefined) return;
      stop();
      el.removeAttribute("aria-busy");
      setText(status, verdictLine(results, seed, performance.now() - started));
    };
    // One worker per play, side by side: the preview takes as long as the slower of the two.
    for (const name of ["naive", "solution"] as PlayName[]) {
      cards[name].el.dataset.state = "running";
      const w = startWorker();
      workers.push(w);
      w.onmessage = (event: MessageEvent<Answer>) => {
        if (!workers.includes(w)) return;
        const answer = event.data;
        settle(name, answer.ok && answer.kind === "play" ? answer.preview : answer.ok ? "the worker answered something else" : answer.error);
      };
      w.onerror = (event) => {
        if (workers.includes(w)) settle(name, event.message || "the preview stopped with an error");
      };
      w.postMessage({ kind: "preview", level, seed, play: name } satisfies PreviewRequest);
    }
  };
  const currentSeed = () => {
    const n = Number(seedInput.value);
    return Number.isInteger(n) && n >= 0 ? n : 1;
  };
  seedInput.addEventListener("change", run);

  return {
    el,
    seed: currentSeed,
    update(next, problemCount) {
      level = next;
      stop();
      if (!next) {
        el.removeAttribute("aria-busy");
        for (const name of ["naive", "solution"] as PlayName[]) cards[name].el.dataset.state = "stale";
        setText(status, `Fix the level's ${problemCount === 1 ? "problem" : `${problemCount} problems`} (listed above the form) to play the preview.`);
        return;
      }
      setText(status, "Waiting for you to finish typing…");
      timer = window.setTimeout(run, DEBOUNCE_MS);
    },
    destroy: stop,
  };
}

function card(name: PlayName, title: string, must: string): { el: HTMLElement; body: HTMLElement } {
  const body = h("div", { class: "ed-play-body" }, h("p", { class: "hint" }, "Not played yet."));
  const el = h("article", { class: "ed-play", "data-play": name, "aria-labelledby": `ed-play-${name}` }, h("h3", { id: `ed-play-${name}` }, `${title}: ${must}`), body);
  return { el, body };
}

/** True when the play came out as it must: the naive play lost, the solution won. */
function asItMust(name: PlayName, d: Debrief): boolean {
  return name === "naive" ? d.outcome === "lost" : d.outcome === "won";
}

function show(target: { el: HTMLElement; body: HTMLElement }, name: PlayName, result: PlayPreview | string): void {
  if (typeof result === "string") {
    target.el.dataset.state = "error";
    target.body.replaceChildren(h("p", { class: "verdict", "data-ok": "false" }, `✗ Could not be played: ${result}`));
    return;
  }
  const d = result.debrief;
  const ok = asItMust(name, d);
  target.el.dataset.state = ok ? "ok" : "bad";
  const when = d.outcome === "unfinished" ? `Undecided at ${seconds(d.endMs)}` : `${d.outcome === "won" ? "Won" : "Lost"} at ${seconds(d.endMs)}`;
  const judgement = ok ? "as it must" : name === "naive" ? "but it must lose: the level can be won this way" : "but it must win";
  const summaryId = uid("ed-chart-summary");
  const chart = createTimelineChart(d, summaryId);
  chart.el.setAttribute("aria-label", `Timeline of the ${name === "naive" ? "naive play" : "solution"}`);
  target.body.replaceChildren(
    h("p", { class: "verdict", "data-ok": String(ok) }, h("span", { "aria-hidden": "true" }, ok ? "✓ " : "✗ "), `${when}, ${judgement}.`),
    h("p", { class: "why" }, d.outcomeText || "No goal or losing condition decided it by the time limit."),
    ...(result.refused.length > 0 ? [h("p", { class: "error" }, `Inputs refused: ${result.refused.join("; ")}`)] : []),
    chart.el,
    h("p", { class: "hint chart-summary", id: summaryId }, chartSummary(d)),
    h("details", { class: "ed-moments" }, h("summary", {}, "What decided it"), momentsList(d.moments)),
  );
}

function verdictLine(results: Partial<Record<PlayName, PlayPreview | string>>, seed: number, wallMs: number): string {
  const naive = results.naive;
  const solution = results.solution;
  if (typeof naive === "string" || typeof solution === "string" || !naive || !solution) return `The preview could not play everything on seed ${seed}.`;
  const took = `(played in ${(wallMs / 1000).toFixed(1)} s)`;
  const solved = solution.debrief.outcome === "won";
  const hard = naive.debrief.outcome === "lost";
  if (solved && hard) return `Seed ${seed}: the solution wins and the naive play loses. The level is proven on this seed ${took}.`;
  return `Seed ${seed}: ${solved ? "the solution wins" : "the solution does not win"}, ${hard ? "the naive play loses" : "the naive play does not lose"}. Not proven yet ${took}.`;
}

/** Turns a test-played round into solution steps, in a worker (it replays the round to see who led when). */
export function recordSolution(replay: RoundReplay): Promise<PlayerStep[]> {
  const worker = startWorker();
  return new Promise<PlayerStep[]>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<Answer>) => {
      const answer = event.data;
      if (answer.ok && answer.kind === "recorded") resolve(answer.steps);
      else reject(new Error(answer.ok ? "the worker answered something else" : answer.error));
    };
    worker.onerror = (event) => reject(new Error(event.message || "the replay stopped with an error"));
    worker.postMessage({ kind: "record", replay } satisfies PreviewRequest);
  }).finally(() => worker.terminate());
}
