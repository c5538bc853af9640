// Brings back, when the server starts, the classes and rooms that were open when it stopped (killed, crashed or
// restarted): a game comes back with its join code, level and seed, its current round replayed from the stored
// journal, paused, and the seats that were held reserved for their players (GameRoom's restore, rejoin.ts); a class
// comes back with its roster, groups, question and votes, and brings back its groups' games (ClassRoom's restore).

import { matchMaker } from "@colyseus/core";
import type { Store } from "./store";

/** The create option that asks GameRoom to restore a stored room. Stripped from players' requests by onAuth. */
export const RESTORE_KEY = "restoreCode";
/** The create option that asks ClassRoom to restore a stored class. Stripped from people's requests by onAuth. */
export const RESTORE_CLASS_KEY = "restoreClass";

/**
 * How long a restored room waits for its players before an empty room closes as usual: long enough for a class
 * whose server went down to notice, restart it and come back.
 */
export const RESTORE_HOLD_SECONDS = 60 * 60;

/** A restored room (a game or a class) waits RESTORE_HOLD_SECONDS for its people, then closes once empty as usual. */
export function holdForReturn(room: { autoDispose: boolean; clock: { setTimeout(fn: () => void, ms: number): unknown } }): void {
  room.autoDispose = false;
  room.clock.setTimeout(() => {
    room.autoDispose = true;
  }, RESTORE_HOLD_SECONDS * 1000);
}

export interface Recovered {
  code: string;
  /** Why the room could not come back; it is then marked ended (its results stay exportable). */
  error?: string;
}

export async function recoverRooms(store: Store): Promise<Recovered[]> {
  const out: Recovered[] = [];
  // Classes first: each brings back its groups' games itself (ClassRoom's restore), seated by its own tickets.
  const classes = new Set<string>();
  for (const session of store.classes.open()) {
    try {
      await matchMaker.createRoom("class", { [RESTORE_CLASS_KEY]: session.code });
      classes.add(session.code);
      out.push({ code: session.code });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      console.error(`Class ${session.code} could not be brought back and is closed: ${reason}`);
      store.classes.end(session.id);
      out.push({ code: session.code, error: reason });
    }
  }
  for (const room of store.rooms.open()) {
    if (room.classCode !== null) {
      // A class's group is seated and driven by its class room: it came back with its class, or not at all (alone,
      // nobody could host it). Its results stay exportable either way.
      if (classes.has(room.classCode) && (await matchMaker.query({ name: "game", code: room.code })).length > 0) continue;
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
