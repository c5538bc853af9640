// Replays a round off the page's main thread: a long round (CockroachDB's) takes seconds to simulate, during which
// the game, its connection and the debrief's own "Replaying…" line must stay alive. One request per worker.

import { buildDebrief, type ForkInput, type RoundReplay } from "../../../shared/debrief";

self.onmessage = (event: MessageEvent<{ replay: RoundReplay; fork?: ForkInput }>) => {
  const { replay, fork } = event.data;
  try {
    self.postMessage({ ok: true, debrief: buildDebrief(replay, fork) });
  } catch (error) {
    self.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) });
  }
};
