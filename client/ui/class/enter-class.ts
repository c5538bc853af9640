// A tab enters a class: the session remembers it, the class bar goes above every game this tab opens, and a student's
// seat is followed into their group's game. When the class is over for this tab (removed, ended, left), all of that
// is undone and the reason shown.

import type { ClassLink } from "../../net/class-link";
import type { Session } from "../../session";
import { showToast } from "../toast";
import { followSeat, type SeatFollower } from "./class-games";
import { mountClassBar } from "./class-bar";

/** The seat follower, for the class screen's "back into my group's game". */
let follower: SeatFollower | null = null;

export function enterClass(session: Session, link: ClassLink): void {
  session.classroom = link;
  const app = document.getElementById("app") ?? document.body;
  const unmountBar = mountClassBar(app, session, link);
  follower = followSeat(session, link);
  const url = new URL(window.location.href);
  // A reload comes back to this class (the rejoin token kept for its code does the rest).
  link.onState((state) => {
    if (url.searchParams.get("class") === state.code) return;
    url.searchParams.set("class", state.code);
    window.history.replaceState(null, "", url);
  });
  link.onLeave((reason) => {
    follower?.stop();
    follower = null;
    unmountBar();
    if (session.classroom === link) session.classroom = null;
    url.searchParams.delete("class");
    window.history.replaceState(null, "", url);
    if (reason) showToast(reason);
    // The class's games close with it; a game this tab still shows belongs to it.
    if (session.room) void session.leave(true);
  });
}

export function rejoinMyGame(): void {
  follower?.rejoin();
}
