// The replay scrubber: a slider over the round's time (with Play), the cluster at that time, and "Fork from here":
// pick a different input at that moment and see how the round would have gone.

import type { Debrief, ForkChoice } from "../../../shared/debrief";
import { forkChoices } from "../../../shared/debrief/fork";
import { SAMPLE_MS, sampleAt } from "../../../shared/debrief/samples";
import { seconds } from "../../../shared/debrief/words";
import { field, h, setText, syncOptions } from "../dom";
import { createClusterView } from "./cluster-view";

export interface ReplayPanel {
  el: HTMLElement;
  setTime(t: number): void;
  /** Stops playing (the debrief closed). */
  destroy(): void;
}

export interface ReplayEvents {
  onTime(t: number): void;
  /** Runs the fork; resolves once its result is shown. */
  onFork(choice: ForkChoice, t: number): Promise<void>;
}

/** Replay speed while playing: simulated ms per real second. */
const PLAY_MS_PER_S = 4000;
const FRAME_MS = 100;

export function createReplayPanel(d: Debrief, events: ReplayEvents): ReplayPanel {
  const end = d.samples.at(-1)?.t ?? d.endMs;
  const slider = h("input", { type: "range", min: 0, max: end, step: SAMPLE_MS, value: 0, class: "scrubber" });
  const time = h("output", { class: "scrub-time" }, seconds(0));
  const play = h("button", { type: "button", class: "play" }, "Play");
  const view = createClusterView();
  const choice = h("select", {});
  const fork = h("button", { type: "button", class: "primary" }, "Fork from here");
  const status = h("p", { class: "status", role: "status" });
  let choices: ForkChoice[] = [];
  let timer: number | undefined;

  const setTime = (t: number) => {
    const clamped = Math.min(end, Math.max(0, t));
    slider.value = String(clamped);
    setText(time, seconds(clamped));
    const sample = sampleAt(d.samples, clamped);
    view.show(sample, [...d.series.marks].reverse().find((m) => m.t <= clamped));
    choices = forkChoices(sample);
    syncOptions(choice, choices.map((c, i) => ({ value: String(i), label: c.label })));
    fork.disabled = choices.length === 0 || clamped >= end;
    events.onTime(clamped);
  };
  const stop = () => {
    window.clearInterval(timer);
    timer = undefined;
    setText(play, "Play");
  };
  slider.addEventListener("input", () => {
    stop();
    setTime(Number(slider.value));
  });
  play.addEventListener("click", () => {
    if (timer !== undefined) return stop();
    if (Number(slider.value) >= end) setTime(0);
    setText(play, "Pause");
    timer = window.setInterval(() => {
      const next = Number(slider.value) + (PLAY_MS_PER_S * FRAME_MS) / 1000;
      setTime(next);
      if (next >= end) stop();
    }, FRAME_MS);
  });
  fork.addEventListener("click", async () => {
    const picked = choices[Number(choice.value)];
    if (!picked) return;
    stop();
    const t = Number(slider.value);
    fork.disabled = true;
    setText(status, `Replaying to ${seconds(t)}, then "${picked.label}", then on to the end…`);
    try {
      await events.onFork(picked, t);
      setText(status, "");
    } catch (error) {
      setText(status, `The fork could not be run: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      fork.disabled = false;
    }
  });

  const el = h(
    "div",
    { class: "replay-panel" },
    h("div", { class: "scrub-row" }, play, field("Replay time", slider), time),
    view.el,
    h("div", { class: "fork-row" }, field("What if, at this moment:", choice), fork),
    status,
  );
  setTime(0);
  return { el, setTime, destroy: stop };
}
