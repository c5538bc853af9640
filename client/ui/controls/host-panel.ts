// The host's controls over time: start the round, pause and resume, step one event while paused, change the speed
// (simulated time per real time), restart the round; and the host's exports (results as CSV, this round's replay).
// Shown to the host whatever role they also play.

import { savedSeatToken } from "../../net/connection";
import type { GameStateView } from "../../net/state";
import type { Session } from "../../session";
import { h, setChildren, setText, uid } from "../dom";
import type { Panel } from "../panel";
import { act, actionButton, statusLine } from "./act";

const SPEEDS = [0.02, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10];

export function speedWords(speed: number): string {
  const shown = `${speed}×`;
  if (speed >= 1) return `${shown}: ${speed} simulated second${speed === 1 ? "" : "s"} every real second`;
  return `${shown}: 1 simulated second every ${+(1 / speed).toFixed(1)} real seconds`;
}

/** The export addresses for a game's host (docs/protocol.md, "exports"); the token is the host's rejoin token. */
export function exportLinks(code: string, token: string, round: number): { csv: string; replay: string } {
  const base = `/api/rooms/${encodeURIComponent(code)}`;
  const query = `?token=${encodeURIComponent(token)}`;
  return { csv: `${base}/results.csv${query}`, replay: `${base}/rounds/${round}/replay.json${query}` };
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

  const exports = h("p", { class: "exports hint", hidden: true });
  let exportsFor = "";
  const showExports = (state: GameStateView) => {
    const token = savedSeatToken(state.code);
    const round = state.round;
    const key = `${state.code}|${round}|${token}`;
    if (key === exportsFor) return;
    exportsFor = key;
    if (!token) return;
    const { csv, replay } = exportLinks(state.code, token, round);
    setChildren(
      exports,
      "Export: ",
      h("a", { href: csv, download: `${state.code}-results.csv` }, "results (CSV)"),
      round > 0 ? " · " : "",
      round > 0 ? h("a", { href: replay, download: `${state.code}-round-${round}-replay.json` }, `round ${round} replay (JSON)`) : "",
    );
    exports.hidden = false;
  };

  const el = h(
    "section",
    { class: "panel", "aria-labelledby": "host-title", "data-panel": "host" },
    h("h2", { id: "host-title" }, "Host: time"),
    h("div", { class: "row" }, start, toggle, step, restart),
    h("div", { class: "row speed-row" }, h("label", { for: speedId }, "Speed"), slider, speedOut),
    status,
    exports,
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
      showExports(state);
    },
  };
}
