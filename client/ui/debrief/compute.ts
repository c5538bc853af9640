// Runs buildDebrief in a worker (debrief-worker.ts) and hands back its result.

import type { Debrief, ForkInput, RoundReplay } from "../../../shared/debrief";

type Answer = { ok: true; debrief: Debrief } | { ok: false; error: string };

export function computeDebrief(replay: RoundReplay, fork?: ForkInput): Promise<Debrief> {
  const worker = new Worker(new URL("./debrief-worker.ts", import.meta.url), { type: "module" });
  return new Promise<Debrief>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<Answer>) => {
      const answer = event.data;
      if (answer.ok) resolve(answer.debrief);
      else reject(new Error(answer.error));
    };
    worker.onerror = (event) => reject(new Error(event.message || "the replay stopped with an error"));
    worker.postMessage(fork ? { replay, fork } : { replay });
  }).finally(() => worker.terminate());
}
