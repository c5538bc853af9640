// The messages between nodes, read back from a replayed round's trace (shared/sim/trace.ts, written by
// simulation.ts): a send is `[t,"send",id,from,to,arriveAt,body]`, a message lost on the way out
// `[t,"drop",id,from,to,reason,body]`, one lost on arrival (receiver down, link cut meanwhile) `[t,"drop",id,reason]`,
// and a delivery `[t,"deliver",id]`. The sequence diagram draws them for a window of time.

export interface SeqMessage {
  id: number;
  from: string;
  to: string;
  kind: string;
  sentAt: number;
  /** When it was delivered or dropped (for a message lost on the way out, the send time). */
  at: number;
  dropped: boolean;
  /** Why it was dropped: "cut", "loss", "node down", ... */
  reason?: string;
}

const EVENT = /^\[(\d+),"(send|drop|deliver)",(\d+)/;

export function messagesFromTrace(lines: readonly string[]): SeqMessage[] {
  const byId = new Map<number, SeqMessage>();
  const out: SeqMessage[] = [];
  for (const line of lines) {
    const m = EVENT.exec(line);
    if (!m) continue;
    const t = Number(m[1]);
    const id = Number(m[3]);
    const known = byId.get(id);
    if (known) {
      // The message's end: a delivery, or a drop on arrival.
      known.at = t;
      if (m[2] === "drop") {
        known.dropped = true;
        known.reason = (JSON.parse(line) as unknown[])[3] as string;
      }
      byId.delete(id);
      continue;
    }
    if (m[2] === "deliver") continue;
    const [, , , from, to, arriveOrReason, body] = JSON.parse(line) as [number, string, number, string, string, number | string, { kind?: unknown }];
    const message: SeqMessage = { id, from, to, kind: typeof body?.kind === "string" ? body.kind : "message", sentAt: t, at: t, dropped: false };
    if (typeof arriveOrReason === "string") {
      message.dropped = true;
      message.reason = arriveOrReason;
    } else {
      // In flight until its delivery or drop line; one still in flight at the end keeps its planned arrival.
      message.at = arriveOrReason;
      byId.set(id, message);
    }
    out.push(message);
  }
  return out;
}

export interface MessageWindow {
  shown: SeqMessage[];
  /** How many messages the window holds in all (shown is capped). */
  total: number;
}

/** The messages sent or ending within [from, to], earliest sent first, at most `cap` of them. */
export function messagesIn(messages: readonly SeqMessage[], from: number, to: number, cap: number): MessageWindow {
  const inside = messages.filter((m) => (m.sentAt >= from && m.sentAt <= to) || (m.at >= from && m.at <= to) || (m.sentAt < from && m.at > to));
  return { shown: inside.slice(0, cap), total: inside.length };
}
