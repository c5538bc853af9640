// Into a group's game from the class. A student follows their own seat: whenever the class hands them a new game
// or ticket (moved to another group, a new level, a new mode) the old game is left and the new one joined; the game
// screen follows the session. The teacher opens any group's game with their host ticket, and comes back.

import { joinByTicket } from "../../net/class-connection";
import type { ClassLink } from "../../net/class-link";
import { describeJoinError } from "../../net/connection";
import type { Session } from "../../session";
import { showToast } from "../toast";

/** Leaves whatever game this tab is in (the game screen goes back to the class screen) and joins this one. */
export async function enterGame(session: Session, gameCode: string, ticket: string): Promise<boolean> {
  if (session.room) await session.leave(true);
  try {
    session.attach(await joinByTicket(session.client, gameCode, ticket), false);
    return true;
  } catch (error) {
    showToast(`Could not open the group's game: ${describeJoinError(error)}`);
    return false;
  }
}

export interface SeatFollower {
  /** Join the seat's game again (after the student left it from the game screen). */
  rejoin(): void;
  stop(): void;
}

/** A student's seat, followed: joins `mine.gameCode` with `mine.ticket`, and again whenever they change. */
export function followSeat(session: Session, link: ClassLink): SeatFollower {
  let joined = "";
  let busy = false;
  let stopped = false;
  const sync = async (): Promise<void> => {
    const mine = link.mine();
    // The teacher holds a ticket to every group: they open games from the console, nothing follows them.
    if (stopped || busy || link.isTeacher || !mine?.gameCode || !mine.ticket) return;
    const key = `${mine.gameCode}|${mine.ticket}`;
    if (key === joined) return;
    joined = key;
    busy = true;
    try {
      await enterGame(session, mine.gameCode, mine.ticket);
    } finally {
      busy = false;
    }
    // The seat may have changed again while this join was on its way.
    await sync();
  };
  const off = link.onState(() => void sync());
  void sync();
  return {
    rejoin() {
      joined = "";
      void sync();
    },
    stop() {
      stopped = true;
      off();
    },
  };
}
