// Shared by the class session tests (class-*.test.ts): a teacher's class, students joining it, and their trips into
// their group's game room with the ticket the class gave them. Real server, real SDK clients (helpers.ts).

import type { Client, Room } from "@colyseus/sdk";
import type { ResultMessage } from "../../shared/protocol/messages";
import type { ClassState } from "../../server/rooms/schema/class/ClassState";
import type { GameState } from "../../server/rooms/schema/GameState";
import { LEVEL, until } from "./helpers";

export type ClassRoomClient = Room<any, ClassState>;
export type GameRoomClient = Room<any, GameState>;

export async function createClass(c: Client, extra: Record<string, unknown> = {}, name = "Ms Rivera"): Promise<ClassRoomClient> {
  const room = await c.create<ClassState>("class", { level: LEVEL, name, ...extra });
  await until(() => room.state?.code?.length === 5 && room.state.groups.length >= 1 && mine(room) !== undefined, "the class code and the first group");
  return room;
}

/** Joins as a student and waits until the class has seated them (their ticket is in). */
export async function joinClass(c: Client, code: string, name: string): Promise<ClassRoomClient> {
  const room = await c.join<ClassState>("class", { code, name });
  await until(() => (mine(room)?.ticket ?? "") !== "", `${name} to be seated`);
  return room;
}

/** The caller's own private entry (the only one their view holds). */
export function mine(room: ClassRoomClient) {
  const entries = room.state?.mine ? [...room.state.mine.values()] : [];
  return entries[0];
}

/** The caller's row in the roster. */
export function me(room: ClassRoomClient) {
  const id = mine(room)?.studentId;
  const row = id === undefined ? undefined : room.state.roster.get(id);
  if (!row) throw new Error("not in the roster");
  return row;
}

export function group(room: ClassRoomClient, id: string) {
  const g = [...room.state.groups].find((x) => x.id === id);
  if (!g) throw new Error(`no group ${id}`);
  return g;
}

/** A student's page joining the game room its class seat points to, with its ticket. */
export async function joinMyGame(c: Client, room: ClassRoomClient): Promise<GameRoomClient> {
  const seat = mine(room);
  const game = await c.join<GameState>("game", { code: seat.gameCode, ticket: seat.ticket });
  await until(() => game.state?.players?.has(game.sessionId) === true, "the game seat");
  return game;
}

/** The teacher's console joining one group's game room as its host. */
export async function watchGroup(c: Client, teacher: ClassRoomClient, groupId: string): Promise<GameRoomClient> {
  const game = await c.join<GameState>("game", { code: group(teacher, groupId).gameCode, ticket: mine(teacher).ticket });
  await until(() => game.state?.players?.has(game.sessionId) === true, "the teacher's game seat");
  return game;
}

/** Sends like the console does (plain send) and resolves with the `result` that answers it. */
export function say(room: Room<any, any>, type: string, payload: unknown): Promise<ResultMessage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no result for "${type}"`));
    }, 15_000);
    const off = room.onMessage("result", (result: ResultMessage) => {
      clearTimeout(timer);
      off();
      resolve(result);
    });
    room.send(type, payload);
  });
}

export function teach(room: ClassRoomClient, op: string, extra: Record<string, unknown> = {}): Promise<ResultMessage> {
  return say(room, "class-control", { op, ...extra });
}

/** Kills the socket the way a dropped Wi-Fi does: no Colyseus "leave", just a closed connection. */
export function dropSocket(room: { connection: { transport: unknown } }): void {
  (room.connection.transport as { ws: WebSocket }).ws.close();
}

/** Resolves with the close code and reason when the server closes the room's connection. */
export function closed(room: Room<any, any>): Promise<{ code: number; reason?: string }> {
  return new Promise((resolve) => room.onLeave((code, reason) => resolve({ code, reason })));
}

/** Leaves every room still open (one the server closed has nothing to leave: its leave() would never settle). */
export async function leaveAll(rooms: Room<any, any>[]): Promise<void> {
  await Promise.all(rooms.filter((r) => r.connection?.isOpen).map((r) => r.leave()));
}
