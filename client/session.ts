// Everything one browser tab knows about its game: the SDK client, the joined room, who this player is, what they
// selected and whether motion is reduced, and the class it belongs to, if any. Scenes and overlay panels read it;
// only the net layer writes to the room.

import type { Client } from "@colyseus/sdk";
import type { ClassLink } from "./net/class-link";
import { Commands, createClient, type GameRoom, keepSeatToken } from "./net/connection";
import type { LevelSummary } from "./net/levels";
import type { GameStateView, PlayerView } from "./net/state";
import { Selection } from "./ui/selection";
import { showToast } from "./ui/toast";

export class Session {
  readonly client: Client = createClient();
  readonly selection = new Selection();
  levels: LevelSummary[] = [];
  levelsError = "";
  name = "";
  room: GameRoom | null = null;
  commands: Commands | null = null;
  /** Whether this tab created the room (the creator is the host). */
  created = false;
  /** The class this tab is in (a student, or the teacher), or null: its game rooms come and go under it. */
  classroom: ClassLink | null = null;
  private readonly motionQuery = window.matchMedia("(prefers-reduced-motion: reduce)");
  private synced = false;
  private stateListeners = new Set<(state: GameStateView) => void>();
  private leaveListeners = new Set<(reason: string) => void>();
  private attachListeners = new Set<() => void>();

  /** Read live, so changing the system setting mid-game takes effect at once. */
  get reducedMotion(): boolean {
    return this.motionQuery.matches;
  }

  attach(room: GameRoom, created: boolean): void {
    this.room = room;
    this.created = created;
    this.commands = new Commands(room);
    this.synced = false;
    room.onStateChange((state) => {
      // The first state names the code: keep this seat's rejoin token for it (the host's also opens the exports).
      if (!this.synced) void keepSeatToken(room, state.code);
      this.synced = true;
      for (const listener of this.stateListeners) listener(state);
    });
    room.onDrop(() => showToast("Connection lost: reconnecting…"));
    room.onReconnect(() => showToast("Reconnected."));
    room.onLeave((code, reason) => {
      if (this.room !== room) return;
      // The room is gone for good (the SDK already tried to reconnect): forget it before telling the scenes.
      this.room = null;
      this.commands = null;
      const why = `You are no longer in the game${reason ? `: ${reason}` : ` (connection closed, code ${code})`}.`;
      for (const listener of [...this.leaveListeners]) listener(why);
      this.stateListeners.clear();
      this.leaveListeners.clear();
    });
    for (const listener of [...this.attachListeners]) listener();
  }

  /** Told whenever a game room is attached (the menu then hands over to the game screen). */
  onAttach(listener: () => void): () => void {
    this.attachListeners.add(listener);
    return () => this.attachListeners.delete(listener);
  }

  /** The room's state, once the first full state has arrived (before that its fields are not yet decoded). */
  get state(): GameStateView | null {
    return this.room && this.synced ? this.room.state : null;
  }

  /** This player's row in the room's player list (undefined until the first patch). */
  me(): PlayerView | undefined {
    const state = this.state;
    return state && this.room ? state.players.get(this.room.sessionId) : undefined;
  }

  onState(listener: (state: GameStateView) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  onLeave(listener: (reason: string) => void): () => void {
    this.leaveListeners.add(listener);
    return () => this.leaveListeners.delete(listener);
  }

  /**
   * Leaves the game room. With `tell`, the screens hear of it as of any other leave (with no reason to show), so the
   * game screen goes back to the menu: a class switching its member to another game, or the teacher back to the console.
   */
  async leave(tell = false): Promise<void> {
    const listeners = tell ? [...this.leaveListeners] : [];
    const room = this.room;
    this.room = null;
    this.commands = null;
    this.stateListeners.clear();
    this.leaveListeners.clear();
    if (room) await room.leave(true).catch(() => undefined);
    for (const listener of listeners) listener("");
  }
}
