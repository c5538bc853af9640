// Creating and joining a class room, joining a group's game by the class's ticket, and keeping the class's rejoin
// token per class code so a reload (or a connection lost for good) comes back as the same student.

import type { Client, Room } from "@colyseus/sdk";
import type { ClassMode } from "../../shared/protocol/class-messages";
import type { ResultMessage } from "../../shared/protocol/messages";
import type { ClassRoom as ServerClassRoom } from "../../server/rooms/class/ClassRoom";
import type { ClassState } from "../../server/rooms/schema/class/ClassState";
import type { ClassStateView } from "./class-state";
import { type GameRoom, readStored, writeStored } from "./connection";

export type ClassRoom = Room<ServerClassRoom, ClassState>;

// The screens read the state through ClassStateView; this fails to compile if the schema drifts from it.
const _schemaFitsView = (state: ClassState): ClassStateView => state;
void _schemaFitsView;

export interface NewClass {
  level: string;
  name: string;
  mode: ClassMode;
  groupSize: number;
}

/**
 * How many times the SDK retries a dropped class connection on its own (about 11 s with its backoff) before the
 * class link rejoins with the rejoin token (class-link.ts). The SDK's retries resume the same session, which a
 * short network drop needs; after a server restart they can never succeed (the room is a new one), and its default
 * of 15 would leave the page "reconnecting" for a minute.
 */
const SDK_RETRIES = 6;

export async function createClass(client: Client, options: NewClass): Promise<ClassRoom> {
  return withRetries((await client.create("class", { ...options })) as ClassRoom);
}

/** A student's first join (with a name), or a return (with the rejoin token the class gave them). */
export async function joinClass(client: Client, code: string, who: { name: string } | { rejoin: string }): Promise<ClassRoom> {
  return withRetries((await client.join("class", { code, ...who })) as ClassRoom);
}

function withRetries(room: ClassRoom): ClassRoom {
  room.reconnection.maxRetries = SDK_RETRIES;
  return room;
}

/** The seat the class decided for this member, in their group's game (the teacher's ticket: host of every group). */
export async function joinByTicket(client: Client, gameCode: string, ticket: string): Promise<GameRoom> {
  return (await client.join("game", { code: gameCode, ticket })) as GameRoom;
}

/** Every class message is a request: its reply says whether it was done, or why not. */
export async function classRequest(room: ClassRoom, type: "class-control" | "vote" | "choose-role", payload: Record<string, unknown>): Promise<ResultMessage> {
  try {
    return (await room.request(type, payload)) as ResultMessage;
  } catch (error) {
    return { type, ok: false, error: `No answer from the server (${error instanceof Error ? error.message : String(error)}).` };
  }
}

const tokenKey = (code: string) => `split-brain:class:${code}`;

export function savedClassToken(code: string): string {
  return readStored(tokenKey(code));
}

export function saveClassToken(code: string, token: string): void {
  writeStored(tokenKey(code), token);
}

export function forgetClassToken(code: string): void {
  writeStored(tokenKey(code), "");
}
