// The one connection to the game server: creating or joining a room through the Colyseus SDK, and sending the three
// client->server messages of docs/protocol.md with their `result` replies routed back to the control that sent them.

import { Client, type Room } from "@colyseus/sdk";
import type { ClientResultMessage, ResultMessage, SeatReply } from "../../shared/protocol/messages";
import type { GameRoom as ServerGameRoom } from "../../server/rooms/GameRoom";
import type { GameState } from "../../server/rooms/schema/GameState";
import type { GameStateView } from "./state";

export type { ClientResultMessage, ResultMessage };
/** The room, typed by the server's own schema (types only: nothing of the server reaches the bundle). */
export type GameRoom = Room<ServerGameRoom, GameState>;

// The overlay and scenes read the state through GameStateView; this fails to compile if the schema drifts from it.
const _schemaFitsView = (state: GameState): GameStateView => state;
void _schemaFitsView;

/** The server speaks on the page's own origin: `npm start` serves the built client from the Colyseus process. */
export function createClient(origin: string = window.location.origin): Client {
  return new Client(origin);
}

export async function createRoom(client: Client, level: string, name: string): Promise<GameRoom> {
  return (await client.create("game", { level, name })) as GameRoom;
}

/** Joins by code; a seat token kept from an earlier visit to this code takes back that seat (the host's included). */
export async function joinRoom(client: Client, code: string, name: string): Promise<GameRoom> {
  const rejoinToken = savedSeatToken(code);
  return (await client.join("game", { code, name, ...(rejoinToken ? { rejoinToken } : {}) })) as GameRoom;
}

const seatKey = (code: string) => `split-brain:seat:${code}`;

/** The rejoin token this browser holds for a game code ("" for none): it also opens the host's exports. */
export function savedSeatToken(code: string): string {
  return readStored(seatKey(code));
}

/**
 * Asks the room for this player's rejoin token and keeps it per game code, so that after a server restart joining
 * the same code gives the same seat back (docs/protocol.md, "Rejoining after a restart").
 */
export async function keepSeatToken(room: GameRoom, code: string): Promise<void> {
  try {
    const reply = (await room.request("seat")) as SeatReply | ResultMessage;
    if (reply.ok && "rejoinToken" in reply && code) writeStored(seatKey(code), reply.rejoinToken);
  } catch {
    // A room without seats to give back (or gone already): nothing to keep.
  }
}

/** localStorage that never throws: private windows may refuse it, and every stored thing is only a convenience. */
export function readStored(key: string): string {
  try {
    return localStorage.getItem(key) ?? "";
  } catch {
    return "";
  }
}

export function writeStored(key: string, value: string): void {
  try {
    if (value) localStorage.setItem(key, value);
    else localStorage.removeItem(key);
  } catch {
    // See readStored.
  }
}

/** A matchmaking error in words a player can act on. */
export function describeJoinError(error: unknown): string {
  const message = error instanceof Error ? error.message : typeof error === "string" ? error : "";
  if (/failed to fetch|networkerror|econnrefused/i.test(message)) return "The game server cannot be reached. Is it running?";
  return message || "The server refused to let you in, without saying why.";
}

type Pending = { messageType: string; action?: string; settle: (result: ResultMessage) => void };

/**
 * Sends messages and hands each `result` reply to the control that asked. The server answers every message in the
 * order it received them, so replies match a FIFO of pending sends per message type (and action, when named).
 */
export class Commands {
  private pending: Pending[] = [];
  private clientResultListeners = new Set<(result: ClientResultMessage) => void>();

  constructor(private readonly room: GameRoom) {
    room.onMessage("result", (result: ResultMessage) => this.settle(result));
    room.onMessage("client-result", (result: ClientResultMessage) => {
      for (const listener of this.clientResultListeners) listener(result);
    });
  }

  send(messageType: "role" | "action" | "control", payload: Record<string, unknown>): Promise<ResultMessage> {
    const action = payload.action as { type?: string } | undefined;
    return new Promise((resolve) => {
      this.pending.push({ messageType, action: action?.type ?? (payload.op as string | undefined), settle: resolve });
      this.room.send(messageType, payload);
    });
  }

  onClientResult(listener: (result: ClientResultMessage) => void): () => void {
    this.clientResultListeners.add(listener);
    return () => this.clientResultListeners.delete(listener);
  }

  private settle(result: ResultMessage): void {
    let index = this.pending.findIndex((p) => p.messageType === result.type && (!result.action || !p.action || p.action === result.action));
    if (index < 0) index = this.pending.findIndex((p) => p.messageType === result.type);
    if (index < 0) return;
    const [entry] = this.pending.splice(index, 1);
    entry?.settle(result);
  }
}
