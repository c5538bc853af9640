// Test-play: the saved level in a real room of this server, opened as the game opens any room (role picker, then
// the game), with a bar that stays on screen throughout: once the round is over, "Use my play as the solution"
// turns the round's inputs (the room's "replay" request) into the level's solution steps and goes back to the
// editor with them filled in; "Back to the editor" just goes back.

import type { ReplayReply, ResultMessage } from "../../../shared/protocol/messages";
import type { GameRoom } from "../../net/connection";
import type { Session } from "../../session";
import { h, setText } from "../dom";
import { DRAFT_KEY, readStoredDraft, writeStoredDraft } from "./draft";
import { recordSolution } from "./preview";

/** What the editor should say when it opens again after a test-play (same page, so module state carries it). */
let notice = "";

export function takeNotice(): string {
  const said = notice;
  notice = "";
  return said;
}

/** Creates the room on the preview's seed (so the round starts as the preview's did) and seats the author as host. */
export async function startTestPlay(session: Session, levelId: string, title: string, seed: number): Promise<void> {
  const name = session.name || "Level author";
  const room = (await session.client.create("game", { level: levelId, name, seed })) as GameRoom;
  session.attach(room, true);
  mountBar(session, title);
}

function mountBar(session: Session, title: string): void {
  document.getElementById("ed-testplay")?.remove();
  const use = h("button", { type: "button", class: "primary" }, "Use my play as the solution");
  const back = h("button", { type: "button" }, "Back to the editor");
  const status = h("p", { class: "status", role: "status" }, "Once the round is over, your play can become the solution.");
  const bar = h("aside", { class: "ed-testplay", id: "ed-testplay", "aria-label": "Test-play" }, h("strong", {}, `Test-playing “${title}”`), use, back, status);
  use.disabled = true;
  document.body.append(bar);

  const offState = session.onState((state) => {
    const over = state.phase === "won" || state.phase === "lost";
    if (use.disabled === over) {
      use.disabled = !over;
      if (over) setText(status, `Round ${state.phase}: your play can become the solution.`);
    }
  });
  const offLeave = session.onLeave(() => close());
  const close = () => {
    offState();
    offLeave();
    bar.remove();
  };
  back.addEventListener("click", () => {
    close();
    void session.leave(true);
  });
  use.addEventListener("click", async () => {
    use.disabled = true;
    setText(status, "Fetching the round's inputs…");
    try {
      const steps = await recordFrom(session.room);
      const stored = readStoredDraft(localStorage);
      if (!stored) throw new Error(`the editor's draft (${DRAFT_KEY}) is gone from this browser`);
      stored.draft.solution = steps;
      writeStoredDraft(localStorage, stored);
      notice =
        steps.length === 0
          ? "Your play had no actions of yours, so the solution is now empty: a level needs at least one solution step."
          : `Your play is now the solution: ${steps.length} step${steps.length === 1 ? "" : "s"}. The preview plays it on its seed.`;
      close();
      await session.leave(true);
    } catch (error) {
      setText(status, `Could not record your play: ${error instanceof Error ? error.message : String(error)}`);
      use.disabled = false;
    }
  });
}

async function recordFrom(room: GameRoom | null): Promise<Awaited<ReturnType<typeof recordSolution>>> {
  if (!room) throw new Error("you are no longer in the room");
  const reply = (await room.request("replay")) as ReplayReply | ResultMessage;
  if (!reply.ok || !("replay" in reply)) throw new Error(reply.error ?? "the server did not send the round's inputs");
  return recordSolution(reply.replay);
}
