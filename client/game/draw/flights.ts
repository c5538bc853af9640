// Which messages to draw and how far along they are. The room lists a message while it is in flight in simulated
// time, but a LAN hop (2 ms) at a watchable speed lasts a few real milliseconds, often less than one state patch.
// So a flight is tracked from the moment the client first sees it and lasts at least MIN_FLIGHT_MS of real time:
// its progress is the smaller of the simulated progress (so pausing freezes it) and the real-time progress (so
// the eye can follow it). A message that has already landed on the server finishes its flight on screen.

import type { MessageView } from "../../net/state";
import { flightProgress } from "./sim-clock";

export const MIN_FLIGHT_MS = 450;
const MAX_TRACKED = 300;

export interface Flight {
  message: MessageView;
  progress: number;
}

interface Tracked {
  message: MessageView;
  seenAt: number;
}

export class FlightTracker {
  private tracked = new Map<string, Tracked>();

  /** Take the room's current in-flight list; returns the flights to draw at (simNow, wallNow). */
  update(current: readonly MessageView[], simNow: number, wallNow: number): Flight[] {
    for (const message of current) {
      if (!this.tracked.has(message.id)) {
        // Copy: the SDK reuses or drops the schema instance once the message lands.
        this.tracked.set(message.id, { message: plain(message), seenAt: wallNow });
      }
    }
    const flights: Flight[] = [];
    for (const [id, t] of this.tracked) {
      const sim = flightProgress(t.message.sentAt, t.message.arriveAt, simNow) ?? 0;
      const real = Math.min(1, (wallNow - t.seenAt) / MIN_FLIGHT_MS);
      const progress = Math.min(sim, real);
      if (progress >= 1) this.tracked.delete(id);
      else flights.push({ message: t.message, progress });
    }
    while (this.tracked.size > MAX_TRACKED) {
      const oldest = this.tracked.keys().next().value;
      if (oldest === undefined) break;
      this.tracked.delete(oldest);
    }
    return flights;
  }

  /** A restarted round reuses message ids: forget everything. */
  clear(): void {
    this.tracked.clear();
  }
}

function plain(m: MessageView): MessageView {
  return { id: m.id, from: m.from, to: m.to, kind: m.kind, sentAt: m.sentAt, arriveAt: m.arriveAt };
}
