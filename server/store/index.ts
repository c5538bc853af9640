// The embedded database: sessions, rosters, scores, poll and prediction results, and every round's inputs and
// results, kept in SQLite (node:sqlite) so that nothing needs installing and a restarted server loses nothing
// acknowledged. See README.md ("Where results are kept") for the file, backups and resets.
//
// For class sessions (server/rooms/class/): roomStore().classes — create/end/get/byCode, addToRoster/roster,
// createPoll/closePoll/vote/polls, addScore/scores (classes.ts documents each).

export { setRoomStore, roomStore } from "./current";
export type { AuthoredLevelsTable } from "./authored-levels";
export type { ClassSession, Poll, RosterEntry, ScoreTotal } from "./classes";
export { mountExports } from "./http";
export { type JournalEntry, replayJournal } from "../../shared/levels/journal";
export { playReplay, type ReplayFile, ROOM_CHAOS } from "./journal";
export { hashToken, newRejoinToken, RejoinDesk } from "./rejoin";
export { holdForReturn, RESTORE_CLASS_KEY, RESTORE_HOLD_SECONDS, RESTORE_KEY, recoverRooms } from "./recover";
export { roundResult, type RoundResult } from "./results";
export { RoomRecord, type StoredGame } from "./room-record";
export type { StoredPhase } from "./rooms";
export { DEFAULT_DATABASE, openStore, type Store } from "./store";
