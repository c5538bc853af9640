// Brings back, when the server starts, the rooms that were open when it stopped (killed, crashed or restarted):
// each comes back with its join code, level and seed, its current round replayed from the stored journal, paused,
// and the seats that were held reserved for their players (GameRoom's restore, rejoin.ts).

import { matchMaker } from "@colyseus/core";
import type { Store } from "./store";

/** The create option that asks GameRoom to restore a stored room. Stripped from players' requests by onAuth. */
export const RESTORE_KEY = "restoreCode";

/**
 * How long a restored room waits for its players before an empty room closes as usual: long enough for a class
 * whose server went down to notice, restart it and come back.
 */
export const RESTORE_HOLD_SECONDS = 60 * 60;

export interface Recovered {
  code: string;
  /** Why the room could not come back; it is then marked ended (its results stay exportable). */
  error?: string;
}

export async function recoverRooms(store: Store): Promise<Recovered[]> {
  const out: Recovered[] = [];
  for (const room of store.rooms.open()) {
    if (room.classCode !== null) {
      // A class's group is seated and driven by its class room (server/rooms/class/), which is not restored: alone,
      // it would come back with nobody able to host it. Its results stay exportable.
      store.rooms.end(room.id);
      out.push({ code: room.code, error: `a group of class ${room.classCode}: it comes back only with its class` });
      continue;
    }
    try {
      // name: the creator's, which nobody uses for a restore (the seats come from the store).
      await matchMaker.createRoom("game", { level: room.level, seed: room.seed, name: "restore", [RESTORE_KEY]: room.code });
      out.push({ code: room.code });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      console.error(`Room ${room.code} (${room.level}) could not be brought back and is closed: ${reason}`);
      store.rooms.end(room.id);
      out.push({ code: room.code, error: reason });
    }
  }
  return out;
}
