// This tab's membership of a class: the class room, who we are in it, and the requests we make. It keeps the rejoin
// token per class code, and when the connection is lost for good (the SDK's own reconnection gave up) it joins again
// once with that token, so a student on a sleepy laptop comes back into the same group, role and team.

import type { Client } from "@colyseus/sdk";
import { CLASS_CLOSE } from "../../shared/protocol/class-messages";
import type { ResultMessage } from "../../shared/protocol/messages";
import { type ClassRoom, classRequest, forgetClassToken, joinClass, saveClassToken } from "./class-connection";
import type { ClassStateView, MySeatView, StudentView } from "./class-state";

/** Colyseus' code for a leave the server meant (a reason comes with it): no point in trying to come back. */
const CONSENTED = 4000;


/** Waits between attempts to rejoin a class after its connection was lost (about 30 s in all). */
const REJOIN_WAITS_MS = [500, 1000, 2000, 4000, 8000, 15000];

export class ClassLink {
  private room: ClassRoom;
  private synced = false;
  private closed = false;
  private readonly stateListeners = new Set<(state: ClassStateView) => void>();
  private readonly leaveListeners = new Set<(reason: string) => void>();
  private readonly connectionListeners = new Set<(connected: boolean) => void>();

  constructor(
    private readonly client: Client,
    room: ClassRoom,
    /** The class's code, known before the first state arrives (the teacher learns it from that state). */
    private code: string,
  ) {
    this.room = room;
    this.bind(room);
  }

  get state(): ClassStateView | null {
    return this.synced && !this.closed ? this.room.state : null;
  }

  get classCode(): string {
    return this.state?.code || this.code;
  }

  /** Our own private entry (the state's `mine` holds only ours). */
  mine(): MySeatView | undefined {
    let seat: MySeatView | undefined;
    this.state?.mine.forEach((m) => {
      seat = m;
    });
    return seat;
  }

  /** Our roster entry. */
  me(): StudentView | undefined {
    const id = this.mine()?.studentId;
    return id ? this.state?.roster.get(id) : undefined;
  }

  get isTeacher(): boolean {
    return this.me()?.host ?? false;
  }

  control(payload: Record<string, unknown>): Promise<ResultMessage> {
    return classRequest(this.room, "class-control", payload);
  }

  vote(poll: string, choice: number): Promise<ResultMessage> {
    return classRequest(this.room, "vote", { poll, choice });
  }

  chooseRole(role: string, node?: string): Promise<ResultMessage> {
    return classRequest(this.room, "choose-role", node ? { role, node } : { role });
  }

  /** Resolves with the first full state (who we are in the class is known from then on). */
  ready(): Promise<ClassStateView> {
    const state = this.state;
    if (state) return Promise.resolve(state);
    return new Promise((resolve) => {
      const off = this.onState((s) => {
        off();
        resolve(s);
      });
    });
  }

  onState(listener: (state: ClassStateView) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Called once, when this tab is out of the class for good, with the reason in words. */
  onLeave(listener: (reason: string) => void): () => void {
    this.leaveListeners.add(listener);
    return () => this.leaveListeners.delete(listener);
  }

  onConnection(listener: (connected: boolean) => void): () => void {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }

  /** Leaves on purpose: a student leaves the class; the teacher ends it for everyone. */
  async leave(): Promise<void> {
    forgetClassToken(this.classCode);
    await this.room.leave(true).catch(() => undefined);
  }

  private bind(room: ClassRoom): void {
    room.onStateChange((state) => {
      if (room !== this.room) return;
      this.synced = true;
      if (state.code) this.code = state.code;
      const token = this.mine()?.rejoinToken;
      if (token) saveClassToken(this.code, token);
      for (const listener of this.stateListeners) listener(state);
    });
    room.onDrop(() => this.tellConnection(false));
    room.onReconnect(() => this.tellConnection(true));
    room.onLeave((code, reason) => {
      if (room === this.room) void this.lost(code, reason ?? "");
    });
  }

  private async lost(code: number, reason: string): Promise<void> {
    const final = code === CONSENTED || code === CLASS_CLOSE.removed || code === CLASS_CLOSE.replaced;
    if (!final && !this.closed) {
      const token = this.mine()?.rejoinToken;
      this.tellConnection(false);
      // A lost network, or a server restarting (it brings the class back from its database within seconds): try
      // again for about half a minute before giving up.
      for (const wait of token ? REJOIN_WAITS_MS : []) {
        try {
          this.room = await joinClass(this.client, this.code, { rejoin: token as string });
          this.bind(this.room);
          this.tellConnection(true);
          return;
        } catch {
          // Not back yet, or the class no longer knows us: wait and try again.
          await new Promise((resolve) => setTimeout(resolve, wait));
        }
      }
    }
    // Removed, or the class ended: the token is of no more use. Replaced: the other window keeps it. Lost otherwise:
    // the token stays, so opening the class's link again later still brings this student back to their seat.
    if (final && code !== CLASS_CLOSE.replaced) forgetClassToken(this.code);
    this.closed = true;
    const why = reason || (final ? "You left the class." : `The connection to the class was lost (code ${code}).`);
    for (const listener of [...this.leaveListeners]) listener(why);
    this.leaveListeners.clear();
    this.stateListeners.clear();
  }

  private tellConnection(connected: boolean): void {
    for (const listener of this.connectionListeners) listener(connected);
  }
}
