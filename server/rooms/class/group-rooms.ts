// The class room's calls into its groups' game rooms. Every call goes through matchMaker.remoteRoomCall, which
// calls the room directly when it lives in this process and over the presence's IPC when it lives in another, so a
// class works the same on one server and on several. Arguments and results are plain JSON.

import { matchMaker } from "@colyseus/core";
import type { ControlMessage } from "../../../shared/protocol/messages";
import { RESTORE_KEY } from "../../store/recover";
import type { GameRoom } from "../GameRoom";
import { CLASS_OPTION, type ClassGameOptions, type ClassSeat } from "./class-link";
import type { GroupReport } from "./group-report";

export interface GroupRoom {
  roomId: string;
  gameCode: string;
}

/**
 * A new game room for one group: the class's level and seed, and the class's host key. `restoreCode`: bring back
 * the stored game with that code instead (a restarted server restoring its class, store/recover.ts).
 */
export async function createGroupRoom(level: string, seed: number, link: ClassGameOptions, restoreCode?: string): Promise<GroupRoom> {
  const restore = restoreCode === undefined ? {} : { [RESTORE_KEY]: restoreCode };
  const listing = await matchMaker.createRoom("game", { level, seed, name: link.hostName, [CLASS_OPTION]: link, ...restore });
  const code = (listing.metadata as { code?: unknown } | undefined)?.code;
  if (typeof code !== "string") throw new Error(`the game room ${listing.roomId} has no join code`);
  return { roomId: listing.roomId, gameCode: code };
}

/**
 * The game with this code if it is live on some process (a class whose own process restarted finds its groups'
 * games still running elsewhere), with the class's new teacher's ticket; undefined if no process has it.
 */
export async function relinkLiveGroupRoom(gameCode: string, hostKey: string): Promise<GroupRoom | undefined> {
  const [listing] = await matchMaker.query({ name: "game", code: gameCode });
  if (!listing) return undefined;
  try {
    await matchMaker.remoteRoomCall<GameRoom, "classRelink">(listing.roomId, "classRelink", [hostKey]);
  } catch {
    return undefined; // a listing its dead process left behind in the shared presence: nobody answers for it
  }
  return { roomId: listing.roomId, gameCode };
}

export async function expectStudent(room: GroupRoom, ticket: string, seat: ClassSeat): Promise<void> {
  await matchMaker.remoteRoomCall<GameRoom, "classExpect">(room.roomId, "classExpect", [ticket, seat]);
}

/** Gives a student of this group a new role; the game room's refusal, in words, if it has one. */
export async function applySeat(room: GroupRoom, studentId: string, role: string, node: string): Promise<string | undefined> {
  return matchMaker.remoteRoomCall<GameRoom, "classApplySeat">(room.roomId, "classApplySeat", [studentId, role, node]);
}

/** Grows a group's cluster to `nodes` (one large cluster, before its round starts); the refusal in words, if any. */
export async function resizeGroup(room: GroupRoom, nodes: number): Promise<string | undefined> {
  return matchMaker.remoteRoomCall<GameRoom, "classResize">(room.roomId, "classResize", [nodes]);
}

export async function unseat(room: GroupRoom, studentId: string, reason: string): Promise<void> {
  await matchMaker.remoteRoomCall<GameRoom, "classUnseat">(room.roomId, "classUnseat", [studentId, reason]);
}

export async function controlGroup(room: GroupRoom, msg: ControlMessage, by: string): Promise<string | undefined> {
  return matchMaker.remoteRoomCall<GameRoom, "classControl">(room.roomId, "classControl", [msg, by]);
}

export async function reportOf(room: GroupRoom): Promise<GroupReport> {
  return matchMaker.remoteRoomCall<GameRoom, "classReport">(room.roomId, "classReport");
}

/** Closes a group's game room: everyone in it is told why, and the room goes. A room already gone is fine. */
export async function closeGroupRoom(room: GroupRoom, reason: string): Promise<void> {
  try {
    await matchMaker.remoteRoomCall<GameRoom, "classClose">(room.roomId, "classClose", [reason]);
  } catch (e) {
    console.warn(`closing the group room ${room.roomId} (${room.gameCode}):`, e instanceof Error ? e.message : e);
  }
}
