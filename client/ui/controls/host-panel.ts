// The host's controls over time: start the round, pause and resume, step one event while paused, change the speed
// (simulated time per real time), restart the round. Shown to the host whatever role they also play.

import type { GameStateView } from "../../net/state";
import type { Session } from "../../session";
import { h, setText, uid } from "../dom";
import type { Panel } from "../panel";
import { act, actionButton, statusLine } from "./act";

const SPEEDS = [0.02, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10];

export function speedWords(speed: number): string {
  const shown = `${speed}×`;
  if (speed >= 1) return `${shown}: ${speed} simulated second${speed === 1 ? "" : "s"} every real second`;
  return `${shown}: 1 simulated second every ${+(1 / speed).toFixed(1)} real seconds`;
}

export function createHostPanel(session: Session): Panel {
  const status = statusLine();
  const phase = () => session.state?.phase ?? "lobby";
  const paused = () => session.state?.paused ?? false;

  const toggle = actionButton("Pause", () =>
    paused() ? act(session, status, "control", { op: "resume" }, "Resumed.") : act(session, status, "control", { op: "pause" }, "Paused: step through events one at a time, or resume."),
  );
  const start = actionButton("Start round", async () => {
    if (await act(session, status, "control", { op: "start" }, "The round is running.")) toggle.focus();
  }, "primary");
  const step = actionButton("Step one event", () => act(session, status, "control", { op: "step" }, "Stepped one event."));
  const restart = actionButton("Restart round", () => act(session, status, "control", { op: "restart" }, "Restarted: the round waits in the lobby until you start it."));

  const speedId = uid("speed");
  const speeds = [...SPEEDS];
  const slider = h("input", { id: speedId, type: "range", min: 0, max: speeds.length - 1, step: 1, value: 3 });
  const speedOut = h("output", { for: speedId });
  let shownSpeed = -1;
  const showSpeed = (speed: number) => {
    if (!speeds.includes(speed)) {
      speeds.push(speed);
      speeds.sort((a, b) => a - b);
      slider.max = String(speeds.length - 1);
    }
    slider.value = String(speeds.indexOf(speed));
    slider.setAttribute("aria-valuetext", speedWords(speed));
    setText(speedOut, `${speed}×`);
    shownSpeed = speed;
  };
  slider.addEventListener("input", () => {
    const speed = speeds[Number(slider.value)];
    slider.setAttribute("aria-valuetext", speedWords(speed));
    setText(speedOut, `${speed}×`);
  });
  slider.addEventListener("change", () => {
    const speed = speeds[Number(slider.value)];
    void act(session, status, "control", { op: "speed", speed }, `Speed ${speedWords(speed)}.`);
  });

  const el = h(
    "section",
    { class: "panel", "aria-labelledby": "host-title", "data-panel": "host" },
    h("h2", { id: "host-title" }, "Host: time"),
    h("div", { class: "row" }, start, toggle, step, restart),
    h("div", { class: "row speed-row" }, h("label", { for: speedId }, "Speed"), slider, speedOut),
    status,
  );

  return {
    el,
    update(state: GameStateView) {
      const running = state.phase === "running";
      start.hidden = phase() !== "lobby";
      toggle.hidden = !running;
      setText(toggle, state.paused ? "Resume" : "Pause");
      step.disabled = !(running && state.paused);
      step.hidden = !running;
      restart.hidden = state.phase === "lobby" && state.simTime === 0;
      // The slider shows the room's speed unless the host is dragging it right now.
      if (state.speed !== shownSpeed && document.activeElement !== slider) showSpeed(Math.round(state.speed * 1000) / 1000);
    },
  };
}
