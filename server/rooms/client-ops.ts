// A client-role player's own reads and writes. They go into the same Jepsen history as the bots' (so the
// checkers judge them too); this tracker learns which Jepsen process each one got and, when the simulation
// reports that process's completion, tells the room whom to answer and with what.

import type { ClientResultMessage } from "../../shared/protocol/messages";
import type { CompletionNotice, Simulation } from "../../shared/sim/simulation";

/** The `client-result` message (shared/protocol/messages.ts). */
export type ClientResult = ClientResultMessage;

export interface ClientOpCompletion {
  sessionId: string;
  result: ClientResult;
}

export class ClientOpTracker {
  /** Jepsen process -> the player who issued it. */
  private readonly owners = new Map<number, string>();
  /** Completions of players' ops not yet handed out (a refused connection completes inside act()). */
  private notices: CompletionNotice[] = [];
  private unsubscribe: (() => void) | undefined;

  /** Follows a new round's simulation, forgetting the old one. */
  attach(sim: Simulation): void {
    this.unsubscribe?.();
    this.owners.clear();
    this.notices = [];
    this.unsubscribe = sim.onCompletion((notice) => {
      if (!notice.bot) this.notices.push(notice);
    });
  }

  /**
   * Call right after a player's put/get was handed to the round, with the simulation's input count from just
   * before: the client input it recorded names the process the op runs as.
   */
  track(sessionId: string, sim: Simulation, inputsBefore: number): void {
    const inputs = sim.inputs;
    for (let i = inputs.length - 1; i >= inputsBefore; i--) {
      const input = inputs[i].input;
      if (input.type === "client") {
        this.owners.set(input.process, sessionId);
        return;
      }
    }
  }

  /** Completions since the last call, each addressed to the player whose op it was. */
  collect(): ClientOpCompletion[] {
    if (this.notices.length === 0) return [];
    const done: ClientOpCompletion[] = [];
    for (const notice of this.notices) {
      const sessionId = this.owners.get(notice.process);
      if (sessionId === undefined) continue;
      this.owners.delete(notice.process);
      done.push({ sessionId, result: toResult(notice) });
    }
    this.notices = [];
    return done;
  }

  /** A player left for good: their ops still complete in the history, but nobody is answered. */
  forget(sessionId: string): void {
    for (const [process, owner] of this.owners) if (owner === sessionId) this.owners.delete(process);
  }
}

export function toResult(notice: CompletionNotice): ClientResult {
  const { op, completion } = notice;
  const result: ClientResult = { f: op.f, key: op.key ?? "", ok: completion.type === "ok", latencyMs: notice.latencyMs, via: notice.target };
  if (completion.type === "ok") {
    if (completion.value !== undefined) result.value = completion.value;
    if (completion.note) result.note = completion.note;
  } else {
    result.error = completion.type === "info" ? `no answer in time (${completion.error}): it may or may not have taken effect` : completion.error;
  }
  // A write's answer says only "ok": the player sees what they wrote (for a MinIO put, the sha256 of its bytes).
  if (result.value === undefined && (op.f === "write" || op.f === "put") && op.value !== undefined) result.value = op.value;
  if (notice.stale) {
    result.stale = true;
    result.newer = notice.stale.newer;
    result.newerAckedAt = notice.stale.ackedAt;
  }
  return result;
}
