// Runs the editor's preview off the page's main thread (the debrief's worker does the same for a round): a long
// level (CockroachDB's) takes seconds to simulate, during which the form must stay responsive. One request per
// worker (the naive play and the solution run side by side); the editor terminates workers an edit has made stale.

import type { RoundReplay } from "../../../shared/debrief";
import type { Level } from "../../../shared/levels/schema";
import { type PlayName, previewPlay, solutionFromReplay } from "./preview-run";

export type PreviewRequest = { kind: "preview"; level: Level; seed: number; play: PlayName } | { kind: "record"; replay: RoundReplay };

self.onmessage = (event: MessageEvent<PreviewRequest>) => {
  const request = event.data;
  if (request.kind === "record") {
    answer(() => ({ kind: "recorded", steps: solutionFromReplay(request.replay) }));
    return;
  }
  answer(() => ({ kind: "play", preview: previewPlay(request.level, request.seed, request.play) }), request.play);
};

function answer(compute: () => object, play?: PlayName): void {
  try {
    self.postMessage({ ok: true, ...compute() });
  } catch (error) {
    self.postMessage({ ok: false, play, error: error instanceof Error ? error.message : String(error) });
  }
}
